"""Knowledge base: states, cities, regions, organisations and office holders with their Arabic names.

Plain TSV files under kb/data (see data/SOURCE.md) plus any user files of the same formats. Nothing is
read at import time; `load_kb()` reads on first call and caches the packaged knowledge base.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from khabar.kb.base import KnowledgeBase, clitic_forms, match_key
from khabar.kb.load import build_entries, package_sources, user_sources
from khabar.kb.model import ORG_KINDS, REGION_KINDS, ROLES, Entry

__all__ = ["ORG_KINDS", "REGION_KINDS", "ROLES", "Entry", "KnowledgeBase", "clitic_forms", "load_kb", "match_key"]


def load_kb(extra: Sequence[str | Path] = ()) -> KnowledgeBase:
    """The packaged knowledge base plus `extra` TSV files or directories (table told by each header).

    The call without extras is cached; with extras the files are read afresh each time.
    Raises khabar.errors.DataFileError on a malformed row.
    """
    if isinstance(extra, str | Path):
        extra = [extra]  # a lone path, not a sequence of characters
    if not extra:
        return _packaged()
    return KnowledgeBase(build_entries([*package_sources(), *user_sources(extra)]))


@cache
def _packaged() -> KnowledgeBase:
    return KnowledgeBase(build_entries(package_sources()))
