"""Learn the realis models of src/khabar/events/data/realis.json: whether a sentence with an ASSAULT
(PROTEST) trigger reports such an event, by logistic regression over the features of realis.py.

    .venv/bin/python tools/events_realis.py            # cross-validated figures only
    .venv/bin/python tools/events_realis.py --write    # and learn on all rows, write the model file
    .venv/bin/python tools/events_realis.py --write --only PROTEST   # one type, the other's weights kept
    .venv/bin/python tools/events_realis.py --errors PROTEST          # the held-out mistakes, to read

Data: the labelled development sentences of the Arabic PLOVER gold standard
(../shared/data/arabic_event_gsr/{assault,protest}_dev.jsonl; openeventdata/arabic_event_gsr, MIT
licence): "yes" rows are positives, "easy no" / "difficult no" negatives, "ambiguous" ones left out.

Nothing is chosen on the rows it is scored on. The regularisation (L2), the least count of a feature,
whether the other type's sentences are learned from too (see learn) and the decision threshold are chosen by K-fold cross-validation (folds by md5 of the row id), by the
F1 of the pooled held-out predictions. Figures printed:
- two-fold: the halves of events_split.py (even md5: a); the settings are chosen by cross-validation
  inside the training half only, the model learned on it and scored on the other half;
- K-fold: the pooled held-out F1 of the settings finally chosen, averaged over REPEATS cuts (a
  slightly hopeful figure, as the settings were picked on the same folds);
- in-sample: the shipped model (learned on all rows with those settings) on all rows.
A row is detected when any of its sentences is (the scorer reads each row as one text). Only the
learned weights and settings are written, no text. numpy is needed here only.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
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
FOLDS = 5
REPEATS = 3  # cuts into folds, averaged
L2S = (8.0, 16.0, 32.0, 64.0)  # weight decay: few hundred rows, dozens of features
MIN_COUNTS = (3,)  # a feature seen on fewer training rows gets no weight
THRESHOLDS = tuple(round(float(t), 2) for t in np.arange(0.15, 0.71, 0.05))
LABELS = ("yes", "share", "share+ambiguous")  # what the model learns to predict (see learn)
JOINT = (False, True)  # learn from the type's rows only, or beside the other types' (see learn)


def fold_of(key: str, k: int, seed: int = 0) -> int:
    """The fold of a row: md5 of its id (of "seed:id" for the repeats after the first)."""
    text = f"{seed}:{key}" if seed else key
    return int(hashlib.md5(text.encode("utf-8")).hexdigest(), 16) % k


def half(key: str) -> str:
    return "ab"[fold_of(key, 2)]


def rows_of(plover: str, tables_resources: Resources | None = None) -> list[dict]:
    """Each labelled row with the realis features of each of its sentences that has a trigger of the
    type (an empty list when none has: the coder cannot find the event whatever the model says)."""
    resources = tables_resources or Resources()
    tables = resources.get(event_tables)
    out = []
    for line in (GSR / f"{plover.lower()}_dev.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        seen: list[frozenset[str]] = []
        coder = SentenceCoder(tables)
        coder.observe = lambda t, f, seen=seen: seen.append(f) if t == plover else None
        for passage in _passages(read(row["text"], plain=True), tables, resources):
            coder.code(passage)
        out.append({"id": row["id"], "type": plover, "yes": row["label"] == "yes", "scored": row["label"] != "ambiguous",
                    "target": row["accept"] / max(row["total"], 1), "sentences": seen,
                    "features": frozenset().union(*seen) if seen else None, "text": row["text"]})
    return out


OTHERS: dict[str, list[dict]] = {}  # the rows of the other types, learned from beside each type's own


def _train_rows(rows: list[dict], labels: str) -> list[dict]:
    """The rows with a trigger not denied, planned or feared (the union of those sentences'
    features), each feature also as a copy of its type's own ("ASSAULT|past") and a bias of the type."""
    train = []
    for r in rows:
        live = [f for f in r["sentences"] if "irrealis" not in f]  # the others are dropped before the model
        if live and (r["scored"] or labels == "share+ambiguous"):
            feats = frozenset().union(*live)
            train.append({"features": feats | {f"{r['type']}|{f}" for f in feats} | {f"{r['type']}|"},
                          "yes": r["yes"], "target": float(r["yes"]) if labels == "yes" else r["target"]})
    return train


def learn(rows: list[dict], l2: float, min_count: int, labels: str, joint: bool = False) -> dict:
    """The weights of the rows' type, learned on them and on the rows of the other types (OTHERS), to
    `labels`: "yes" (all annotators said yes) or "share" (the share who did; "share+ambiguous" also
    learns from the rows with too few labels to be scored). `joint`: also from the rows of the other
    types (OTHERS), each feature then having a weight shared by all types and one of each type's own
    (what marks a reported event in general — negation, the future, an opinion, a year — is learned
    from every labelled sentence); the model of a type is their sum."""
    plover = rows[0]["type"]
    others = [r for t, rs in OTHERS.items() if t != plover for r in rs] if joint else []
    bias, weights = fit_logistic(_train_rows(rows, labels) + _train_rows(others, labels), min_count, l2)
    own = f"{plover}|"
    names = {f.split("|", 1)[1] if "|" in f else f for f in weights} - {""}
    mine = {f: round(weights.get(f, 0.0) + weights.get(own + f, 0.0), 4) for f in sorted(names)}
    return {"bias": bias + weights.get(own, 0.0), "weights": {f: w for f, w in mine.items() if w}}


def probability(model: dict, feats: frozenset[str]) -> float:
    s = model["bias"] + sum(model["weights"].get(f, 0.0) for f in feats)
    return float(1 / (1 + np.exp(-max(min(s, 30.0), -30.0))))


def row_probability(model: dict, row: dict) -> float:
    """The highest probability of the row's sentences (0 when none has a trigger, or when all its
    triggers are denied, planned or feared: realis.reports drops those whatever the model says)."""
    return max((probability(model, f) for f in row["sentences"] if "irrealis" not in f), default=0.0)


def f1_of(pairs: list[tuple[float, bool]], threshold: float) -> tuple[float, float, float]:
    tp = sum(p >= threshold and y for p, y in pairs)
    fp = sum(p >= threshold and not y for p, y in pairs)
    fn = sum(p < threshold and y for p, y in pairs)
    prec, rec = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return round(prec, 3), round(rec, 3), round(2 * prec * rec / max(prec + rec, 1e-9), 3)


def held_out(rows: list[dict], settings: dict, seed: int = 0, k: int = FOLDS) -> list[tuple[float, bool]]:
    """(probability, label) of every scored row, each from the model learned on the other folds."""
    out = []
    for fold in range(k):
        train = [r for r in rows if fold_of(r["id"], k, seed) != fold]
        model = learn(train, settings["l2"], settings["min_count"], settings["labels"], settings["joint"])
        out += [(row_probability(model, r), r["yes"]) for r in rows
                if fold_of(r["id"], k, seed) == fold and r["scored"]]
    return out


def choose(rows: list[dict]) -> tuple[dict, float]:
    """The settings (l2, min_count, labels, threshold) of the best pooled held-out F1 over the folds
    of `rows` (the mean of REPEATS ways of cutting them: a few hundred rows give noisy figures), and
    that F1 (smoothed over neighbouring thresholds)."""
    scored: list[tuple[float, dict]] = []
    for l2, min_count, labels, joint in itertools.product(L2S, MIN_COUNTS, LABELS, JOINT):
        settings = {"l2": l2, "min_count": min_count, "labels": labels, "joint": joint}
        repeats = [held_out(rows, settings, seed) for seed in range(REPEATS)]
        f1s = [sum(f1_of(pairs, t)[2] for pairs in repeats) / REPEATS for t in THRESHOLDS]
        # F1 over a few hundred rows jumps from one threshold to the next: each threshold is judged
        # by the mean F1 of it and its neighbours
        for n, t in enumerate(THRESHOLDS):
            window = f1s[max(n - 1, 0):n + 2]
            scored.append((round(sum(window) / len(window), 3), {**settings, "threshold": t}))
    return max(scored, key=lambda b: b[0])[1], max(f1 for f1, _ in scored)


def fit(rows: list[dict], settings: dict) -> dict:
    model = learn(rows, settings["l2"], settings["min_count"], settings["labels"], settings["joint"])
    return {**model, "threshold": settings["threshold"], "settings": settings}


def score(model: dict, rows: list[dict]) -> tuple[float, float, float]:
    return f1_of([(row_probability(model, r), r["yes"]) for r in rows if r["scored"]], model["threshold"])


def show_errors(plover: str, rows: list[dict], settings: dict) -> None:
    pairs = held_out(rows, settings)
    order = [r for fold in range(FOLDS) for r in rows if fold_of(r["id"], FOLDS) == fold and r["scored"]]
    for row, (p, yes) in zip(order, pairs, strict=True):
        if (p >= settings["threshold"]) != yes:
            feats = " ".join(sorted(row["features"] or ()))
            print(f"{'MISS' if yes else 'FALSE'} {p:.2f} {row['text'][:150]}\n    {feats}")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", action="store_true", help="learn on all rows and write the model file")
    ap.add_argument("--only", choices=TYPES, help="learn and write this type only, keep the others' weights")
    ap.add_argument("--errors", choices=TYPES, help="print the held-out mistakes of this type")
    args = ap.parse_args(argv)
    if not GSR.exists():
        print(f"{GSR} is absent", file=sys.stderr)
        return 1
    models = json.loads(OUT.read_text(encoding="utf-8"))["types"] if args.only and OUT.exists() else {}
    resources = Resources()
    OTHERS.update({plover: rows_of(plover, resources) for plover in TYPES})
    for plover in [args.only or args.errors] if args.only or args.errors else TYPES:
        rows = OTHERS[plover]
        settings, cv = choose(rows)
        if args.errors:
            show_errors(plover, rows, settings)
        for train, test in (("a", "b"), ("b", "a")):
            inner, _ = choose([r for r in rows if half(r["id"]) == train])
            model = fit([r for r in rows if half(r["id"]) == train], inner)
            print(f"{plover} two-fold: learn on {train} {inner}, {test} p/r/f1 "
                  f"{score(model, [r for r in rows if half(r['id']) == test])}")
        models[plover] = fit(rows, settings)
        print(f"{plover} {FOLDS}-fold held-out f1 {cv} with {settings}; "
              f"in-sample p/r/f1 {score(models[plover], rows)}")
    if args.write:
        note = ("Learned by tools/events_realis.py from the labelled sentences of the Arabic PLOVER gold "
                "standard (openeventdata/arabic_event_gsr, MIT licence); weights only, settings chosen by "
                "cross-validation.")
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps({"note": note, "types": models}, ensure_ascii=False, indent=1, sort_keys=True)
                       + "\n", encoding="utf-8")
        print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
