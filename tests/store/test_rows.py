"""The store's row types are its schema: named like the columns, written by name, and one write for
ingest and for a single article (the web API's write)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from khabar.store.db import open_store
from khabar.store.rows import TABLES

# Columns the writer leaves to later steps: the rowid alias, and what dedup.py fills in.
FILLED_LATER = {"articles": {"num", "story_id", "duplicate_of", "similarity"}}

PAGE = ("الكويت تفتتح معرض الكتاب الدولي\n\nالكويت - 21 - 5 (كونا) -- افتتحت دولة الكويت اليوم الثلاثاء معرض "
        "الكتاب الدولي بمشاركة دور نشر من قطر والسعودية. وقال وزير الإعلام إن المعرض نافذة للثقافة. (النهاية)")


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    if table == "article_keys":  # FTS5: table_info lists the indexed columns, the rowid is implicit
        return {"rowid"} | {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


@pytest.mark.parametrize("row_type", list(TABLES), ids=lambda t: t.__name__)
def test_each_row_type_names_the_columns_of_its_table(tmp_path, row_type):
    conn = open_store(tmp_path / "s.db", write=True)
    table = TABLES[row_type]
    assert set(row_type._fields) == _columns(conn, table) - FILLED_LATER.get(table, set())
    conn.close()


def _tables(db) -> dict[str, list[tuple]]:
    conn = open_store(db)
    names = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                        "AND name NOT LIKE 'article_keys%' AND name NOT IN ('inputs', 'meta')")]
    found = {n: sorted(conn.execute(f"SELECT * FROM {n}").fetchall(), key=repr) for n in names}
    found["article_keys"] = conn.execute("SELECT rowid FROM article_keys WHERE article_keys MATCH 'معرض'").fetchall()
    conn.close()
    return found


def test_one_article_stored_alone_or_by_ingest_has_the_same_rows(tmp_path):
    from khabar.pipeline import read
    from khabar.settings import Settings
    from khabar.store.ingest import ingest
    from khabar.store.records import article_record
    from khabar.store.writer import store_article

    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "k1", "text": PAGE, "date": "2024-05-21"}, ensure_ascii=False) + "\n", encoding="utf-8")
    for _ in ingest([feed], tmp_path / "ingested.db", Settings(), count=False):
        pass
    article = read(PAGE, id="k1", date=dt.date(2024, 5, 21))
    article.source, article.position = f"{feed.absolute()}#line 1", 1
    article.date_source = "json"  # the feed's date field, as ingest records it
    record = article_record(article)
    assert store_article(tmp_path / "alone.db", record, source="api", url=None)
    assert not store_article(tmp_path / "alone.db", record, source="api", url=None)  # same text: no new row
    ingested, alone = _tables(tmp_path / "ingested.db"), _tables(tmp_path / "alone.db")
    assert ingested.pop("copies") != alone.pop("copies")  # where the page came from differs, nothing else
    assert ingested == alone
    assert alone["mentions"] and alone["article_entities"] and alone["article_keys"]


def test_a_record_through_a_parquet_shard_stores_the_same_rows(tmp_path):
    pytest.importorskip("pyarrow")
    from khabar.pipeline import read
    from khabar.run.shards import read_shard, write_shard
    from khabar.store.records import article_record
    from khabar.store.writer import store_article

    record = article_record(read(PAGE, id="k1"))
    [back] = read_shard(write_shard([record], tmp_path / "one.parquet"))
    assert isinstance(back["article"], list)  # rows come back as plain lists, in field order
    store_article(tmp_path / "direct.db", record, source="api", url=None)
    store_article(tmp_path / "shard.db", back, source="api", url=None)
    assert _tables(tmp_path / "direct.db") == _tables(tmp_path / "shard.db")


def test_a_plain_record_has_the_rows_of_its_article_record_and_stores_the_same(tmp_path):
    from khabar.pipeline import read
    from khabar.store import docs
    from khabar.store.records import CHILD_ROWS, article_record, plain_record
    from khabar.store.writer import store_article

    article = read(PAGE, id="k1")
    named, plain = article_record(article), plain_record(article)
    assert isinstance(named["article"].doc, bytes)  # packed by the worker: the writer only inserts
    assert json.loads(docs.text(named["article"].doc))["id"] == "k1"
    assert type(plain["article"]) is tuple and plain["article"] == tuple(named["article"])
    assert named["mentions"] and named["entities"]
    for key in CHILD_ROWS:
        assert all(type(row) is tuple for row in plain[key])
        assert plain[key] == [tuple(row) for row in named[key]]
    store_article(tmp_path / "named.db", named, source="api", url=None)
    store_article(tmp_path / "plain.db", plain, source="api", url=None)
    assert _tables(tmp_path / "named.db") == _tables(tmp_path / "plain.db")
