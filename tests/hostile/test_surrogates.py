"""A lone surrogate goes through every stage, the printed contract and the store."""

from __future__ import annotations

import json
import sqlite3

import khabar
from khabar.store.ingest import ingest

_LONE = "\ud800"


def test_read_takes_a_lone_surrogate_through_every_stage():
    for text in (_LONE, f"قال الوزير إن الحكومة {_LONE} ستعمل على خطة جديدة"):
        article = khabar.read(text)
        assert article.error is None
        assert _LONE not in article.raw


def test_ingest_gets_past_a_line_with_a_lone_surrogate(tmp_path):
    lines = [{"id": "a", "text": "قال الوزير إن الحكومة ستعمل على خطة جديدة لدعم المزارعين"},
             {"id": "b", "text": f"قال الوزير {_LONE}"},
             {"id": "c", "text": "افتتح رئيس البلدية حديقة عامة جديدة في وسط المدينة"}]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    db = tmp_path / "k.db"
    for _ in ingest([feed], db, batch_pages=1):
        pass
    with sqlite3.connect(db) as conn:
        (count,) = conn.execute("SELECT count(*) FROM articles").fetchone()
    assert count == 3
