"""Bringing a store written by an earlier schema up to this one, once, in the transaction that opens
it for writing (db.py): a store is at the old version or the new one, never between.

Schema 3 (from 2) keeps what the events page read from every article's JSON document per request:
- each event's place as columns of `events` (country, English name, coordinates, how it was found),
  filled from the documents' `events[n].location`;
- the Goldstein scores of each dyad as a kept sum (`dyad_counts.goldstein_total`, `goldstein_events`);
- stories per day and event type (`event_days`) and per place of an event (`place_counts`);
- pages per URL (`url_counts`) and the repeated-URL totals of `khabar stats`.
"""

from __future__ import annotations

import sqlite3

from khabar.store.aggregates import HAPPENED, count_urls

# Columns a version adds to existing tables (new tables come from schema.sql itself).
ADDED_COLUMNS = {
    "3": [
        ("events", "place_country TEXT"), ("events", "place_name TEXT"), ("events", "place_lat REAL"),
        ("events", "place_lon REAL"), ("events", "place_how TEXT"),
        ("dyad_counts", "goldstein_total INTEGER NOT NULL DEFAULT 0"),
        ("dyad_counts", "goldstein_events INTEGER NOT NULL DEFAULT 0"),
    ],
}
UPGRADABLE = ("2",)  # versions this khabar can bring up to its own


def add_columns(conn: sqlite3.Connection, version: str) -> None:
    """The columns schema.sql's CREATE TABLE IF NOT EXISTS cannot add to a table that exists."""
    for table, column in ADDED_COLUMNS["3"]:
        conn.execute(f"ALTER TABLE {table} ADD COLUMN {column}")


def backfill(conn: sqlite3.Connection, version: str) -> None:
    """Fill what was added from what the store holds (each document is parsed once)."""
    conn.execute(
        "UPDATE events SET place_country = loc.country, place_name = loc.name, place_lat = loc.lat, "
        "place_lon = loc.lon, place_how = loc.how FROM (SELECT a.id AS article_id, CAST(e.key AS INTEGER) AS n, "
        "json_extract(e.value, '$.location.country') AS country, json_extract(e.value, '$.location.name_en') AS name, "
        "json_extract(e.value, '$.location.lat') AS lat, json_extract(e.value, '$.location.lon') AS lon, "
        "json_extract(e.value, '$.location.how') AS how FROM articles a, json_each(a.doc, '$.events') e "
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
    count_urls(conn)
