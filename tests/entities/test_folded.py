"""Folded words: one fold per word form, shared strings, and the candidate scans built on them."""

from __future__ import annotations

import random

from khabar.lang.normalize import fold
from khabar.text.tokens import tokenize
from khabar.text.words import folded_words, positions_in


def test_folded_words_match_the_tokens_and_share_one_string_per_form() -> None:
    first = tokenize("قال الرئيس الأمريكي إن الولايات المتحدة")
    second = tokenize("أكد الرئيس الأمريكي")
    a, b = folded_words(first), folded_words(second)
    assert a.words == [first.text[s:e] for s, e in first.spans]
    assert a.norms == [fold(w) for w in a.words]
    assert a.keys == [split[2] for split in first.splits] and a.starts == [s for s, _ in first.spans]
    assert b.words[1] is a.words[1] and b.words[2] is a.words[2]  # "الرئيس", "الأمريكي": one object each
    assert a.norms is first.norms()  # the text stage folded each word once


def test_positions_in_equals_the_plain_scan() -> None:
    rng = random.Random(3)
    vocabulary = ["وزير", "الخارجية", "قال", "في", "الكويت", "رئيس", "،", "مجلس"]
    wanted = frozenset({"وزير", "رئيس", "مجلس"})
    for _ in range(500):
        norms = [rng.choice(vocabulary) for _ in range(rng.randint(0, 30))]
        keys = [rng.choice(vocabulary) for _ in norms]
        start = rng.randint(0, 5)
        plain = [start + i for i, (n, k) in enumerate(zip(norms, keys, strict=True)) if n in wanted or k in wanted]
        assert positions_in(wanted, norms, keys, start=start) == plain
        assert positions_in(wanted, norms) == [i for i, n in enumerate(norms) if n in wanted]
