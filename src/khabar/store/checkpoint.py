"""A WAL checkpoint in a thread of its own, for a long writer (ingest).

SQLite's automatic checkpoint runs inside the commit that takes the WAL past 1,000 pages: that commit
copies the WAL into the database and waits for the disk (fsync) before the writer goes on. A PASSIVE
checkpoint from another connection copies what is committed without blocking the writer, so the
writer's commits only append to the WAL. The WAL is started again from its beginning by the first
commit after a checkpoint that copied all of it.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from khabar.store import dialect

INTERVAL_SECONDS = 1.0
ENABLED = True  # off: SQLite's automatic checkpoint in the writer's commits (a comparison's baseline)


class Checkpointer:
    """Checkpoints the store of `conn` (at `path`) every INTERVAL_SECONDS until `stop()`; a no-op for
    PostgreSQL, or when ENABLED is false."""

    def __init__(self, conn: sqlite3.Connection, path: str | Path) -> None:
        self._conn = conn
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        if not ENABLED or dialect.of(conn) is not dialect.SQLITE:
            return
        conn.execute("PRAGMA wal_autocheckpoint=0")
        self._thread = threading.Thread(target=self._run, args=(str(path),), name="checkpoint", daemon=True)
        self._thread.start()

    def _run(self, path: str) -> None:
        own = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        try:
            while not self._stop.wait(INTERVAL_SECONDS):
                try:
                    own.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                except sqlite3.OperationalError:  # e.g. the file being opened by a migration: next time
                    continue
        finally:
            own.close()

    def stop(self) -> None:
        """Stop the thread and give the writer its automatic checkpoint back."""
        if self._thread is None:
            return
        self._stop.set()
        self._thread.join()
        self._thread = None
        self._conn.execute("PRAGMA wal_autocheckpoint=1000")
