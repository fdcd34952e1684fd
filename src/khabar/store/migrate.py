"""Bringing a store written by an earlier schema up to this one, once, in the transaction that opens
it for writing (db.py): a store is at the old version or the new one, never between.

Schema 3 (from 2) keeps what the events page read from every article's JSON document per request:
- each event's place as columns of `events` (country, English name, coordinates, how it was found),
  filled from the documents' `events[n].location`;
- the Goldstein scores of each dyad as a kept sum (`dyad_counts.goldstein_total`, `goldstein_events`);
- stories per day and event type (`event_days`) and per place of an event (`place_counts`);
- pages per URL (`url_counts`) and the repeated-URL totals of `khabar stats`.

Schema 4 (from 3, or from 2 after the step to 3) makes the store smaller:
- each article's document (`articles.doc`) zlib-compressed (docs.py), a quarter of its JSON;
- no index of mentions by entity: no query reads mentions by entity alone (pages read the kept
  counts and `article_entities`; an entity's events look mentions up by article);
- no index of mentions by folded text, and no folded text: `entity_keys` holds the distinct
  (folded text, entity) pairs, and the Parquet export folds each mention's text (`fold(text)` in SQL);
- `copies` a rowid table (its indexes carry a rowid, not the source path of its key);
- `url_counts` keyed by a 64-bit hash of the URL, not the URL;
- no `sentences` table: the offsets are in each document, which the events' evidence reads anyway,
  and `articles.sentences` counts them.
The space the documents leave is free pages that later writes reuse; `VACUUM` (outside any
transaction, so not here) gives it back to the file system.

Schema 5 (from 4) adds `lsh_recent`, the bands of the latest articles (dedup.py), empty: the bands
stored in `lsh` are found there as before.

Schema 6 (from 5, or from an earlier one after the steps to 5) keys the tables of an article's rows
(mentions, article_entities, events, quotes, signatures) by the article's number instead of its id,
so that a write appends to them, and gives each quotation its article's date (a speaker's latest
quotations off an index). Each table is made anew and filled from the old one, article by article.
"""

from __future__ import annotations

import sqlite3

from khabar.store.aggregates import HAPPENED, count_urls
from khabar.store.ddl import schema_statements

# Columns a version adds to existing tables (new tables come from schema.sql itself).
ADDED_COLUMNS = {
    "3": [
        ("events", "place_country TEXT"), ("events", "place_name TEXT"), ("events", "place_lat REAL"),
        ("events", "place_lon REAL"), ("events", "place_how TEXT"),
        ("dyad_counts", "goldstein_total INTEGER NOT NULL DEFAULT 0"),
        ("dyad_counts", "goldstein_events INTEGER NOT NULL DEFAULT 0"),
    ],
}
UPGRADABLE = ("2", "3", "4", "5")  # versions this khabar can bring up to its own
# Tables keyed by the article's number since schema 6 (their first column, `article_num`).
NUMBERED = ("mentions", "article_entities", "events", "quotes", "signatures")


def add_columns(conn: sqlite3.Connection, version: str) -> None:
    """What schema.sql's CREATE … IF NOT EXISTS cannot change in a table that exists: columns added;
    for schema 4, tables made anew set aside (copies) or dropped (url_counts, recounted)."""
    for step, columns in ADDED_COLUMNS.items():
        if int(version) < int(step):
            for table, column in columns:
                conn.execute(f"ALTER TABLE {table} ADD COLUMN {column}")
    if int(version) >= 4:
        return
    conn.execute("DROP INDEX copies_article")
    conn.execute("DROP INDEX copies_url")
    conn.execute("ALTER TABLE copies RENAME TO copies_before_4")
    conn.execute("DROP TABLE IF EXISTS url_counts")  # schema 2 had none


def backfill(conn: sqlite3.Connection, version: str) -> None:
    """Fill what was added from what the store holds, one version after the other."""
    if version == "2":
        _to_3(conn)
    if int(version) < 4:
        _to_4(conn)
    # to 5: lsh_recent, made empty by schema.sql
    if int(version) < 6:
        _to_6(conn)


def _to_6(conn: sqlite3.Connection) -> None:
    """Each table of an article's rows made again under the article's number, read in the order of
    the numbers (the new B-tree is written at its right edge) and its indexes made after."""
    statements = schema_statements()
    for table in NUMBERED:
        old = f"{table}_before_6"
        for (index,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                                     "AND sql IS NOT NULL", (table,)).fetchall():
            conn.execute(f"DROP INDEX {index}")
        conn.execute(f"ALTER TABLE {table} RENAME TO {old}")
        made = [s for s in statements if f" {table} (" in s or f" {table}(" in s]
        conn.execute(made[0])  # the table; its indexes once it is filled
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")][1:]
        had = {row[1] for row in conn.execute(f"PRAGMA table_info({old})")}
        taken = ", ".join("a.date" if c == "date" and c not in had else f'o."{c}"' for c in columns)
        names = ", ".join(f'"{c}"' for c in columns)
        conn.execute(f"INSERT INTO {table} (article_num, {names}) "
                     f"SELECT a.num, {taken} FROM articles a CROSS JOIN {old} o ON o.article_id = a.id")
        conn.execute(f"DROP TABLE {old}")
        for statement in made[1:]:
            conn.execute(statement)


def _to_4(conn: sqlite3.Connection) -> None:
    conn.execute("DROP INDEX IF EXISTS mentions_entity")
    conn.execute("DROP INDEX IF EXISTS mentions_key")
    conn.execute("DROP TABLE IF EXISTS sentences")  # the offsets are in each document
    conn.execute("INSERT OR IGNORE INTO entity_keys (key, entity_id) SELECT key, entity_id FROM mentions "
                 "WHERE entity_id IS NOT NULL")
    conn.execute("ALTER TABLE mentions DROP COLUMN key")  # fold(text): computed where it is needed
    conn.execute("UPDATE articles SET doc = doc_pack(doc) WHERE typeof(doc) = 'text'")
    conn.execute("INSERT INTO copies (source, page_id, repeat, position, article_id, url, url_key) SELECT source, "
                 "page_id, repeat, position, article_id, url, url_key FROM copies_before_4")
    conn.execute("DROP TABLE copies_before_4")
    count_urls(conn)


def _to_3(conn: sqlite3.Connection) -> None:
    """Each event's place from its document (each document parsed once), the kept counts schema 3 added."""
    conn.execute(
        "UPDATE events SET place_country = loc.country, place_name = loc.name, place_lat = loc.lat, "
        "place_lon = loc.lon, place_how = loc.how FROM (SELECT a.id AS article_id, CAST(e.key AS INTEGER) AS n, "
        "json_extract(e.value, '$.location.country') AS country, json_extract(e.value, '$.location.name_en') AS name, "
        "json_extract(e.value, '$.location.lat') AS lat, json_extract(e.value, '$.location.lon') AS lon, "
        "json_extract(e.value, '$.location.how') AS how FROM articles a, json_each(doc_json(a.doc), '$.events') e "
        "WHERE json_type(e.value, '$.location') = 'object') AS loc "
        "WHERE events.article_id = loc.article_id AND events.n = loc.n")
    conn.execute(
        "UPDATE dyad_counts SET goldstein_total = g.total, goldstein_events = g.events FROM "
        f"(SELECT ev.type AS type, coalesce(ev.source, '') AS source, coalesce(ev.target, '') AS target, "
        f"coalesce(sum(CAST(round(ev.goldstein * 100) AS INTEGER)), 0) AS total, count(ev.goldstein) AS events "
        f"FROM events ev WHERE {HAPPENED} GROUP BY 1, 2, 3) AS g "
        "WHERE dyad_counts.type = g.type AND dyad_counts.source = g.source AND dyad_counts.target = g.target")
    # Stories counted once per day and type, and once per place, as aggregates.story keeps them.
    conn.execute(
        "INSERT INTO event_days (day, type, stories) SELECT substr(a.date, 1, 10), ev.type, "
        "count(DISTINCT a.story_id) FROM events ev JOIN articles a ON a.id = ev.article_id "
        f"WHERE a.story_id IS NOT NULL AND a.date IS NOT NULL AND {HAPPENED} GROUP BY 1, 2")
    conn.execute(
        "INSERT INTO place_counts (country, place, lat, lon, stories) SELECT ev.place_country, "
        "coalesce(ev.place_name, ''), coalesce(ev.place_lat, ''), coalesce(ev.place_lon, ''), "
        "count(DISTINCT a.story_id) FROM events ev JOIN articles a ON a.id = ev.article_id "
        f"WHERE a.story_id IS NOT NULL AND ev.place_country IS NOT NULL AND {HAPPENED} GROUP BY 1, 2, 3, 4")
    # pages per URL: counted by the step to 4, which sets copies anew
