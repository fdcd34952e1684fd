"""Soft news: pages of sport, culture or technology, where a state's name stands for a national team,
a festival's host or a market. There an event between states needs an agent of a state named in its
role (an official, a ministry, its forces); the names alone code nothing.

The model (data/domain.json, learned by tools/events_domain.py from the sections of ANT outlets) is a
naive Bayes over the distinct word stems of the page.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from khabar.errors import DataFileError
from khabar.resources import data_path

MODEL_FILE = "data/domain.json"


def page_stems(keys: Iterable[str]) -> frozenset[str]:
    """The distinct Arabic word stems of a text (its tokens' keys) the model weighs."""
    return frozenset(k for k in keys if len(k) > 1 and "\u0621" <= k[0] <= "\u064a")


@dataclass(frozen=True, slots=True)
class DomainModel:
    prior: float
    threshold: float
    min_words: int  # distinct stems a text needs before its section is judged: a sentence alone is not
    weights: dict[str, float]

    def soft(self, keys: Iterable[str]) -> bool:
        stems = page_stems(keys)
        if len(stems) < self.min_words:
            return False
        weights = self.weights
        return self.prior + sum(weights[s] for s in stems if s in weights) > self.threshold


def read_domain() -> DomainModel | None:
    """The learned model (None when the file is absent; read once, by the event tables)."""
    path = data_path("khabar.events", MODEL_FILE)
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return DomainModel(float(data["prior"]), float(data["threshold"]), int(data["min_words"]),
                           {k: float(v) for k, v in data["weights"].items()})
    except (ValueError, KeyError, TypeError) as exc:
        raise DataFileError(str(path), 0, f"not a domain model: {exc}") from exc
