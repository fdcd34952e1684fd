"""A pipeline step: a named function that adds annotations to an Article.

Kept apart from pipeline.py so that each stage can declare its own step without importing the
pipeline (imports point left only)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from khabar.article import Article
from khabar.settings import Settings


@dataclass(frozen=True, slots=True)
class Step:
    name: str
    run: Callable[[Article, Settings], None]
    requires: tuple[str, ...]
    provides: tuple[str, ...]
    # Optional batch form: the same work for several articles at once (e.g. one tagger call).
    run_many: Callable[[Sequence[Article], Settings], None] | None = None
