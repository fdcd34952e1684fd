"""The writer's WAL is copied into the store by a thread of its own during a long write."""

from __future__ import annotations

import time

from khabar.store import checkpoint
from khabar.store.db import open_store


def test_the_checkpoint_thread_copies_the_wal_and_gives_the_writer_its_checkpoint_back(tmp_path, monkeypatch):
    monkeypatch.setattr(checkpoint, "INTERVAL_SECONDS", 0.01)
    db = tmp_path / "khabar.db"
    conn = open_store(db, write=True)
    try:
        keeper = checkpoint.Checkpointer(conn, db)
        assert conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0  # not in the writer's commits
        before = db.stat().st_size
        for n in range(50):  # some 250 KB, in the WAL until a checkpoint copies it into the file
            conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (f"k{n}", "x" * 5000))
        deadline = time.monotonic() + 5
        while db.stat().st_size < before + 200_000 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert db.stat().st_size >= before + 200_000  # copied by the thread: nobody else checkpoints
        keeper.stop()
        assert conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
        assert conn.execute("SELECT count(*) FROM meta WHERE key LIKE 'k%'").fetchone()[0] == 50
    finally:
        conn.close()


def test_no_thread_when_turned_off(tmp_path, monkeypatch):
    monkeypatch.setattr(checkpoint, "ENABLED", False)
    db = tmp_path / "khabar.db"
    conn = open_store(db, write=True)
    try:
        keeper = checkpoint.Checkpointer(conn, db)
        assert conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
        keeper.stop()
    finally:
        conn.close()
