"""Soft news: is a page one of sport, culture or technology? There a state's name stands for a
national team, a festival's host or a market, and a surname for a player or an artist: the event
coder and the linker read such pages differently.

The model (data/sections.json, learned by tools/sections.py from the sections of ANT outlets) is a
naive Bayes over the distinct word stems of the page (its tokens' keys).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from math import fsum

from khabar.article import Article, Tokens
from khabar.errors import DataFileError
from khabar.resources import Resources, data_path

MODEL_FILE = "data/sections.json"


def page_stems(keys: Iterable[str]) -> frozenset[str]:
    """The distinct Arabic word stems of a text (its tokens' keys) the model weighs."""
    return frozenset(k for k in keys if len(k) > 1 and "\u0621" <= k[0] <= "\u064a")


@dataclass(frozen=True, slots=True)
class SectionModel:
    prior: float
    threshold: float
    min_words: int  # distinct stems a text needs before its section is judged: a sentence alone is not
    weights: dict[str, float]

    def soft(self, keys: Iterable[str]) -> bool:
        stems = page_stems(set(keys))  # each distinct key tested once
        if len(stems) < self.min_words:
            return False
        weights = self.weights
        # fsum: exact whatever the set's order, so every process decides a page alike
        return self.prior + fsum(map(weights.__getitem__, weights.keys() & stems)) > self.threshold


def section_model(resources: Resources) -> SectionModel | None:
    """The resource: the learned model (None when the file is absent)."""
    path = data_path("khabar.text", MODEL_FILE)
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return SectionModel(float(data["prior"]), float(data["threshold"]), int(data["min_words"]),
                           {k: float(v) for k, v in data["weights"].items()})
    except (ValueError, KeyError, TypeError) as exc:
        raise DataFileError(str(path), 0, f"not a sections model: {exc}") from exc


def page_keys(article: Article) -> list[str]:
    """The word stems of the article's body and headline."""
    keys = article.tokens.keys() if isinstance(article.tokens, Tokens) else []
    if isinstance(article.headline_tokens, Tokens):
        keys = [*keys, *article.headline_tokens.keys()]
    return keys


def soft_news(article: Article, resources: Resources) -> bool:
    """Is the article a page of sport, culture or technology (False when the model is absent)?"""
    model = resources.get(section_model)
    return model is not None and model.soft(page_keys(article))
