"""Continuation parts of a dispatch ("… / إضافة أولى") carry no dateline of their own: within a
stream of articles from one feed, each takes the dateline and agency of the dispatch it continues.

The lead dispatch may come before or after its parts, so articles wait in a small window, and are
given out in the order they came in.
"""

from __future__ import annotations

import dataclasses
from collections import deque
from collections.abc import Iterable, Iterator

from khabar.article import Article
from khabar.page.headline import headline_key

WINDOW = 64  # articles; parts seen in SaudiNewsNet stand at most ~30 items from their lead


def link_continuations(articles: Iterable[Article], window: int = WINDOW) -> Iterator[Article]:
    pending: deque[Article] = deque()
    leads: dict[tuple[str | None, str], Article] = {}
    parts: dict[tuple[str | None, str], list[Article]] = {}  # parts in the window still without a lead
    for article in articles:
        key = _key(article)
        if key and article.continuation is None and (article.dateline or article.agency):
            leads[key] = article
            for part in parts.pop(key, ()):
                _inherit(part, article)
        elif key and article.continuation is not None and key in leads:
            _inherit(article, leads[key])
        pending.append(article)
        if key and _waiting(article):
            parts.setdefault(key, []).append(article)
        while pending and (len(pending) > window or not _waiting(pending[0])):
            out = pending.popleft()
            if _waiting(out) and (out_key := _key(out)) in parts:  # leaves the window unlinked
                parts[out_key] = [p for p in parts[out_key] if p is not out]
                if not parts[out_key]:
                    del parts[out_key]
            yield out
        if len(leads) > window * 4:
            leads.pop(next(iter(leads)))
    yield from pending


def _key(article: Article) -> tuple[str | None, str] | None:
    if article.headline is None or article.error:
        return None
    return (article.source.split("#")[0] if article.source else None, headline_key(article.headline.text))


def _waiting(article: Article) -> bool:
    return article.continuation is not None and article.continues is None


def _inherit(part: Article, lead: Article) -> None:
    part.continues = lead.id
    if part.dateline is None and lead.dateline is not None:
        part.dateline = dataclasses.replace(lead.dateline, start=0, end=0, inherited_from=lead.id)
    if part.agency is None and lead.agency:
        part.agency = lead.agency
