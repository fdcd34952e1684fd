"""Check the knowledge base (and optional user files) and print what a reviewer wants to see.

    PYTHONPATH=src python tools/kb_check.py [extra.tsv|dir ...]

Prints rows per table, names shared by several entities, and offices without a holder today.
Exits 1 with the file and line when a row is malformed.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter, defaultdict

from khabar.errors import DataFileError
from khabar.kb import load_kb


def main(argv: list[str]) -> int:
    try:
        kb = load_kb(argv)
    except DataFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    kinds = Counter(e.kind for e in kb.entries())
    print("entities:", dict(kinds), "| office terms:", sum(1 for _ in kb.terms()))
    shared = defaultdict(list)
    for key, entry in kb.names():
        shared[key].append(entry)
    print("\nnames shared by several entities:")
    for key, entries in sorted(shared.items()):
        if len(entries) > 1:
            print(f"  {key}: " + " | ".join(f"{e.name_en} ({e.kind}, {e.country or '-'})" for e in entries))
    today = dt.date.today()
    print(f"\nstates with a head of state on record but none on {today}:")
    for state in kb.entries("state"):
        if kb.holders(state.code, "head_of_state") and not kb.holders(state.code, "head_of_state", today):
            print(f"  {state.code} {state.name_en}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
