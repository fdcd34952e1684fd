"""Split the event gold files in two halves by a hash of each row's id, so that a change is tuned on
one half and checked on the other.

    .venv/bin/python tools/events_split.py OUT_DIR

Writes OUT_DIR/a/ and OUT_DIR/b/, each with the GSR files (../shared/data/arabic_event_gsr/*.jsonl)
and the page files (../shared/eval/*.jsonl) of its half; run the scorers on either folder. Half "a"
is rows whose md5(id) is even. Nothing is copied into the repository.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SOURCES = [*sorted((SHARED / "data" / "arabic_event_gsr").glob("*.jsonl")), *sorted((SHARED / "eval").glob("*.jsonl"))]


def half(key: str) -> str:
    return "ab"[int(hashlib.md5(key.encode("utf-8")).hexdigest(), 16) % 2]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[0])
    for name in "ab":
        (out / name).mkdir(parents=True, exist_ok=True)
    for path in SOURCES:
        rows = {"a": [], "b": []}
        for line in path.open(encoding="utf-8"):
            if line.strip():
                row = json.loads(line)
                rows[half(str(row.get("id") or row.get("source") or row.get("text")))].append(line)
        for name, lines in rows.items():
            (out / name / path.name).write_text("".join(lines), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
