"""Writing records: one transaction per batch, so an article and all its rows are there, or none is.

Every statement is INSERT OR IGNORE on a key made from content (article id) or provenance (source,
position, page id): writing the same batch twice changes nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

from khabar.store.db import transaction
from khabar.store.records import Record

ARTICLE_COLUMNS = ("id", "content_hash", "page_id", "source", "position", "url", "outlet", "agency", "headline",
                   "date", "place", "country", "sentences", "tokens", "doc")
CHILD_INSERTS = {
    "sentence_rows": 'INSERT OR IGNORE INTO sentences VALUES (?, ?, ?, ?)',
    "mention_rows": "INSERT OR IGNORE INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "entity_rows": "INSERT OR IGNORE INTO entities VALUES (?, ?, ?, ?, ?)",
    "article_entity_rows": "INSERT OR IGNORE INTO article_entities VALUES (?, ?, ?)",
    "event_rows": "INSERT OR IGNORE INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "quote_rows": "INSERT OR IGNORE INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
}
_INSERT_ARTICLE = (f"INSERT OR IGNORE INTO articles ({', '.join(ARTICLE_COLUMNS)}) "
                   f"VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))})")
_INSERT_COPY = "INSERT OR IGNORE INTO copies VALUES (?, ?, ?, ?, ?, ?, ?)"
_INSERT_ERROR = "INSERT OR IGNORE INTO errors VALUES (?, ?, ?, ?, ?, ?)"

# source, page id, repeat, position, article id, url, url key
Copy = tuple[str, str, int, int, str, str | None, str | None]
# source, page id, repeat, position, reason, url
Error = tuple[str, str, int, int, str, str | None]


def write_batch(conn: sqlite3.Connection, records: Sequence[Record], pages: Sequence[Copy] = (),
                copies: Iterable[Copy] = (), errors: Iterable[Error] = ()) -> int:
    """Store a batch: `records[i]` was read from page `pages[i]`; `copies` and `errors` are pages met
    beside it (text stored already, or unreadable). Returns the number of new articles."""
    with transaction(conn):
        conn.executemany(_INSERT_ERROR, errors)
        conn.executemany(_INSERT_COPY, copies)
        new = _write_articles(conn, records, pages)
    return new


def _write_articles(conn: sqlite3.Connection, records: Sequence[Record], pages: Sequence[Copy]) -> int:
    accepted = []
    for record, page in zip(records, pages, strict=True):
        if record["error"]:  # a step failed on this page
            conn.execute(_INSERT_ERROR, (*page[:4], record["error"], page[5]))
            continue
        conn.execute(_INSERT_COPY, (*page[:4], record["id"], *page[5:]))
        cursor = conn.execute(_INSERT_ARTICLE, tuple(record[c] for c in ARTICLE_COLUMNS))
        if cursor.rowcount:  # a new text, not one stored before
            accepted.append((cursor.lastrowid, record))
    for key, sql in CHILD_INSERTS.items():
        conn.executemany(sql, (row for _, record in accepted for row in record[key]))
    conn.executemany("INSERT INTO article_keys(rowid, headline, body) VALUES (?, ?, ?)",
                     ((num, r["headline_keys"], r["body_keys"]) for num, r in accepted))
    conn.executemany("INSERT OR IGNORE INTO signatures VALUES (?, ?)",
                     ((r["id"], r["minhash"]) for _, r in accepted if r["minhash"] is not None))
    return len(accepted)


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
        conn.execute("INSERT OR REPLACE INTO inputs VALUES (?, ?, ?, ?)", (path, size, mtime_ns, pages))
