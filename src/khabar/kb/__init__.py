"""Knowledge base: states, cities, regions, organisations and office holders with their Arabic names.

Plain TSV files under kb/data (see data/SOURCE.md) plus any user files of the same formats. Nothing is
read at import time. `load_kb()` builds a knowledge base; the stages get theirs from the pipeline's
Resources (`resources.get(knowledge_base)`), built once with the user's files (Settings.kb_files).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from khabar.kb.base import KnowledgeBase, clitic_forms, match_key
from khabar.kb.load import build_entries, package_sources, user_sources
from khabar.kb.model import ORG_KINDS, REGION_KINDS, ROLES, Entry
from khabar.resources import Resources

__all__ = ["ORG_KINDS", "REGION_KINDS", "ROLES", "Entry", "KnowledgeBase", "clitic_forms", "default_kb", "knowledge_base", "load_kb", "match_key"]


def load_kb(extra: Sequence[str | Path] = ()) -> KnowledgeBase:
    """The packaged knowledge base plus `extra` TSV files or directories (table told by each header),
    built afresh (a pipeline builds it once, as a resource: `knowledge_base`).
    Raises khabar.errors.DataFileError on a malformed row.
    """
    if isinstance(extra, str | Path):
        extra = [extra]  # a lone path, not a sequence of characters
    sources = package_sources()
    if extra:
        sources = [*sources, *user_sources(extra)]
    return KnowledgeBase(build_entries(sources))


def knowledge_base(resources: Resources) -> KnowledgeBase:
    """The resource: the packaged knowledge base with the user's files (`Settings.kb_files`)."""
    return load_kb(resources.settings.kb_files)


def default_kb() -> KnowledgeBase:
    """The packaged knowledge base of the process's shared Resources (for calls made outside a
    pipeline, such as tests and importers)."""
    return Resources.default().get(knowledge_base)
