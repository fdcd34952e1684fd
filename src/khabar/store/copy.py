"""`khabar store copy SRC.db postgresql://…`: an SQLite store's tables, kept counts included, copied
whole into a PostgreSQL database, which `khabar serve --db postgresql://…` then answers from.

The PostgreSQL tables are made from the SQLite store's own (columns, keys and indexes as SQLite
reports them), so that a change to schema.sql needs no second schema here. The search keys, which
SQLite keeps only inside its FTS5 index, are made again from each article's headline and body, as
the writer made them, and stored as a tsvector with a GIN index (pg.py). The copy is one transaction:
a server reading the database meanwhile sees the old copy or the new one, never half of one.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from khabar.store import docs, pg
from khabar.store.db import open_store
from khabar.store.keys import text_keys

# Written and read only by ingest (dedup, dispatch parts, resumption), never by a page or the API.
WRITE_ONLY = ("signatures", "lsh", "dispatches", "inputs")
FTS_TABLE = "article_keys"
COPIED_KEY = "copied"  # meta: when and from where (a change tells the server's cache to empty)
TYPES = {"INTEGER": "bigint", "REAL": "double precision", "BLOB": "bytea", "TEXT": 'text COLLATE "C"'}
BATCH = 2_000


def _tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                        "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name").fetchall()
    shadows = {name for (name,) in rows if name.startswith(FTS_TABLE + "_")}
    return [name for (name,) in rows if name not in shadows and name not in WRITE_ONLY]


def _columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    """(name, declared type) of each column."""
    return [(row[1], (row[2] or "TEXT").upper()) for row in conn.execute(f'PRAGMA table_info("{table}")')]


def table_statements(conn: sqlite3.Connection, table: str) -> list[str]:
    """CREATE TABLE and CREATE INDEX statements for PostgreSQL, from the SQLite table's description.

    Keys become unique indexes, not PRIMARY KEYs: a key column of SQLite's may hold '' for "none"
    (place_counts' coordinates), which the copy writes as NULL."""
    columns = _columns(conn, table)
    body = ", ".join(f'"{name}" {TYPES.get(kind, TYPES["TEXT"])}' for name, kind in columns)
    statements = [f'CREATE TABLE "{table}" ({body})']
    indexed: set[tuple[str, ...]] = set()
    for _, name, unique, _origin, partial in conn.execute(f'PRAGMA index_list("{table}")').fetchall():
        keys = [(row[2], row[3], row[4]) for row in conn.execute(f'PRAGMA index_xinfo("{name}")') if row[5]]
        parts = tuple(('lower("%s")' if collation.upper() == "NOCASE" else '"%s"') % column
                      + (" DESC" if descending else "") for column, descending, collation in keys)
        where = ""
        if partial:
            sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
            where = " WHERE " + re.split(r"\bWHERE\b", sql, maxsplit=1, flags=re.IGNORECASE)[1].strip()
        indexed.add(parts)
        statements.append(f'CREATE {"UNIQUE " if unique else ""}INDEX "{table}_{len(statements)}" '
                          f'ON "{table}" ({", ".join(parts)}){where}')
    key = tuple(f'"{row[1]}"' for row in sorted(conn.execute(f'PRAGMA table_info("{table}")'), key=lambda r: r[5])
                if row[5])
    if key and key not in indexed:  # a rowid table's INTEGER PRIMARY KEY has no index of its own
        statements.append(f'CREATE UNIQUE INDEX "{table}_key" ON "{table}" ({", ".join(key)})')
    return statements


def _value(value: Any, kind: str) -> Any:
    if value == "" and kind in ("INTEGER", "REAL"):
        return None  # '' stood for "none" in a key column
    return value


def _copy_table(source: sqlite3.Connection, cursor: Any, table: str) -> int:
    columns = _columns(source, table)
    names = ", ".join(f'"{name}"' for name, _ in columns)
    kinds = [kind for _, kind in columns]
    rows = 0
    with cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
        for row in source.execute(f'SELECT {names} FROM "{table}"'):
            copy.write_row([_value(value, kind) for value, kind in zip(row, kinds, strict=True)])
            rows += 1
    return rows


def _copy_keys(source: sqlite3.Connection, cursor: Any) -> int:
    """The search keys of every article, as the writer makes them (records.py), as tsvectors."""
    cursor.execute(f"CREATE TABLE {FTS_TABLE} (num bigint PRIMARY KEY, keys tsvector NOT NULL)")
    rows = 0
    with cursor.copy(f"COPY {FTS_TABLE} (num, keys) FROM STDIN") as copy:
        for num, headline, stored in source.execute("SELECT num, headline, doc FROM articles"):
            body = docs.load(stored).get("body") or ""
            copy.write_row((num, pg.tsvector(text_keys(headline or ""), text_keys(body))))
            rows += 1
    cursor.execute(f"CREATE INDEX {FTS_TABLE}_keys ON {FTS_TABLE} USING gin (keys)")
    return rows


def copy_store(db: str | Path, url: str, *, progress: Callable[[str, int], None] | None = None) -> dict[str, int]:
    """Copy the SQLite store `db` into the PostgreSQL database at `url`, replacing a copy made before;
    returns the rows copied per table."""
    source = open_store(db)
    raw = pg.connect(url, autocommit=False)
    copied: dict[str, int] = {}
    try:
        with raw.cursor() as cursor:
            cursor.execute("SET LOCAL client_min_messages = warning")  # DROP … IF EXISTS notices
            for statement in pg.SHIMS:
                cursor.execute(statement)
            tables = _tables(source)
            for table in [*tables, FTS_TABLE]:
                cursor.execute(f'DROP TABLE IF EXISTS "{table}"')
            for table in tables:
                statements = table_statements(source, table)
                cursor.execute(statements[0])
                copied[table] = _copy_table(source, cursor, table)
                for statement in statements[1:]:
                    cursor.execute(statement)
                if progress:
                    progress(table, copied[table])
            copied[FTS_TABLE] = _copy_keys(source, cursor)
            if progress:
                progress(FTS_TABLE, copied[FTS_TABLE])
            cursor.execute("INSERT INTO meta (key, value) VALUES (%s, %s)",
                           (COPIED_KEY, f"{time.time_ns()} {Path(db).resolve()}"))
            cursor.execute("ANALYZE")
        raw.commit()
    finally:
        raw.close()
        source.close()
    return copied
