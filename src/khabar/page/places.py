"""Dateline places through the knowledge base (cities first, then states and regions)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4096)
def lookup_place(name: str, kb_files: tuple[str, ...] = ()) -> tuple[str, str | None] | None:
    """(English name, ISO3) of a dateline place as written, or None when the KB does not know it."""
    from khabar.kb import load_kb  # the KB loads on first use, never at import

    entry = load_kb(kb_files).place(name)
    if entry is None:
        return None
    return entry.name_en, entry.country


def known_place(name: str, kb_files: tuple[str, ...] = ()) -> bool:
    return lookup_place(name, kb_files) is not None
