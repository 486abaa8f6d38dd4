"""The place_key SQL macro: stored in the warehouse file, callable from a plain DuckDB client, and folding
spellings exactly as the Python name_key does."""

from __future__ import annotations

import duckdb
import polars as pl
import pytest

from pipeline.places.names import name_key
from pipeline.warehouse.storage import SQL_DIR, create_macros

SPELLINGS = [
    "Al Hasakeh", "al-Hasakah", "Hasaka", "Deir-ez-Zor", "Dayr az Zawr", "Ţarābulus", "Extrême-Nord", "Dar'a",
    "Daraa", "Idleb", "Sa'dah", "Qamishli", "Kiev City", "Łódź", "Straße", "Rif Dimashq", "Shabeellaha Hoose",
    "Al Ḩudaydah", "Bayrūt", "the Hague", "Al", "Kafr Nabudah", "Ash-Sham", "São Paulo", "Côte-d'Ivoire",
    "Ouagadougou", "Thiès", "Mazar-e Sharif", "N'Djamena", "Kasaï-Oriental", "Bouclé du Mouhoun", "",
]


@pytest.fixture(scope="module")
def connection():
    with duckdb.connect() as connection:
        connection.execute((SQL_DIR / "macros" / "place_key.sql").read_text(encoding="utf-8"))
        yield connection


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_macro_agrees_with_name_key(connection, spelling):
    assert connection.execute("SELECT place_key(?)", [spelling]).fetchone()[0] == name_key(spelling)


def test_macro_keeps_null(connection):
    assert connection.execute("SELECT place_key(NULL)").fetchone()[0] is None


def test_plain_client_on_the_warehouse_file_can_call_place_key(tmp_path):
    staged = tmp_path / "events.parquet"
    pl.DataFrame({"admin1": ["Al-Hasakah", "Aleppo", "Idleb"]}).write_parquet(staged)
    database = tmp_path / "conflict.duckdb"
    with duckdb.connect(str(database)) as writer:  # what build_database does first, then the tables
        create_macros(writer)
        writer.execute(f"CREATE TABLE events AS SELECT * FROM read_parquet('{staged}')")
    with duckdb.connect(str(database), read_only=True) as plain:
        rows = plain.execute("SELECT admin1 FROM events WHERE place_key(admin1) = place_key('Al Hasakeh')").fetchall()
    assert rows == [("Al-Hasakah",)]
