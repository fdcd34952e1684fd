"""An Article as the rows the store writes. Runs in the workers, next to the reading, so that the
writer only inserts: ids, search keys, the packed JSON document (docs.py) and the MinHash signature
come ready.

A record is a dict with named keys (Record) of plain values and lists of rows (rows.py), so that it
pickles cheaply and fits a Parquet shard.
"""

from __future__ import annotations

import json
from typing import TypedDict

from khabar.article import Article, Event, EventPlace
from khabar.page.headline import headline_key
from khabar.store import docs
from khabar.store.dedup import signature
from khabar.store.ids import content_hash, content_id
from khabar.store.keys import text_keys, token_keys
from khabar.store.rows import (
    ArticleEntityRow,
    ArticleRow,
    DispatchRow,
    EntityRow,
    EventRow,
    MentionRow,
    QuoteRow,
)


class Record(TypedDict):
    """One article ready to store, or why it could not be read (`error`; then no rows)."""

    id: str
    error: str | None
    article: ArticleRow | None
    mentions: list[MentionRow]
    entities: list[EntityRow]
    article_entities: list[ArticleEntityRow]
    events: list[EventRow]
    quotes: list[QuoteRow]
    headline_keys: str
    body_keys: str
    minhash: bytes | None
    dispatch: DispatchRow | None  # a dispatch's lead or continuation part (dispatches.py)


# The keys of a Record that hold rows of the article's own tables, written when the article is new.
CHILD_ROWS: dict[str, type] = {
    "mentions": MentionRow, "entities": EntityRow,
    "article_entities": ArticleEntityRow, "events": EventRow, "quotes": QuoteRow,
}


def failed_record(article_id: str, error: str) -> Record:
    return Record(id=article_id, error=error, article=None, mentions=[], entities=[],
                  article_entities=[], events=[], quotes=[], headline_keys="", body_keys="", minhash=None,
                  dispatch=None)


def article_record(article: Article) -> Record:
    """Everything the writer needs to store `article` (or to record why it failed)."""
    digest = content_hash(article.raw)
    article_id = content_id(digest)
    if article.error:
        return failed_record(article_id, article.error)
    dateline = article.dateline
    places = article.event_places
    date = article.date or (dateline.date if dateline else None) or (
        article.reference_date.isoformat() if article.reference_date else None)
    body_keys = token_keys(article.tokens)
    row = ArticleRow(
        id=article_id, content_hash=digest, page_id=article.id, source=article.source or "",
        position=article.position or 0, url=article.url, outlet=article.outlet, agency=article.agency,
        headline=article.headline.text if article.headline else None, date=date,
        place=dateline.place_en if dateline else None, country=dateline.country if dateline else None,
        sentences=len(article.sentences), tokens=len(article.tokens),
        # packed here, in the worker: a quarter of the JSON to pickle and send, and the writer only inserts
        doc=docs.pack(json.dumps(article.to_dict(), ensure_ascii=False, separators=(",", ":"))))
    return Record(
        id=article_id, error=None, article=row,
        mentions=_mentions(article),
        entities=[EntityRow(id=e.id, type=e.type, name_en=e.name_en,
                            name_ar=e.name_ar or (article.mentions[e.mentions[0]].text if e.mentions else None),
                            country=e.country) for e in article.entities],
        article_entities=[ArticleEntityRow(0, e.id, len(e.mentions), date) for e in article.entities],
        events=[_event(n, e, places[n] if n < len(places) else None)
                for n, e in enumerate(article.events)],
        quotes=[QuoteRow(article_num=0, n=n, start=q.start, end=q.end, text=q.text, speaker=q.speaker,
                         speaker_en=q.speaker_en, speaker_id=q.speaker_id, sentence=q.sentence, kind=q.kind,
                         date=date)
                for n, q in enumerate(article.quotes)],
        headline_keys=" ".join(text_keys(article.headline.text)) if article.headline else "",
        body_keys=" ".join(body_keys),
        minhash=signature(body_keys),
        dispatch=_dispatch(article, article_id, date),
    )


def plain_record(article: Article) -> Record:
    """`article_record` with its rows as plain tuples, for a record sent between processes: a named
    row pickles as a call of its class, a plain one some four times faster. The writer reads rows by
    position (as it reads the lists of a Parquet shard)."""
    record = article_record(article)
    for key in CHILD_ROWS:
        record[key] = list(map(tuple, record[key]))  # type: ignore[literal-required]
    for key in ("article", "dispatch"):
        if record[key] is not None:  # type: ignore[literal-required]
            record[key] = tuple(record[key])  # type: ignore[literal-required]
    return record


def _dispatch(article: Article, article_id: str, date: str | None) -> DispatchRow | None:
    """The article as a continuation part, or as a lead a part may take its dateline from."""
    if article.headline is None:
        return None
    part = article.continuation is not None
    if not part and article.dateline is None and not article.agency:
        return None
    source = article.source.split("#")[0] if article.source else ""
    return DispatchRow(source=source, key=headline_key(article.headline.text), position=article.position or 0,
                       article_id=article_id, part=int(part), lead_id=None,
                       own_dateline=int(article.dateline is not None), own_agency=int(article.agency is not None),
                       own_date=date)


def _mentions(article: Article) -> list[MentionRow]:
    """Mentions (linked to their entity) then references (titles, demonyms), numbered in one series."""
    entity_of: dict[int, str] = {}
    for entity in article.entities:
        for index in entity.mentions:
            entity_of[index] = entity.id
    rows = []
    for role, items in (("mention", article.mentions), ("reference", article.references)):
        for m in items:
            entity_id = entity_of.get(len(rows), m.id) if role == "mention" else m.id
            rows.append(MentionRow(
                article_num=0, n=len(rows), role=role, part=m.where, start=m.start, end=m.end,
                text=m.text, type=m.type, entity_id=entity_id, name_en=m.name_en,
                country=m.country, kind=m.kind, how=m.how))
    return rows


def _event(n: int, e: Event, place: EventPlace | None) -> EventRow:
    return EventRow(
        article_num=0, n=n, type=e.type, sentence=e.sentence, trigger=e.trigger,
        trigger_start=e.trigger_start, trigger_end=e.trigger_end, source=e.source, target=e.target,
        source_text=e.source_text, target_text=e.target_text, source_sector=e.source_sector,
        target_sector=e.target_sector, mode=e.mode, negated=int(e.negated), future=int(e.future),
        hypothetical=int(e.hypothetical), cameo=e.cameo, quad_class=e.quad_class, goldstein=e.goldstein,
        place_country=place.country if place else None, place_name=place.name_en if place else None,
        place_lat=place.lat if place else None, place_lon=place.lon if place else None,
        place_how=place.how if place else None)
