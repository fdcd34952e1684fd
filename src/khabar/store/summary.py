"""Counts per entity and per event dyad, kept in tables so that the unfiltered listings (the first
thing a reader or a web page asks for) answer at once. Rebuilt whole after an ingest that changed
the store: they depend on stories, which any new article can merge."""

from __future__ import annotations

import sqlite3

from khabar.store.db import transaction

HAPPENED = "ev.negated = 0 AND ev.future = 0 AND ev.hypothetical = 0"
ENTITY_COUNTS_SQL = (
    "SELECT ae.entity_id AS entity_id, count(DISTINCT a.story_id) AS stories, count(*) AS articles, "
    "sum(ae.mentions) AS mentions FROM article_entities ae "
    "JOIN articles a ON a.id = ae.article_id {where} GROUP BY ae.entity_id")
DYAD_COUNTS_SQL = (
    "SELECT ev.type AS type, ev.source AS source, ev.target AS target, count(DISTINCT a.story_id) AS stories, "
    "count(DISTINCT ev.article_id) AS articles, count(*) AS mentions, min(a.date) AS first, max(a.date) AS last "
    "FROM events ev JOIN articles a ON a.id = ev.article_id {where} "
    "GROUP BY ev.type, ev.source, ev.target")


def summarise(conn: sqlite3.Connection) -> None:
    """Rebuild entity_counts and dyad_counts (events that happened) from the article tables."""
    with transaction(conn):
        conn.execute("DELETE FROM entity_counts")
        conn.execute("INSERT INTO entity_counts " + ENTITY_COUNTS_SQL.format(where=""))
        conn.execute("DELETE FROM dyad_counts")
        conn.execute("INSERT INTO dyad_counts " + DYAD_COUNTS_SQL.format(where=f"WHERE {HAPPENED}"))
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('summarised', "
                     "(SELECT count(*) FROM articles))")


def is_current(conn: sqlite3.Connection) -> bool:
    """Whether the counts were made from the articles the store holds now."""
    row = conn.execute("SELECT (SELECT value FROM meta WHERE key = 'summarised') = "
                       "CAST((SELECT count(*) FROM articles) AS TEXT)").fetchone()
    return bool(row[0])
