"""The served store's readers and cache: one connection per thread, answers kept until the files change."""

from __future__ import annotations

import threading

import pytest

from khabar.serve.readers import Store


def test_readers_missing_store_fails_at_once(tmp_path):
    from khabar.store.db import StoreError

    with pytest.raises(StoreError, match="no store"):
        Store(tmp_path / "none.db")


def test_readers_one_connection_per_thread(demo_db):
    store = Store(demo_db)
    mine = store.reader()
    assert store.reader() is mine
    theirs = []
    thread = threading.Thread(target=lambda: theirs.append(store.reader()))
    thread.start()
    thread.join()
    assert theirs[0] is not mine
    store.close()


def test_readers_cache_until_the_store_changes(writable_db):
    import os

    from khabar.store import queries

    store = Store(writable_db)
    first = store.cached(queries.stats)
    assert store.cached(queries.stats) is first
    assert store.cached(queries.counts, ("articles",)) == {"articles": first["articles"]}
    stamp = writable_db.stat().st_mtime_ns + 1_000_000_000
    os.utime(writable_db, ns=(stamp, stamp))  # as a checkpoint after a write would
    assert store.cached(queries.stats) is not first
    store.close()


def test_readers_without_cache_ask_each_time(demo_db):
    from khabar.store import queries

    store = Store(demo_db, cache_entries=0)
    assert store.cached(queries.stats) is not store.cached(queries.stats)
    store.close()
