"""The full-text index of the search keys, in SQLite's FTS5, as one table per SHARD articles by number.

FTS5's BM25 weighs each word by how many articles hold it, and counts them by reading the word's
whole list of matches: for a common word that is most of the index, so a search that ranks only the
latest matches still cost time in proportion to the store (12 ms for "الرئيس" at a million articles,
2 ms at 100,000). With one table per SHARD articles (written in order of number), a search reads the
tables newest first and stops once it has the matches it ranks: each word's weight is counted in the
table that holds them, at most SHARD articles, as a search engine's shard weighs words by its own
articles. Articles numbered below SHARD are in `article_keys` (a store written before the index was
split has all its articles there: it stays the oldest table); the others in `article_keys_N`, N = num //
SHARD, made when its first article is written.
"""

from __future__ import annotations

import re
import sqlite3

from khabar.store.search import BODY_WEIGHT, HEADLINE_WEIGHT

SHARD = 65_536  # articles per table: the matches a common word's weight is counted over, at most
FIRST = "article_keys"  # schema.sql's table: articles below SHARD (all of them, in a store split later)
_NAME = re.compile(r"article_keys(?:_(\d+))?")
_MADE = ("CREATE VIRTUAL TABLE IF NOT EXISTS {0} USING fts5(headline, body, content='', "
         "tokenize='unicode61 remove_diacritics 0')")


def table_of(num: int) -> str:
    """The table that holds the search keys of article `num`."""
    shard = num // SHARD
    return FIRST if shard == 0 else f"{FIRST}_{shard}"


def tables(conn: sqlite3.Connection) -> list[str]:
    """The key tables of the store, newest first (the articles of each are numbered after the next's)."""
    found = []
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'article_keys%' "
                                "AND sql LIKE 'CREATE VIRTUAL TABLE%'"):
        match = _NAME.fullmatch(name)
        if match:
            found.append((int(match.group(1) or 0), name))
    return [name for _, name in sorted(found, reverse=True)]


def write(conn: sqlite3.Connection, num: int, headline: str, body: str) -> None:
    """Index the keys of article `num`, inside the caller's transaction; its table is made when new."""
    table = table_of(num)
    sql = f"INSERT INTO {table} (rowid, headline, body) VALUES (?, ?, ?)"
    try:
        conn.execute(sql, (num, headline, body))
    except sqlite3.OperationalError as exc:
        if "no such table" not in str(exc):
            raise
        conn.execute(_MADE.format(table))
        conn.execute(sql, (num, headline, body))


def ranking(table: str) -> str:
    """BM25 over one key table, the headline weighing more than the body (lower is better)."""
    return f"bm25({table}, {HEADLINE_WEIGHT}, {BODY_WEIGHT})"
