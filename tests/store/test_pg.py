"""The PostgreSQL backend: the query layer's SQL translated for psycopg, a store copied into a
throwaway server (tests/store/postgres.py, skipped without Debian's postgresql), and the same answers
from it as from the SQLite store it was copied from."""

from __future__ import annotations

import sqlite3

import pytest

from khabar.store import queries
from khabar.store.db import SCHEMA_VERSION, StoreError, open_store
from khabar.store.pg import redact, translate, tsquery, tsvector
from khabar.store.queries import Filters
from khabar.store.search import parse_query

# ---- without a server ----


def test_pg_translate_placeholders_and_percent():
    assert translate("SELECT a FROM t WHERE b = ? AND c LIKE 'x:%' LIMIT ?") == (
        "SELECT a FROM t WHERE b = %s AND c LIKE 'x:%%' LIMIT %s", False)
    assert translate("SELECT 1 WHERE a = ?1 OR b = ?1 OR c = ?12") == (
        "SELECT 1 WHERE a = %(p1)s OR b = %(p1)s OR c = %(p12)s", True)
    assert translate("SELECT '?', \"a?\" WHERE x = ?")[0] == "SELECT '?', \"a?\" WHERE x = %s"
    with pytest.raises(ValueError):
        translate("SELECT ?1, ?")


def test_pg_tsquery_keeps_phrases_in_order_and_every_term():
    query = parse_query('"الولايات المتحدة" والعقوبات')
    assert tsquery(query) == "('ولاي' <-> 'متحد') & ('عقوب')"
    # the same words in other written forms make the same query: folding happens before the engine
    assert tsquery(parse_query('"وبالولايات المتحدة" العقوبات')) == tsquery(query)


def test_pg_lexemes_are_quoted():
    assert tsvector(["a'b"], ["c\\d"]) == "'a''b':1A 'c\\\\d':3"


def test_pg_tsvector_leaves_a_gap_between_headline_and_body():
    vector = tsvector(["x", "y"], ["z", "x"])
    assert vector == "'x':1A 'y':2A 'z':4 'x':5"  # y (2) and z (4) are not neighbours: no phrase spans them


def test_pg_redact_hides_the_password():
    assert redact("postgresql://ana:secret@db.example:5432/khabar") == "postgresql://ana:***@db.example:5432/khabar"
    assert redact("postgresql://ana@/khabar?host=/tmp/x") == "postgresql://ana@/khabar?host=/tmp/x"


def test_pg_tables_come_from_the_sqlite_schema(dispatch_store):
    from khabar.store.copy import table_statements

    conn = sqlite3.connect(dispatch_store)
    articles = table_statements(conn, "articles")
    entities = " ".join(table_statements(conn, "entities"))
    assert articles[0].startswith('CREATE TABLE "articles" (') and '"doc" bytea' in articles[0]
    assert any("UNIQUE INDEX" in s and '("id")' in s for s in articles)  # id UNIQUE
    assert any('("num")' in s for s in articles)  # the rowid key has an index of its own
    assert any("WHERE duplicate_of IS NOT NULL" in s for s in articles)  # a partial index stays partial
    assert 'lower("name_en")' in entities  # NOCASE → lower(), as the query asks
    assert '"lat" double precision' in table_statements(conn, "place_counts")[0]
    conn.close()


# ---- on a server ----


@pytest.fixture(scope="module")
def pg_url(dispatch_store, postgres) -> str:
    from khabar.store.copy import copy_store

    url = postgres.database("dispatches")
    copy_store(dispatch_store, url)
    return url


@pytest.fixture
def both(dispatch_store, pg_url):
    lite, pg = open_store(dispatch_store), open_store(pg_url)
    yield lite, pg
    lite.close()
    pg.close()


def _calls(lite) -> dict:
    entity = queries.entities(lite, linked=True, limit=1)[0]["id"]
    story = queries.stories(lite)["results"][0]["id"]
    article = queries.search(lite, "", limit=1)["results"][0]["id"]
    dyad = queries.dyads(lite, limit=1)
    actors = sorted({d["source"] for d in queries.dyads(lite, limit=50) if d["source"]}
                    | {d["target"] for d in queries.dyads(lite, limit=50) if d["target"]})
    return {
        "latest": lambda c: queries.search(c, ""),
        "latest filtered": lambda c: queries.search(c, "", Filters(entity=entity, date_from="2000-01-01")),
        "stats": queries.stats,
        "article": lambda c: queries.article(c, article),
        "entities": queries.entities,
        "entities filtered": lambda c: queries.entities(c, Filters(agency="KUNA"), linked=True),
        "entity ids": lambda c: queries.entity_ids(c, "UNITED STATES"),
        "entity": lambda c: queries.entity(c, entity),
        "entity events": lambda c: queries.entity_events(c, entity, ("USA",)),
        "events": queries.events,
        "events all modes": lambda c: queries.events(c, all_modes=True),
        "dyads": queries.dyads,
        "dyads filtered": lambda c: queries.dyads(c, Filters(date_from="2000-01-01"), all_modes=True),
        "dyad": lambda c: dyad and queries.dyad(c, dyad[0]["source"] or "", dyad[0]["target"] or ""),
        "network": lambda c: queries.dyad_network(c, actors),
        "timeline": queries.event_timeline,
        "timeline by day, filtered": lambda c: queries.event_timeline(c, Filters(agency="KUNA"), by="day"),
        "places": queries.event_places,
        "datelines": queries.datelines,
        "datelines filtered": lambda c: queries.datelines(c, Filters(date_from="2000-01-01")),
        "quotes": queries.quotes,
        "stories": queries.stories,
        "story": lambda c: queries.story(c, story),
        "story sizes": lambda c: queries.story_sizes(c, [story]),
    }


def test_pg_every_query_answers_as_sqlite(both):
    lite, pg = both
    for name, call in _calls(lite).items():
        assert call(pg) == call(lite), name


@pytest.mark.parametrize("query", ["الولايات", "وبالولايات", "ولاية", '"الولايات المتحدة"', "وزير"])
def test_pg_search_finds_what_sqlite_finds(both, query):
    lite, pg = both
    mine, theirs = queries.search(pg, query, limit=50), queries.search(lite, query, limit=50)
    assert mine["total"] == theirs["total"] > 0
    assert {r["id"] for r in mine["results"]} == {r["id"] for r in theirs["results"]}
    # ranking is the engine's own (ts_rank, not BM25): the same rows with the same snippets
    by_id = {r["id"]: r for r in theirs["results"]}
    assert all(r == by_id[r["id"]] for r in mine["results"])


def test_pg_search_every_written_form_finds_the_same(both):
    _, pg = both
    found = [{r["id"] for r in queries.search(pg, form, limit=50)["results"]}
             for form in ("الولايات", "وبالولايات", "ولاية")]
    assert found[0] and found[0] == found[1] == found[2]


def test_pg_search_filters_and_pages(both):
    lite, pg = both
    for filters in (Filters(agency="KUNA"), Filters(country="USA"), Filters(date_from="2000-01-01")):
        assert queries.search(pg, "الولايات", filters)["total"] == queries.search(lite, "الولايات", filters)["total"]
    first, second = (queries.search(pg, "الولايات", limit=2, offset=o)["results"] for o in (0, 2))
    assert not {r["id"] for r in first} & {r["id"] for r in second}
    assert not queries.search(pg, '"المتحدة الولايات"')["results"]  # a phrase needs its words in order


def test_pg_a_nul_in_a_filter_matches_nothing(both):
    _, pg = both
    assert queries.search(pg, "الولايات", Filters(agency="KU\0NA"))["total"] == 0
    assert queries.entity_ids(pg, "\0") == []


@pytest.mark.parametrize("corpus", ["dispatches", "continuation parts"])
def test_pg_ingest_writes_what_sqlite_ingest_writes(corpus, postgres, tmp_path):
    """`khabar ingest --db postgresql://…` into an empty database: its tables made by khabar, then every
    row and kept count as an SQLite ingest of the same inputs writes them (the hand-made dispatches with
    a near-duplicate, an exact copy, a repeated URL and bad inputs; wire parts written before and after
    their leads, which relinks stored articles and takes their counts out and back), and a second run
    adds nothing."""
    from tests.store.corpus import ingest_all, store_stats, write_dispatches
    from tests.store.postgres import different_tables
    from tests.store.test_dispatches import write_input

    paths = (write_dispatches(tmp_path / "corpus") if corpus == "dispatches"
             else [write_input(tmp_path / "wire.jsonl")])
    lite_db, url = tmp_path / "lite.db", postgres.database(f"ingest_{corpus[:4]}")
    for db in (lite_db, url):
        ingest_all(paths, db, batch_pages=7)
    assert store_stats(url) == store_stats(lite_db)
    lite, pg = open_store(lite_db), open_store(url)
    try:
        assert different_tables(lite, pg, skip=("meta",)) == []
        assert pg.execute("SELECT num FROM articles ORDER BY id").fetchall() == lite.execute(
            "SELECT num FROM articles ORDER BY id").fetchall()
        if corpus == "dispatches":
            for name, call in _calls(lite).items():
                assert call(pg) == call(lite), name
    finally:
        lite.close()
        pg.close()
    again = ingest_all(paths, url)
    assert again.articles == 0 and again.inputs_skipped == len(paths)
    assert store_stats(url) == store_stats(lite_db)


def test_pg_a_copy_takes_writes_and_numbers_after_the_last(postgres, tmp_path):
    """A store copied into PostgreSQL is written like one made there: the next article takes the number
    after the copied ones and joins the stories the copy holds (its signatures and bands came too)."""
    from khabar.store.copy import copy_store
    from tests.store.corpus import ingest_all, write_dispatches
    from tests.store.postgres import different_tables

    wire, sada = write_dispatches(tmp_path / "corpus", bad=False, copy=False)[:2]  # sada: a near-duplicate
    lite_db, url = tmp_path / "lite.db", postgres.database("copy_then_write")
    ingest_all([wire], lite_db)
    copy_store(lite_db, url)
    last = open_store(url).execute("SELECT max(num) FROM articles").fetchone()[0]
    for db in (lite_db, url):
        assert ingest_all([sada], db).articles == 1
    lite, pg = open_store(lite_db), open_store(url)
    try:
        assert different_tables(lite, pg) == []
        num, story, twin = pg.execute("SELECT a.num, a.story_id, b.story_id FROM articles a JOIN articles b "
                                      "ON b.page_id = 'spa-1' WHERE a.page_id = 'outlet-1'").fetchone()
        assert num == last + 1 and story == twin
    finally:
        lite.close()
        pg.close()


def test_pg_an_empty_database_is_not_a_store(postgres):
    with pytest.raises(StoreError, match="khabar ingest --db"):
        open_store(postgres.database("empty"))


def test_pg_copy_again_replaces_and_the_server_sees_it(dispatch_store, postgres, tmp_path):
    pytest.importorskip("fastapi", reason="the serve extra is not installed")
    from khabar.serve.readers import Store
    from khabar.store.copy import copy_store
    from tests.store.corpus import ingest_all, write_generated

    url = postgres.database("again")
    copy_store(dispatch_store, url)
    store = Store(url)
    before = store.cached(queries.stats)["articles"]
    small = tmp_path / "small.db"
    ingest_all([write_generated(tmp_path / "g.jsonl", 3)], small)
    copy_store(small, url)
    assert store.cached(queries.stats)["articles"] == queries.stats(open_store(small))["articles"] != before
    store.close()


def test_pg_cli_copy_then_serve_answers(dispatch_store, postgres):
    pytest.importorskip("fastapi", reason="the serve extra is not installed")
    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from khabar.cli.app import app
    from khabar.serve.app import create_app

    url = postgres.database("cli")
    result = CliRunner().invoke(app, ["store", "copy", str(dispatch_store), url])
    assert result.exit_code == 0, result.output
    with TestClient(create_app(url)) as client:
        stats = client.get("/api/v1/stats").json()
        assert stats["articles"] == queries.stats(open_store(dispatch_store))["articles"]
        assert client.get("/api/v1/search", params={"q": "وبالولايات"}).json()["total"] > 0
        assert client.post("/api/v1/articles", json={"text": "x"}).status_code == 403  # no token: no writes
    refused = CliRunner().invoke(app, ["store", "copy", str(dispatch_store), "khabar.db"])
    assert refused.exit_code == 1 and "not a PostgreSQL URL" in refused.output


def test_pg_cli_ingest_into_a_url(postgres, tmp_path):
    """`khabar ingest --db postgresql://…` keeps the URL as written (not a path) and writes there."""
    from typer.testing import CliRunner

    from khabar.cli.app import app
    from tests.store.corpus import write_generated

    url = postgres.database("cli_ingest")
    feed = write_generated(tmp_path / "feed.jsonl", 4)
    result = CliRunner().invoke(app, ["ingest", str(feed), "--db", url, "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert queries.stats(open_store(url))["articles"] == 4


def test_pg_two_writers_opening_an_empty_database_make_one_store(postgres):
    """Writers that open an empty database at once: one makes the tables (under the writers' lock), the
    other finds them made."""
    import threading

    url = postgres.database("made_once")
    barrier, failures = threading.Barrier(4), []

    def open_for_writing() -> None:
        barrier.wait()
        try:
            open_store(url, write=True).close()
        except Exception as exc:  # reported below
            failures.append(exc)

    threads = [threading.Thread(target=open_for_writing) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    conn = open_store(url)
    assert conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchall() == [(SCHEMA_VERSION,)]
    conn.close()
