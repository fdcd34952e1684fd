"""Charts drawn here as inline SVG (no script, nothing fetched): bars and a line over time, the event
timeline by PLOVER type, the QuadClass split, the network of state dyads (each edge opens its dyad's
page) and the maps of event places and of datelines, over country outlines. Every label is escaped."""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections import defaultdict
from typing import Any

from markupsafe import Markup, escape

from khabar.serve.links import dyad_url, entity_url
from khabar.serve.outlines import load_outlines, overlapping
from khabar.serve.places import State

MAX_PERIODS = 36  # columns of a chart over time: the latest ones when there are more
PALETTE = ("#1b6ca8", "#d1495b", "#edae49", "#00798c", "#66a182", "#8d6a9f", "#e07a5f", "#3d405b",
           "#81b29a", "#c05746", "#5c8001", "#7b2cbf", "#f77f00", "#2a9d8f", "#9e2a2b", "#577590")


def _next(period: str) -> str:
    if len(period) == 7:  # YYYY-MM
        year, month = int(period[:4]), int(period[5:])
        return f"{year + month // 12:04d}-{month % 12 + 1:02d}"
    return (dt.date.fromisoformat(period) + dt.timedelta(days=1)).isoformat()


def continuous(present: list[str], *, most: int = MAX_PERIODS) -> tuple[list[str], int]:
    """Every month (YYYY-MM) or day (YYYY-MM-DD) from the first of `present` to the last, so that a
    chart's columns are evenly spaced in time; the latest `most` of them, and how many of `present`
    fall before those. Periods that are not dates are kept as they are, in order."""
    present = sorted(set(present))
    if not present:
        return [], 0
    try:
        filled = [present[0]]
        while filled[-1] < present[-1] and len(filled) < 100_000:
            filled.append(_next(filled[-1]))
    except ValueError:
        filled = present
    shown = filled[-most:]
    return shown, sum(1 for period in present if period < shown[0])


OUTLIER_SHARE = 0.03  # a stretch of early periods holding at most this share of the counts is not drawn


def span(counts: dict[str, int], *, most: int = MAX_PERIODS) -> tuple[list[str], int]:
    """The periods a chart over time draws: continuous from where the data is to the last period.
    Early periods holding together at most OUTLIER_SHARE of the total (a few old articles among
    recent ones) are left out rather than squeezing the rest into a sliver; also at most `most`
    periods, the latest. Returns the periods and how many periods with data are not drawn."""
    present = sorted(p for p, n in counts.items() if n)
    if not present:
        return [], 0
    total, before, start = sum(counts[p] for p in present), 0, 0
    for i, period in enumerate(present):
        if before + counts[period] > OUTLIER_SHARE * total:
            start = i
            break
        before += counts[period]
    shown, _ = continuous(present[start:], most=most)
    return shown, sum(1 for period in present if period < shown[0])


def _fmt(template: str, *values: Any) -> Markup:
    """`Markup(template).format(*values)` at a fraction of its cost (a chart draws thousands of
    shapes): text values are escaped, numbers formatted as they are."""
    return Markup(template.format(*(v if isinstance(v, (int, float)) else escape(v) for v in values)))


def _svg(width: int, height: int, label: str, body: list[Markup | str], css: str) -> Markup:
    head = _fmt('<svg class="chart {}" viewBox="0 0 {} {}" role="img" aria-label="{}" direction="ltr" '
                  'xmlns="http://www.w3.org/2000/svg"><title>{}</title>', css, width, height, label, label)
    return head + Markup("".join(part if isinstance(part, Markup) else escape(part) for part in body)) \
        + Markup("</svg>")


def _text(x: float, y: float, text: str, anchor: str = "middle", css: str = "") -> Markup:
    return _fmt('<text x="{:.1f}" y="{:.1f}" text-anchor="{}" class="{}">{}</text>', x, y, anchor, css, text)


def bars(points: list[tuple[str, int]], label: str, *, width: int = 640, height: int = 180) -> Markup:
    """One bar per period (e.g. month), labelled at the first, the last and a few between."""
    if not points:
        return Markup("")
    top = max(value for _, value in points) or 1
    slot = (width - 40) / len(points)
    body: list[Markup | str] = []
    step = max(1, len(points) // 6)
    for i, (name, value) in enumerate(points):
        h = (height - 40) * value / top
        x = 20 + i * slot
        body.append(_fmt('<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" class="bar">'
                           '<title>{}: {}</title></rect>', x + slot * 0.1, height - 25 - h,
                                                                 max(1.0, slot * 0.8), h, name, value))
        if i % step == 0 or i == len(points) - 1:
            body.append(_text(x + slot / 2, height - 8, name, css="tick"))
    body.append(_text(16, 14, str(top), "start", "tick"))
    return _svg(width, height, label, body, "bars")


def line(points: list[tuple[str, float | None]], label: str, *, low: float, high: float, width: int = 640,
         height: int = 180) -> Markup:
    """A value per period between `low` and `high` (e.g. a mean Goldstein score), a dot per period with
    a value, joined; the zero line drawn when the range crosses it."""
    if not any(value is not None for _, value in points):
        return Markup("")
    slot = (width - 60) / len(points)
    y_of = lambda value: 15 + (height - 45) * (high - value) / (high - low)  # noqa: E731
    body: list[Markup | str] = []
    if low < 0 < high:
        body.append(_fmt('<line x1="40" x2="{}" y1="{:.1f}" y2="{:.1f}" class="zero"/>',
            width - 20, y_of(0), y_of(0)))
    for value in (high, 0 if low < 0 < high else None, low):
        if value is not None:
            body.append(_text(36, y_of(value) + 4, f"{value:g}", "end", "tick"))
    dots = [(40 + slot * (i + 0.5), y_of(value), name, value) for i, (name, value) in enumerate(points)
            if value is not None]
    if len(dots) > 1:
        body.append(_fmt('<polyline points="{}" class="trend"/>',
            " ".join(f"{x:.1f},{y:.1f}" for x, y, _, _ in dots)))
    for x, y, name, value in dots:
        body.append(_fmt('<circle cx="{:.1f}" cy="{:.1f}" r="3.5" class="dot"><title>{}: {}</title></circle>',
            x, y, name, value))
    step = max(1, len(points) // 6)
    for i, (name, _) in enumerate(points):
        if i % step == 0 or i == len(points) - 1:
            body.append(_text(40 + slot * (i + 0.5), height - 8, name, css="tick"))
    return _svg(width, height, label, body, "line")


QUAD_NAMES = {1: "تعاون لفظي · verbal cooperation", 2: "تعاون مادي · material cooperation",
              3: "نزاع لفظي · verbal conflict", 4: "نزاع مادي · material conflict"}
QUAD_COLOURS = {1: "#66a182", 2: "#00798c", 3: "#edae49", 4: "#d1495b"}


def quad_split(rows: list[dict[str, Any]], label: str, *, width: int = 640) -> Markup:
    """A horizontal bar per GDELT QuadClass (1-4), as long as its number of stories."""
    counts = {row["quad_class"]: row["stories"] for row in rows if row.get("quad_class")}
    if not counts:
        return Markup("")
    peak, lane = max(counts.values()), 26
    body: list[Markup | str] = []
    for i, quad in enumerate((1, 2, 3, 4)):
        value = counts.get(quad, 0)
        y = 8 + lane * i
        body.append(_fmt('<rect x="230" y="{}" width="{:.1f}" height="18" fill="{}" class="quad" data-quad="{}">'
                           '<title>{}: {}</title></rect>', y, (width - 280) * value / peak, QUAD_COLOURS[quad],
                                                                 quad, QUAD_NAMES[quad], value))
        body.append(_text(222, y + 14, f"{quad} · {QUAD_NAMES[quad].split(' · ')[1]}", "end", "lane-label"))
        body.append(_text(236 + (width - 280) * value / peak, y + 14, str(value), "start", "tick"))
    return _svg(width, 8 + lane * 4 + 4, label, body, "quads")


def timeline(rows: list[dict[str, Any]], periods: list[str], label: str, *, width: int = 760) -> Markup:
    """One lane per PLOVER type, one column per period; a circle's area is the number of stories."""
    rows = [r for r in rows if r["period"] in set(periods)]
    if not rows:
        return Markup("")
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for row in rows:
        counts[row["type"]][row["period"]] = row["stories"]
    types = sorted(counts, key=lambda t: -sum(counts[t].values()))
    lane, left, top_pad = 26, 110, 10
    height = top_pad + lane * len(types) + 34
    column = (width - left - 20) / len(periods)
    peak = max(r["stories"] for r in rows)
    body: list[Markup | str] = []
    for i, type_ in enumerate(types):
        y = top_pad + lane * i + lane / 2
        colour = PALETTE[i % len(PALETTE)]
        body.append(_fmt('<g class="lane" data-type="{}">', type_))
        body.append(_text(left - 8, y + 4, type_, "end", "lane-label"))
        body.append(_fmt('<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" class="lane-line"/>',
            left, width - 20, y, y))
        for j, period in enumerate(periods):
            value = counts[type_].get(period)
            if value:
                r = 2 + 9 * math.sqrt(value / peak)
                body.append(_fmt('<circle cx="{:.1f}" cy="{:.1f}" r="{:.1f}" fill="{}"><title>{} {}: {} stories'
                                   '</title></circle>', left + column * (j + 0.5), y, r, colour, type_,
                                                               period, value))
        body.append(Markup("</g>"))
    step = max(1, len(periods) // 8)
    for j, period in enumerate(periods):
        if j % step == 0 or j == len(periods) - 1:
            body.append(_text(left + column * (j + 0.5), height - 12, period, css="tick"))
    return _svg(width, height, label, body, "timeline")


LABEL_GAP = 13.0  # px along the circle between two labels drawn radially (about a line of 12 px text)


def network(edges: list[dict[str, Any]], states: dict[str, State], label: str, *, size: int = 600) -> Markup:
    """States on a circle, the busiest at the top; an arrow from source to target, as wide as its count,
    opening the dyad's page. Labels stand radially outside the circle, so that they cannot overlap
    while neighbours are LABEL_GAP apart; when the circle is too crowded for that, the smaller states
    are labelled on hover only."""
    if not edges:
        return Markup("")
    weight: dict[str, int] = defaultdict(int)
    for edge in edges:
        weight[edge["source"]] += edge["stories"]
        weight[edge["target"]] += edge["stories"]
    nodes = sorted(weight, key=lambda code: (-weight[code], code))
    centre, radius = size / 2, size / 2 - 110
    angle = {code: 2 * math.pi * i / len(nodes) for i, code in enumerate(nodes)}
    place = {code: (centre + radius * math.sin(a), centre - radius * math.cos(a)) for code, a in angle.items()}
    size_of = {code: 6 + 8 * math.sqrt(weight[code] / weight[nodes[0]]) for code in nodes}
    labelled = _labelled(nodes, angle, radius + 22)
    peak = max(e["stories"] for e in edges)
    body: list[Markup | str] = [Markup(
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" markerHeight="9" '
        'markerUnits="userSpaceOnUse" orient="auto"><path d="M 0 0 L 10 5 L 0 10 z" class="arrow"/></marker></defs>')]
    for edge in edges:
        (x1, y1), (x2, y2) = place[edge["source"]], place[edge["target"]]
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        back = (size_of[edge["target"]] + 2) / length  # stop at the target's rim, where the arrow shows
        x2, y2 = x2 - (x2 - x1) * back, y2 - (y2 - y1) * back
        body.append(_fmt('<a href="{}" class="edge-link">', dyad_url(edge["source"], edge["target"])))
        body.append(_fmt('<line x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}" stroke-width="{:.1f}" '
                           'class="edge" marker-end="url(#arrow)" data-dyad="{}-{}"><title>{} → {}: {} stories '
                           '({})</title></line></a>', x1, y1, x2, y2, 1.5 + 4 * edge["stories"] / peak,
                                                             edge["source"], edge["target"], edge["source"],
                                                             edge["target"], edge["stories"], edge["top_type"]))
    for code in nodes:
        x, y = place[code]
        state = states.get(code)
        name = state.name_ar if state else code
        group = _fmt('<circle cx="{:.1f}" cy="{:.1f}" r="{:.1f}" class="node"><title>{} · {}</title></circle>'
                       , x, y, size_of[code], name, code)
        if code in labelled:
            group += _radial_label(centre, radius + size_of[code] + 6, angle[code], f"{code} {name}")
        if state and state.qid:
            group = _fmt('<a href="{}" class="node-link" data-state="{}">', entity_url(state.qid), code) \
                + group + Markup("</a>")
        body.append(group)
    return _svg(size, size, label, body, "network")


def _labelled(nodes: list[str], angle: dict[str, float], label_radius: float) -> set[str]:
    """The nodes (busiest first) whose radial labels stay LABEL_GAP from every other labelled one."""
    chosen: list[str] = []
    for code in nodes:
        if all(_arc(angle[code], angle[other]) * label_radius >= LABEL_GAP for other in chosen):
            chosen.append(code)
    return set(chosen)


def _arc(a: float, b: float) -> float:
    gap = abs(a - b) % (2 * math.pi)
    return min(gap, 2 * math.pi - gap)


def _radial_label(centre: float, distance: float, angle: float, text: str) -> Markup:
    """`text` along the ray at `angle` (clockwise from the top), reading outward and never upside down."""
    x, y = centre + distance * math.sin(angle), centre - distance * math.cos(angle)
    degrees = math.degrees(angle) - 90
    right = math.sin(angle) >= -1e-9  # right half: text runs outward left to right
    if not right:
        degrees -= 180  # turned half round: reads left to right, ending at the node
    return _fmt('<text x="{:.1f}" y="{:.1f}" text-anchor="{}" dominant-baseline="middle" class="node-label" '
                  'transform="rotate({:.1f} {:.1f} {:.1f})" data-angle="{:.4f}">{}</text>',
        x, y, "start" if right else "end", degrees, x, y, angle, text)


MIN_SPAN_DEG = 40.0  # the narrowest view of the map, in degrees of longitude
PAD_DEG = 6.0
MAX_MAP_LABELS = 25  # the busiest countries are labelled; every spot has its name on hover


def _frame(spots: list[tuple[float, float]]) -> tuple[float, float, float]:
    """West edge, north edge and width (degrees) of a 2:1 view holding every (lon, lat) spot."""
    lons, lats = [lon for lon, _ in spots], [lat for _, lat in spots]
    span = max(MIN_SPAN_DEG, max(lons) - min(lons) + 2 * PAD_DEG, 2 * (max(lats) - min(lats) + 2 * PAD_DEG))
    span = min(span, 360.0)
    west = min(max(-180.0, (min(lons) + max(lons)) / 2 - span / 2), 180.0 - span)
    north = max(min(90.0, (min(lats) + max(lats)) / 2 + span / 4), -90.0 + span / 2)
    return west, north, span


def _grid(west: float, north: float, span: float, width: int, height: int) -> list[Markup | str]:
    """Meridians and parallels every 10° (30° on a wide view), labelled."""
    scale, step = width / span, 10 if span <= 120 else 30
    body: list[Markup | str] = []
    for lon in range(int(west // step * step), int(west + span) + 1, step):
        x = (lon - west) * scale
        body.append(_fmt('<line x1="{0:.1f}" x2="{0:.1f}" y1="0" y2="{1}" class="grid"/>', x, height))
        body.append(_text(x + 2, height - 4, f"{lon}°", "start", "tick"))
    for lat in range(int((north - span / 2) // step * step), int(north) + 1, step):
        y = (north - lat) * scale
        body.append(_fmt('<line x1="0" x2="{}" y1="{:.1f}" y2="{:.1f}" class="grid{}"/>',
            width, y, y, " equator" if lat == 0 else ""))
        body.append(_text(2, y - 2, f"{lat}°", "start", "tick"))
    return body


def _land(west: float, north: float, span: float, width: int, height: int, active: set[str]) -> list[Markup | str]:
    """The country outlines meeting the view, in the projection of the points (x grows with longitude,
    y with latitude southward, one scale for both); the countries in `active` (ISO3) shaded."""
    body: list[Markup | str] = [Markup('<g class="land">')]
    for code, name, path in _outline_paths(west, north, span, width, height):
        body.append(_fmt('<path d="{}" class="country{}" data-country="{}"><title>{}</title></path>',
            path, " active" if code in active else "", code, name))
    body.append(Markup("</g>"))
    return body


@functools.lru_cache(maxsize=64)
def _outline_paths(west: float, north: float, span: float, width: int, height: int) -> tuple[tuple[str, str, str], ...]:
    """(ISO3, name, SVG path) of each outline in the view; kept, as one view is drawn again and again."""
    scale = width / span

    def project(lon: float, lat: float) -> tuple[float, float]:
        return (lon - west) * scale, (north - lat) * scale

    frame = (west, north - height / scale, west + span, north)
    drawn = ((outline.iso3, outline.name, escape(outline.path(project, frame)))  # escaped once, drawn often
             for outline in overlapping(load_outlines(), frame))
    return tuple(item for item in drawn if item[2])


def event_map(places: list[dict[str, Any]], states: dict[str, State], label: str, *,
              width: int = 760) -> tuple[Markup, list[dict[str, Any]]]:
    """Where events happened, over the country outlines (the countries with events shaded): a circle
    per place with coordinates (area: stories); a place known only by its country is drawn at the
    country's capital, hollow, as "in COUNTRY". Also returns what it cannot place (a country without
    a known capital)."""
    height = width // 2
    spots: dict[tuple[float, float, bool], dict[str, Any]] = {}
    unplaced: list[dict[str, Any]] = []
    for row in places:
        exact = row.get("lat") is not None and row.get("lon") is not None
        state = states.get(row["country"])
        if exact:
            where = (float(row["lat"]), float(row["lon"]))
        elif state and state.lat is not None and state.lon is not None:
            where = (state.lat, state.lon)
        else:
            unplaced.append({"country": row["country"], "place": row.get("place"), "stories": row["stories"]})
            continue
        spot = spots.setdefault((*where, exact), {"names": [], "stories": 0, "country": row["country"]})
        spot["names"].append(row.get("place") or row["country"])
        spot["stories"] += row["stories"]
    body: list[Markup | str] = [_fmt('<rect width="{}" height="{}" class="sea"/>', width, height)]
    if spots:
        west, north, span = _frame([(lon, lat) for lat, lon, _ in spots])
        scale = width / span
        body += _land(west, north, span, width, height, {spot["country"] for spot in spots.values()})
        body += _grid(west, north, span, width, height)
        ranked = sorted(spots.items(), key=lambda item: -item[1]["stories"])
        peak = ranked[0][1]["stories"]
        for rank, ((lat, lon, exact), spot) in enumerate(ranked):
            x, y = (lon - west) * scale, (north - lat) * scale
            r = 3 + 16 * math.sqrt(spot["stories"] / peak)
            names = ", ".join(spot["names"][:5])
            body.append(_fmt('<circle cx="{:.1f}" cy="{:.1f}" r="{:.1f}" class="spot event{}" data-country="{}">'
                               '<title>{}: {} stories</title></circle>',
                x, y, r, "" if exact else " country", spot["country"], names if exact else f"in {spot['country']}: "
                + names, spot["stories"]))
            if rank < MAX_MAP_LABELS:
                body.append(_text(x, y + r + 11, spot["names"][0] if exact else spot["country"], css="spot-label"))
    return _svg(width, height, label, body, "map events"), unplaced


def world_map(points: list[dict[str, Any]], states: dict[str, State], label: str, *,
              width: int = 760) -> tuple[Markup, list[dict[str, Any]]]:
    """Datelines over the country outlines and a latitude/longitude grid, framed on where they are: a
    circle per country at its capital (area: articles), labelled with its code. Also returns the
    countries it cannot place."""
    height = width // 2
    per_country: dict[str, int] = defaultdict(int)
    places: dict[str, list[str]] = defaultdict(list)
    for point in points:
        per_country[point["country"]] += point["articles"]
        if point.get("place"):
            places[point["country"]].append(point["place"])
    placed, unplaced = [], []
    for code, count in sorted(per_country.items(), key=lambda item: (-item[1], item[0])):
        state = states.get(code)
        if state is None or state.lat is None or state.lon is None:
            unplaced.append({"country": code, "articles": count})
        else:
            placed.append((state, count))
    body: list[Markup | str] = [_fmt('<rect width="{}" height="{}" class="sea"/>', width, height)]
    if placed:
        west, north, span = _frame([(state.lon or 0.0, state.lat or 0.0) for state, _ in placed])
        scale = width / span
        body += _land(west, north, span, width, height, {state.iso3 for state, _ in placed})
        body += _grid(west, north, span, width, height)
        peak = placed[0][1]
        for rank, (state, count) in enumerate(placed):
            x, y = ((state.lon or 0.0) - west) * scale, (north - (state.lat or 0.0)) * scale
            r = 3 + 18 * math.sqrt(count / peak)
            names = ", ".join(places[state.iso3][:5])
            body.append(_fmt('<circle cx="{:.1f}" cy="{:.1f}" r="{:.1f}" class="spot" data-country="{}">'
                               '<title>{} · {} ({}): {} articles</title></circle>',
                x, y, r, state.iso3, state.name_ar, state.name_en, names, count))
            if rank < MAX_MAP_LABELS:
                body.append(_text(x, y + r + 11, state.iso3, css="spot-label"))
    return _svg(width, height, label, body, "map"), unplaced
