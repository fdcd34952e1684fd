"""Learn the confidence model of src/khabar/events/data/confidence.json: the chance that an event
found in a given way (Event.how, type, modes) is right, by logistic regression.

    .venv/bin/python tools/events_confidence.py            # two-fold check on the page halves
    .venv/bin/python tools/events_confidence.py --write    # and learn on all pages, write the model

Data: `khabar read` on the development pages (../shared/eval/*.jsonl): each event between two states
is a row, right when the page's gold lists its (unordered) dyad and type; and on the sentences of the
Arabic PLOVER gold standard with annotated actors (../shared/data/arabic_event_gsr/*_spans_dev.jsonl):
each event of the sentence's type that names a state is a row, right when every state it names stands
in that role in the annotation. Halves by md5 of the page id
(even: a). The check prints, for each half learned on the other, the Brier score of the model against
that of the base rate, and the precision of the events above and below 0.5. Only weights are written.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from logistic import fit_logistic  # tools/logistic.py (tools run as scripts)

from khabar.events.confidence import event_features

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
OUT = Path(__file__).resolve().parents[1] / "src" / "khabar" / "events" / "data" / "confidence.json"
L2 = 2.0
MIN_COUNT = 3


def half(key: str) -> str:
    return "ab"[int(hashlib.md5(key.encode("utf-8")).hexdigest(), 16) % 2]


def is_state(code: object) -> bool:
    return isinstance(code, str) and len(code) == 3 and code.isalpha() and code.isupper()


def rows_of(pages: list[Path]) -> list[dict]:
    gold = [json.loads(line) for path in pages for line in path.open(encoding="utf-8") if line.strip()]
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as handle:
        for doc in gold:
            handle.write(json.dumps({"id": doc["id"], "text": doc["raw"]}, ensure_ascii=False) + "\n")
    out = subprocess.run(["khabar", "read", handle.name, "--format", "jsonl"], capture_output=True, text=True,
                         check=True).stdout
    read = {(d := json.loads(line))["id"]: d for line in out.splitlines() if line.startswith("{")}
    rows = []
    for doc in gold:
        want = {(frozenset((e["source"], e["target"])), e["type"]) for e in doc["gold"].get("events", [])}
        for event in read[doc["id"]].get("events") or []:
            source, target = event.get("source"), event.get("target")
            if not (is_state(source) and is_state(target)) or source == target:
                continue
            feats = event_features(event["type"], event["how"].items(), event["sentence"], event["negated"],
                                   event["future"], event["hypothetical"])
            rows.append({"id": doc["id"], "yes": (frozenset((source, target)), event["type"]) in want,
                         "features": feats})
    return rows


def gsr_rows(paths: list[Path]) -> list[dict]:
    docs = [json.loads(line) for path in paths for line in path.open(encoding="utf-8") if line.strip()]
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as handle:
        for n, doc in enumerate(docs):
            handle.write(json.dumps({"id": str(n), "text": doc["text"], "layout": "plain"}, ensure_ascii=False) + "\n")
    out = subprocess.run(["khabar", "read", handle.name, "--format", "jsonl"], capture_output=True, text=True,
                         check=True).stdout
    read = {(d := json.loads(line))["id"]: d for line in out.splitlines() if line.startswith("{")}
    rows = []
    for n, doc in enumerate(docs):
        roles = {"source": set(), "target": set()}
        for span in doc.get("spans") or []:
            for role in roles:
                main = (span.get(f"{role}_role") or {}).get("main") if isinstance(span.get(f"{role}_role"), dict) else None
                if is_state(main):
                    roles[role].add(main)
        for event in read[str(n)].get("events") or []:
            if event["type"] != doc.get("event_type"):
                continue
            named = {role: event.get(role) for role in roles if is_state(event.get(role))}
            if not named:
                continue
            feats = event_features(event["type"], event["how"].items(), event["sentence"], event["negated"],
                                   event["future"], event["hypothetical"])
            rows.append({"id": str(doc.get("id") or doc["text"]), "features": feats,
                         "yes": all(code in roles[role] for role, code in named.items())})
    return rows


def fit(rows: list[dict]) -> dict:
    bias, weights = fit_logistic(rows, MIN_COUNT, L2)
    return {"bias": round(bias, 4), "weights": weights}


def probability(model: dict, feats: frozenset[str]) -> float:
    return float(1 / (1 + np.exp(-(model["bias"] + sum(model["weights"].get(f, 0.0) for f in feats)))))


def check(model: dict, base: float, rows: list[dict]) -> str:
    probs = [probability(model, r["features"]) for r in rows]
    brier = np.mean([(p - r["yes"]) ** 2 for p, r in zip(probs, rows, strict=True)])
    flat = np.mean([(base - r["yes"]) ** 2 for r in rows])
    high = [r["yes"] for p, r in zip(probs, rows, strict=True) if p >= 0.5]
    low = [r["yes"] for p, r in zip(probs, rows, strict=True) if p < 0.5]
    share = lambda xs: f"{np.mean(xs):.2f} of {len(xs)}" if xs else "none"  # noqa: E731
    return f"brier {brier:.3f} (base rate {flat:.3f}); right >=0.5: {share(high)}, <0.5: {share(low)}"


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args(argv)
    pages = sorted((SHARED / "eval").glob("*.jsonl"))
    if not pages:
        print(f"{SHARED / 'eval'} has no pages", file=sys.stderr)
        return 1
    rows = rows_of(pages) + gsr_rows(sorted((SHARED / "data" / "arabic_event_gsr").glob("*_spans_dev.jsonl")))
    halves = {h: [r for r in rows if half(r["id"]) == h] for h in "ab"}
    for train, test in (("a", "b"), ("b", "a")):
        model = fit(halves[train])
        base = float(np.mean([r["yes"] for r in halves[train]]))
        print(f"learn on {train} ({len(halves[train])} events), check on {test}: {check(model, base, halves[test])}")
    if args.write:
        model = fit(rows)
        model["note"] = ("Learned by tools/events_confidence.py from khabar's events on the development pages "
                         "against their gold events; weights only.")
        OUT.write_text(json.dumps(model, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {OUT} from {len(rows)} events")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
