"""`conflict-events gazetteer add FILE`: GeoNames dumps extend the index with villages."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from pipeline.cli import main
from pipeline.places import gazetteer as gazetteer_module
from pipeline.places.geonames import GeoNamesFormatError, import_dump


def geonames_line(gid, name, lat, lon, feature_class, country, admin1, admin2="", population=0, alternates=""):
    cols = [str(gid), name, name, alternates, str(lat), str(lon), feature_class, "PPL" if feature_class == "P" else
            "STM", country, "", admin1, admin2, "", "", str(population), "", "300", "Africa/Ouagadougou", "2024-01-01"]
    return "\t".join(cols) + "\n"


@pytest.fixture
def dump(tmp_path):
    path = tmp_path / "BF.txt"
    path.write_text(
        geonames_line(90000001, "Zabretenga", 13.91, -1.31, "P", "BF", "12", alternates="Zabre Tenga,Zabrétenga")
        + geonames_line(90000002, "Koulpelogo Stream", 11.5, 0.1, "H", "BF", "04")
        + geonames_line(90000003, "Nabitenga", 12.1, -1.5, "P", "BF", "", population=812),
        encoding="utf-8")
    return path


def test_import_keeps_populated_places_with_qualified_admin_codes(dump, tmp_path):
    assert import_dump(dump, tmp_path / "cache") == 2
    rows = pq.read_table(tmp_path / "cache" / "imports" / "BF.parquet").to_pylist()
    assert [r["name"] for r in rows] == ["Zabretenga", "Nabitenga"]
    assert rows[0]["admin1_code"] == "BF.12" and rows[0]["alternatenames"] == ["Zabre Tenga", "Zabrétenga"]
    assert rows[1]["admin1_code"] == "" and rows[1]["population"] == 812


def test_imported_places_join_the_index_under_their_unit(dump, tmp_path):
    import_dump(dump, tmp_path)
    builder = gazetteer_module._Builder()
    country = builder.add_place(place_id="country:BF", name="Burkina Faso", kind="country", country="Burkina Faso",
                                iso=854, iso2="BF")
    sahel = builder.add_place(place_id="adm1:1", name="Sahel", kind="admin1", country="Burkina Faso", iso=854,
                              iso2="BF", admin1="Sahel", admin1_id="adm1:1")
    gazetteer_module.add_imported_places(builder, tmp_path / "imports", {"BF.12": sahel})
    tables = builder.tables()
    places = tables["places"].to_pylist()
    village = next(p for p in places if p["name"] == "Zabretenga")
    assert (village["country"], village["admin1"], village["latitude"]) == ("Burkina Faso", "Sahel", 13.91)
    assert "zabretenga" in tables["names_by_key"]["key"].to_pylist()
    assert country == 0


def test_import_changes_the_index_fingerprint(dump, tmp_path, overrides_csv):
    before = gazetteer_module.input_fingerprint(overrides_csv, tmp_path)
    import_dump(dump, tmp_path)
    assert gazetteer_module.input_fingerprint(overrides_csv, tmp_path) != before


def test_a_file_in_another_format_is_refused(tmp_path):
    bad = tmp_path / "places.csv"
    bad.write_text("name,lat,lon\nOuaga,12.3,-1.5\n", encoding="utf-8")
    with pytest.raises(GeoNamesFormatError):
        import_dump(bad, tmp_path / "cache")
    assert main(["gazetteer", "add", str(bad)]) == 2
    assert main(["gazetteer", "add", str(tmp_path / "missing.txt")]) == 2
