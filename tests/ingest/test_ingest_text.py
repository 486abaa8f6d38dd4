"""Decoding, cleaning, hashing and language identification of article text."""

from __future__ import annotations

import unicodedata

import pytest

from pipeline.ingest import text as ingest_text
from pipeline.ingest.text import UndecodableError, content_hash, decode_bytes, detect_language, normalize_text


def test_normalize_repairs_mojibake_and_keeps_paragraphs():
    raw = "  Rebels  seized\tthe town.\r\nOfficials donâ€™t agree.\r\n\r\n\r\n  Second\u00a0paragraph here.  \n \n"
    assert normalize_text(raw) == "Rebels seized the town. Officials don't agree.\n\nSecond paragraph here."


def test_normalize_composes_unicode_and_drops_lone_surrogates():
    decomposed = unicodedata.normalize("NFD", "Café in Zürich")
    assert normalize_text(decomposed) == "Café in Zürich"
    assert normalize_text("bad \ud800 char") == "bad \ufffd char"


def test_normalize_empty_and_whitespace():
    assert normalize_text("") == ""
    assert normalize_text(" \n\n \t ") == ""


def test_content_hash_is_sha256_of_normalized_text():
    assert content_hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("Clashes in Zürich".encode(), "Clashes in Zürich"),
        (b"\xef\xbb\xbfWith BOM", "With BOM"),
        ("Le café est fermé".encode("cp1252"), "Le café est fermé"),  # legacy fallback
        ("UTF-16 text".encode("utf-16"), "UTF-16 text"),
    ],
)
def test_decode_bytes(data, text):
    assert decode_bytes(data) == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"abc\x00def", "binary content"),
        (bytes(range(0x80, 0x100)), "invalid UTF-8"),  # mostly non-ASCII: not Western text
        (b"text \x81\x8d\x8f", "invalid UTF-8"),  # bytes undefined in cp1252
        (b"\x01\x02\x03\x04\x05 some words", "binary content"),
    ],
)
def test_decode_bytes_rejects_binary_and_unknown_encodings(data, reason):
    with pytest.raises(UndecodableError, match=reason):
        decode_bytes(data)


def test_detect_language_needs_enough_text():
    assert detect_language("Fighting resumed on Sunday in the north of the country, local sources said.") == "en"
    assert detect_language("Les combats ont repris dimanche dans le nord du pays, selon des sources locales.") == "fr"
    assert detect_language("Kämpfe im Norden des Landes gingen am Sonntag weiter, berichteten Quellen.") == "de"
    assert detect_language("Short text.") is None


def test_language_identifier_is_cached_and_reads_alike_from_the_cache(tmp_path, monkeypatch):
    texts = ["Fighting resumed on Sunday in the north of the country, local sources said.",
             "Les combats ont repris dimanche dans le nord du pays, selon des sources locales.",
             "Kämpfe im Norden des Landes gingen am Sonntag weiter, berichteten Quellen."]
    monkeypatch.chdir(tmp_path)  # the cache goes to warehouse/cache/langid of the current directory
    ingest_text._language_identifier.cache_clear()
    try:
        built = [detect_language(text) for text in texts]
        cached = ingest_text.language_identifier_cache()
        assert cached.is_file() and cached.is_relative_to(tmp_path / "warehouse" / "cache" / "langid")
        ingest_text._language_identifier.cache_clear()
        assert [detect_language(text) for text in texts] == built == ["en", "fr", "de"]
    finally:
        ingest_text._language_identifier.cache_clear()
