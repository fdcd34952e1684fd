"""Writing records: one transaction per batch, so an article and all its rows are there, or none is.

Every statement is an INSERT … ON CONFLICT DO NOTHING on a key made from content (article id) or
provenance (source, page id, repeat): writing the same batch twice changes nothing. The SQL is the
same for SQLite and PostgreSQL (dialect.py); only the search keys go in by the connection's own way,
and a new article's number comes back as SQLite's lastrowid or PostgreSQL's RETURNING. Inserts name their columns, from
the row types of rows.py. `write_article` is the one way an article enters the store: ingest
calls it for each article of a batch, `store_article` for a single page (the web API's write).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from khabar.lang.normalize import fold
from khabar.store import aggregates, dialect, dispatches, docs, fts
from khabar.store.db import open_store, transaction
from khabar.store.dedup import join_url, place_article, settle_bands
from khabar.store.ids import url_key
from khabar.store.records import CHILD_ROWS, Record
from khabar.store.rows import (
    TABLES,
    ArticleEntityRow,
    ArticleRow,
    CopyRow,
    DispatchRow,
    EntityRow,
    ErrorRow,
    MentionRow,
    PageKey,
    QuoteRow,
    SignatureRow,
)


def _insert(row_type: type, conflict: str = " ON CONFLICT DO NOTHING") -> str:
    names = row_type._fields  # type: ignore[attr-defined]
    columns = ", ".join(f'"{name}"' for name in names)
    return f"INSERT INTO {TABLES[row_type]} ({columns}) VALUES ({', '.join('?' * len(names))}){conflict}"


INSERT = {row_type: _insert(row_type) for row_type in TABLES}
WRITER_CACHE_KB = 262_144  # page cache of a long writer (ingest): the B-trees' inner pages of a 1M store


def tune_writer(conn: sqlite3.Connection) -> None:
    """A writer that writes many batches keeps more pages in memory: rows keyed by a hash (an article's
    id in `articles` and `copies`, LSH bands, URL hashes) and the indexes by entity or speaker go to
    random places, and SQLite's default cache of 2 MB would read the inner pages of those B-trees
    again for each one."""
    if dialect.of(conn) is dialect.SQLITE:  # PostgreSQL's cache is the server's
        conn.execute(f"PRAGMA cache_size=-{WRITER_CACHE_KB}")


INSERT[ArticleRow] = _insert(ArticleRow, "")  # its absence was checked first


def write_article(conn: sqlite3.Connection, record: Record, page: CopyRow) -> bool:
    """Store `record`, read from `page`, inside the caller's transaction: the page as a copy and, when
    its text is new to the store, the article with all its rows, its place in a story and the counts
    it changes; a failed reading as an error. True when the article is new."""
    if record["error"]:  # a step failed on this page
        write_errors(conn, [page.failed(record["error"])])
        return False
    page = page._replace(article_id=record["id"])
    if conn.execute("SELECT 1 FROM articles WHERE id = ?", (record["id"],)).fetchone():
        write_copies(conn, [page])
        return False  # a text stored before
    # Rows back from a Parquet shard are lists in field order: name them again.
    dispatch = record.get("dispatch")
    row, dispatch = dispatches.link_new(conn, ArticleRow._make(record["article"]),
                                        None if dispatch is None else DispatchRow._make(dispatch))
    returning = dialect.of(conn).returning_num
    cursor = conn.execute(INSERT[ArticleRow] + returning, row._replace(doc=docs.pack(row.doc)))  # doc: docs.py
    num = cursor.fetchone()[0] if returning else cursor.lastrowid
    redated = row.date != record["article"][ArticleRow._fields.index("date")]  # a part took its lead's date
    _count_copy(conn, page, conn.execute(INSERT[CopyRow], page).rowcount)
    for key, row_type in CHILD_ROWS.items():
        if row_type is EntityRow:
            _write_entities(conn, record[key])  # type: ignore[literal-required]
        else:
            conn.executemany(INSERT[row_type], _numbered(record[key], num,  # type: ignore[literal-required]
                                                         _DATE.get(row_type) if redated else None, row.date))
    conn.executemany("INSERT INTO entity_keys (key, entity_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                     _entity_keys(record["mentions"]))  # type: ignore[arg-type]
    write_keys = getattr(conn, "write_keys", None)  # PostgreSQL's tsvector (pg.py)
    if write_keys is None:
        fts.write(conn, num, record["headline_keys"], record["body_keys"])  # its key table (fts.py)
    else:
        write_keys(num, record["headline_keys"], record["body_keys"])
    if record["minhash"] is not None:
        conn.execute(INSERT[SignatureRow], SignatureRow(num, record["minhash"]))
    if dispatch is not None:
        dispatches.note(conn, dispatch, lambda part, sign: _changing(conn, part, sign))
    aggregates.article(conn, record["id"], 1)
    place_article(conn, record["id"], num, record["minhash"])
    return True


# Where a row type holds the article's date (set again when a continuation part takes its lead's).
_DATE = {ArticleEntityRow: ArticleEntityRow._fields.index("date"), QuoteRow: QuoteRow._fields.index("date")}


def _numbered(rows: Iterable[Sequence], num: int, date_at: int | None, date: str | None) -> list[tuple]:
    """An article's rows under its number (their first field; a worker leaves it 0), with the article's
    date at `date_at` when it changed. By position: rows back from a Parquet shard are lists."""
    numbered = [(num, *r[1:]) for r in rows]
    if date_at is not None:
        numbered = [(*r[:date_at], date, *r[date_at + 1:]) for r in numbered]
    return numbered


def _changing(conn: sqlite3.Connection, article_id: str, sign: int) -> None:
    """Take a stored article's counts out before its row changes (sign -1), put them back after (1)."""
    story = conn.execute("SELECT story_id FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
    if sign < 0:
        if story:
            aggregates.story(conn, story, -1)
        aggregates.article(conn, article_id, -1)
    else:
        aggregates.article(conn, article_id, 1)
        if story:
            aggregates.story(conn, story, 1)


_TEXT, _ENTITY = MentionRow._fields.index("text"), MentionRow._fields.index("entity_id")
_folded = lru_cache(maxsize=65_536)(fold)  # names repeat across articles: fold each once


def _entity_keys(mentions: Iterable[Sequence]) -> list[tuple[str, str]]:
    """(folded text, entity id) of the linked mentions: an article's rows of entity_keys. By position:
    rows back from a Parquet shard are lists."""
    return sorted({(_folded(m[_TEXT]), m[_ENTITY]) for m in mentions if m[_ENTITY] is not None})


def _write_entities(conn: sqlite3.Connection, rows: Iterable[EntityRow]) -> None:
    """The entities new to the store: one lookup for the article's entities, one insert of the new."""
    unique = {entity[0]: entity for entity in rows}
    if not unique:
        return
    ids = list(unique)
    stored = {r[0] for r in conn.execute(f"SELECT id FROM entities WHERE id IN ({','.join('?' * len(ids))})", ids)}
    new = [entity for entity_id, entity in unique.items() if entity_id not in stored]
    conn.executemany(INSERT[EntityRow], new)
    aggregates.add_total(conn, "entities", len(new))
    aggregates.add_total(conn, "linked_entities", sum(1 for entity in new if not entity[0].startswith("text:")))


def _count_copy(conn: sqlite3.Connection, copy: CopyRow, inserted: int) -> None:
    if not inserted:
        return
    aggregates.add_total(conn, "pages", 1)
    if conn.execute("SELECT count(*) FROM copies WHERE article_id = ?", (copy.article_id,)).fetchone()[0] == 1:
        aggregates.add_total(conn, "copied_articles", 1)
    if copy.url_key is not None:
        aggregates.page_url(conn, copy.url_key, copy.url, 1)
    # Unreadable pages of the same source and id counted under their URL until a reading of it was stored.
    if conn.execute("SELECT count(*) FROM copies WHERE source = ? AND page_id = ?",
                    (copy.source, copy.page_id)).fetchone()[0] == 1:
        for (url,) in conn.execute("SELECT url FROM errors WHERE source = ? AND page_id = ? AND url IS NOT NULL",
                                   (copy.source, copy.page_id)).fetchall():
            aggregates.page_url(conn, url_key(url), url, -1)


def write_copies(conn: sqlite3.Connection, copies: Iterable[CopyRow]) -> None:
    """Pages whose text is stored (or about to be, in this run): counted, and their URL joins stories."""
    for copy in copies:
        _count_copy(conn, copy, conn.execute(INSERT[CopyRow], copy).rowcount)
        if copy.url_key:
            join_url(conn, copy.article_id, copy.url_key)


def write_errors(conn: sqlite3.Connection, errors: Iterable[ErrorRow]) -> None:
    for error in map(ErrorRow._make, errors):
        inserted = conn.execute(INSERT[ErrorRow], error).rowcount
        aggregates.add_total(conn, "errors", inserted)
        if inserted and error.url is not None and not conn.execute(
                "SELECT 1 FROM copies WHERE source = ? AND page_id = ?", (error.source, error.page_id)).fetchone():
            aggregates.page_url(conn, url_key(error.url), error.url, 1)


def write_batch(conn: sqlite3.Connection, records: Sequence[Record], pages: Sequence[CopyRow] = (),
                copies: Iterable[CopyRow] = (), errors: Iterable[ErrorRow] = ()) -> int:
    """Store a batch in one transaction: `records[i]` was read from page `pages[i]`; `copies` and
    `errors` are pages met beside it (text stored already, or unreadable). Returns the number of new
    articles."""
    with transaction(conn), aggregates.deferred(conn):
        write_errors(conn, errors)
        write_copies(conn, copies)
        written = sum(write_article(conn, record, page) for record, page in zip(records, pages, strict=True))
        settle_bands(conn)
        return written


def store_article(db: str | Path, record: Record, *, source: str, url: str | None) -> bool:
    """Store one article given whole (not read from an input file), with its story and counts. Its page
    is known by its own id under `source`. True when the article is new."""
    page = PageKey(source, record["id"], 0, 0).copy(record["id"], url)
    conn = open_store(db, write=True)
    try:
        with transaction(conn), aggregates.deferred(conn):
            created = write_article(conn, record, page)
            settle_bands(conn)
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
        conn.execute("INSERT INTO inputs (path, size, mtime_ns, pages) VALUES (?, ?, ?, ?) ON CONFLICT (path) "
                     "DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns, pages = excluded.pages",
                     (path, size, mtime_ns, pages))
