"""Stage 2: find event mentions in articles with spaCy and the seeds/ trigger lexicon."""
