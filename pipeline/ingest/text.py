"""Decoding raw bytes and normalizing article text."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import pickle
import re
import unicodedata
from importlib import metadata
from pathlib import Path

import ftfy
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

from pipeline.atomic import write_bytes_atomic
from pipeline.settings_file import default_warehouse

LEGACY_ENCODING = "cp1252"
MAX_LEGACY_NON_ASCII_SHARE = 0.3  # above this, non-UTF-8 bytes look like binary, not Western text
MAX_CONTROL_CHAR_SHARE = 0.01
MIN_LANGUAGE_ID_CHARS = 50
LANGUAGE_ID_SAMPLE_CHARS = 1000
MIN_LANGUAGE_PROBABILITY = 0.5

_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_NON_ASCII_RUN = re.compile(rb"[\x80-\xff]{3,}")  # Western legacy text has accents, not runs of them
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_LONE_SURROGATES = re.compile("[\ud800-\udfff]")
_ESCAPED_BYTES = re.compile("[\udc80-\udcff]")  # what errors="surrogateescape" makes of non-UTF-8 bytes


class UndecodableError(ValueError):
    """Bytes that are neither UTF-8 nor clearly a legacy encoding (the message is the reason)."""


def decode_bytes(data: bytes) -> str:
    """Decode UTF-8 (BOM optional), UTF-16 with a BOM, or clearly-Western cp1252 text; raise otherwise."""
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise UndecodableError(f"invalid UTF-16 at byte {error.start}") from None
    if b"\x00" in data:
        raise UndecodableError("binary content (NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        text = _decode_legacy(data, error)
    if len(_CONTROL_CHARS.findall(text)) > MAX_CONTROL_CHAR_SHARE * len(text):
        raise UndecodableError("binary content (control characters)")
    return text


def _decode_legacy(data: bytes, utf8_error: UnicodeDecodeError) -> str:
    """cp1252 fallback, accepted only for mostly-ASCII bytes with isolated accents that decode cleanly."""
    reason = f"invalid UTF-8 at byte {utf8_error.start} and not a recognisable legacy encoding"
    non_ascii = sum(byte >= 0x80 for byte in data)
    if non_ascii > MAX_LEGACY_NON_ASCII_SHARE * len(data) or _NON_ASCII_RUN.search(data):
        raise UndecodableError(reason)
    try:
        return data.decode(LEGACY_ENCODING)
    except UnicodeDecodeError:
        raise UndecodableError(reason) from None


def repair_escaped_bytes(text: str) -> str:
    """Re-decode text holding surrogate escapes of non-UTF-8 bytes (errors="surrogateescape")."""
    if not _ESCAPED_BYTES.search(text):
        return text
    return decode_bytes(text.encode("utf-8", "surrogateescape"))


def normalize_text(text: str) -> str:
    """Repair mojibake, NFC-normalize, collapse whitespace within paragraphs and keep blank-line breaks."""
    repaired = unicodedata.normalize("NFC", _LONE_SURROGATES.sub("\ufffd", ftfy.fix_text(text)))
    repaired = repaired.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = (" ".join(paragraph.split()) for paragraph in _PARAGRAPH_BREAK.split(repaired))
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def content_hash(normalized_text: str) -> str:
    """sha256 hex digest of normalized text."""
    return hashlib.sha256(normalized_text.encode("utf-8")).hexdigest()


def language_identifier_cache() -> Path:
    """Where the ready identifier is kept (warehouse/cache/langid of the current directory, beside the default
    gazetteer index), named after py3langid's version and its model file: unpickling it takes a third of the time
    of decompressing and converting the packaged model."""
    model = MODEL_DIR / MODEL_FILE
    stamp = f"{metadata.version('py3langid')}-{model.stat().st_size}-{model.stat().st_mtime_ns}"
    return default_warehouse() / "cache" / "langid" / f"identifier-{stamp}.pickle"


@functools.cache
def _language_identifier() -> LanguageIdentifier:
    """py3langid restricted to languages with an ISO 639-1 code (its model also has 'pcm', 'yue', ...); read from
    the cache this process or an earlier one wrote, else built from the packaged model and cached."""
    cached = language_identifier_cache()
    if cached.is_file():
        return pickle.loads(cached.read_bytes())
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(sorted({code for code in identifier.nb_classes if len(code) == 2}))
    with contextlib.suppress(OSError):  # a read-only folder: identify without a cache
        write_bytes_atomic(cached, pickle.dumps(identifier, protocol=pickle.HIGHEST_PROTOCOL))
    return identifier


def detect_language(text: str) -> str | None:
    """ISO 639-1 code from py3langid, or None when the text is too short or the guess unsure."""
    if len(text) < MIN_LANGUAGE_ID_CHARS:
        return None
    language, probability = _language_identifier().classify(text[:LANGUAGE_ID_SAMPLE_CHARS])
    return language if probability >= MIN_LANGUAGE_PROBABILITY else None
