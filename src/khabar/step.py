"""A pipeline step: a named function that adds annotations to an Article.

Kept apart from pipeline.py so that each stage can declare its own step without importing the
pipeline (imports point left only). A step reads only the fields it `requires` and writes only those
it `provides` (each field has one writer); it gets the pipeline's Resources — the knowledge base,
lexicons, models and word table built once, and the settings — and loads nothing of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from khabar.article import Article
from khabar.resources import Resources


@dataclass(frozen=True, slots=True)
class Step:
    name: str
    run: Callable[[Article, Resources], None]
    requires: tuple[str, ...]
    provides: tuple[str, ...]
    # Optional batch form: the same work for several articles at once (e.g. one tagger call).
    run_many: Callable[[Sequence[Article], Resources], None] | None = None
    # Resources the step uses (build functions): the pipeline builds them before the first article.
    uses: tuple[Callable[[Resources], object], ...] = ()
