"""A store written by schema 2 is brought to schema 3 once, whole or not at all, and then holds what a
store written by schema 3 holds; the events page's kept counts are those counted live."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from khabar.store import db as store_db
from khabar.store import migrate, queries
from khabar.store.db import SCHEMA_VERSION, StoreError, open_store
from khabar.store.queries import Filters

# What schema 3 added: dropped again to make a store as schema 2 wrote it.
ADDED_TABLES = ("event_days", "place_counts", "url_counts")
ADDED_INDEXES = ("dyad_counts_source", "dyad_counts_target")
COMPARED = ("events", "dyad_counts", "event_days", "place_counts", "event_months", "entity_counts", "story_counts",
            "totals", "url_counts")


def _as_schema_2(source, path) -> None:
    shutil.copy(source, path)
    conn = sqlite3.connect(path)
    for table in ADDED_TABLES:
        conn.execute(f"DROP TABLE {table}")
    for index in ADDED_INDEXES:
        conn.execute(f"DROP INDEX {index}")
    for table, column in migrate.ADDED_COLUMNS["3"]:
        conn.execute(f"ALTER TABLE {table} DROP COLUMN {column.split()[0]}")
    conn.execute("DELETE FROM totals WHERE name LIKE 'repeated_url%'")
    conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema'")
    conn.commit()
    conn.close()


def _contents(path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        found = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in COMPARED}
        found["schema"] = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchall()
        found["indexes"] = sorted(conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'").fetchall())
        return found
    finally:
        conn.close()


def _columns(path, table: str) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
    finally:
        conn.close()


@pytest.fixture
def old_store(dispatch_store, tmp_path):
    path = tmp_path / "v2.db"
    _as_schema_2(dispatch_store, path)
    assert "place_country" not in _columns(path, "events")
    return path


def test_the_test_store_has_what_the_migration_fills(dispatch_store):
    conn = open_store(dispatch_store)
    try:
        assert conn.execute("SELECT count(*) FROM events WHERE place_country IS NOT NULL").fetchone()[0]
        assert conn.execute("SELECT count(*) FROM dyad_counts WHERE goldstein_events > 0").fetchone()[0]
        assert conn.execute("SELECT count(*) FROM place_counts").fetchone()[0]
        assert conn.execute("SELECT count(*) FROM event_days").fetchone()[0]
    finally:
        conn.close()


def test_each_event_row_holds_the_place_of_its_document(conn):
    rows = conn.execute("SELECT a.doc, ev.n, ev.place_country, ev.place_name, ev.place_lat, ev.place_lon, ev.place_how "
                        "FROM events ev JOIN articles a ON a.id = ev.article_id").fetchall()
    placed = 0
    for doc, n, *columns in rows:
        location = json.loads(doc)["events"][n].get("location") or {}
        assert columns == [location.get(k) for k in ("country", "name_en", "lat", "lon", "how")]
        placed += bool(location)
    assert placed


def test_opening_a_schema_2_store_for_writing_migrates_it_to_what_schema_3_writes(dispatch_store, old_store):
    open_store(old_store, write=True).close()
    assert _contents(old_store) == _contents(dispatch_store)
    open_store(old_store, write=True).close()  # once: a second open changes nothing
    assert _contents(old_store) == _contents(dispatch_store)


def test_a_writable_schema_2_store_opened_for_reading_is_migrated(dispatch_store, old_store):
    conn = open_store(old_store)
    try:
        assert conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0] == SCHEMA_VERSION
        assert queries.event_places(conn) and queries.dyads(conn)
    finally:
        conn.close()
    assert _contents(old_store) == _contents(dispatch_store)


def test_a_schema_2_store_that_cannot_be_written_is_named_with_how_to_migrate_it(old_store, monkeypatch):
    monkeypatch.setattr(store_db.os, "access", lambda path, mode: False)
    with pytest.raises(StoreError, match=r"schema '2'.*migrated when opened by a user who may write"):
        open_store(old_store)
    assert "place_country" not in _columns(old_store, "events")


def test_a_migration_that_fails_leaves_the_store_as_it_was(old_store, monkeypatch):
    before = sqlite3.connect(old_store).execute("SELECT count(*), sum(goldstein) FROM events").fetchone()

    def broken(conn, version):
        conn.execute("UPDATE events SET goldstein = NULL")
        raise RuntimeError("disk gone")

    monkeypatch.setattr(migrate, "backfill", broken)
    with pytest.raises(RuntimeError, match="disk gone"):
        open_store(old_store, write=True)
    conn = sqlite3.connect(old_store)
    assert conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0] == "2"
    assert conn.execute("SELECT count(*), sum(goldstein) FROM events").fetchone() == before
    assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name IN ('event_days', 'place_counts')").fetchall()
    conn.close()
    assert "place_country" not in _columns(old_store, "events")


def test_a_store_of_an_unknown_schema_is_refused(dispatch_store, tmp_path):
    path = tmp_path / "future.db"
    shutil.copy(dispatch_store, path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '9' WHERE key = 'schema'")
    conn.commit()
    conn.close()
    for write in (True, False):
        with pytest.raises(StoreError, match="schema '9'"):
            open_store(path, write=write)


def _live(monkeypatch):
    """Make every query count live: a filter that keeps every article."""
    where = queries._where
    monkeypatch.setattr(queries, "_where", lambda conn, filters: (lambda c, p: (["1 = 1", *c], p))(
        *where(conn, filters)))


@pytest.mark.parametrize("call", [
    lambda c: queries.dyads(c, limit=1000),
    lambda c: queries.dyads(c, coded=True, limit=1000),
    lambda c: queries.dyads(c, source="KWT", limit=1000),
    lambda c: queries.dyads(c, Filters(event_type="CONSULT"), limit=1000),
    lambda c: queries.event_places(c, limit=1000),
    lambda c: queries.event_timeline(c, by="day"),
    lambda c: queries.event_timeline(c, Filters(event_type="CONSULT"), by="day"),
], ids=["dyads", "coded dyads", "dyads of a source", "dyads of a type", "event places", "days", "days of a type"])
def test_kept_counts_of_the_events_page_are_the_live_counts(conn, monkeypatch, call):
    kept = call(conn)
    _live(monkeypatch)
    live = call(conn)
    assert sorted(kept, key=repr) == sorted(live, key=repr)  # ties may come in another order
    assert kept
