"""A document far longer than an article is tagged in bounded parts: runs of sentences of a limited
number of tokens per tagger call, and a "sentence" without ends in windows; nothing is lost."""

from __future__ import annotations

import khabar
from khabar.entities import link
from khabar.entities.link import _token_batches


def test_token_batches_keep_every_sentence_in_order_within_the_limit():
    sents = [["w"] * n for n in (3, 5, 2, 9, 1, 4, 4, 12, 0, 2)]
    parts = list(_token_batches(sents, 8))
    assert [s for part in parts for s in part] == sents
    for part in parts:
        assert len(part) == 1 or sum(map(len, part)) <= 8


def test_a_sentence_longer_than_the_window_is_tagged_to_its_end(monkeypatch):
    clause = "وقال وزير الخارجية الكويتي الشيخ صباح الخالد إن الكويت تدعم الحوار، "
    text = clause * 60  # one "sentence" of ~700 tokens: no full stop anywhere
    whole = khabar.read(text, plain=True)
    monkeypatch.setattr(link, "MAX_SENTENCE_TOKENS", 50)
    monkeypatch.setattr(link, "TAGGER_CALL_TOKENS", 120)
    parts = khabar.read(text, plain=True)
    found = [m for m in parts.mentions if m.text.endswith("الكويت")]
    assert found and max(m.start for m in found) > len(text) * 0.9  # the last window was tagged
    assert len(parts.mentions) >= 0.9 * len(whole.mentions)
