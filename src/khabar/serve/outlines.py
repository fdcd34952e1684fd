"""Country outlines for the dashboard's map: Natural Earth's admin-0 countries (public domain), as
tools/map_outlines.py wrote them into data/outlines.json (see data/SOURCE.md). Read once; drawn as
SVG paths in the map's own projection, so that the event points lie on them."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from khabar.resources import Resources, data_path
from khabar.serve.topojson import Point, Ring, contains, thin

# The map's frame as (west, south, east, north) in degrees, and its projection from (lon, lat) to (x, y).
Box = tuple[float, float, float, float]
Project = Callable[[float, float], tuple[float, float]]


@dataclass(frozen=True, slots=True)
class Outline:
    iso3: str
    name: str
    rings: tuple[Ring, ...]  # outer rings and holes together: drawn and tested by the even-odd rule
    boxes: tuple[Box, ...]  # each ring's
    box: Box

    def contains(self, point: Point) -> bool:
        """Whether (lon, lat) lies inside the country as drawn."""
        west, south, east, north = self.box
        return west <= point[0] <= east and south <= point[1] <= north and contains(list(self.rings), point)

    def path(self, project: Project, frame: Box, *, tolerance: float = 0.75) -> str:
        """SVG path data of the rings meeting `frame` (a hole lies in its outer ring's box, so the two
        are drawn together), each thinned to `tolerance` px, so that a whole-world view costs no more
        than its pixels show. Rings of a few pixels are left out, but a small state (Bahrain at world
        scale) keeps its largest, whole, so that its events have land under them."""
        parts: list[str] = []
        specks: list[tuple[float, Ring]] = []
        for ring, box in zip(self.rings, self.boxes, strict=True):
            if not _meets(box, frame):
                continue
            west, south = project(box[0], box[1])
            east, north = project(box[2], box[3])
            if east - west + south - north < 4 * tolerance:
                specks.append((east - west + south - north, ring))
                continue
            kept = thin([project(lon, lat) for lon, lat in ring] + [project(*ring[0])], tolerance)[:-1]
            if len(kept) >= 3:
                parts.append(_ring_path(kept))
        if not parts and specks:
            parts.append(_ring_path([project(lon, lat) for lon, lat in max(specks)[1]]))
        return "".join(parts)


def _ring_path(points: list[tuple[float, float]]) -> str:
    return "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z"


def load_outlines() -> dict[str, Outline]:
    """Outlines by ISO3 code (read once, by the process's Resources)."""
    return Resources.default().get(outline_table)


def outline_table(resources: Resources) -> dict[str, Outline]:
    """The resource: every country's outline, rings as (lon, lat) points, with its bounding box."""
    table = json.loads(data_path("khabar.serve", "data/outlines.json").read_text(encoding="utf-8"))
    outlines = {}
    for code, entry in table["countries"].items():
        rings = tuple(list(zip(flat[::2], flat[1::2], strict=True)) for polygon in entry["polygons"]
                      for flat in polygon)
        boxes = tuple(_box(ring) for ring in rings)
        whole = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
        outlines[code] = Outline(code, entry["name"], rings, boxes, whole)
    return outlines


def _box(ring: Ring) -> Box:
    lons, lats = [lon for lon, _ in ring], [lat for _, lat in ring]
    return min(lons), min(lats), max(lons), max(lats)


def _meets(box: Box, frame: Box) -> bool:
    return box[0] <= frame[2] and box[2] >= frame[0] and box[1] <= frame[3] and box[3] >= frame[1]


def overlapping(outlines: dict[str, Outline], frame: Box) -> list[Outline]:
    """The outlines with a ring whose bounding box meets `frame`, in code order."""
    return [o for _, o in sorted(outlines.items()) if _meets(o.box, frame) and any(_meets(b, frame) for b in o.boxes)]
