"""The entity step of the pipeline: the shipped tagger (when built) with the knowledge base."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from khabar.article import Article
from khabar.entities.link import link_entities, tag_articles
from khabar.settings import Settings
from khabar.step import Step


@lru_cache(maxsize=1)
def shipped_tagger():
    """The NER model shipped in khabar/entities/models, loaded on first use; None when not built."""
    from khabar.entities.tagger import NerTagger

    try:
        return NerTagger.load()
    except FileNotFoundError:
        return None


def _run(article: Article, settings: Settings) -> None:
    link_entities(article, settings, shipped_tagger())


def _run_many(articles: Sequence[Article], settings: Settings) -> None:
    tagger = shipped_tagger()
    for article, tagged in zip(articles, tag_articles(articles, tagger), strict=True):
        link_entities(article, settings, tagger, tagged)


ENTITY_LINKER = Step("entities", _run, ("body", "sentences", "tokens"), ("mentions", "entities", "references"),
                     _run_many)
