"""Import a GeoNames dump (a country file such as BF.txt, cities1000.txt, allCountries.txt) into the gazetteer.

GeoNames' tab-separated columns: geonameid, name, asciiname, alternatenames, latitude, longitude, feature class,
feature code, country code, cc2, admin1 code, admin2 code, admin3 code, admin4 code, population, elevation, dem,
timezone, modification date. Populated places (feature class P) are kept, stored as Parquet in the cache's
imports folder, and merged into the index at its next build (which their presence triggers).
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.places.gazetteer import imports_dir

COLUMNS = 19
POPULATED_PLACE = "P"
SCHEMA = pa.schema([
    ("geonameid", pa.int64()), ("name", pa.string()), ("asciiname", pa.string()),
    ("alternatenames", pa.list_(pa.string())), ("latitude", pa.float64()), ("longitude", pa.float64()),
    ("feature_code", pa.string()), ("country_code", pa.string()), ("admin1_code", pa.string()),
    ("admin2_code", pa.string()), ("population", pa.int64()),
])
BATCH_ROWS = 200_000


class GeoNamesFormatError(ValueError):
    """A file that is not in GeoNames' tab-separated dump format."""


def _places(path: Path) -> Iterator[dict]:
    """Populated places of a dump, with admin codes qualified as GeoNames writes unit codes ("BF.01")."""
    with path.open(encoding="utf-8", newline="") as handle:
        for number, cols in enumerate(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE), start=1):
            if len(cols) != COLUMNS or not cols[0].isdigit():
                raise GeoNamesFormatError(f"{path}:{number}: expected {COLUMNS} tab-separated GeoNames columns "
                                          f"starting with a numeric geonameid, got {len(cols)}")
            if cols[6] != POPULATED_PLACE:
                continue
            country, admin1, admin2 = cols[8], cols[10], cols[11]
            yield {
                "geonameid": int(cols[0]), "name": cols[1], "asciiname": cols[2],
                "alternatenames": [name for name in cols[3].split(",") if name],
                "latitude": float(cols[4]), "longitude": float(cols[5]), "feature_code": cols[7],
                "country_code": country,
                "admin1_code": f"{country}.{admin1}" if admin1 else "",
                "admin2_code": f"{country}.{admin1}.{admin2}" if admin1 and admin2 else "",
                "population": int(cols[14] or 0),
            }


def import_dump(dump: Path, cache_dir: Path) -> int:
    """Store the populated places of a GeoNames dump in the cache's imports folder (replacing an earlier import
    of a file with the same name); returns how many were stored. The index rebuilds on its next load."""
    dump = Path(dump)
    folder = imports_dir(cache_dir)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{dump.stem}.parquet"
    temporary = folder / f".{dump.stem}.parquet.tmp"
    count, batch = 0, []
    with pq.ParquetWriter(temporary, SCHEMA, compression="zstd") as writer:
        for place in _places(dump):
            batch.append(place)
            if len(batch) == BATCH_ROWS:
                writer.write_table(pa.Table.from_pylist(batch, schema=SCHEMA))
                count, batch = count + len(batch), []
        writer.write_table(pa.Table.from_pylist(batch, schema=SCHEMA))
    os.replace(temporary, target)
    return count + len(batch)
