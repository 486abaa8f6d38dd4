"""Name normalisation shared by the gazetteer index and the text matcher."""

from __future__ import annotations

import re

from unidecode import unidecode

# Arabic/Persian/Turkic articles and their transliterations ("al-", "el-", "ad-", "ez-" ...).
ARTICLES = frozenset([
    "al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "adh", "ath", "ed", "er", "es", "ez", "et", "en", "ul",
    "ud", "ur", "us", "the"
])
# Words naming the kind of an administrative unit, dropped to get its bare name.
UNIT_WORDS = frozenset([
    "governorate", "governorates", "province", "provinces", "region", "oblast", "district", "districts", "state",
    "department", "county", "municipality", "prefecture", "rayon", "raion", "division", "muhafazah", "wilayah",
    "wilayat", "velayat", "mintaqat", "kabupaten", "kota", "regency", "territory", "parish", "commune", "canton",
    "emirate", "okrug", "krai", "kray", "municipio", "departamento", "provincia", "estado", "distrito"
])
_APOSTROPHE_CHARS = "'`´’‘ʿʾʼ"
_APOSTROPHES = re.compile(f"[{_APOSTROPHE_CHARS}]")
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—]+")  # spaces (no-break too) and every hyphen or dash
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DOUBLES = re.compile(r"([a-z])\1+")
_FINAL_VOWEL_H = re.compile(r"(?<=[aeiou])h$")
_SKELETON_DROP = re.compile(r"[aeiouyhw]")


def tokens(text: str) -> list[str]:
    """Lower-case ASCII word tokens of a name (diacritics and apostrophes removed)."""
    ascii_text = _APOSTROPHES.sub("", unidecode(text).replace("@", "a").lower())
    return [tok for tok in _NON_ALNUM.split(ascii_text) if tok]


def written_pattern(name: str) -> str:
    """A regex for a name as written in running text, case aside: any apostrophe (or none) where it has one, any
    hyphen, dash or space where it has one ("N'Djamena" finds "N’Djamena", "al-Shabaab" finds "al‑Shabaab" and
    "al Shabaab"); whole words only."""
    parts = []
    for piece in re.split(f"({_SEPARATORS.pattern}|{_APOSTROPHES.pattern})", name.strip()):
        if _SEPARATORS.fullmatch(piece):
            parts.append(_SEPARATORS.pattern)
        elif _APOSTROPHES.fullmatch(piece):
            parts.append(f"{_APOSTROPHES.pattern}?")
        elif piece:
            parts.append(re.escape(piece))
    return rf"(?<!\w){''.join(parts)}(?!\w)"


def _fold(token: str) -> str:
    """Fold common transliteration variants inside one token (Hasakeh/Hasakah/Hassaka -> hasaka)."""
    token = _DOUBLES.sub(r"\1", token)
    token = _FINAL_VOWEL_H.sub("", token)
    if len(token) > 3 and token.endswith("e"):
        token = token[:-1] + "a"
    return token.replace("ou", "u").replace("ee", "i").replace("q", "k")


def name_key(text: str) -> str:
    """Match key: articles and separators dropped, transliteration folded ("Al-Hasakeh" == "Hasakah")."""
    toks = tokens(text)
    if len(toks) > 1:
        toks = [tok for tok in toks if tok not in ARTICLES] or toks
    return "".join(_fold(tok) for tok in toks)


def spelling_key(text: str) -> str:
    """A name as written, unit words, articles, case, accents and separators aside, with no transliteration folding:
    "Samarra" and "Sāmarrā’" share one, "Samara" has another (their match keys are equal)."""
    toks = tokens(strip_unit_words(text))
    if len(toks) > 1:
        toks = [tok for tok in toks if tok not in ARTICLES] or toks
    return "".join(toks)


def skeleton_key(text: str) -> str:
    """Looser consonant skeleton of the match key ("Deir ez-Zor" == "Dayr az Zawr" == "drzr")."""
    key = name_key(text)
    if not key:
        return ""
    return key[0] + _SKELETON_DROP.sub("", key[1:])


def strip_unit_words(text: str) -> str:
    """The bare name of an administrative unit ("Al-Hasakah Governorate" -> "Al-Hasakah")."""
    words = text.split()
    while words and words[0].lower() in UNIT_WORDS:
        words.pop(0)
        if words and words[0].lower() in {"of", "de", "del", "do", "da", "di"}:
            words.pop(0)
    while words and words[-1].lower().strip(".,") in UNIT_WORDS:
        words.pop()
    return " ".join(words) or text
