"""Named entities: the statistical tagger (CRF), its training and evaluation, linking to the knowledge base.

    >>> from khabar.entities import NerTagger, spans_from_tags
    >>> tags = NerTagger.load().tag("قال الرئيس جو بايدن في واشنطن".split())

Nothing is read at import time: the shipped model is opened by `NerTagger.load()`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["NerTagger", "spans_from_tags"]

if TYPE_CHECKING:
    from khabar.entities.tagger import NerTagger, spans_from_tags


def __getattr__(name: str) -> Any:
    if name in __all__:
        from khabar.entities import tagger

        return getattr(tagger, name)
    raise AttributeError(f"module 'khabar.entities' has no attribute {name!r}")
