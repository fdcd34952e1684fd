"""Write the dashboard's country outlines (src/khabar/serve/data/outlines.json) from Natural Earth.

    .venv/bin/python tools/map_outlines.py [--cache DIR] [--out FILE] [--tolerance DEG] [--min-area DEG2]

Fetches two pinned packages from the npm registry (checked against their published SHA-1):
world-atlas, which carries Natural Earth's 1:50m admin-0 countries (public domain) as TopoJSON, and
i18n-iso-countries, whose code table turns the ISO 3166 numbers that world-atlas keys countries by
into ISO3 codes. Decodes the topology (khabar.serve.topojson), thins each shared border with
Douglas-Peucker to `--tolerance` degrees, drops islands and holes smaller than `--min-area` square
degrees (never a country's largest piece), rounds to 0.01° and writes one line per country. Run
again with the same pins, it writes the same file. `--cache DIR` keeps the downloads for a rerun
without the network. The test suite never runs this: it reads the committed table.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
import tarfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from khabar.serve import topojson  # noqa: E402

REGISTRY = "https://registry.npmjs.org"
ATLAS = ("world-atlas", "2.0.2", "4bca4a578f3a413bd409c3f07f2054fe7375824f", "package/countries-50m.json")
CODES = ("i18n-iso-countries", "7.14.0", "cd5ae098198bce1cc40cadbf0a37ce6c8e9d0edf", "package/codes.json")
NATURAL_EARTH = "4.1.0"  # the Natural Earth release world-atlas 2.0.2 redistributes (its README)
# Natural Earth units that carry no ISO 3166 number, drawn as part of the state that ISO 3166 counts
# them in (Kosovo under its user-assigned code XKX, as the knowledge base's states.tsv has it). The
# Siachen Glacier, claimed by two states, is left undrawn.
UNNUMBERED = {"Somaliland": "SOM", "N. Cyprus": "CYP", "Kosovo": "XKX", "Indian Ocean Ter.": "AUS"}
OUT = Path(__file__).resolve().parents[1] / "src" / "khabar" / "serve" / "data" / "outlines.json"


def fetch(package: tuple[str, str, str, str], cache: Path | None) -> bytes:
    """The file `member` of the npm tarball `name@version`, after checking the tarball's SHA-1."""
    name, version, sha1, member = package
    filename = f"{name}-{version}.tgz"
    cached = cache / filename if cache else None
    if cached and cached.exists():
        data = cached.read_bytes()
    else:
        with urllib.request.urlopen(f"{REGISTRY}/{name}/-/{filename}", timeout=60) as answer:
            data = answer.read()
    if hashlib.sha1(data).hexdigest() != sha1:
        raise SystemExit(f"{filename}: SHA-1 {hashlib.sha1(data).hexdigest()} is not the pinned {sha1}")
    if cached and not cached.exists():
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_bytes(data)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        extracted = archive.extractfile(member)
        if extracted is None:
            raise SystemExit(f"{filename} has no file {member}")
        return extracted.read()


def outlines(topology: dict, iso3_of: dict[str, str], tolerance: float, min_area: float) -> dict[str, dict]:
    """Polygons per ISO3 code: rings as flat [lon, lat, lon, lat, ...] lists rounded to 0.01°."""
    raw = topojson.decode_arcs(topology)
    thinned = [topojson.thin(arc, tolerance) for arc in raw]
    pieces: dict[str, list[tuple[topojson.Polygon, topojson.Polygon]]] = {}
    names: dict[str, str] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry.get("properties", {}).get("name", "")
        code = iso3_of.get(geometry.get("id", "")) or UNNUMBERED.get(name)
        if not code:
            continue
        pairs = zip(topojson.polygons(geometry, thinned), topojson.polygons(geometry, raw), strict=True)
        pieces.setdefault(code, []).extend(pairs)
        if geometry.get("id"):  # the numbered unit names the code, not an unnumbered part of it
            names[code] = name
        names.setdefault(code, name)
    table = {}
    for code, pairs in sorted(pieces.items()):
        # sizes are taken before thinning; a small island state keeps the pieces at least half its largest
        largest = max(topojson.area(whole[0]) for _, whole in pairs)
        smallest = min(min_area, largest / 2)
        kept = []
        for polygon, whole in pairs:
            if topojson.area(whole[0]) < smallest:
                continue
            polygon = _drawable(polygon, whole, tolerance)
            holes = [h for h, w in zip(polygon[1:], whole[1:], strict=True) if len(h) >= 4 and topojson.area(w) >= min_area]
            # a ring across longitude ±180 becomes one on either side (holes go with the first part:
            # the map fills by the even-odd rule over all of a country's rings)
            outer = topojson.split_at_antimeridian(polygon[0])
            holes = [part for hole in holes for part in topojson.split_at_antimeridian(hole)]
            kept.append([_flat(r) for r in [outer[0], *holes]])
            kept += [[_flat(part)] for part in outer[1:]]
        table[code] = {"name": names[code], "polygons": kept}
    return table


def _drawable(polygon: topojson.Polygon, whole: topojson.Polygon, tolerance: float) -> topojson.Polygon:
    """The thinned polygon, unless thinning left its outer ring a sliver (under half its area): then
    the island (a coast of its own, no neighbour shares those arcs) thinned at a quarter of the
    tolerance, or whole when even that is a sliver."""
    for candidate in (polygon, [topojson.thin(r, tolerance / 4) for r in whole]):
        if len(candidate[0]) >= 4 and topojson.area(candidate[0]) >= topojson.area(whole[0]) / 2:
            return candidate
    return whole


def _flat(points: topojson.Ring) -> list[float]:
    """A ring as [lon, lat, ...], rounded, without the closing point and without repeats."""
    flat: list[float] = []
    for lon, lat in points[:-1] if points[0] == points[-1] else points:
        x, y = round(lon, 2), round(lat, 2)
        if not flat or (flat[-2], flat[-1]) != (x, y):
            flat += [x, y]
    return flat


def write(table: dict[str, dict], out: Path, tolerance: float, min_area: float) -> None:
    """One line per country, so that a change shows as a readable diff."""
    head = {"source": f"Natural Earth {NATURAL_EARTH} 1:50m admin-0 countries, public domain",
            "via": f"npm {ATLAS[0]}@{ATLAS[1]} (ISC), ISO 3166 numbers to ISO3 by {CODES[0]}@{CODES[1]} (MIT)",
            "made_by": "tools/map_outlines.py", "tolerance_deg": tolerance, "min_area_deg2": min_area}
    lines = [json.dumps(head, ensure_ascii=False)[:-1] + ', "countries": {']
    rows = [f"{json.dumps(code)}: {json.dumps(entry, separators=(',', ':'), ensure_ascii=False)}"
            for code, entry in table.items()]
    lines.append(",\n".join(rows))
    lines.append("}}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, help="keep (and reuse) the downloaded tarballs here")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--tolerance", type=float, default=0.06, help="Douglas-Peucker tolerance, degrees")
    parser.add_argument("--min-area", type=float, default=0.005, help="smallest island or hole kept, deg²")
    args = parser.parse_args(argv)
    topology = json.loads(fetch(ATLAS, args.cache))
    iso3_of = {numeric: alpha3 for _, alpha3, numeric, *_ in json.loads(fetch(CODES, args.cache))}
    table = outlines(topology, iso3_of, args.tolerance, args.min_area)
    write(table, args.out, args.tolerance, args.min_area)
    points = sum(len(r) // 2 for entry in table.values() for p in entry["polygons"] for r in p)
    print(f"{args.out}: {len(table)} countries, {points} points, {args.out.stat().st_size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
