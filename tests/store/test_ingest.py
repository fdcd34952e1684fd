"""Ingest: articles with provenance, copies, errors; a second run adds nothing; a cut run resumes."""

from __future__ import annotations

from khabar.store import docs
from khabar.store.db import integrity, open_store
from tests.store.corpus import DISPATCHES, ingest_all, store_ids, store_stats, write_dispatches


def test_ingest_counts(dispatch_store):
    stats = store_stats(dispatch_store)
    assert stats["articles"] == len(DISPATCHES)
    assert stats["pages"] == len(DISPATCHES) + 1  # the exact reprint is a copy, not an article
    assert stats["exact_duplicates"] == 1
    assert stats["errors"] == 3  # empty, binary, English
    assert stats["repeated_urls"] == 1 and stats["repeated_url_pages"] == 1
    assert stats["sentences"] > stats["articles"] and stats["mentions"] > 0


def test_ingest_provenance_and_errors(conn):
    row = conn.execute("SELECT page_id, source, url, agency, date, country FROM articles "
                       "WHERE page_id = 'kuna-1'").fetchone()
    assert "wire.jsonl" in row[1] and row[2] == "https://kuna.test/1"
    assert row[3:] == ("KUNA", "2024-05-12", "KWT")
    copies = conn.execute("SELECT page_id FROM copies WHERE article_id = (SELECT id FROM articles "
                          "WHERE page_id = 'kuna-1') ORDER BY page_id").fetchall()
    assert copies == [("kuna-1",), ("reprint-kuna-1",)]
    reasons = dict(conn.execute("SELECT page_id, reason FROM errors"))
    assert set(reasons) == {"empty", "scan", "notice"}
    assert "empty" in reasons["empty"] and "binary" in reasons["scan"] and "Arabic" in reasons["notice"]


def test_ingest_every_article_has_all_its_rows(conn):
    for count, stored in conn.execute("SELECT sentences, doc FROM articles").fetchall():
        assert count == len(docs.load(stored)["sentences"])  # the offsets live in the document
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == conn.execute(
        "SELECT count(*) FROM signatures").fetchone()[0]
    assert conn.execute("SELECT count(*) FROM article_keys").fetchone()[0] == len(DISPATCHES)
    assert integrity(conn) == "ok"


def test_ingest_twice_changes_nothing(tmp_path):
    paths = write_dispatches(tmp_path / "corpus")
    db = tmp_path / "twice.db"
    ingest_all(paths, db)
    before = store_stats(db), store_ids(db)
    again = ingest_all(paths, db)
    assert again.articles == 0 and again.inputs_skipped == len(paths)
    folder = ingest_all([tmp_path / "corpus"], db)  # a folder is read again, its pages found stored
    assert folder.articles == 0 and folder.skipped == len(DISPATCHES) + 1
    assert (store_stats(db), store_ids(db)) == before


def test_ingest_cut_short_then_resumed_equals_clean(tmp_path, dispatch_store):
    paths = write_dispatches(tmp_path / "corpus")
    db = tmp_path / "resumed.db"
    first = ingest_all(paths, db, limit=4)
    assert first.pages == 4
    conn = open_store(db)
    assert conn.execute("SELECT count(*) FROM inputs").fetchone()[0] == 0  # the cut input is not marked
    conn.close()
    ingest_all(paths, db)
    assert store_stats(db) == store_stats(dispatch_store)
    assert store_ids(db)["articles"] == store_ids(dispatch_store)["articles"]


def test_ingest_writer_failed_article_and_replay(tmp_path):
    from khabar.store.records import failed_record
    from khabar.store.rows import PageKey
    from khabar.store.writer import write_batch

    conn = open_store(tmp_path / "w.db", write=True)
    failed = failed_record("f" * 16, "events: ValueError: bad span")
    page = PageKey("feed.jsonl#line 3", "p3", 0, 3).copy("f" * 16, None)
    assert write_batch(conn, [failed], [page]) == 0
    assert write_batch(conn, [failed], [page]) == 0
    assert conn.execute("SELECT page_id, reason FROM errors").fetchall() == [("p3", "events: ValueError: bad span")]
    assert conn.execute("SELECT count(*) FROM copies").fetchone()[0] == 0
    conn.close()


def test_repeated_urls_count_pages_that_could_not_be_read(tmp_path):
    # A page with no text still was a page at that URL: ANT files the same story under two
    # categories, and sometimes one of the two has lost its text.
    import json

    good = {"id": "a", "url": "http://www.news.test/story-1/", "date": "2024-05-12",
            "text": "عنوان الخبر الأول\n\nالكويت - 12 - 5 (كونا) -- بحث وزير الخارجية اليوم مع نظيره سبل التعاون."}
    empty = {"id": "b", "url": "https://news.test/story-1", "text": ""}
    same = {"id": "c", "url": "http://www.news.test/story-1/", "text": ""}
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in (good, empty, same)) + "\n", encoding="utf-8")
    ingest_all([path], tmp_path / "k.db")
    stats = store_stats(tmp_path / "k.db")
    assert stats["pages"] == 1 and stats["errors"] == 2
    assert stats["repeated_urls"] == 1 and stats["repeated_url_pages"] == 2
    assert stats["repeated_url_pages_as_written"] == 1
