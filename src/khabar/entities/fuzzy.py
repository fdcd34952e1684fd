"""Transliteration variants: a name the knowledge base does not hold as written ("واسنطن",
"بوريال") is linked to the closest name of the same type when they differ by a letter or two."""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz import fuzz, process

from khabar.kb import KnowledgeBase
from khabar.kb.model import Entry

MIN_SCORE = 80.0  # rapidfuzz ratio (0-100): one letter in six may differ ("واسنطن" for "واشنطن")
MIN_SCORE_SHORT = 88.0  # five-letter names: only a dropped or doubled letter
MIN_LENGTH = 5  # shorter names differ too much by one letter to be matched this way


class FuzzyNames:
    """Folded knowledge-base names per entity type, for closest-match lookups."""

    def __init__(self, kb: KnowledgeBase) -> None:
        by_type: dict[str, dict[str, Entry]] = {}
        for key, entry in kb.names():
            if len(key) >= MIN_LENGTH:
                by_type.setdefault(entry.type, {}).setdefault(key, entry)
        self._keys = {t: list(names) for t, names in by_type.items()}
        self._entries = by_type

    def closest(self, key: str, type_: str) -> Entry | None:
        """The entry whose name is closest to `key` (folded), or None below MIN_SCORE."""
        keys = self._keys.get(type_)
        if not keys or len(key) < MIN_LENGTH:
            return None
        cutoff = MIN_SCORE if len(key) > MIN_LENGTH else MIN_SCORE_SHORT
        found = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=cutoff)
        if found is None:
            return None
        name = found[0]
        if name[0] != key[0] or abs(len(name) - len(key)) > 2:
            return None  # variants keep the first letter and about the length
        return self._entries[type_][name]


@lru_cache(maxsize=4)
def fuzzy_names(kb: KnowledgeBase) -> FuzzyNames:
    return FuzzyNames(kb)
