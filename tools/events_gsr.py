"""Event detection on the Arabic PLOVER gold sentences (../shared/data/arabic_event_gsr), in process,
with the reason for each error: the triggers found and the report points of the sentence.

    .venv/bin/python tools/events_gsr.py [--show ASSAULT|PROTEST] [--label yes|easy|diff]

Prints P/R/F1 per type (the same counts as ../shared/eval/score_gsr.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from khabar.events.report import report_parts
from khabar.events.tables import event_tables
from khabar.events.triggers import SentenceWords, find_triggers
from khabar.pipeline import read
from khabar.resources import Resources

GSR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "arabic_event_gsr"
TYPES = ("ASSAULT", "PROTEST")


def explain(text: str, plover: str) -> str:
    """The triggers of the type and the sentence's report points, for a reviewer."""
    tables = Resources().get(event_tables)
    lexicon = tables.lexicon
    article = read(text, plain=True)
    words = SentenceWords(article.tokens.words(), tables)
    found = [m for m in find_triggers(words, lexicon) if m.entry.type == plover]
    rule = lexicon.reports.get(plover)
    parts = report_parts(words, found, rule) if rule and found else {}
    return f"triggers={[' '.join(words.texts[j] for j in m.words) for m in found]} points={sum(parts.values())} {parts}"


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--show", choices=TYPES)
    ap.add_argument("--label", default="", help="only errors whose gold label starts with this")
    args = ap.parse_args(argv)
    if not GSR.exists():
        print(f"{GSR} is absent", file=sys.stderr)
        return 1
    for plover in TYPES:
        rows = [json.loads(line) for line in (GSR / f"{plover.lower()}_dev.jsonl").open(encoding="utf-8")]
        tp = fp = fn = 0
        for row in rows:
            if row["label"] == "ambiguous":
                continue
            got = any(e.type == plover for e in read(row["text"], plain=True).events)
            gold = row["label"] == "yes"
            tp, fp, fn = tp + (got and gold), fp + (got and not gold), fn + (gold and not got)
            if args.show == plover and got != gold and row["label"].startswith(args.label):
                print(f"{'FP' if got else 'FN'} {row['label']}: {row['text'][:140]}\n    {explain(row['text'], plover)}")
        p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
        print(f"{plover} tp={tp} fp={fp} fn={fn} p={p:.3f} r={r:.3f} f1={2 * p * r / max(p + r, 1e-9):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
