"""How far to trust an event: the share of events found the same way that were right, by a logistic
model over how the trigger and each actor were found (Event.how), the kind of act and its modes.

The weights are learned by `tools/events_confidence.py` from the development pages (an event between
two states is right when the annotators list its dyad and type) and kept in data/confidence.json;
without the file every event has no confidence (None).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass

from khabar.errors import DataFileError
from khabar.events.scales import quad_class
from khabar.resources import data_path

MODEL_FILE = "data/confidence.json"


@dataclass(frozen=True, slots=True)
class ConfidenceModel:
    bias: float
    weights: dict[str, float]

    def probability(self, features: Iterable[str]) -> float:
        score = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return round(1.0 / (1.0 + math.exp(-max(min(score, 30.0), -30.0))), 3)


def read_confidence() -> ConfidenceModel | None:
    """The learned model (None when the file is absent; read once, by the event tables)."""
    path = data_path("khabar.events", MODEL_FILE)
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return ConfidenceModel(float(data["bias"]), {k: float(v) for k, v in data["weights"].items()})
    except (ValueError, KeyError, TypeError) as exc:
        raise DataFileError(str(path), 0, f"not a confidence model: {exc}") from exc


def event_features(plover: str, how: Iterable[tuple[str, str]], sentence: int, negated: bool, future: bool,
                   hypothetical: bool) -> frozenset[str]:
    """The features of one event: each (key, value) of its `how`, its QuadClass, its modes and whether
    it stands in the headline."""
    out = {f"{key}:{value}" for key, value in how}
    found = {key for key, _ in how}
    out.update(f"{role}:none" for role in ("source", "target") if role not in found)
    out.add(f"quad:{quad_class(plover)}")
    out.update(name for name, on in (("negated", negated), ("future", future), ("hypothetical", hypothetical),
                                     ("headline", sentence < 0)) if on)
    return frozenset(out)
