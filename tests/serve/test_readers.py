"""The served store's readers and cache: one connection per thread, answers kept until the files change."""

from __future__ import annotations

import threading
import time

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


def test_readers_one_thread_works_out_an_answer_others_wait_for(demo_db):
    # Threads asking the same question at once (as after an ingest's commit) share one working-out.
    store = Store(demo_db)
    calls, started, release = [], threading.Event(), threading.Event()

    def slow(conn, word):
        calls.append(word)
        started.set()
        release.wait(10)
        return {"word": word}

    answers = []
    first = threading.Thread(target=lambda: answers.append(store.cached(slow, "a")))
    first.start()
    started.wait(10)
    others = [threading.Thread(target=lambda: answers.append(store.cached(slow, "a"))) for _ in range(3)]
    for thread in others:
        thread.start()
    time.sleep(0.3)  # the others reach the wait (were they to work it out too, `calls` would say)
    release.set()
    for thread in [first, *others]:
        thread.join(10)
    assert calls == ["a"] and len(answers) == 4 and all(a is answers[0] for a in answers)
    store.close()


def test_readers_a_failed_working_out_is_not_kept(demo_db):
    store = Store(demo_db)
    tries = []

    def flaky(conn):
        tries.append(1)
        if len(tries) == 1:
            raise RuntimeError("first try fails")
        return {"ok": True}

    with pytest.raises(RuntimeError):
        store.cached(flaky)
    assert store.cached(flaky) == {"ok": True} and len(tries) == 2
    store.close()
