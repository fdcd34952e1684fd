"""Check the event lexicon and print what a reviewer wants to see: entries and word forms per type.

    .venv/bin/python tools/events_lexicon.py

Exits 1 with the file and line when an entry is malformed.
"""

from __future__ import annotations

import sys

from khabar.errors import DataFileError
from khabar.events.lexicon import load_lexicon
from khabar.events.scales import PLOVER_TYPES, QUAD_CLASS


def main() -> int:
    try:
        lexicon = load_lexicon()
    except DataFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{'type':10} {'quad':>4} {'entries':>8} {'forms':>6}  report")
    for plover in PLOVER_TYPES:
        entries, forms = lexicon.sizes[plover]
        rule = lexicon.reports.get(plover)
        report = f"threshold {rule.threshold}, {len(rule.evidence)} evidence lists" if rule else "-"
        print(f"{plover:10} {QUAD_CLASS[plover]:>4} {entries:>8} {forms:>6}  {report}")
    total = [sum(v[i] for v in lexicon.sizes.values()) for i in (0, 1)]
    print(f"{'all':10} {'':>4} {total[0]:>8} {total[1]:>6}  first words indexed: {len(lexicon.index)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
