"""Learn the realis models of src/khabar/events/data/realis.json: whether a sentence with an ASSAULT
(PROTEST) trigger reports such an event, by logistic regression over the features of realis.py.

    .venv/bin/python tools/events_realis.py            # two-fold check: learn on each half, score the other
    .venv/bin/python tools/events_realis.py --write    # and learn on all rows, write the model file
    .venv/bin/python tools/events_realis.py --write --only PROTEST   # one type, the other's weights kept

Data: the labelled development sentences of the Arabic PLOVER gold standard
(../shared/data/arabic_event_gsr/{assault,protest}_dev.jsonl; openeventdata/arabic_event_gsr, MIT
licence): "yes" rows are positives, "easy no" / "difficult no" negatives, "ambiguous" ones left out.
The halves are split by md5 of the row id (even: a). Only the learned weights are written, no text.
numpy is needed here only; reading the model at run time is plain Python.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np
from logistic import fit_logistic  # tools/logistic.py (tools run as scripts)

from khabar.events.coder import SentenceCoder, _passages
from khabar.events.tables import event_tables
from khabar.pipeline import read
from khabar.resources import Resources

GSR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "arabic_event_gsr"
OUT = Path(__file__).resolve().parents[1] / "src" / "khabar" / "events" / "data" / "realis.json"
TYPES = ("ASSAULT", "PROTEST")
L2 = 2.0  # weight decay: few hundred rows, dozens of features
MIN_COUNT = 3  # a feature seen on fewer training rows gets no weight


def half(key: str) -> str:
    return "ab"[int(hashlib.md5(key.encode("utf-8")).hexdigest(), 16) % 2]


def rows_of(plover: str) -> list[dict]:
    """Each labelled row with the union of realis features of its sentences that have a trigger of
    the type (None when none has: the coder cannot find the event whatever the model says)."""
    resources = Resources()
    tables = resources.get(event_tables)
    out = []
    for line in (GSR / f"{plover.lower()}_dev.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        if row["label"] == "ambiguous":
            continue
        seen: list[frozenset[str]] = []
        coder = SentenceCoder(tables)
        coder.observe = lambda t, f, seen=seen: seen.append(f) if t == plover else None
        for passage in _passages(read(row["text"], plain=True), tables, resources):
            coder.code(passage)
        feats = frozenset().union(*seen) if seen else None
        out.append({"id": row["id"], "yes": row["label"] == "yes", "features": feats})
    return out


def fit(rows: list[dict]) -> dict:
    """Logistic regression (Newton steps, L2) on the rows with a trigger; threshold best for F1."""
    bias, weights = fit_logistic([r for r in rows if r["features"] is not None], MIN_COUNT, L2)
    model = {"bias": bias, "weights": weights, "threshold": 0.5}
    best = (-1.0, 0.5)
    for t in np.arange(0.2, 0.81, 0.05):
        model["threshold"] = float(t)
        best = max(best, (score(model, rows)[2], round(float(t), 2)))
    model["threshold"] = best[1]
    return model


def probability(model: dict, feats: frozenset[str]) -> float:
    s = model["bias"] + sum(model["weights"].get(f, 0.0) for f in feats)
    return 1 / (1 + np.exp(-s))


def score(model: dict, rows: list[dict]) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for r in rows:
        got = r["features"] is not None and probability(model, r["features"]) >= model["threshold"]
        tp, fp, fn = tp + (got and r["yes"]), fp + (got and not r["yes"]), fn + (r["yes"] and not got)
    p, rc = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return round(p, 3), round(rc, 3), round(2 * p * rc / max(p + rc, 1e-9), 3)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", action="store_true", help="learn on all rows and write the model file")
    ap.add_argument("--only", choices=TYPES, help="learn and write this type only, keep the others' weights")
    args = ap.parse_args(argv)
    if not GSR.exists():
        print(f"{GSR} is absent", file=sys.stderr)
        return 1
    models = json.loads(OUT.read_text(encoding="utf-8"))["types"] if args.only and OUT.exists() else {}
    for plover in [args.only] if args.only else TYPES:
        rows = rows_of(plover)
        halves = {h: [r for r in rows if half(r["id"]) == h] for h in "ab"}
        for train, test in (("a", "b"), ("b", "a")):
            model = fit(halves[train])
            print(f"{plover} learn on {train}: {train} p/r/f1 {score(model, halves[train])}"
                  f"  {test} p/r/f1 {score(model, halves[test])}")
        models[plover] = fit(rows)
        print(f"{plover} learn on all: p/r/f1 {score(models[plover], rows)}")
    if args.write:
        note = ("Learned by tools/events_realis.py from the labelled sentences of the Arabic PLOVER gold "
                "standard (openeventdata/arabic_event_gsr, MIT licence); weights only.")
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps({"note": note, "types": models}, ensure_ascii=False, indent=1, sort_keys=True)
                       + "\n", encoding="utf-8")
        print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
