"""The one query layer: every question the CLI (and a web API) asks the store, answered as plain
dicts and lists, ready for a rich table or for JSON. No rendering here, no SQL anywhere else."""

from __future__ import annotations

import dataclasses
import sqlite3
from dataclasses import dataclass
from typing import Any

from khabar.lang.normalize import fold
from khabar.store import dialect, docs, fts
from khabar.store.aggregates import HAPPENED
from khabar.store.search import Query, make_snippet, parse_query
from khabar.store.summary import DYAD_COUNTS_SQL, ENTITY_COUNTS_SQL

CO_MENTION_ARTICLES = 1000  # an entity's latest articles in which its co-mentions are counted
# A query matching more articles than this is ranked among its latest RANKED matches (by when they were
# stored): ranking costs time per match, so a common word would cost more as the store grows, and news
# is read newest first anyway. Each word's weight is counted in the key table of those matches (fts.py).
RANKED = 2000
# Matches are counted up to COUNTED: an exact count of a common word costs time per match (about 17 ms
# at a million articles); beyond it the answer says "more than" (`total_exact` false).
COUNTED = 10_000
_RESULT_COLUMNS = ("id", "headline", "date", "agency", "outlet", "country", "story_id", "url", "duplicate_of")


@dataclass(frozen=True, slots=True)
class Filters:
    """Restrictions shared by search, entities and events. Dates are ISO strings, bounds included.
    `entity` is an entity id, an English name or an Arabic name as written in articles; `country`
    (ISO3) keeps articles filed from that country or naming one of its entities."""

    date_from: str | None = None
    date_to: str | None = None
    agency: str | None = None
    outlet: str | None = None
    entity: str | None = None
    country: str | None = None
    event_type: str | None = None


def _where(conn: sqlite3.Connection, filters: Filters) -> tuple[list[str], list[Any]]:
    """SQL conditions on articles `a` for `filters`, and their parameters. Conditions on other tables
    are `a.id IN (subquery)`: SQLite runs the subquery once, not once per article."""
    clauses: list[str] = []
    params: list[Any] = []
    for value, clause in ((filters.date_from, "a.date >= ?"), (filters.date_to, "a.date <= ?"),
                          (filters.agency and filters.agency.upper(), "a.agency = ?"),
                          (filters.outlet, "a.outlet = ?")):
        if value:
            clauses.append(clause)
            params.append(value)
    if filters.entity:
        ids = entity_ids(conn, filters.entity) or ["\0none"]
        clauses.append(f"a.num IN (SELECT article_num FROM article_entities WHERE entity_id IN ({_marks(ids)}))")
        params += ids
    if filters.country:
        clauses.append("(a.country = ? OR a.num IN (SELECT ae.article_num FROM article_entities ae "
                       "JOIN entities e ON e.id = ae.entity_id WHERE e.country = ?))")
        params += [filters.country.upper()] * 2
    if filters.event_type:
        clauses.append("a.num IN (SELECT article_num FROM events WHERE type = ?)")
        params.append(filters.event_type.upper())
    return clauses, params


def _marks(values: list) -> str:
    return ",".join("?" * len(values))


def entity_ids(conn: sqlite3.Connection, name: str) -> list[str]:
    """Entities that `name` may denote: an id, an English name (any case), or an Arabic form as written."""
    rows = conn.execute(f"SELECT id FROM entities WHERE id = ?1 OR {dialect.of(conn).nocase_equals('name_en', '?1')} "
                        "UNION SELECT entity_id FROM entity_keys WHERE key = ?2",
                        (name, fold(name)))
    return sorted(row[0] for row in rows)


def _matches(conn: sqlite3.Connection, query: Query, clauses: list[str], params: list[Any], limit: int,
             offset: int) -> tuple[int, list[tuple]]:
    """Total and one page of full-text matches, best first. The key tables (fts.py) are read newest
    first: matches (that pass the filters) counted up to COUNTED, and the latest RANKED of them ranked
    by BM25 with each word weighed over the tables that hold them (fts.ranked)."""
    columns = ", ".join(f"a.{c}" for c in _RESULT_COLUMNS)
    expression = query.expression
    total, got, candidates, whole = 0, 0, {}, set()
    want = max(RANKED, offset + limit)
    for table in fts.tables(conn):
        matching = f"FROM {table} k{_joined(clauses)} WHERE {table} MATCH ?{_and(clauses)}"
        every = False
        if got < want:
            nums = [row[0] for row in conn.execute(f"SELECT k.rowid {matching} ORDER BY k.rowid DESC LIMIT ?",
                                                   [expression, *params, want - got])]
            every = len(nums) < want - got  # all this table's matches: counted as well
            if nums:
                candidates[table] = nums
                got += len(nums)
            if every and not clauses:
                whole.add(table)
        if total <= COUNTED:
            total += len(nums) if every else conn.execute(f"SELECT count(*) FROM (SELECT 1 {matching} LIMIT ?) m",
                                                          [expression, *params, COUNTED + 1 - total]).fetchone()[0]
        if total > COUNTED and got >= want:
            break
    page = [num for _, num in fts.ranked(conn, list(query.phrases), candidates, whole)[offset:offset + limit]]
    if not page:
        return total, []
    rows = {row[0]: row[1:] for row in conn.execute(
        f"SELECT a.num, {columns} FROM articles a WHERE a.num IN ({_marks(page)})", page)}
    return total, [rows[num] for num in page if num in rows]


def _joined(clauses: list[str]) -> str:
    return " JOIN articles a ON a.num = k.rowid" if clauses else ""


def _and(clauses: list[str]) -> str:
    return "".join(f" AND {clause}" for clause in clauses)


def _latest(conn: sqlite3.Connection, clauses: list[str], params: list[Any], limit: int,
            offset: int) -> tuple[int, list[tuple]]:
    """Total and one page of the articles passing the filters, latest first."""
    columns = ", ".join(f"a.{c}" for c in _RESULT_COLUMNS)
    base = "FROM articles a" + (f" WHERE {' AND '.join(clauses)}" if clauses else "")
    total = conn.execute(f"SELECT count(*) {base}", params).fetchone()[0] if clauses else total_of(conn, "articles")
    rows = conn.execute(f"SELECT {columns} {base} ORDER BY a.date DESC, a.id LIMIT ? OFFSET ?",
                        [*params, limit, offset])
    return total, rows.fetchall()


def search(conn: sqlite3.Connection, text: str, filters: Filters = Filters(), *, limit: int = 10,
           offset: int = 0, snippets: bool = True) -> dict[str, Any]:
    """Articles matching `text` (words and "phrases", any written form) and `filters`, best first;
    without words, the latest articles that pass the filters."""
    query = parse_query(text)
    clauses, params = _where(conn, filters)
    if query.expression and dialect.of(conn) is dialect.SQLITE:
        total, rows = _matches(conn, query, clauses, params, limit, offset)
    elif query.expression:  # the engine's own full-text match over the same keys (pg.py)
        total, rows = conn.matches(query, _RESULT_COLUMNS, clauses, params, limit, offset, RANKED, COUNTED)
    elif text.strip():
        total, rows = 0, []  # a query without a searchable word ('"', "*", "(") matches nothing, not all
    else:
        total, rows = _latest(conn, clauses, params, limit, offset)
    results = [dict(zip(_RESULT_COLUMNS, row, strict=True)) for row in rows]
    if snippets and results:
        ids = [result["id"] for result in results]
        # The stored documents, decoded here (not by SQL json functions): every engine reads them so.
        rows = conn.execute(f"SELECT id, doc FROM articles WHERE id IN ({_marks(ids)})", ids).fetchall()
        bodies = {row[0]: docs.load(row[1]).get("body") for row in rows}
        for result in results:
            result["snippet"], result["hits"] = make_snippet(bodies.get(result["id"]) or "", query.keys)
    exact = not query.expression or total <= COUNTED
    return {"query": text, "keys": list(query.keys), "total": total if exact else COUNTED, "total_exact": exact,
            "results": results}


def entities(conn: sqlite3.Connection, filters: Filters = Filters(), *, type: str | None = None,
             linked: bool = False, limit: int = 20) -> list[dict[str, Any]]:
    """Entities by the number of stories that name them (then articles, mentions)."""
    conditions, params = [], []
    if type:
        conditions.append("e.type = ?")
        params.append(type.upper())
    if linked:
        conditions.append("e.id NOT LIKE 'text:%'")
    clauses, filter_params = _where(conn, filters)
    if clauses:
        counts = ENTITY_COUNTS_SQL.format(where="WHERE " + " AND ".join(clauses))
        source = f"({counts}) AS c"
    else:  # the kept counts, read in the order of their index until the page is full
        source, filter_params = "entity_counts c", []
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    rows = conn.execute(
        f"SELECT e.id, e.name_en, e.name_ar, e.type, e.country, c.stories, c.articles, c.mentions FROM {source} "
        f"{dialect.of(conn).ordered_join} entities e ON e.id = c.entity_id {where} "
        "ORDER BY c.stories DESC, c.articles DESC, c.mentions DESC, c.entity_id LIMIT ?",
        [*filter_params, *params, limit])
    names = ("id", "name_en", "name_ar", "type", "country", "stories", "articles", "mentions")
    return [dict(zip(names, row, strict=True)) for row in rows]


def events(conn: sqlite3.Connection, filters: Filters = Filters(), *, actor: str | None = None,
           all_modes: bool = False, coded: bool = False, limit: int = 20) -> list[dict[str, Any]]:
    """Event dyads (type, source, target), each story counted once. Negated, future and hypothetical
    events are left out unless `all_modes`; `coded` keeps events whose source and target are both known."""
    conditions, params = [], []
    if filters.event_type:  # on the event itself, not on its article
        conditions.append("d.type = ?")
        params.append(filters.event_type.upper())
    if actor:
        conditions.append("(d.source = ? OR d.target = ?)")
        params += [actor.upper()] * 2
    clauses, filter_params = _where(conn, dataclasses.replace(filters, event_type=None))
    if clauses or all_modes:
        live = clauses + ([] if all_modes else [HAPPENED])
        counts = DYAD_COUNTS_SQL.format(where="WHERE " + " AND ".join(live) if live else "")
        source = f"(SELECT type, coalesce(source, '') AS source, coalesce(target, '') AS target, stories, articles, " \
                 f"mentions, first, last FROM ({counts}) AS c) AS d"
    else:  # the kept counts ('' for no actor), read in the order of their index
        source, filter_params = "dyad_counts d", []
    if coded:
        conditions.append("d.source != '' AND d.target != ''")
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    rows = conn.execute(
        "SELECT d.type, nullif(d.source, ''), nullif(d.target, ''), d.stories, d.articles, d.mentions, d.first, "
        f"d.last FROM {source} {where} ORDER BY d.stories DESC, d.articles DESC, d.type, d.source, d.target LIMIT ?",
        [*filter_params, *params, limit])
    names = ("type", "source", "target", "stories", "articles", "mentions", "first", "last")
    return [dict(zip(names, row, strict=True)) for row in rows]


# The URL of every page met: read ones (copies) and unreadable ones (errors only, e.g. no text).
_URLS = ("WITH urls(k, url) AS (SELECT url_key, url FROM copies WHERE url_key IS NOT NULL UNION ALL "
         "SELECT url_key(e.url), e.url FROM errors e WHERE e.url IS NOT NULL AND NOT EXISTS "
         "(SELECT 1 FROM copies c WHERE c.source = e.source AND c.page_id = e.page_id))")

STATS_SQL = {
    "articles": "SELECT count(*) FROM articles",
    "pages": "SELECT count(*) FROM copies",
    "exact_duplicates": "SELECT (SELECT count(*) FROM copies) - (SELECT count(DISTINCT article_id) FROM copies)",
    "near_duplicates": "SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL",
    "stories": "SELECT count(DISTINCT story_id) FROM articles",
    "repeated_urls": f"{_URLS} SELECT count(*) FROM (SELECT 1 FROM urls GROUP BY k HAVING count(*) > 1)",
    "repeated_url_pages": f"{_URLS} SELECT coalesce(sum(n - 1), 0) FROM "
                          "(SELECT count(*) AS n FROM urls GROUP BY k HAVING n > 1)",
    "repeated_url_pages_as_written": f"{_URLS} SELECT coalesce(sum(n - 1), 0) FROM "
                                     "(SELECT count(*) AS n FROM urls GROUP BY url HAVING n > 1)",
    "sentences": "SELECT coalesce(sum(sentences), 0) FROM articles",
    "entities": "SELECT count(*) FROM entities",
    "linked_entities": "SELECT count(*) FROM entities WHERE id NOT LIKE 'text:%'",
    "mentions": "SELECT count(*) FROM mentions",
    "events": "SELECT count(*) FROM events",
    "story_events": "SELECT count(*) FROM (SELECT DISTINCT a.story_id, ev.type, ev.source, ev.target "
                    f"FROM events ev JOIN articles a ON a.num = ev.article_num WHERE {HAPPENED})",
    "quotes": "SELECT count(*) FROM quotes",
    "errors": "SELECT count(*) FROM errors",
}


# What the writes keep counted (aggregates.py): read, not counted, per request.
KEPT_STATS = {
    "articles": "articles", "pages": "pages", "stories": "stories", "near_duplicates": "near_duplicates",
    "sentences": "sentences", "entities": "entities", "linked_entities": "linked_entities",
    "mentions": "mentions", "events": "events", "story_events": "story_events", "quotes": "quotes",
    "errors": "errors", "repeated_urls": "repeated_urls", "repeated_url_pages": "repeated_url_pages",
    "repeated_url_pages_as_written": "repeated_url_pages_as_written",
}


def total_of(conn: sqlite3.Connection, name: str) -> int:
    """One kept total (aggregates.py); `exact_duplicates` is pages less the articles they are copies of."""
    if name == "exact_duplicates":
        return total_of(conn, "pages") - total_of(conn, "copied_articles")
    if name not in KEPT_STATS and name != "copied_articles":
        return conn.execute(STATS_SQL[name]).fetchone()[0]
    row = conn.execute("SELECT value FROM totals WHERE name = ?", (KEPT_STATS.get(name, name),)).fetchone()
    return row[0] if row else 0


def stats(conn: sqlite3.Connection) -> dict[str, int]:
    """Counts of everything in the store. `exact_duplicates`: pages whose text was stored already;
    `repeated_urls`: URLs (without scheme, "www.", trailing "/") found on more than one page (read or
    not), `repeated_url_pages` the pages beyond the first, and `repeated_url_pages_as_written` the same
    for URLs compared character for character; `story_events`: distinct (story, type, source,
    target) of events that happened, the unit of `khabar events` and of the GDELT export."""
    return {name: total_of(conn, name) for name in STATS_SQL}


def article(conn: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    """The stored read contract of one article, with its store id, story and duplicate links."""
    row = conn.execute("SELECT id, story_id, duplicate_of, doc FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    doc = docs.load(row[3])
    doc.update({"store_id": row[0], "story_id": row[1], "duplicate_of": row[2]})
    return doc


def _rows(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def counts(conn: sqlite3.Connection, names: tuple[str, ...]) -> dict[str, int]:
    """Some of the counts of `stats` (a page header needs five, not the slower ones)."""
    return {name: total_of(conn, name) for name in names}


def entity(conn: sqlite3.Connection, entity_id: str, *, limit: int = 20) -> dict[str, Any] | None:
    """One entity: its names as written (with counts), articles per month, the entities named beside it,
    its quotations and its latest articles; None when the store does not know it."""
    row = conn.execute("SELECT id, name_en, name_ar, type, country FROM entities WHERE id = ?",
                       (entity_id,)).fetchone()
    if row is None:
        return None
    found = dict(zip(("id", "name_en", "name_ar", "type", "country"), row, strict=True))
    found["names"] = _rows(conn.execute(
        "SELECT text, mentions FROM entity_names WHERE entity_id = ? ORDER BY mentions DESC, text LIMIT ?",
        (entity_id, limit)))
    months = conn.execute("SELECT month, articles FROM entity_months WHERE entity_id = ? ORDER BY month",
                          (entity_id,)).fetchall()
    found["months"] = [{"month": m, "articles": n} for m, n in months if m]
    found["articles"] = sum(n for _, n in months)
    # Named beside it in its latest CO_MENTION_ARTICLES articles (all of them, for most entities).
    found["co_mentioned"] = _rows(conn.execute(
        "SELECT e.id, e.name_en, e.name_ar, e.type, top.articles FROM (SELECT other.entity_id, count(*) AS articles "
        "FROM (SELECT article_num FROM article_entities WHERE entity_id = ?1 ORDER BY date DESC LIMIT ?3) mine "
        "JOIN article_entities other ON other.article_num = mine.article_num AND other.entity_id != ?1 "
        "GROUP BY other.entity_id ORDER BY articles DESC, other.entity_id LIMIT ?2) top "
        "JOIN entities e ON e.id = top.entity_id ORDER BY top.articles DESC, e.id",
        (entity_id, limit, CO_MENTION_ARTICLES)))
    found["quotes"] = quotes(conn, speaker=entity_id, limit=limit)
    found["latest"] = _rows(conn.execute(
        "SELECT a.id, a.headline, a.date, a.agency, a.outlet FROM "
        "(SELECT article_num, date FROM article_entities WHERE entity_id = ? ORDER BY date DESC, article_num "
        "LIMIT ?) ae JOIN articles a ON a.num = ae.article_num ORDER BY ae.date DESC, ae.article_num",
        (entity_id, limit)))
    return found


def quotes(conn: sqlite3.Connection, *, speaker: str | None = None, limit: int = 20,
           offset: int = 0) -> list[dict[str, Any]]:
    """Quotations, latest first; `speaker` keeps those of one entity (by id) or one speaker as written."""
    columns = ("SELECT a.id AS article_id, q.n, q.text, q.speaker, q.speaker_en, q.speaker_id, q.kind, q.start, "
               "q.\"end\", a.headline, a.date")
    if not speaker:
        # Walk articles by date (its index) and stop at the page's end, instead of sorting every
        # quotation; CROSS JOIN keeps SQLite from putting quotes first.
        return _rows(conn.execute(
            f"{columns} FROM articles a {dialect.of(conn).ordered_join} quotes q ON q.article_num = a.num "
            "ORDER BY a.date DESC, a.num, q.n LIMIT ? OFFSET ?", (limit, offset)))
    # A speaker's quotations by id and as written, each read latest first off its index (speaker and
    # date) and cut at the page's end: the cost of a page, not of the speaker's quotations (36,000
    # for a name as written in a million articles).
    mine = ("SELECT * FROM (SELECT article_num, n, date FROM quotes WHERE {0} = ?1 "
            "ORDER BY date DESC, article_num, n LIMIT ?2) AS {1}")
    return _rows(conn.execute(
        f"{columns} FROM ({mine.format('speaker_id', 'by_id')} UNION {mine.format('speaker', 'as_written')}) AS p "
        "JOIN quotes q ON q.article_num = p.article_num AND q.n = p.n JOIN articles a ON a.num = q.article_num "
        "ORDER BY p.date DESC, p.article_num, p.n LIMIT ?3 OFFSET ?4", (speaker, limit + offset, limit, offset)))


_STORY_COLUMNS = ("SELECT a.story_id AS id, count(*) AS articles, min(a.date) AS first, max(a.date) AS last, "
                  "(SELECT headline FROM articles h WHERE h.id = a.story_id) AS headline FROM articles a ")


def stories(conn: sqlite3.Connection, *, limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """Stories (articles telling the same news), the largest first."""
    total = total_of(conn, "stories")
    results = _rows(conn.execute(
        "SELECT s.story_id AS id, s.articles, s.first, s.last, a.headline FROM story_counts s "
        "LEFT JOIN articles a ON a.id = s.story_id ORDER BY s.articles DESC, s.last DESC, s.story_id "
        "LIMIT ? OFFSET ?", (limit, offset)))
    return {"total": total, "results": results}


def story(conn: sqlite3.Connection, story_id: str) -> dict[str, Any] | None:
    """One story and its articles, oldest first; None when no article belongs to it."""
    rows = conn.execute(_STORY_COLUMNS + "WHERE a.story_id = ? GROUP BY a.story_id", (story_id,))
    found = _rows(rows)
    if not found:
        return None
    columns = ", ".join(f"a.{c}" for c in _RESULT_COLUMNS)
    found[0]["members"] = _rows(conn.execute(
        f"SELECT {columns} FROM articles a WHERE a.story_id = ? ORDER BY a.date, a.id", (story_id,)))
    return found[0]


def event_timeline(conn: sqlite3.Connection, filters: Filters = Filters(), *,
                   by: str = "month") -> list[dict[str, Any]]:
    """Events that happened per period (`by` month or day) and PLOVER type, each story counted once per
    period and type."""
    chars = {"month": 7, "day": 10}[by]
    clauses, params = _where(conn, dataclasses.replace(filters, event_type=None))
    if not clauses:  # kept per month (or day) and type
        table, period = {"month": ("event_months", "month"), "day": ("event_days", "day")}[by]
        where, params = ("WHERE type = ?", [filters.event_type.upper()]) if filters.event_type else ("", [])
        return _rows(conn.execute(f"SELECT {period} AS period, type, stories FROM {table} {where} "
                                  f"ORDER BY {period}, type", params))
    if filters.event_type:
        clauses.append("ev.type = ?")
        params.append(filters.event_type.upper())
    where = " AND ".join([HAPPENED, "a.date IS NOT NULL", *clauses])
    return _rows(conn.execute(
        f"SELECT substr(a.date, 1, {chars}) AS period, ev.type AS type, count(DISTINCT a.story_id) AS stories "
        f"FROM events ev JOIN articles a ON a.num = ev.article_num WHERE {where} "
        "GROUP BY period, ev.type ORDER BY period, ev.type", params))


def dyad_network(conn: sqlite3.Connection, actors: list[str] | tuple[str, ...], filters: Filters = Filters(), *,
                 limit: int = 60) -> list[dict[str, Any]]:
    """Directed links between `actors` (e.g. state codes): stories with an event that happened from
    source to target, all types together, with the most frequent type; the strongest first."""
    if not actors:
        return []
    clauses, params = _where(conn, dataclasses.replace(filters, event_type=None))
    if filters.event_type:
        clauses.append("ev.type = ?")
        params.append(filters.event_type.upper())
    if not clauses:
        source = "dyad_counts d"
    else:
        source = f"({DYAD_COUNTS_SQL.format(where='WHERE ' + ' AND '.join([HAPPENED, *clauses]))}) AS d"
    marks = _marks(actors)
    # Each pair's stories over all types, and its commonest type (the first by name among equals).
    return _rows(conn.execute(
        "SELECT source, target, stories, top_type FROM (SELECT d.source AS source, d.target AS target, "
        "sum(d.stories) OVER pair AS stories, d.type AS top_type, row_number() OVER "
        f"(PARTITION BY d.source, d.target ORDER BY d.stories DESC, d.type) AS nth FROM {source} "
        f"WHERE d.source IN ({marks}) AND d.target IN ({marks}) AND d.source != d.target "
        "WINDOW pair AS (PARTITION BY d.source, d.target)) AS p WHERE nth = 1 "
        "ORDER BY stories DESC, source, target LIMIT ?",
        [*params, *actors, *actors, limit]))


def datelines(conn: sqlite3.Connection, filters: Filters = Filters(), *, limit: int = 200) -> list[dict[str, Any]]:
    """Where articles were filed from: dateline country and place (English), with counts."""
    clauses, params = _where(conn, filters)
    if not clauses:  # kept per place
        return _rows(conn.execute("SELECT country, nullif(place, '') AS place, articles FROM dateline_counts "
                                  "ORDER BY articles DESC, country, place LIMIT ?", (limit,)))
    where = " AND ".join(["a.country IS NOT NULL", *clauses])
    return _rows(conn.execute(
        f"SELECT a.country, a.place, count(*) AS articles FROM articles a WHERE {where} "
        "GROUP BY a.country, a.place ORDER BY articles DESC, a.country, a.place LIMIT ?", [*params, limit]))


# ---- The analyst's dashboard: dyads, the events of an entity, stories of search results ----

_EVENT_COLUMNS = (
    "SELECT {role}a.id AS article_id, ev.n, ev.type, ev.cameo, ev.quad_class, ev.goldstein, ev.source, ev.target, "
    "ev.source_text, ev.target_text, ev.source_sector, ev.target_sector, ev.trigger, ev.trigger_start, "
    "ev.trigger_end, ev.sentence, ev.mode, ev.negated, ev.future, ev.hypothetical, a.date, a.headline, "
    "a.agency, a.outlet, a.url, a.story_id, "
    "a.doc AS doc "  # for the evidence (_placed)
    # `chosen`: the (article_num, n) of the page's events, cut to the page before a document is read
    "FROM ({chosen}) AS k JOIN events ev ON ev.article_num = k.article_num AND ev.n = k.n "
    "JOIN articles a ON a.num = ev.article_num "
    "ORDER BY a.date DESC, a.num, ev.n")


def _dyad_where(conn: sqlite3.Connection, filters: Filters, source: str | None, target: str | None,
                all_modes: bool) -> tuple[list[str], list[Any]]:
    clauses, params = _where(conn, dataclasses.replace(filters, event_type=None))
    if filters.event_type:
        clauses.append("ev.type = ?")
        params.append(filters.event_type.upper())
    for column, value in (("ev.source", source), ("ev.target", target)):
        if value:
            clauses.append(f"{column} = ?")
            params.append(value.upper())
    if not all_modes:
        clauses.append(HAPPENED)
    return clauses, params


def dyads(conn: sqlite3.Connection, filters: Filters = Filters(), *, source: str | None = None,
          target: str | None = None, all_modes: bool = False, coded: bool = False,
          limit: int = 20) -> list[dict[str, Any]]:
    """Event dyads (type, source, target) as `events` counts them, with the source and the target
    filtered apart (`events` has one `actor` for either), and the mean Goldstein score."""
    if not all_modes and not _where(conn, dataclasses.replace(filters, event_type=None))[0]:
        return _kept_dyads(conn, filters.event_type, source, target, coded, limit)
    clauses, params = _dyad_where(conn, filters, source, target, all_modes)
    if coded:
        clauses.append("ev.source IS NOT NULL AND ev.target IS NOT NULL")
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    return _rows(conn.execute(
        "SELECT ev.type, ev.source, ev.target, count(DISTINCT a.story_id) AS stories, "
        "count(DISTINCT ev.article_num) AS articles, count(*) AS mentions, round(avg(ev.goldstein), 2) AS goldstein, "
        f"min(a.date) AS first, max(a.date) AS last FROM events ev JOIN articles a ON a.num = ev.article_num {where} "
        # coalesce: no actor sorts first, as SQLite puts NULL first (PostgreSQL puts it last)
        "GROUP BY ev.type, ev.source, ev.target ORDER BY stories DESC, articles DESC, ev.type, "
        "coalesce(ev.source, ''), coalesce(ev.target, '') LIMIT ?", [*params, limit]))


def _kept_dyads(conn: sqlite3.Connection, event_type: str | None, source: str | None, target: str | None,
                coded: bool, limit: int) -> list[dict[str, Any]]:
    """`dyads` of events that happened, unfiltered but by type and actors: read off `dyad_counts`."""
    conditions, params = [], []
    for column, value in (("type", event_type), ("source", source), ("target", target)):
        if value:
            conditions.append(f"d.{column} = ?")
            params.append(value.upper())
    if coded:
        conditions.append("d.source != '' AND d.target != ''")
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    return _rows(conn.execute(
        "SELECT d.type AS type, nullif(d.source, '') AS source, nullif(d.target, '') AS target, d.stories, "
        "d.articles, d.mentions, CASE WHEN d.goldstein_events > 0 THEN "
        "round(d.goldstein_total / 100.0 / d.goldstein_events, 2) END AS goldstein, d.first, d.last "
        f"FROM dyad_counts d {where} ORDER BY d.stories DESC, d.articles DESC, d.type, d.source, d.target LIMIT ?",
        [*params, limit]))


def dyad(conn: sqlite3.Connection, source: str, target: str, filters: Filters = Filters(), *,
         limit: int = 50) -> dict[str, Any]:
    """One directed dyad: stories, events and mean Goldstein by month, stories by QuadClass and by
    PLOVER type, and its latest events with their evidence (events that happened)."""
    clauses, params = _dyad_where(conn, filters, source, target, False)
    where = " AND ".join(clauses)
    base = f"FROM events ev JOIN articles a ON a.num = ev.article_num WHERE {where}"
    months = _rows(conn.execute(
        "SELECT substr(a.date, 1, 7) AS month, count(DISTINCT a.story_id) AS stories, count(*) AS events, "
        f"round(avg(ev.goldstein), 2) AS goldstein {base} AND a.date IS NOT NULL GROUP BY month ORDER BY month",
        params))
    quads = _rows(conn.execute(
        f"SELECT ev.quad_class AS quad_class, count(DISTINCT a.story_id) AS stories {base} "
        "GROUP BY ev.quad_class ORDER BY ev.quad_class", params))
    types = _rows(conn.execute(
        f"SELECT ev.type AS type, count(DISTINCT a.story_id) AS stories, round(avg(ev.goldstein), 2) AS goldstein "
        f"{base} GROUP BY ev.type ORDER BY stories DESC, ev.type", params))
    totals = conn.execute(f"SELECT count(DISTINCT a.story_id), count(DISTINCT ev.article_num), count(*), "
                          f"round(avg(ev.goldstein), 2), min(a.date), max(a.date) {base}", params).fetchone()
    chosen = f"SELECT ev.article_num, ev.n {base} ORDER BY a.date DESC, a.num, ev.n LIMIT ?"
    events = _placed(_rows(conn.execute(_EVENT_COLUMNS.format(role="", chosen=chosen), [*params, limit])))
    return {"source": source.upper(), "target": target.upper(), "months": months, "quad_classes": quads,
            "types": types, "events": events,
            **dict(zip(("stories", "articles", "mentions", "goldstein", "first", "last"), totals, strict=True))}


def entity_events(conn: sqlite3.Connection, entity_id: str, codes: tuple[str, ...] = (), *,
                  limit: int = 50) -> list[dict[str, Any]]:
    """Events in which the entity acts or is acted on, latest first, each with `role` (source or
    target) and its evidence: events whose actor is one of `codes` (e.g. a state's ISO3), or whose
    actor's words hold one of the entity's mentions in that article."""
    marks = _marks(list(codes)) if codes else "NULL"
    side = ("(ev.{0} IN ({1}) OR EXISTS (SELECT 1 FROM mentions m WHERE m.article_num = ev.article_num AND "
            "m.entity_id = ? AND instr(ev.{0}_text, m.text) > 0))")
    source, target = side.format("source", marks), side.format("target", marks)
    # The entity's articles latest first (their index), stopping once the page is full.
    chosen = (f"SELECT ev.article_num, ev.n, CASE WHEN {source} THEN 'source' ELSE 'target' END AS role "
              "FROM (SELECT article_num, date FROM article_entities WHERE entity_id = ? ORDER BY date DESC, article_num) "
              f"AS ae {dialect.of(conn).ordered_join} events ev ON ev.article_num = ae.article_num "
              f"WHERE ({source} OR {target}) "
              "ORDER BY ae.date DESC, ae.article_num, ev.n LIMIT ?")
    rows = _rows(conn.execute(_EVENT_COLUMNS.format(role="k.role, ", chosen=chosen),
                              [*codes, entity_id, entity_id, *codes, entity_id, *codes, entity_id, limit]))
    return _placed(rows)


def _placed(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with their evidence from the stored document, inflated once per article: the sentence the
    event was read from (the headline for sentence -1) with its start, and the event's `location`."""
    read: dict[str, dict[str, Any]] = {}
    for row in rows:
        stored = row.pop("doc")
        doc = read.get(row["article_id"])
        if doc is None:
            doc = read[row["article_id"]] = docs.load(stored)
        body, sentences = doc.get("body"), doc.get("sentences") or []
        if row["sentence"] < 0:
            row["evidence"], row["evidence_start"] = row["headline"], 0
        elif row["sentence"] < len(sentences) and body is not None:
            sentence = sentences[row["sentence"]]
            row["evidence"], row["evidence_start"] = body[sentence["start"]:sentence["end"]], sentence["start"]
        else:
            row["evidence"] = row["evidence_start"] = None
        events = doc.get("events") or []
        row["location"] = events[row["n"]].get("location") if 0 <= row["n"] < len(events) else None
    return rows


def event_places(conn: sqlite3.Connection, filters: Filters = Filters(), *, limit: int = 300) -> list[dict[str, Any]]:
    """Where events that happened took place (khabar.events.location): country, place, coordinates
    when known, and stories, the busiest first."""
    if not filters.event_type and not _where(conn, filters)[0]:  # kept per place
        blank = dialect.of(conn).blank_null
        return _rows(conn.execute(
            f"SELECT country, nullif(place, '') AS place, {blank('lat')} AS lat, {blank('lon')} AS lon, stories "
            "FROM place_counts ORDER BY stories DESC, country, place LIMIT ?", (limit,)))
    clauses, params = _dyad_where(conn, filters, None, None, False)
    return _rows(conn.execute(
        "SELECT ev.place_country AS country, ev.place_name AS place, ev.place_lat AS lat, ev.place_lon AS lon, "
        "count(DISTINCT a.story_id) AS stories FROM events ev JOIN articles a ON a.num = ev.article_num "
        f"WHERE {' AND '.join(clauses)} AND ev.place_country IS NOT NULL GROUP BY 1, 2, 3, 4 "
        "ORDER BY stories DESC, 1, 2 LIMIT ?", [*params, limit]))


def story_sizes(conn: sqlite3.Connection, story_ids: tuple[str, ...] | list[str]) -> dict[str, int]:
    """Articles in each of `story_ids`."""
    ids = [s for s in dict.fromkeys(story_ids) if s]
    if not ids:
        return {}
    return dict(conn.execute(f"SELECT story_id, count(*) FROM articles WHERE story_id IN ({_marks(ids)}) "
                             "GROUP BY story_id", ids).fetchall())
