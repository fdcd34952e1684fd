"""word_cache: one answer per word, remembered; `many` answers a list the same way."""

from __future__ import annotations

from khabar.text.cache import word_cache


def test_many_answers_like_one_at_a_time_and_computes_each_word_once() -> None:
    calls: list[str] = []

    @word_cache(3)
    def length(word: str) -> int | None:
        calls.append(word)
        return None if word == "x" else len(word)  # None is an answer like any other

    words = ["قال", "x", "قال", "الرئيس", "x"]
    assert length.many(words) == [length(w) for w in words] == [3, None, 3, 6, None]
    assert calls == ["قال", "x", "الرئيس"]
    assert length.many(["a", "bb", "ccc", "a"]) == [1, 2, 3, 1]  # past the size: emptied, still right
