"""Every statement a page or API call runs without filters reads through an index or a kept count:
none scans a table that grows with the corpus (checked on SQLite's own query plan)."""

from __future__ import annotations

import re

import pytest

from khabar.store import queries
from khabar.store.queries import Filters

# Tables with rows per article (or more): a full scan of one costs in proportion to the corpus.
LARGE = {"articles", "copies", "sentences", "mentions", "article_entities", "events", "quotes", "signatures",
         "lsh", "lsh_recent", "dispatches"}
# Walks of an index in its order that stop at the page's LIMIT: (table, index).
ORDERED_WALKS = {("articles", "articles_date")}
SCAN_RE = re.compile(r"\bSCAN (\w+)(?: AS \w+)?(?: USING (?:COVERING )?INDEX (\w+))?")
# SQLite names a table in the plan by its alias ("SCAN ev"): aliases are read off the statement.
ALIAS_RE = re.compile(r"\b(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?", re.IGNORECASE)
NOT_ALIASES = {"on", "where", "join", "left", "cross", "inner", "group", "order", "limit", "using", "natural"}


def _statements(conn, call) -> list[str]:
    ids = _ids(conn)
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    try:
        call(conn, ids)
    finally:
        conn.set_trace_callback(None)
    return [s for s in seen if s.lstrip().upper().startswith(("SELECT", "WITH"))]


def _tables_of(sql: str) -> dict[str, set[str]]:
    """Name in a plan → the tables it may stand for (an alias may be reused in subqueries)."""
    names: dict[str, set[str]] = {}
    for table, alias in ALIAS_RE.findall(sql):
        names.setdefault(table, set()).add(table)
        if alias and alias.lower() not in NOT_ALIASES:
            names.setdefault(alias, set()).add(table)
    return names


def _full_scans(conn, sql: str) -> list[str]:
    plan = [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql)]
    tables = _tables_of(sql)
    scans = []
    for step in plan:
        match = SCAN_RE.search(step)
        if match is None:
            continue
        name, index = match.group(1), match.group(2)
        if any(t in LARGE and (t, index) not in ORDERED_WALKS for t in tables.get(name, {name})):
            scans.append(step)
    return scans


def _ids(conn) -> dict[str, str]:
    """Ids the calls ask for, looked up before the statements are watched."""
    return {"entity": conn.execute("SELECT entity_id FROM entity_counts ORDER BY stories DESC LIMIT 1").fetchone()[0],
            "story": conn.execute("SELECT story_id FROM story_counts LIMIT 1").fetchone()[0],
            "article": conn.execute("SELECT id FROM articles LIMIT 1").fetchone()[0]}


CALLS = {
    "search words": lambda c, ids: queries.search(c, "الكويت", limit=10),
    "latest articles": lambda c, ids: queries.search(c, "", limit=10),
    "entities": lambda c, ids: queries.entities(c, limit=20),
    "entities by type": lambda c, ids: queries.entities(c, type="LOC", limit=20),
    "events": lambda c, ids: queries.events(c, limit=20),
    "events coded": lambda c, ids: queries.events(c, coded=True, limit=20),
    "entity page": lambda c, ids: queries.entity(c, ids["entity"]),
    "quotes": lambda c, ids: queries.quotes(c, limit=20),
    "quotes of a speaker": lambda c, ids: queries.quotes(c, speaker=ids["entity"], limit=20),
    "stories": lambda c, ids: queries.stories(c, limit=20),
    "story": lambda c, ids: queries.story(c, ids["story"]),
    "article": lambda c, ids: queries.article(c, ids["article"]),
    "header counts": lambda c, ids: queries.counts(c, ("articles", "stories", "entities", "events", "quotes")),
    "stats": lambda c, ids: queries.stats(c),
    "event timeline": lambda c, ids: queries.event_timeline(c, Filters()),
    "dyad network": lambda c, ids: queries.dyad_network(c, ("USA", "IRN", "KWT", "SAU"), Filters()),
    "datelines": lambda c, ids: queries.datelines(c, Filters()),
    # The events page: its timeline by day, its map and its dyad table (with an actor filter).
    "event timeline by day": lambda c, ids: queries.event_timeline(c, Filters(), by="day"),
    "event places": lambda c, ids: queries.event_places(c, Filters()),
    "dyads": lambda c, ids: queries.dyads(c, coded=True, limit=20),
    "dyads of a source": lambda c, ids: queries.dyads(c, source="KWT", limit=20),
    "dyads to a target": lambda c, ids: queries.dyads(c, target="KWT", limit=20),
    "dyads of a type": lambda c, ids: queries.dyads(c, Filters(event_type="CONSULT"), limit=20),
    # The entity page's events: the entity's articles by date, cut to the page.
    "entity events": lambda c, ids: queries.entity_events(c, ids["entity"], ("KWT",), limit=20),
    "dyad page": lambda c, ids: queries.dyad(c, "KWT", "SAU", limit=20),
}


@pytest.mark.parametrize("name", list(CALLS))
def test_query_reads_no_large_table_whole(conn, name):
    statements = _statements(conn, CALLS[name])
    assert statements
    found = {sql: scans for sql in statements if (scans := _full_scans(conn, sql))}
    assert not found, f"{name}: full scans {found}"


def test_plan_check_finds_a_full_scan(conn):
    # The check itself: a count over all mentions is a scan of a large table.
    assert _full_scans(conn, "SELECT count(*) FROM mentions")
    assert _full_scans(conn, "SELECT entity_id, count(*) FROM article_entities GROUP BY entity_id")
    # … and so are the events page's queries as they were (a GROUP BY over every event and its article).
    assert _full_scans(conn, "SELECT ev.type, ev.source, ev.target, count(DISTINCT a.story_id) FROM events ev "
                             "JOIN articles a ON a.num = ev.article_num GROUP BY ev.type, ev.source, ev.target")
    assert _full_scans(conn, "SELECT substr(a.date, 1, 10), ev.type, count(DISTINCT a.story_id) FROM events ev "
                             "JOIN articles a ON a.num = ev.article_num WHERE ev.negated = 0 GROUP BY 1, 2")


def test_quotes_of_a_speaker_read_off_the_speaker_and_date_indexes(conn):
    # A speaker's quotations, by id and as written: each read in the order of its index (speaker,
    # date) and cut at the page; only the page's rows (two pages at most) are sorted together.
    statements = _statements(conn, lambda c, ids: queries.quotes(c, speaker=ids["entity"], limit=20))
    sql = next(s for s in statements if "UNION" in s)
    assert not _full_scans(conn, sql)
    plan = [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql)]
    assert any("quotes_speaker_id" in step for step in plan), plan
    assert any("quotes_speaker " in step or step.endswith("quotes_speaker") or "quotes_speaker (" in step
               for step in plan), plan
    # the temporary B-trees are the UNION's and the final order's, not a sort of each index's rows
    assert sum("USE TEMP B-TREE FOR ORDER BY" in step for step in plan) <= 1, plan
