"""Articles built by hand for the event coder: no page stage, no NER model."""

from __future__ import annotations

from collections.abc import Sequence

from khabar.article import Article, Event, Mention, Span
from khabar.events import code_events
from khabar.resources import Resources
from khabar.text.sentences import split_sentences
from khabar.text.tokens import tokenize


def article_of(body: str, mentions: Sequence[Mention] = (), headline: str | None = None) -> Article:
    article = Article(id="t", raw=body, body=body)
    article.sentences = split_sentences(body)
    article.tokens = tokenize(body)
    article.mentions = list(mentions)
    if headline:
        article.headline = Span(headline, 0, len(headline))
    return article


def code(body: str, mentions: Sequence[Mention] = (), headline: str | None = None) -> list[Event]:
    article = article_of(body, mentions, headline)
    code_events(article, Resources())
    return article.events


def mention(body: str, text: str, type: str, country: str | None, kind: str | None = None) -> Mention:
    start = body.index(text)
    return Mention(start, start + len(text), text, type, country=country, kind=kind)


def dyads(events: Sequence[Event], plover: str | None = None) -> set[tuple[str | None, str | None]]:
    return {(e.source, e.target) for e in events if plover is None or e.type == plover}


def types(events: Sequence[Event]) -> set[str]:
    return {e.type for e in events}
