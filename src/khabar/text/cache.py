"""Remembering a function of one word in a plain dict, for the steps that look words up."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

T = TypeVar("T")


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

        return cached

    return wrap
