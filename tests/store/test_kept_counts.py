"""The counts and stories each write keeps are those a whole recount makes, and a posted article
changes them as an ingest does."""

from __future__ import annotations

import shutil

from khabar.store.db import open_store
from khabar.store.dedup import assign_stories
from khabar.store.queries import stats
from tests.store.corpus import ingest_all, write_dispatches, write_generated

KEPT = ("entity_counts", "entity_names", "dyad_counts", "entity_months", "event_months", "event_days", "place_counts",
        "dateline_counts", "story_counts", "totals")


def _kept(db) -> dict[str, list[tuple]]:
    conn = open_store(db)
    try:
        found = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in KEPT}
        found["stories"] = sorted(conn.execute("SELECT id, story_id, duplicate_of, similarity FROM articles"))
        found["lsh"] = sorted(conn.execute("SELECT band, num FROM lsh"))
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


def test_stats_read_from_kept_totals_match_live_counts(dispatch_store):
    from khabar.store.queries import STATS_SQL

    conn = open_store(dispatch_store)
    try:
        live = {name: conn.execute(sql).fetchone()[0] for name, sql in STATS_SQL.items()}
        assert stats(conn) == live
    finally:
        conn.close()
