"""Opening the store: one SQLite file in WAL mode, one writer, any number of readers."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from khabar.errors import KhabarError
from khabar.lang.normalize import fold
from khabar.store import docs, migrate
from khabar.store.ddl import schema_statements
from khabar.store.dialect import is_url, of
from khabar.store.ids import url_hash, url_key

DEFAULT_DB = "khabar.db"
SCHEMA_VERSION = "6"
BUSY_TIMEOUT_MS = 30_000
PAGE_SIZE = 16_384


class StoreError(KhabarError):
    """The store cannot be opened or was written by an incompatible version."""


def open_store(path: str | Path, *, write: bool = False) -> sqlite3.Connection:
    """A connection to the store at `path`; writers create it (and its tables) when missing.

    Connections are in autocommit mode: writers group their statements with `transaction`. A store of
    an earlier schema is brought up to this one when opened for writing, or for reading when the file
    may be written (migrate.py); otherwise the message says how. A postgresql:// URL opens a store in
    PostgreSQL (pg.py; the query layer and the writer run on it unchanged): writers make its tables
    in an empty database.
    """
    if is_url(path):
        return _open_postgres(str(path), write)
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
        conn.create_function("url_hash", 1, url_hash, deterministic=True)
        conn.create_function("fold", 1, fold, deterministic=True)  # a mention's key (entity_keys, exports)
        docs.register(conn)  # doc_json(doc): the stored documents are compressed (docs.py)
        if write:
            _prepare(conn, path)
        elif _check_version(conn, path) in migrate.UPGRADABLE:
            conn.close()
            open_store(path, write=True).close()  # migrated by a writer, then read as asked
            return open_store(path)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: not a khabar store ({exc})") from exc
    return conn


def _open_postgres(url: str, write: bool) -> sqlite3.Connection:
    from khabar.store import pg

    try:
        conn = pg.PgConnection(pg.connect(url))
    except pg.PgError as exc:
        raise StoreError(str(exc)) from exc
    where = pg.redact(url)
    try:
        if write:
            version = pg.create(conn, schema_statements(), SCHEMA_VERSION)
        else:
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            version = row and row[0]
    except pg.PgError as exc:
        conn.close()
        raise StoreError(f"{where}: {exc}") from exc
    except Exception as exc:  # psycopg's UndefinedTable (psycopg is imported by pg.py only)
        conn.close()
        raise StoreError(f"{where}: not a khabar store (make one with `khabar ingest --db {where}` or "
                         f"`khabar store copy SRC.db {where}`)") from exc
    if version is not None and version != SCHEMA_VERSION:
        conn.close()
        raise StoreError(f"{where}: store schema {version!r}, this khabar reads {SCHEMA_VERSION!r} "
                         "(copy the store again with `khabar store copy`)")
    return conn  # type: ignore[return-value]  # answers execute() as sqlite3 does (pg.py)


def _prepare(conn: sqlite3.Connection, path: Path) -> None:
    # Pages of 16 KiB for a new store (an existing file keeps its own): a compressed document of
    # some 3 KB leaves less of a 4 KiB page unused, and B-trees are shallower.
    conn.execute(f"PRAGMA page_size={PAGE_SIZE}")
    # WAL: readers never block the writer; NORMAL sync keeps every commit after a crash of the
    # process (only a power cut can lose the last ones), and a kill never leaves a torn batch.
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    # One transaction: a store is created (or migrated) whole or not at all.
    conn.execute("BEGIN IMMEDIATE")
    try:
        has_meta = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone()
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() if has_meta else None
        version = row[0] if row else None
        if version not in (None, SCHEMA_VERSION) and version not in migrate.UPGRADABLE:
            raise StoreError(f"{path}: store schema {version!r}, this khabar reads {SCHEMA_VERSION!r} "
                             f"(and migrates {', '.join(map(repr, migrate.UPGRADABLE))})")
        if version == SCHEMA_VERSION:  # made by this schema: nothing to create (a POST opens the store)
            conn.execute("COMMIT")
            return
        if version in migrate.UPGRADABLE:
            migrate.add_columns(conn, version)
        for statement in schema_statements():
            conn.execute(statement)
        if version in migrate.UPGRADABLE:
            migrate.backfill(conn, version)
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema', ?)", (SCHEMA_VERSION,))
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _check_version(conn: sqlite3.Connection, path: Path) -> str | None:
    """Raises unless the store is of this schema, or of one it migrates and the file may be written
    (then returns that version)."""
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    except sqlite3.OperationalError as exc:
        raise StoreError(f"{path}: not a khabar store ({exc})") from exc
    if row and row[0] in migrate.UPGRADABLE and os.access(path, os.W_OK) and os.access(path.parent, os.W_OK):
        return row[0]
    if row is None or row[0] != SCHEMA_VERSION:
        hint = (" (it is migrated when opened by a user who may write the file and its folder)"
                if row and row[0] in migrate.UPGRADABLE else "")
        raise StoreError(f"{path}: store schema {row and row[0]!r}, this khabar reads {SCHEMA_VERSION!r}{hint}")
    return None


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A write's transaction, one writer at a time (SQLite's BEGIN IMMEDIATE, PostgreSQL's advisory
    lock: dialect.py) … COMMIT, rolled back on any exception (KeyboardInterrupt included)."""
    dialect = of(conn)
    begin, *locks = dialect.begin
    conn.execute(begin)
    try:
        for statement in locks:
            conn.execute(statement)
        yield conn
        for statement in dialect.before_commit:
            conn.execute(statement)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def integrity(conn: sqlite3.Connection) -> str:
    """SQLite's own check of the file ("ok" when sound)."""
    return ", ".join(row[0] for row in conn.execute("PRAGMA integrity_check"))
