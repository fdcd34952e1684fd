"""Remembering a function of one word in a plain dict, for the steps that look words up."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from itertools import repeat
from typing import Any, TypeVar

T = TypeVar("T")
_MISSING: Any = object()


def word_cache(size: int) -> Callable[[Callable[[str], T]], Callable[[str], T]]:
    """Remember a function of one word in a plain dict, emptied when it holds `size`: an LRU cache
    keeps one more object per word for the garbage collector to walk."""

    def wrap(function: Callable[[str], T]) -> Callable[[str], T]:
        known: dict[str, T] = {}

        @wraps(function)
        def cached(word: str) -> T:
            if word in known:
                return known[word]
            if len(known) >= size:
                known.clear()
            found = known[word] = function(word)
            return found

        def many(words: list[str]) -> list[T]:
            """The answers for a list of words: one dict lookup per word met before, in C."""
            found = list(map(known.get, words, repeat(_MISSING)))
            if _MISSING in found:
                found = [cached(w) if f is _MISSING else f for f, w in zip(found, words, strict=True)]
            return found

        cached.many = many  # type: ignore[attr-defined]
        return cached

    return wrap
