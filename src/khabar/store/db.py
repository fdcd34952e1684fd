"""Opening the store: one SQLite file in WAL mode, one writer, any number of readers."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from khabar.errors import KhabarError
from khabar.resources import data_path
from khabar.store.ids import url_key

DEFAULT_DB = "khabar.db"
SCHEMA_VERSION = "2"
BUSY_TIMEOUT_MS = 30_000


class StoreError(KhabarError):
    """The store cannot be opened or was written by an incompatible version."""


def open_store(path: str | Path, *, write: bool = False) -> sqlite3.Connection:
    """A connection to the store at `path`; writers create it (and its tables) when missing.

    Connections are in autocommit mode: writers group their statements with `transaction`.
    """
    path = Path(path)
    if not write and not path.exists():
        raise StoreError(f"no store at {path}: run `khabar ingest` first")
    try:
        if write:
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        else:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None,
                                   check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        # Queries compare URLs of unreadable pages (kept only in `errors`) the way copies store them.
        conn.create_function("url_key", 1, url_key, deterministic=True)
        if write:
            _prepare(conn)
        else:
            _check_version(conn, path)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: not a khabar store ({exc})") from exc
    return conn


def _prepare(conn: sqlite3.Connection) -> None:
    # WAL: readers never block the writer; NORMAL sync keeps every commit after a crash of the
    # process (only a power cut can lose the last ones), and a kill never leaves a torn batch.
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    schema = data_path("khabar.store", "schema.sql").read_text(encoding="utf-8")
    # One script, one transaction: a store is created whole or not at all.
    conn.executescript(f"BEGIN IMMEDIATE;{schema}\nINSERT OR IGNORE INTO meta(key, value) "
                       f"VALUES ('schema', '{SCHEMA_VERSION}');COMMIT;")
    _check_version(conn, Path("."))


def _check_version(conn: sqlite3.Connection, path: Path) -> None:
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    except sqlite3.OperationalError as exc:
        raise StoreError(f"{path}: not a khabar store ({exc})") from exc
    if row is None or row[0] != SCHEMA_VERSION:
        raise StoreError(f"{path}: store schema {row and row[0]!r}, this khabar reads {SCHEMA_VERSION!r}")


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any exception (KeyboardInterrupt included)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def integrity(conn: sqlite3.Connection) -> str:
    """SQLite's own check of the file ("ok" when sound)."""
    return ", ".join(row[0] for row in conn.execute("PRAGMA integrity_check"))
