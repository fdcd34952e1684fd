"""Scores on the evaluation data kept outside the project (skipped when ../shared is absent)."""

from __future__ import annotations

import json

import khabar
from tests.conftest import shared_path

GSR_FLOORS = {"ASSAULT": 0.68, "PROTEST": 0.65}  # F1 on the development sentences; raise, never lower


def _f1(plover: str) -> float:
    path = shared_path("data", "arabic_event_gsr", f"{plover.lower()}_dev.jsonl")
    tp = fp = fn = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["label"] == "ambiguous":
            continue
        got = any(e.type == plover for e in khabar.read(row["text"], plain=True).events)
        gold = row["label"] == "yes"
        tp, fp, fn = tp + (got and gold), fp + (got and not gold), fn + (gold and not got)
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return 2 * p * r / max(p + r, 1e-9)


def test_eval_gsr_assault_and_protest_floors():
    for plover, floor in GSR_FLOORS.items():
        assert _f1(plover) >= floor, plover
