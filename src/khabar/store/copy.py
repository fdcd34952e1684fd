"""`khabar store copy SRC.db postgresql://…`: an SQLite store's tables, kept counts included, copied
whole into a PostgreSQL database, which `khabar serve --db postgresql://…` then answers from.

The PostgreSQL tables are made from the SQLite store's own (pgschema.py), every one of them, so
that the copy is a store like one that ingest writes into (`khabar ingest --db postgresql://…`, a
POST to a server on it): ingest's own tables (signatures, LSH bands, dispatches, inputs) come too,
and the next article is numbered after the last. The search keys, which
SQLite keeps only inside its FTS5 index, are made again from each article's headline and body, as
the writer made them, and stored as a tsvector with a GIN index (pg.py). The copy is one transaction:
a server reading the database meanwhile sees the old copy or the new one, never half of one.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from khabar.store import docs, pg
from khabar.store.db import open_store
from khabar.store.keys import text_keys
from khabar.store.pgschema import (
    FTS_TABLE,
    KEYS_INDEX,
    KEYS_TABLE,
    columns,
    nulls_equal,
    renumber,
    table_statements,
    tables,
)

__all__ = ["copy_store", "table_statements"]

COPIED_KEY = "copied"  # meta: when and from where (a change tells the server's cache to empty)
BATCH = 2_000


def _value(value: Any, kind: str) -> Any:
    if value == "" and kind in ("INTEGER", "REAL"):
        return None  # '' stood for "none" in a key column
    return value


def _copy_table(source: sqlite3.Connection, cursor: Any, table: str) -> int:
    described = columns(source, table)
    names = ", ".join(f'"{name}"' for name, _ in described)
    kinds = [kind for _, kind in described]
    rows = 0
    with cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
        for row in source.execute(f'SELECT {names} FROM "{table}"'):
            copy.write_row([_value(value, kind) for value, kind in zip(row, kinds, strict=True)])
            rows += 1
    return rows


def _copy_keys(source: sqlite3.Connection, cursor: Any) -> int:
    """The search keys of every article, as the writer makes them (records.py), as tsvectors."""
    cursor.execute(KEYS_TABLE)
    rows = 0
    with cursor.copy(f"COPY {FTS_TABLE} (num, keys) FROM STDIN") as copy:
        for num, headline, stored in source.execute("SELECT num, headline, doc FROM articles"):
            body = docs.load(stored).get("body") or ""
            copy.write_row((num, pg.tsvector(text_keys(headline or ""), text_keys(body))))
            rows += 1
    cursor.execute(KEYS_INDEX)
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
            names = tables(source)
            nulls = nulls_equal(cursor)
            for table in [*names, FTS_TABLE]:
                cursor.execute(f'DROP TABLE IF EXISTS "{table}"')
            for table in names:
                statements = table_statements(source, table, nulls_equal=nulls)
                cursor.execute(statements[0])
                copied[table] = _copy_table(source, cursor, table)
                for statement in statements[1:]:
                    cursor.execute(statement)
                if progress:
                    progress(table, copied[table])
            renumber(cursor)
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
