"""Text access shared by the stages: sentences before the parse, and phrase lookups with spaCy's PhraseMatcher."""
