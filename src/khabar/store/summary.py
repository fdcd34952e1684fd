"""The live counts per entity and per event dyad (for filtered listings), and the whole rebuild of the
kept counts. Every write keeps the counts tables up to date itself (aggregates.py)."""

from __future__ import annotations

import sqlite3

from khabar.store import aggregates
from khabar.store.db import transaction

ENTITY_COUNTS_SQL = (
    "SELECT ae.entity_id AS entity_id, count(DISTINCT a.story_id) AS stories, count(*) AS articles, "
    "sum(ae.mentions) AS mentions FROM article_entities ae "
    "JOIN articles a ON a.num = ae.article_num {where} GROUP BY ae.entity_id")
DYAD_COUNTS_SQL = (
    "SELECT ev.type AS type, ev.source AS source, ev.target AS target, count(DISTINCT a.story_id) AS stories, "
    "count(DISTINCT ev.article_num) AS articles, count(*) AS mentions, min(a.date) AS first, max(a.date) AS last "
    "FROM events ev JOIN articles a ON a.num = ev.article_num {where} "
    "GROUP BY ev.type, ev.source, ev.target")


def summarise(conn: sqlite3.Connection) -> None:
    """Rebuild every kept count from the article tables (a repair: writes keep them current)."""
    with transaction(conn):
        aggregates.rebuild(conn)


def is_current(conn: sqlite3.Connection) -> bool:
    """Whether the kept counts may be read: always, since each write updates them in its transaction."""
    return True
