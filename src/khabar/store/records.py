"""An Article as the rows the store writes. Runs in the workers, next to the reading, so that the
writer only inserts: ids, search keys, the JSON document and the MinHash signature come ready.

A record is a dict of plain values (str, int, float, bytes, None) and lists of row tuples, so that it
pickles cheaply and fits a Parquet shard.
"""

from __future__ import annotations

import json
from typing import Any

from khabar.article import Article
from khabar.lang.normalize import fold
from khabar.store.dedup import signature
from khabar.store.ids import content_hash, content_id
from khabar.store.keys import text_keys, token_keys

Record = dict[str, Any]


def article_record(article: Article) -> Record:
    """Everything the writer needs to store `article` (or to record why it failed)."""
    digest = content_hash(article.raw)
    record: Record = {
        "id": content_id(digest), "content_hash": digest, "page_id": article.id, "source": article.source or "",
        "position": article.position or 0, "url": article.url, "error": article.error,
    }
    if article.error:
        return record
    dateline = article.dateline
    date = article.date or (dateline.date if dateline else None) or (
        article.reference_date.isoformat() if article.reference_date else None)
    body_keys = token_keys(article.tokens)
    record.update({
        "outlet": article.outlet, "agency": article.agency,
        "headline": article.headline.text if article.headline else None, "date": date,
        "place": dateline.place_en if dateline else None, "country": dateline.country if dateline else None,
        "sentences": len(article.sentences), "tokens": len(article.tokens),
        "doc": json.dumps(article.to_dict(), ensure_ascii=False, separators=(",", ":")),
        "headline_keys": " ".join(text_keys(article.headline.text)) if article.headline else "",
        "body_keys": " ".join(body_keys),
        "minhash": signature(body_keys),
    })
    record.update(_rows(article, record["id"]))
    return record


def _rows(article: Article, article_id: str) -> dict[str, list[tuple]]:
    entity_of: dict[int, str] = {}
    for entity in article.entities:
        for index in entity.mentions:
            entity_of[index] = entity.id
    mentions = [(article_id, n, "mention", m.where, m.start, m.end, m.text, fold(m.text), m.type,
                 entity_of.get(n, m.id), m.name_en, m.country, m.kind, m.how)
                for n, m in enumerate(article.mentions)]
    offset = len(mentions)
    mentions += [(article_id, offset + n, "reference", m.where, m.start, m.end, m.text, fold(m.text), m.type,
                  m.id, m.name_en, m.country, m.kind, m.how) for n, m in enumerate(article.references)]
    return {
        "sentence_rows": [(article_id, n, s.start, s.end) for n, s in enumerate(article.sentences)],
        "mention_rows": mentions,
        "entity_rows": [(e.id, e.type, e.name_en, article.mentions[e.mentions[0]].text if e.mentions else None,
                         e.country) for e in article.entities],
        "article_entity_rows": [(article_id, e.id, len(e.mentions)) for e in article.entities],
        "event_rows": [(article_id, n, e.type, e.sentence, e.trigger, e.trigger_start, e.trigger_end, e.source,
                        e.target, e.source_text, e.target_text, e.source_sector, e.target_sector, e.mode,
                        int(e.negated), int(e.future), int(e.hypothetical), e.cameo, e.quad_class, e.goldstein)
                       for n, e in enumerate(article.events)],
        "quote_rows": [(article_id, n, q.start, q.end, q.text, q.speaker, q.speaker_en, q.speaker_id, q.sentence,
                        q.kind) for n, q in enumerate(article.quotes)],
    }
