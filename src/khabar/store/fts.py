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

FTS5's BM25 weighs a word by the articles of one table (and a word in half of them or more weighs
nothing there: FTS5 sets its weight to 1e-6). When the matches ranked lie in one table (a common
word: its latest 2,000 matches), they are ranked by that table's BM25 as FTS5 computes it. When they
lie in several, each table's scores are scaled by the sum of the phrases' weights counted over all
those tables together, over the sum of their weights in that table: for a query of one word (or one
phrase) that is BM25 with the word weighed over those tables; for several, it keeps each table's
balance between the words and puts the tables' scores on one scale.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections.abc import Collection

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


def weight(rows: int, hits: int) -> float:
    """A phrase's BM25 weight (IDF) in `rows` articles of which `hits` hold it, as FTS5 computes it:
    ln((rows - hits + 0.5) / (hits + 0.5)), and 1e-6 for a phrase in half of them or more."""
    value = math.log((rows - hits + 0.5) / (hits + 0.5)) if rows else 0.0
    return value if value > 0 else 1e-6


def ranked(conn: sqlite3.Connection, phrases: list[str], candidates: dict[str, list[int]],
           whole: Collection[str] = frozenset()) -> list[tuple[float, int]]:
    """(score, article number) of the candidates (numbers by key table), best (lowest) first, equal
    scores oldest first. `whole`: tables whose candidates are all the matches of the query there."""
    scale = dict.fromkeys(candidates, 1.0)
    if len(candidates) > 1:
        rows = {table: conn.execute(f"SELECT count(*) FROM {table}_docsize").fetchone()[0] for table in candidates}
        held = {table: [len(candidates[table]) if table in whole and len(phrases) == 1 else conn.execute(
            f"SELECT count(*) FROM {table} WHERE {table} MATCH ?", (phrase,)).fetchone()[0] for phrase in phrases]
            for table in candidates}
        every = sum(rows.values())
        span = sum(weight(every, sum(held[table][i] for table in candidates)) for i in range(len(phrases)))
        for table in candidates:
            scale[table] = span / sum(weight(rows[table], hits) for hits in held[table])
    expression = " AND ".join(phrases)
    scored = []
    for table, nums in candidates.items():
        # +rowid: the numbers filter the rows SQLite reads (in the range), not one FTS5 query each
        scored += [(score * scale[table], num) for num, score in conn.execute(
            f"SELECT rowid, {ranking(table)} FROM {table} WHERE {table} MATCH ? AND rowid BETWEEN ? AND ? "
            "AND +rowid IN (SELECT value FROM json_each(?))",
            (expression, min(nums), max(nums), json.dumps(nums)))]
    return sorted(scored)
