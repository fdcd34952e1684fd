"""The quotations of the evaluation pages in ../shared/eval (skipped when that folder is absent)."""

from __future__ import annotations

import re

import khabar
from khabar.lang.normalize import fold
from khabar.quotes import find_quotes
from khabar.resources import Resources
from tests.conftest import load_gold

_NOT_LETTERS = re.compile(r"[\W_]+")


def _key(text: str) -> str:
    return _NOT_LETTERS.sub("", fold(text))


def _found(doc: dict) -> list[tuple[dict, list]]:
    """Each gold quote with the predicted quotations that contain its first words."""
    article = khabar.read(doc["raw"])
    find_quotes(article, Resources())
    return [(gold, [q for q in article.quotes if _key(gold["starts_with_ar"]) in _key(q.text)])
            for gold in doc["gold"]["quotes"]]


def test_gold_seed_quotes_and_speakers(seed):
    found = _found(seed)
    assert len(found) == 6
    for gold, hits in found:
        assert hits, gold["starts_with_ar"]
        assert any(q.speaker_en == gold["speaker_en"] for q in hits), (gold, [q.speaker_en for q in hits])
    article = khabar.read(seed["raw"])
    find_quotes(article, Resources())
    assert len(article.quotes) == 6  # no name or title in marks taken for speech


def test_gold_dev_quote_f1():
    docs = load_gold("dev-wire.jsonl") + load_gold("dev-press.jsonl")
    gold = recalled = predicted = precise = 0
    for doc in docs:
        article = khabar.read(doc["raw"])
        find_quotes(article, Resources())
        keys = [_key(g["starts_with_ar"]) for g in doc["gold"]["quotes"]]
        texts = [_key(q.text) for q in article.quotes]
        gold, predicted = gold + len(keys), predicted + len(texts)
        recalled += sum(any(k in t for t in texts) for k in keys)
        precise += sum(any(k in t for k in keys) for t in texts)
    p, r = precise / predicted, recalled / gold
    assert 2 * p * r / (p + r) >= 0.8, (p, r)
