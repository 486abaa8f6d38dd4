"""Language routing: each article is read with the resources of its language — its spaCy model (a setting, loaded
on first use only), its trigger lexicon, fatality vocabulary and date finder (seeds/, or seeds/languages/<code>/).

English reads the top-level seeds; another language reads seeds/languages/<code>/ (triggers.yaml, whose taxonomy
is English's; fatality_terms.yaml; dates.yaml). The codebook rules, the gazetteer and the actor dictionary are
shared: every language codes into ACLED's English taxonomy and names.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from spacy.language import Language

from pipeline.extract.language_model import load_language_model
from pipeline.extract.lexicon import TriggerLexicon
from pipeline.normalize.dates import DateRules, find_date_expressions
from pipeline.normalize.fatalities import FatalityTerms, load_terms
from pipeline.records import ResolvedDate

ENGLISH = "en"
LANGUAGES_FOLDER = "languages"

DateFinder = Callable[[str, "date | None", DateRules], list[ResolvedDate]]


def unread_summary(unread: Mapping[str | None, int]) -> str:
    """Articles not read for want of a reader of their language, e.g. "de 3, es 1" ("none" when there are none)."""
    return ", ".join(f"{language or 'unknown'} {count}" for language, count in sorted(
        unread.items(), key=lambda item: (-item[1], str(item[0])))) or "none"


def language_seeds(seeds: Path, language: str) -> Path:
    """The folder of a language's own seed files (English: the seeds folder itself)."""
    return Path(seeds) if language == ENGLISH else Path(seeds) / LANGUAGES_FOLDER / language


def _date_finder(seeds: Path, language: str) -> DateFinder:
    if language == ENGLISH:
        return find_date_expressions
    from pipeline.normalize.relative_dates import RelativeDateFinder

    return RelativeDateFinder.load(language_seeds(seeds, language))


@dataclass
class LanguageReader:
    """What articles of one language are read with; the model is loaded when the first such article comes."""

    language: str
    model_name: str
    lexicon: TriggerLexicon
    fatality_terms: FatalityTerms
    find_dates: DateFinder
    prefilter: bool  # its sentences may be blanked before parsing (English only: the scan reads no lemmas)
    _nlp: Language | None = field(default=None, repr=False)

    @classmethod
    def load(cls, seeds: Path, language: str, model_name: str) -> LanguageReader:
        own = language_seeds(seeds, language)
        if not own.is_dir():
            raise FileNotFoundError(f"no seed folder {own} for language {language!r}")
        return cls(language, model_name,
                   TriggerLexicon.load(own / "triggers.yaml", taxonomy_from=Path(seeds) / "triggers.yaml"),
                   load_terms(own), _date_finder(seeds, language), prefilter=language == ENGLISH)

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = load_language_model(self.model_name)
        return self._nlp

    @property
    def loaded(self) -> bool:
        return self._nlp is not None
