"""Write the knowledge base's place coordinates (src/khabar/kb/data/coordinates.tsv) from GeoNames.

    .venv/bin/python tools/place_coordinates.py [--data DIR] [--out FILE]

Reads GeoNames' cities15000 (cities15000.zip), countryInfo.tsv and regionInfo.tsv under
DIR/geonames-cities15000 (default: the shared data folder, ../shared/data from the repository), matches
every city and region of the packaged knowledge base (khabar.kb.coordinates: the rules) and writes one
row per place with a point. Prints how many places got one, how, and the ones left without (and why)
to stderr. Run again on the same data, it writes the same file. The test suite never runs this: it
reads the committed table. GeoNames data: CC BY 4.0 (see kb/data/COORDINATES.md).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar.kb import load_kb  # noqa: E402
from khabar.kb.coordinates import build_points, write_points  # noqa: E402

OUT = ROOT / "src" / "khabar" / "kb" / "data" / "coordinates.tsv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=(ROOT / ".." / "shared" / "data").resolve())
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--verbose", action="store_true", help="list every place left without a point")
    args = parser.parse_args()
    points, missing = build_points(args.data, load_kb())
    write_points(points, args.out)
    print(f"{len(points)} places with a point -> {args.out}", file=sys.stderr)
    print("by kind and how:", dict(Counter((p.kind, p.how.split(";")[0]) for p in points).most_common()),
          file=sys.stderr)
    print(f"{len(missing)} without:", dict(Counter(why.split(":")[0] for why in missing.values()).most_common()),
          file=sys.stderr)
    if args.verbose:
        for place, why in sorted(missing.items()):
            print(f"  {place}\t{why}", file=sys.stderr)


if __name__ == "__main__":
    main()
