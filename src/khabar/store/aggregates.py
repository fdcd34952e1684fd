"""Counts kept up to date by every write, in its transaction: what the listings, pages and stats
show without counting the corpus per request (tables in schema.sql, after `entity_counts`).

Two kinds of contribution, each added (+1) or taken out (-1):
- an article's own: articles and mentions per entity, per entity and month, per dyad (with first and
  last date and the sum of Goldstein scores), per dateline place, and the totals of `khabar stats`;
- a story's: counts of distinct stories (per entity, per dyad, per month or day and event type, per
  place of an event, and the story's own row). A story is taken out before it changes (an article joins, stories merge, a
  member's date changes) and put back after, so each count stays "stories with at least one".
Every statement reads the rows of one article or one story through an index: the cost of a write
depends on what it writes (and on the size of the stories it touches), not on the store's size.
Inside `deferred` (each write's transaction) what a batch adds is summed in memory and written once
per row changed, at the end: a batch of 500 articles names the same entities, months and dyads again
and again, and an upsert per article and key took about a quarter of a write's SQL time.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from khabar.store import dialect
from khabar.store.ids import url_hash

HAPPENED = "ev.negated = 0 AND ev.future = 0 AND ev.hypothetical = 0"
ARTICLE_TOTALS = {  # total name → rows of one article (and "sentences", a column of articles)
    "mentions": "SELECT count(*) FROM mentions WHERE article_num = ?",
    "events": "SELECT count(*) FROM events WHERE article_num = ?",
    "quotes": "SELECT count(*) FROM quotes WHERE article_num = ?",
}


class _Counts:
    """Additions to the kept counts, summed by key in memory and written as one upsert per row: a
    batch of articles names the same entities, months and dyads again and again."""

    def __init__(self) -> None:
        self.totals: dict[str, int] = {}
        self.entities: dict[str, list[int]] = {}  # entity → [stories, articles, mentions]
        self.months: dict[tuple[str, str], int] = {}  # (entity, month) → articles
        self.names: dict[tuple[str, str], int] = {}  # (entity, text) → mentions
        self.dyads: dict[tuple[str, str, str], list] = {}  # → [stories, articles, mentions, first, last, gt, ge]
        self.datelines: dict[tuple[str, str], int] = {}
        self.event_months: dict[tuple[str, str], int] = {}
        self.event_days: dict[tuple[str, str], int] = {}
        self.places: dict[tuple, int] = {}
        self.stories: dict[str, tuple[int, str | None, str | None]] = {}  # story → (articles, first, last)

    def clear(self) -> None:
        self.__init__()  # type: ignore[misc]

    def entity(self, entity_id: str, stories: int, articles: int, mentions: int) -> None:
        row = self.entities.setdefault(entity_id, [0, 0, 0])
        row[0] += stories
        row[1] += articles
        row[2] += mentions

    def dyad(self, key: tuple[str, str, str], stories: int, articles: int = 0, mentions: int = 0,
             date: str | None = None, total: int = 0, scored: int = 0) -> None:
        row = self.dyads.setdefault(key, [0, 0, 0, None, None, 0, 0])
        row[0] += stories
        row[1] += articles
        row[2] += mentions
        if date is not None:
            row[3] = date if row[3] is None else min(row[3], date)
            row[4] = date if row[4] is None else max(row[4], date)
        row[5] += total
        row[6] += scored

    def write(self, conn: sqlite3.Connection) -> None:
        sql = _upserts(dialect.of(conn))
        for name, rows in (
                ("totals", [(name, change) for name, change in self.totals.items() if change]),
                ("entities", [(e, *row) for e, row in self.entities.items()]),
                ("months", [(*k, n) for k, n in self.months.items()]),
                ("names", [(*k, n) for k, n in self.names.items()]),
                ("dyads", [(*k, *row) for k, row in self.dyads.items()]),
                ("datelines", [(*k, n) for k, n in self.datelines.items()]),
                ("stories", [(k, *row) for k, row in self.stories.items()]),
                ("event_months", [(*k, n) for k, n in self.event_months.items()]),
                ("event_days", [(*k, n) for k, n in self.event_days.items()]),
                ("places", [(*k, n) for k, n in self.places.items()])):
            conn.executemany(sql[name], rows)


@functools.cache
def _upserts(of: dialect.Dialect) -> dict[str, str]:
    """The upsert of each kept count, in `of`'s SQL (the same but for the smaller and larger date)."""
    return {
        "totals": _ADD,
        "entities": "INSERT INTO entity_counts (entity_id, stories, articles, mentions) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT(entity_id) DO UPDATE SET stories = entity_counts.stories + excluded.stories, "
                    "articles = entity_counts.articles + excluded.articles, "
                    "mentions = entity_counts.mentions + excluded.mentions",
        "months": "INSERT INTO entity_months (entity_id, month, articles) VALUES (?, ?, ?) "
                  "ON CONFLICT(entity_id, month) DO UPDATE SET articles = entity_months.articles + excluded.articles",
        "names": "INSERT INTO entity_names (entity_id, text, mentions) VALUES (?, ?, ?) ON CONFLICT(entity_id, text) "
                 "DO UPDATE SET mentions = entity_names.mentions + excluded.mentions",
        "dyads": "INSERT INTO dyad_counts (type, source, target, stories, articles, mentions, first, last, "
                 "goldstein_total, goldstein_events) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                 "ON CONFLICT(type, source, target) DO UPDATE SET stories = dyad_counts.stories + excluded.stories, "
                 "articles = dyad_counts.articles + excluded.articles, "
                 "mentions = dyad_counts.mentions + excluded.mentions, "
                 f"first = {of.least}(coalesce(dyad_counts.first, excluded.first), "
                 "coalesce(excluded.first, dyad_counts.first)), "
                 f"last = {of.greatest}(coalesce(dyad_counts.last, excluded.last), "
                 "coalesce(excluded.last, dyad_counts.last)), "
                 "goldstein_total = dyad_counts.goldstein_total + excluded.goldstein_total, "
                 "goldstein_events = dyad_counts.goldstein_events + excluded.goldstein_events",
        "datelines": "INSERT INTO dateline_counts (country, place, articles) VALUES (?, ?, ?) "
                     "ON CONFLICT(country, place) DO UPDATE SET articles = dateline_counts.articles + excluded.articles",
        "stories": "INSERT INTO story_counts (story_id, articles, first, last) VALUES (?, ?, ?, ?) "
                   "ON CONFLICT(story_id) DO UPDATE SET articles = excluded.articles, first = excluded.first, "
                   "last = excluded.last",
        "event_months": "INSERT INTO event_months (month, type, stories) VALUES (?, ?, ?) ON CONFLICT(month, type) "
                        "DO UPDATE SET stories = event_months.stories + excluded.stories",
        "event_days": "INSERT INTO event_days (day, type, stories) VALUES (?, ?, ?) ON CONFLICT(day, type) "
                      "DO UPDATE SET stories = event_days.stories + excluded.stories",
        "places": "INSERT INTO place_counts (country, place, lat, lon, stories) VALUES (?, ?, ?, ?, ?) "
                  "ON CONFLICT(country, place, lat, lon) DO UPDATE SET stories = place_counts.stories + excluded.stories",
    }


_PENDING: dict[int, _Counts] = {}  # id(conn) → additions made inside `deferred`
_ADD = ("INSERT INTO totals (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE "
        "SET value = totals.value + excluded.value")


def add_total(conn: sqlite3.Connection, name: str, change: int) -> None:
    if not change:
        return
    pending = _PENDING.get(id(conn))
    if pending is not None:
        pending.totals[name] = pending.totals.get(name, 0) + change
    else:
        conn.execute(_ADD, (name, change))


@contextmanager
def deferred(conn: sqlite3.Connection) -> Iterator[None]:
    """Inside a write's transaction: what a batch adds to the kept counts (a few dozen rows per
    article) summed in memory and written at the end, one upsert per row changed. What takes counts
    out (a story that changes, a part relinked) writes the sums so far first and then goes straight
    to the tables. Nothing is written when the body raises (the caller rolls its transaction back)."""
    if id(conn) in _PENDING:  # nested: the outer one writes
        yield
        return
    pending = _PENDING[id(conn)] = _Counts()
    try:
        yield
    finally:
        del _PENDING[id(conn)]
    pending.write(conn)


def _flush(conn: sqlite3.Connection) -> None:
    """Write the additions held so far (before something reads or takes out kept counts)."""
    pending = _PENDING.get(id(conn))
    if pending is not None:
        pending.write(conn)
        pending.clear()  # in place: `deferred` holds it


def _counts(conn: sqlite3.Connection) -> tuple[_Counts, bool]:
    """Where to add: the batch's sums, or (outside `deferred`) sums of this call written at its end."""
    pending = _PENDING.get(id(conn))
    return (pending, False) if pending is not None else (_Counts(), True)


def total(conn: sqlite3.Connection, name: str) -> int:
    row = conn.execute("SELECT value FROM totals WHERE name = ?", (name,)).fetchone()
    pending = _PENDING.get(id(conn))
    return (row[0] if row else 0) + (pending.totals.get(name, 0) if pending else 0)


# Per kind of url_counts: the totals of URLs on more than one page, and of the pages beyond the first.
URL_TOTALS = {"key": ("repeated_urls", "repeated_url_pages"), "url": (None, "repeated_url_pages_as_written")}


def page_url(conn: sqlite3.Connection, key: str | None, url: str | None, sign: int) -> None:
    """A page under `url` (and its url_key `key`) comes (sign 1) or goes (-1) from the repeated-URL counts."""
    for kind, value in (("key", url_hash(key or "")), ("url", url_hash(url or ""))):
        row = conn.execute("SELECT pages FROM url_counts WHERE kind = ? AND hash = ?", (kind, value)).fetchone()
        before = row[0] if row else 0
        after = before + sign
        if after > 0:
            conn.execute("INSERT INTO url_counts (kind, hash, pages) VALUES (?, ?, ?) ON CONFLICT (kind, hash) "
                         "DO UPDATE SET pages = excluded.pages", (kind, value, after))
        else:
            conn.execute("DELETE FROM url_counts WHERE kind = ? AND hash = ?", (kind, value))
        urls, pages = URL_TOTALS[kind]
        if urls:
            add_total(conn, urls, (after > 1) - (before > 1))
        add_total(conn, pages, max(after - 1, 0) - max(before - 1, 0))


def count_urls(conn: sqlite3.Connection) -> None:
    """url_counts and its totals made from copies and errors (a rebuild, a migration)."""
    conn.execute("DELETE FROM url_counts")
    urls = ("SELECT url_key AS k, url FROM copies WHERE url_key IS NOT NULL UNION ALL SELECT url_key(e.url), e.url "
            "FROM errors e WHERE e.url IS NOT NULL AND NOT EXISTS "
            "(SELECT 1 FROM copies c WHERE c.source = e.source AND c.page_id = e.page_id)")
    conn.execute(f"INSERT INTO url_counts (kind, hash, pages) SELECT 'key', url_hash(coalesce(k, '')), count(*) "
                 f"FROM ({urls}) GROUP BY coalesce(k, '')")
    conn.execute(f"INSERT INTO url_counts (kind, hash, pages) SELECT 'url', url_hash(coalesce(url, '')), count(*) "
                 f"FROM ({urls}) GROUP BY coalesce(url, '')")
    for kind, (urls_name, pages_name) in URL_TOTALS.items():
        repeated, beyond = conn.execute("SELECT count(*), coalesce(sum(pages - 1), 0) FROM url_counts "
                                        "WHERE kind = ? AND pages > 1", (kind,)).fetchone()
        for name, value in ((urls_name, repeated), (pages_name, beyond)):
            if name:
                conn.execute("INSERT OR REPLACE INTO totals (name, value) VALUES (?, ?)", (name, value))


def _month(date: str | None) -> str:
    return date[:7] if date else ""


def article(conn: sqlite3.Connection, article_id: str, sign: int) -> None:
    """Add (sign 1) or take out (-1) one stored article's own contributions."""
    if sign < 0:
        _flush(conn)
    num, date, country, place, sentences = conn.execute(
        "SELECT num, date, country, place, sentences FROM articles WHERE id = ?", (article_id,)).fetchone()
    month = _month(date)
    counts, now = _counts(conn) if sign > 0 else (_Counts(), True)
    entity_rows = conn.execute("SELECT entity_id, mentions FROM article_entities WHERE article_num = ?",
                               (num,)).fetchall()
    for e, n in entity_rows:
        counts.entity(e, 0, sign, sign * n)
        counts.months[(e, month)] = counts.months.get((e, month), 0) + sign
    names = conn.execute("SELECT entity_id, text, count(*) FROM mentions WHERE article_num = ? AND entity_id IS NOT NULL "
                         "GROUP BY entity_id, text", (num,)).fetchall()
    for e, t, n in names:
        counts.names[(e, t)] = counts.names.get((e, t), 0) + sign * n
    # Per dyad: events, and their Goldstein scores in hundredths (integers: sums stay exact).
    dyad_rows = conn.execute(
        f"SELECT ev.type, coalesce(ev.source, ''), coalesce(ev.target, ''), count(*), "
        f"coalesce(sum(CAST(round(ev.goldstein * 100, 0) AS INTEGER)), 0), count(ev.goldstein) FROM events ev "
        f"WHERE ev.article_num = ? AND {HAPPENED} GROUP BY 1, 2, 3", (num,)).fetchall()
    dyads = [tuple(row[:3]) for row in dyad_rows]
    for t, so, ta, n, scores, scored in dyad_rows:
        counts.dyad((t, so, ta), 0, sign, sign * n, date, sign * scores, sign * scored)
    if country:
        key = (country, place or "")
        counts.datelines[key] = counts.datelines.get(key, 0) + sign
    totals = counts.totals
    mentions, events, quotes = (conn.execute(sql, (num,)).fetchone()[0] for sql in ARTICLE_TOTALS.values())
    for name, value in (("articles", 1), ("sentences", sentences), ("mentions", mentions), ("events", events),
                        ("quotes", quotes)):
        totals[name] = totals.get(name, 0) + sign * value
    if now:
        counts.write(conn)
    if sign < 0 and date:  # a first or last date may have left with the article
        for dyad in dyads:
            _redate_dyad(conn, dyad, num)
    if sign < 0:  # a count fallen to nothing is no row, as in a fresh count
        ids = [(e,) for e, _ in entity_rows]
        conn.executemany("DELETE FROM entity_counts WHERE entity_id = ? AND articles <= 0", ids)
        conn.executemany("DELETE FROM entity_months WHERE entity_id = ? AND month = ? AND articles <= 0",
                         [(e, month) for (e,) in ids])
        conn.executemany("DELETE FROM entity_names WHERE entity_id = ? AND text = ? AND mentions <= 0",
                         [(e, t) for e, t, _ in names])
        conn.executemany("DELETE FROM dyad_counts WHERE type = ? AND source = ? AND target = ? AND articles <= 0",
                         list(dyads))
        conn.execute("DELETE FROM dateline_counts WHERE country = ? AND place = ? AND articles <= 0",
                     (country or "", place or ""))


def _redate_dyad(conn: sqlite3.Connection, dyad: tuple[str, str, str], leaving: int) -> None:
    first, last = conn.execute(
        f"SELECT min(a.date), max(a.date) FROM events ev JOIN articles a ON a.num = ev.article_num "
        f"WHERE ev.type = ? AND coalesce(ev.source, '') = ? AND coalesce(ev.target, '') = ? AND {HAPPENED} "
        "AND ev.article_num != ?", (*dyad, leaving)).fetchone()
    conn.execute("UPDATE dyad_counts SET first = ?, last = ? WHERE type = ? AND source = ? AND target = ?",
                 (first, last, *dyad))


def story(conn: sqlite3.Connection, story_id: str, sign: int) -> None:
    """Add or take out the contributions of the story `story_id` as its members are now."""
    if sign < 0:
        _flush(conn)
    size, first, last = conn.execute("SELECT count(*), min(date), max(date) FROM articles WHERE story_id = ?",
                                     (story_id,)).fetchone()
    if not size:
        return
    counts, now = _counts(conn) if sign > 0 else (_Counts(), True)
    if sign > 0:
        counts.stories[story_id] = (size, first, last)
    else:
        conn.execute("DELETE FROM story_counts WHERE story_id = ?", (story_id,))
    entities = conn.execute("SELECT DISTINCT ae.entity_id FROM articles a JOIN article_entities ae "
                            "ON ae.article_num = a.num WHERE a.story_id = ?", (story_id,)).fetchall()
    for (e,) in entities:
        counts.entity(e, sign, 0, 0)
    dyads = conn.execute(f"SELECT DISTINCT ev.type, coalesce(ev.source, ''), coalesce(ev.target, '') "
                         f"FROM articles a JOIN events ev ON ev.article_num = a.num WHERE a.story_id = ? AND {HAPPENED}",
                         (story_id,)).fetchall()
    for dyad in dyads:
        counts.dyad(dyad, sign)
    totals = counts.totals
    totals["stories"] = totals.get("stories", 0) + sign
    totals["story_events"] = totals.get("story_events", 0) + sign * len(dyads)
    months = conn.execute(f"SELECT DISTINCT substr(a.date, 1, 7), ev.type FROM articles a JOIN events ev "
                          f"ON ev.article_num = a.num WHERE a.story_id = ? AND a.date IS NOT NULL AND {HAPPENED}",
                          (story_id,)).fetchall()
    days = conn.execute(f"SELECT DISTINCT substr(a.date, 1, 10), ev.type FROM articles a JOIN events ev "
                        f"ON ev.article_num = a.num WHERE a.story_id = ? AND a.date IS NOT NULL AND {HAPPENED}",
                        (story_id,)).fetchall()
    # '' for no English name; no coordinates are '' in SQLite (key columns cannot be NULL), NULL in PostgreSQL.
    of = dialect.of(conn)
    places = conn.execute(f"SELECT DISTINCT ev.place_country, coalesce(ev.place_name, ''), {of.key_blank('ev.place_lat')}, "
                          f"{of.key_blank('ev.place_lon')} FROM articles a JOIN events ev ON ev.article_num = a.num "
                          f"WHERE a.story_id = ? AND ev.place_country IS NOT NULL AND {HAPPENED}",
                          (story_id,)).fetchall()
    for table, keys in ((counts.event_months, months), (counts.event_days, days), (counts.places, places)):
        for key in keys:
            table[key] = table.get(key, 0) + sign
    if now:
        counts.write(conn)
    if sign < 0:
        conn.executemany("DELETE FROM event_months WHERE month = ? AND type = ? AND stories <= 0", months)
        conn.executemany("DELETE FROM event_days WHERE day = ? AND type = ? AND stories <= 0", days)
        conn.executemany(f"DELETE FROM place_counts WHERE country = ? AND place = ? AND {of.key_equals('lat')} "
                         f"AND {of.key_equals('lon')} AND stories <= 0", places)


def stories(conn: sqlite3.Connection, story_ids: Iterable[str], sign: int) -> None:
    for story_id in sorted(set(story_ids)):
        story(conn, story_id, sign)


def rebuild(conn: sqlite3.Connection) -> None:
    """Every count made again from the article tables (a store written before they were kept, or a
    check): the same figures as the writes keep. Inside the caller's transaction."""
    if id(conn) in _PENDING:  # additions held by a caller's batch: all are recounted below
        _PENDING[id(conn)].clear()
    for table in ("entity_counts", "entity_names", "dyad_counts", "entity_months", "event_months", "event_days",
                  "place_counts", "dateline_counts", "story_counts", "totals", "url_counts"):
        conn.execute(f"DELETE FROM {table}")
    with deferred(conn):
        for (article_id,) in conn.execute("SELECT id FROM articles").fetchall():
            article(conn, article_id, 1)
        stories(conn, [s for (s,) in conn.execute("SELECT DISTINCT story_id FROM articles WHERE story_id IS NOT NULL")], 1)
    _flush(conn)
    for name, sql in (("pages", "SELECT count(*) FROM copies"), ("errors", "SELECT count(*) FROM errors"),
                      ("copied_articles", "SELECT count(DISTINCT article_id) FROM copies"),
                      ("entities", "SELECT count(*) FROM entities"),
                      ("linked_entities", "SELECT count(*) FROM entities WHERE id NOT LIKE 'text:%'"),
                      ("near_duplicates", "SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL")):
        add_total(conn, name, conn.execute(sql).fetchone()[0])
    count_urls(conn)
