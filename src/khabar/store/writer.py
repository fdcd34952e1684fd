"""Writing records: one transaction per batch, so an article and all its rows are there, or none is.

Every statement is INSERT OR IGNORE on a key made from content (article id) or provenance (source,
page id, repeat): writing the same batch twice changes nothing. Inserts name their columns, from
the row types of rows.py. `write_article` is the one way an article enters the store: ingest
calls it for each article of a batch, `store_article` for a single page (the web API's write).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

from khabar.store.db import open_store, transaction
from khabar.store.dedup import assign_stories
from khabar.store.records import CHILD_ROWS, Record
from khabar.store.rows import TABLES, ArticleRow, CopyRow, ErrorRow, KeysRow, PageKey, SignatureRow
from khabar.store.summary import summarise


def _insert(row_type: type, verb: str = "INSERT OR IGNORE") -> str:
    names = row_type._fields  # type: ignore[attr-defined]
    columns = ", ".join(f'"{name}"' for name in names)
    return f"{verb} INTO {TABLES[row_type]} ({columns}) VALUES ({', '.join('?' * len(names))})"


INSERT = {row_type: _insert(row_type) for row_type in TABLES}
INSERT[KeysRow] = _insert(KeysRow, "INSERT")  # an FTS5 table takes no OR IGNORE; its rowid is new here


def write_article(conn: sqlite3.Connection, record: Record, page: CopyRow) -> bool:
    """Store `record`, read from `page`, inside the caller's transaction: the page as a copy and, when
    its text is new to the store, the article with all its rows; a failed reading as an error.
    True when the article is new."""
    if record["error"]:  # a step failed on this page
        conn.execute(INSERT[ErrorRow], page.failed(record["error"]))
        return False
    conn.execute(INSERT[CopyRow], page._replace(article_id=record["id"]))
    cursor = conn.execute(INSERT[ArticleRow], record["article"])
    if not cursor.rowcount:  # a text stored before
        return False
    for key, row_type in CHILD_ROWS.items():
        conn.executemany(INSERT[row_type], record[key])  # type: ignore[literal-required]
    conn.execute(INSERT[KeysRow], KeysRow(cursor.lastrowid, record["headline_keys"], record["body_keys"]))
    if record["minhash"] is not None:
        conn.execute(INSERT[SignatureRow], SignatureRow(record["id"], record["minhash"]))
    return True


def write_batch(conn: sqlite3.Connection, records: Sequence[Record], pages: Sequence[CopyRow] = (),
                copies: Iterable[CopyRow] = (), errors: Iterable[ErrorRow] = ()) -> int:
    """Store a batch in one transaction: `records[i]` was read from page `pages[i]`; `copies` and
    `errors` are pages met beside it (text stored already, or unreadable). Returns the number of new
    articles."""
    with transaction(conn):
        conn.executemany(INSERT[ErrorRow], errors)
        conn.executemany(INSERT[CopyRow], copies)
        return sum(write_article(conn, record, page) for record, page in zip(records, pages, strict=True))


def store_article(db: str | Path, record: Record, *, source: str, url: str | None) -> bool:
    """Store one article given whole (not read from an input file), then bring stories and counts up to
    date. Its page is known by its own id under `source`. True when the article is new."""
    page = PageKey(source, record["id"], 0, 0).copy(record["id"], url)
    conn = open_store(db, write=True)
    try:
        with transaction(conn):
            created = write_article(conn, record, page)
        if created:
            assign_stories(conn)
            summarise(conn)
    finally:
        conn.close()
    return created


def known_ids(conn: sqlite3.Connection, ids: Sequence[str]) -> set[str]:
    """Which of `ids` the store already holds."""
    found: set[str] = set()
    for start in range(0, len(ids), 500):  # under SQLite's limit on bound parameters
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(row[0] for row in conn.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk))
    return found


def finished_input(conn: sqlite3.Connection, path: str, size: int, mtime_ns: int) -> bool:
    row = conn.execute("SELECT 1 FROM inputs WHERE path = ? AND size = ? AND mtime_ns = ?",
                       (path, size, mtime_ns)).fetchone()
    return row is not None


def mark_input(conn: sqlite3.Connection, path: str, size: int, mtime_ns: int, pages: int) -> None:
    """Remember that the file at `path`, as it is now, was read to the end."""
    with transaction(conn):
        conn.execute("INSERT OR REPLACE INTO inputs (path, size, mtime_ns, pages) VALUES (?, ?, ?, ?)",
                     (path, size, mtime_ns, pages))
