"""The entity step of the pipeline: the shipped tagger (when built) with the knowledge base."""

from __future__ import annotations

from collections.abc import Sequence

from khabar.article import Article
from khabar.entities.gazetteer import name_gazetteer
from khabar.entities.link import link_entities, tag_articles
from khabar.kb import knowledge_base
from khabar.lang.romanise import packaged as packaged_romanisation
from khabar.resources import Resources
from khabar.step import Step
from khabar.text.section import section_model


def shipped_tagger(resources: Resources):
    """The resource: the NER model shipped in khabar/entities/models; None when not built."""
    from khabar.entities.tagger import NerTagger

    try:
        return NerTagger.load()
    except FileNotFoundError:
        return None


def romanisation(resources: Resources):
    """The resource: the packaged romanisation model that spells names in English (language data, one
    per process: held by the process's Resources, whatever the knowledge base). Declared here so that
    a warm pipeline has read it before the first article."""
    return packaged_romanisation()


def _run(article: Article, resources: Resources) -> None:
    link_entities(article, resources, resources.get(shipped_tagger))


def _run_many(articles: Sequence[Article], resources: Resources) -> None:
    tagger = resources.get(shipped_tagger)
    for article, tagged in zip(articles, tag_articles(articles, tagger), strict=True):
        link_entities(article, resources, tagger, tagged)


ENTITY_LINKER = Step("entities", _run,
                     ("body", "headline", "dateline", "agency", "sentences", "tokens", "headline_tokens"),
                     ("mentions", "entities", "references"), _run_many,
                     uses=(knowledge_base, name_gazetteer, shipped_tagger, romanisation, section_model))
