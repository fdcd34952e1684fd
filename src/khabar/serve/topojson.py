"""Reading a TopoJSON topology (the format of Natural Earth's outlines in the world-atlas package) into
plain polygons, and thinning them, for tools/map_outlines.py. Pure Python: the dashboard never runs
this, it reads the table the tool wrote (serve/data/outlines.json).

A topology stores each border once, as an "arc" (a line of points, delta-encoded and quantised when
the topology has a transform); a polygon's ring is a list of arc numbers, ~n meaning arc n reversed.
Thinning the arcs (not the rings) keeps a border shared by two countries the same line in both."""

from __future__ import annotations

import math
from typing import Any

Point = tuple[float, float]  # (longitude, latitude) in degrees
Ring = list[Point]
Polygon = list[Ring]  # the outer ring, then its holes


def decode_arcs(topology: dict[str, Any]) -> list[Ring]:
    """Every arc of `topology` as absolute (lon, lat) points."""
    transform = topology.get("transform")
    arcs: list[Ring] = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy in (p[:2] for p in arc):  # quantised: each position is the sum of the deltas so far
                x, y = x + dx, y + dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(float(p[0]), float(p[1])) for p in arc]
        arcs.append(points)
    return arcs


def ring(arc_numbers: list[int], arcs: list[Ring]) -> Ring:
    """The closed ring joining the given arcs; each arc starts where the one before it ends, so that
    shared point is kept once."""
    points: Ring = []
    for number in arc_numbers:
        line = arcs[number] if number >= 0 else arcs[~number][::-1]
        points.extend(line if not points else line[1:])
    return points


def polygons(geometry: dict[str, Any], arcs: list[Ring]) -> list[Polygon]:
    """A Polygon or MultiPolygon geometry as a list of polygons; other geometry types have none."""
    if geometry.get("type") == "Polygon":
        return [[ring(r, arcs) for r in geometry["arcs"]]]
    if geometry.get("type") == "MultiPolygon":
        return [[ring(r, arcs) for r in polygon] for polygon in geometry["arcs"]]
    return []


def _distance(p: Point, a: Point, b: Point) -> float:
    """From p to the segment a-b (to a when a == b), in the plane of degrees."""
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def thin(line: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker: the fewest points of `line`, ends kept, such that no dropped point lies further
    than `tolerance` from the thinned line."""
    if len(line) < 3:
        return list(line)
    keep = [False] * len(line)
    keep[0] = keep[-1] = True
    stack = [(0, len(line) - 1)]
    while stack:
        first, last = stack.pop()
        far, at = -1.0, -1
        for i in range(first + 1, last):
            d = _distance(line[i], line[first], line[last])
            if d > far:
                far, at = d, i
        if at >= 0 and far > tolerance:
            keep[at] = True
            stack += [(first, at), (at, last)]
    return [p for p, kept in zip(line, keep, strict=True) if kept]


def area(points: Ring) -> float:
    """The ring's area in square degrees (shoelace; positive whichever way it runs)."""
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True))) / 2


def contains(rings: list[Ring], point: Point) -> bool:
    """Whether `point` is inside by the even-odd rule over all `rings` (so holes are outside)."""
    x, y = point
    inside = False
    for points in rings:
        for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def distance_to(rings: list[Ring], point: Point) -> float:
    """From `point` to the nearest edge of any ring, in degrees (of the plane, not the sphere)."""
    return min((_distance(point, a, b) for points in rings for a, b in zip(points, points[1:] + points[:1], strict=True)),
               default=math.inf)


def split_at_antimeridian(points: Ring) -> list[Ring]:
    """A ring crossing longitude ±180 (a topology on the sphere lets Russia's and Fiji's rings jump
    from 179.9 to -180) as the rings on either side, each within [-180, 180], so that a flat map does
    not draw a band across the world. Other rings are returned as they are."""
    if points and points[0] == points[-1]:
        points = points[:-1]
    unwrapped = points[:1]
    for lon, lat in points[1:]:
        previous = unwrapped[-1][0]
        lon += 360 * round((previous - lon) / 360)  # the same turn of the globe as the point before
        unwrapped.append((lon, lat))
    lons = [lon for lon, _ in unwrapped]
    if not points:
        return []
    if max(lons) - min(lons) >= 360:
        return [_closed(points)]  # round the pole (Antarctica): its edges run along ±180 already
    if min(lons) >= -180 and max(lons) <= 180:
        return [_closed(unwrapped)]  # within the map, once a point on -180 is written as 180 (or back)
    cut = 180.0 if max(lons) > 180 else -180.0
    near = _clip(unwrapped, cut, keep_below=cut > 0)
    far = [(lon - 2 * cut, lat) for lon, lat in _clip(unwrapped, cut, keep_below=cut < 0)]
    return [_closed(part) for part in (near, far) if len(part) >= 3]


def _clip(points: Ring, cut: float, *, keep_below: bool) -> Ring:
    """The ring cut by the meridian `cut`, keeping the side below it (or above): Sutherland-Hodgman
    against one line, which is exact for any simple ring."""
    inside = (lambda lon: lon <= cut) if keep_below else (lambda lon: lon >= cut)
    out: Ring = []
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
        if inside(x1):
            out.append((x1, y1))
        if inside(x1) != inside(x2):
            out.append((cut, y1 + (y2 - y1) * (cut - x1) / (x2 - x1)))
    return out


def _closed(points: Ring) -> Ring:
    return points if points[0] == points[-1] else [*points, points[0]]
