"""Dateline places through the knowledge base (cities first, then states and regions)."""

from __future__ import annotations

from khabar.kb import KnowledgeBase, default_kb


def lookup_place(name: str, kb: KnowledgeBase | None = None) -> tuple[str, str | None] | None:
    """(English name, ISO3) of a dateline place as written, or None when `kb` (default: the packaged
    knowledge base) does not know it."""
    entry = (kb or default_kb()).place(name)
    if entry is None:
        return None
    return entry.name_en, entry.country


def known_place(name: str, kb: KnowledgeBase | None = None) -> bool:
    return lookup_place(name, kb) is not None
