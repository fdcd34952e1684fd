"""Reading a text and finding its quotations, with or without hand-made entity mentions."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import khabar
from khabar.article import Article, Mention, Quote
from khabar.quotes import find_quotes
from khabar.resources import Resources


@dataclass(slots=True)
class WithReported(Article):
    """An Article with the `reported` list the quotes step fills when the field exists."""

    reported: list[Quote] = field(default_factory=list)


def read(text: str, mentions: list[Mention] | None = None) -> WithReported:
    """`text` read as plain article text; `mentions` (default none) replace the entity layer's."""
    base = khabar.read(text, plain=True)
    article = WithReported(**{f.name: getattr(base, f.name) for f in fields(Article)})
    article.mentions = mentions or []
    find_quotes(article, Resources())
    return article


def mention(text: str, body: str, type_: str, name_en: str | None, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = body.index(text, start + 1)
    return Mention(start, start + len(text), text, type_, name_en, f"test:{name_en}")


def quoted(article: Article) -> list[tuple[str, str | None, str | None]]:
    return [(q.text, q.speaker, q.speaker_en) for q in article.quotes]
