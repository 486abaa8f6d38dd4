"""English exonyms for admin unit names: of a unit's one-word names, the one English text uses clearly more often,
by wordfreq's English word frequencies ("Moskva" → "Moscow", "Bayrut" → "Beirut", "Wien" → "Vienna"), as ACLED
writes admin1 names. The alternate names of a namesake city are not used: English words among them ("Sumo" for
Sumy, "Tunes" for Tunis) cannot be told from exonyms by frequency."""
from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz

MIN_ZIPF_GAIN = 0.3  # Zipf points a spelling must lead the current one by to replace it
MIN_SIMILARITY = 50  # rapidfuzz ratio between the lower-cased spellings ("Moskva" ~ "Moscow"): a variant
POSITION_WORDS = frozenset({"north", "south", "east", "west", "central", "northern", "southern", "eastern",
                            "western", "upper", "lower", "middle"})  # "Eastern" is a name, not "East" misspelt
MIN_WORD_LENGTH = 4  # shorter words ("Al", "Bay") are kept as written


def _is_name(variant: str) -> bool:
    """A one-word proper name: ASCII letters, capitalised, not an all-caps code ("KBP")."""
    return variant.isascii() and variant.isalpha() and variant[:1].isupper() and variant[1:].islower()


def english_spelling(name: str, aliases: Iterable[str]) -> str:
    """A one-word unit name, or the one-word alias of the unit, close in spelling and with the same initial (not
    "Santander" for Cantabria), that English text uses at least MIN_ZIPF_GAIN Zipf points more. Names of several
    words are kept as written."""
    if len(name) < MIN_WORD_LENGTH or not _is_name(name) or name.lower() in POSITION_WORDS:
        return name
    from wordfreq import zipf_frequency  # only gazetteer builds spell names: every other run skips its import

    best, best_score = name, zipf_frequency(name, "en") + MIN_ZIPF_GAIN
    for alias in aliases:
        if (_is_name(alias) and len(alias) >= MIN_WORD_LENGTH and alias[0] == name[0]
                and alias.lower() not in POSITION_WORDS
                and fuzz.ratio(alias.lower(), name.lower()) >= MIN_SIMILARITY
                and (score := zipf_frequency(alias, "en")) > best_score):
            best, best_score = alias, score
    return best
