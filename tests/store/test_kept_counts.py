"""The counts and stories each write keeps are those a whole recount makes, and a posted article
changes them as an ingest does."""

from __future__ import annotations

import shutil

from khabar.store.db import open_store
from khabar.store.dedup import assign_stories
from khabar.store.queries import stats
from tests.store.corpus import ingest_all, store_stats, write_dispatches, write_generated

KEPT = ("entity_counts", "entity_names", "dyad_counts", "entity_months", "event_months", "event_days", "place_counts",
        "dateline_counts", "story_counts", "totals", "url_counts")


def _kept(db) -> dict[str, list[tuple]]:
    conn = open_store(db)
    try:
        found = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in KEPT}
        found["stories"] = sorted(conn.execute("SELECT id, story_id, duplicate_of, similarity FROM articles"))
        found["lsh"] = sorted(conn.execute("SELECT band, num FROM lsh UNION ALL SELECT band, num FROM lsh_recent"))
        return found
    finally:
        conn.close()


def test_counts_kept_by_writes_equal_a_whole_recount(tmp_path):
    paths = write_dispatches(tmp_path / "corpus") + [write_generated(tmp_path / "gen.jsonl", 12)]
    db = tmp_path / "kept.db"
    ingest_all(paths, db, batch_pages=3)  # several transactions, stories merged across them
    kept = _kept(db)
    assert kept["story_counts"] and kept["entity_counts"] and kept["dyad_counts"] and kept["event_days"]
    # The near-duplicate reprint and the two pages under one URL are in one story each.
    assert len({s for _, s, _, _ in kept["stories"]}) < len(kept["stories"])
    assert any(d is not None for _, _, d, _ in kept["stories"])
    recounted = tmp_path / "recount.db"
    shutil.copy(db, recounted)
    conn = open_store(recounted, write=True)
    assign_stories(conn)  # stories from all signatures at once, then every count rebuilt
    conn.close()
    assert _kept(recounted) == kept


def test_bands_moved_from_lsh_recent_to_lsh_on_the_way_leave_the_same_stories(tmp_path, monkeypatch):
    from khabar.store import dedup

    paths = write_dispatches(tmp_path / "corpus") + [write_generated(tmp_path / "gen.jsonl", 12)]
    ingest_all(paths, tmp_path / "kept.db", batch_pages=3)
    monkeypatch.setattr(dedup, "RECENT_BANDS", 2 * dedup.BANDS)  # moved after every second article or so
    ingest_all(paths, tmp_path / "moved.db", batch_pages=3)
    conn = open_store(tmp_path / "moved.db")
    try:
        assert conn.execute("SELECT count(*) FROM lsh").fetchone()[0]
        assert conn.execute("SELECT count(*) FROM lsh_recent").fetchone()[0] < 2 * dedup.BANDS
    finally:
        conn.close()
    assert _kept(tmp_path / "moved.db") == _kept(tmp_path / "kept.db")


def test_batches_written_together_leave_what_batches_written_one_by_one_leave(tmp_path):
    paths = write_dispatches(tmp_path / "corpus") + [write_generated(tmp_path / "gen.jsonl", 12)]
    ingest_all(paths, tmp_path / "one.db", batch_pages=3)
    ingest_all(paths, tmp_path / "together.db", batch_pages=3, write_articles=7)
    assert _kept(tmp_path / "together.db") == _kept(tmp_path / "one.db")
    assert store_stats(tmp_path / "together.db") == store_stats(tmp_path / "one.db")


def test_stats_read_from_kept_totals_match_live_counts(dispatch_store):
    from khabar.store.queries import STATS_SQL

    conn = open_store(dispatch_store)
    try:
        live = {name: conn.execute(sql).fetchone()[0] for name, sql in STATS_SQL.items()}
        assert stats(conn) == live
    finally:
        conn.close()


def test_repeated_url_counts_follow_pages_and_errors_in_any_order(tmp_path):
    from khabar.store.db import transaction
    from khabar.store.queries import STATS_SQL
    from khabar.store.rows import PageKey
    from khabar.store.writer import write_copies, write_errors

    conn = open_store(tmp_path / "urls.db", write=True)
    url, other = "http://www.example.com/a/", "https://example.com/a"  # one key, written two ways
    steps = [
        ([], [PageKey("f1", "p1", 0, 0).error("no text", url)]),  # unreadable, counted under its URL
        ([PageKey("f1", "p2", 0, 1).copy("a" * 16, other)], []),
        ([PageKey("f1", "p1", 0, 0).copy("b" * 16, url)], []),  # read at last: its error no longer counts
        ([], [PageKey("f2", "p1", 0, 0).error("no text", url), PageKey("f2", "p9", 0, 3).error("bad", None)]),
        ([PageKey("f2", "p3", 0, 2).copy("a" * 16, url)], [PageKey("f2", "p3", 0, 2).error("late", url)]),
    ]
    names = ("repeated_urls", "repeated_url_pages", "repeated_url_pages_as_written")
    seen = set()
    for copies, errors in steps:
        with transaction(conn):
            write_errors(conn, errors)
            write_copies(conn, copies)
        kept = {n: v for n, v in stats(conn).items() if n in names}
        assert kept == {n: conn.execute(STATS_SQL[n]).fetchone()[0] for n in names}
        seen.add(tuple(kept.values()))
    assert len(seen) > 2  # the counts did change along the way
    conn.close()


def test_a_batch_that_fails_leaves_no_count_behind(dispatch_store, tmp_path):
    """The sums a batch holds in memory are dropped with its transaction: the next batch counts from
    what the store holds, and its counts are those of a whole recount."""
    import pytest

    from khabar.serve.scale import _base_records, _copy
    from khabar.store import aggregates
    from khabar.store.db import transaction
    from khabar.store.writer import write_batch

    records = [_copy(record, 1) for record in _base_records(dispatch_store) if record["article"] is not None]
    db = tmp_path / "fails.db"
    conn = open_store(db, write=True)
    try:
        broken = {**records[-1][0], "article": None}  # a record without its article row: the write raises
        with pytest.raises(TypeError):
            write_batch(conn, [r for r, _ in records[:-1]] + [broken], [p for _, p in records])
        assert conn.execute("SELECT count(*) FROM totals").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM entity_counts").fetchone()[0] == 0
        assert not aggregates._PENDING  # nothing left for the connection's next batch
        write_batch(conn, [r for r, _ in records], [p for _, p in records])
        kept = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in KEPT}
        assert kept["entity_counts"] and kept["totals"]
        with transaction(conn):
            aggregates.rebuild(conn)
        assert {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in KEPT} == kept
    finally:
        conn.close()
