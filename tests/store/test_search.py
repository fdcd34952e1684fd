"""Search: Arabic-aware keys (clitics, spelling), phrases, filters; the query layer's answers."""

from __future__ import annotations

import pytest

from khabar.store.queries import Filters, entities, entity_ids, events, search
from khabar.store.search import make_snippet, parse_query


def _pages(answer):
    return {row["id"] for row in answer["results"]}


def _id(conn, page_id):
    return conn.execute("SELECT id FROM articles WHERE page_id = ?", (page_id,)).fetchone()[0]


def test_search_parse_query_words_and_phrases():
    query = parse_query('"الولايات المتحدة" والعقوبات')
    assert query.expression == '"ولاي متحد" AND "عقوب"'
    assert query.keys == ("ولاي", "متحد", "عقوب")
    assert parse_query("، !").expression is None


@pytest.mark.parametrize(("query", "gloss"), [
    ("الولايات", "the states"), ("وبالولايات", "and in the states"), ("ولاية", "state")])
def test_search_finds_every_written_form(conn, query, gloss):
    answer = search(conn, query)
    # kuna-1 has "الولايات", wam-1 has "وبالولايات", afp-2 "الولايات"
    assert {_id(conn, "kuna-1"), _id(conn, "wam-1"), _id(conn, "afp-2")} <= _pages(answer), gloss


def test_search_phrase_needs_the_words_in_order(conn):
    assert _id(conn, "afp-2") in _pages(search(conn, '"الولايات المتحدة"'))
    assert not search(conn, '"المتحدة الولايات"')["results"]


def test_search_snippet_marks_the_hit(conn):
    [row] = [r for r in search(conn, "وبالولايات")["results"] if r["id"] == _id(conn, "wam-1")]
    start, end = row["hits"][0]
    assert row["snippet"][start:end] == "وبالولايات"
    assert make_snippet("نص قصير", ()) == ("نص قصير", [])


def test_search_filters(conn):
    assert _pages(search(conn, "", Filters(agency="kuna"))) == {_id(conn, "kuna-1")}
    dated = search(conn, "", Filters(date_from="2024-05-16", date_to="2024-05-16"), limit=50)
    assert _pages(dated) == {_id(conn, p) for p in ("wam-1", "afp-2", "afp-2-update")}
    assert _pages(search(conn, "", Filters(outlet="sada"))) == {_id(conn, "outlet-1")}
    assert _id(conn, "afp-1") in _pages(search(conn, "", Filters(country="FRA"), limit=50))
    assert search(conn, "الطلاب", Filters(country="QAT"))["total"] == 0


def test_search_filter_by_entity_id_or_name(conn):
    by_id = search(conn, "", Filters(entity="Q817"), limit=50)  # Kuwait
    assert by_id["total"] >= 2
    assert _pages(search(conn, "", Filters(entity="kuwait"), limit=50)) == _pages(by_id)
    assert "Q817" in entity_ids(conn, "الكويت")
    assert search(conn, "", Filters(entity="no such entity"))["total"] == 0


def test_search_filter_by_event_type(conn):
    types = [row[0] for row in conn.execute("SELECT DISTINCT type FROM events ORDER BY type")]
    assert types, "the dispatches should give events"
    found = search(conn, "", Filters(event_type=types[0]), limit=50)
    expected = conn.execute("SELECT count(DISTINCT article_num) FROM events WHERE type = ?", (types[0],)).fetchone()
    assert found["total"] == expected[0]


def test_search_entities_and_events_listings(conn):
    rows = entities(conn, linked=True)
    assert rows and all(not r["id"].startswith("text:") for r in rows)
    assert rows == sorted(rows, key=lambda r: (-r["stories"], -r["articles"], -r["mentions"], r["id"]))
    dyads = events(conn, all_modes=True, limit=100)
    assert sum(d["mentions"] for d in dyads) == conn.execute("SELECT count(*) FROM events").fetchone()[0]
    assert all(d["stories"] <= d["articles"] <= d["mentions"] for d in dyads)


def test_search_listings_from_summary_equal_live_counts(conn):
    from khabar.store.summary import is_current

    assert is_current(conn)
    everything = Filters(date_from="0000-01-01")  # a filter that keeps every dated article: counted live
    undated = conn.execute("SELECT count(*) FROM articles WHERE date IS NULL").fetchone()[0]
    assert undated == 0
    assert entities(conn, limit=500) == entities(conn, everything, limit=500)
    assert events(conn, limit=500) == events(conn, everything, limit=500)
    assert events(conn, coded=True, limit=500) == events(conn, everything, coded=True, limit=500)


def test_search_ranks_a_common_word_among_its_latest_matches(tmp_path, monkeypatch):
    """A word in more than RANKED articles is ranked among the latest RANKED stored; the total still
    counts every match, and a page past the window widens it."""
    from khabar.store import queries
    from khabar.store.db import open_store
    from tests.store.corpus import ingest_all, write_generated

    db = tmp_path / "khabar.db"
    ingest_all([write_generated(tmp_path / "gen.jsonl", 8)], db)
    conn = open_store(db)
    try:
        nums = dict(conn.execute("SELECT id, num FROM articles"))
        latest = sorted(nums, key=nums.get)[-3:]
        whole = search(conn, "التعاون", limit=10, snippets=False)
        assert whole["total"] == 8 and len(whole["results"]) == 8
        monkeypatch.setattr(queries, "RANKED", 3)
        cut = search(conn, "التعاون", limit=3, snippets=False)
        assert cut["total"] == 8
        assert sorted(r["id"] for r in cut["results"]) == sorted(latest)
        deeper = search(conn, "التعاون", limit=3, offset=2, snippets=False)  # a window of 5
        assert len(deeper["results"]) == 3
        assert {r["id"] for r in deeper["results"]} <= set(sorted(nums, key=nums.get)[-5:])
    finally:
        conn.close()


@pytest.mark.parametrize("where", [{}, {"date_from": "2024-01-01"}])
def test_search_counts_matches_up_to_a_bound(tmp_path, monkeypatch, where):
    """Past COUNTED matches the total is COUNTED and says it is not exact, with or without a filter."""
    from khabar.store import queries
    from khabar.store.db import open_store
    from tests.store.corpus import ingest_all, write_generated

    db = tmp_path / "khabar.db"
    ingest_all([write_generated(tmp_path / "gen.jsonl", 8)], db)
    conn = open_store(db)
    try:
        filters = Filters(**where)
        exact = search(conn, "التعاون", filters, snippets=False)
        assert exact["total_exact"] and exact["total"] == 8
        monkeypatch.setattr(queries, "COUNTED", 5)
        bounded = search(conn, "التعاون", filters, limit=3, snippets=False)
        assert bounded["total"] == 5 and bounded["total_exact"] is False
        assert len(bounded["results"]) == 3
        monkeypatch.setattr(queries, "COUNTED", 8)
        assert search(conn, "التعاون", filters, snippets=False)["total_exact"]
    finally:
        conn.close()


def _snippet_of_whole_body(body, keys):
    """The snippet worked out from every token of the body: what make_snippet must agree with."""
    from khabar.store.keys import key_spans
    from khabar.store.search import SNIPPET_CHARS
    from khabar.text.tokens import tokenize

    spans = [(s, e) for key, s, e in key_spans(tokenize(body)) if key in keys]
    if not spans:
        cut = body[: 2 * SNIPPET_CHARS]
        return (cut + "…" if len(body) > len(cut) else cut), []
    first = spans[0][0]
    start = max(0, body.rfind(" ", 0, max(0, first - SNIPPET_CHARS)) + 1) if first > SNIPPET_CHARS else 0
    end = body.find(" ", min(len(body), spans[0][1] + SNIPPET_CHARS))
    end = len(body) if end < 0 else end
    shift = 1 if start else 0
    hits = [(s - start + shift, e - start + shift) for s, e in spans if s >= start and e <= end]
    return ("…" if start else "") + body[start:end].replace("\n", " ") + ("…" if end < len(body) else ""), hits


@pytest.mark.parametrize("filler_words", [0, 3, 40, 150, 400])
def test_search_snippet_of_a_long_body_as_of_the_whole_body(filler_words):
    # The first hit is looked for a stretch at a time: wherever it falls (in the first stretch, across
    # a stretch's end, far down a long body, nowhere), the snippet is the one of the whole body.
    from khabar.store.search import SNIPPET_STRETCH

    filler = " ".join(["وقال المتحدث إن الاجتماع تناول التعاون"] * filler_words)
    keys = parse_query("الولايات").keys
    for tail in ("وبالولايات المتحدة،\nثم الولايات الأخرى والولاية", "لا شيء هنا"):
        body = f"{filler} {tail} {filler}".strip()
        assert make_snippet(body, keys) == _snippet_of_whole_body(body, keys)
    assert len(filler) > 2 * SNIPPET_STRETCH or filler_words < 150


@pytest.mark.parametrize("word", ["الكويت", "الولايات", "قال"])
def test_search_ranks_as_the_fts5_rank_with_the_headline_weights(conn, word):
    # The order is FTS5's own bm25 with the headline weights, asked through `rank MATCH` (the form
    # the query layer no longer uses): the plain bm25() call must rank the same.
    from khabar.store.search import RANK_FUNCTION

    expression = parse_query(word).expression
    expected = [row[0] for row in conn.execute(
        "SELECT a.id FROM article_keys k JOIN articles a ON a.num = k.rowid WHERE article_keys MATCH ? "
        "AND k.rank MATCH ? ORDER BY k.rank, a.num", (expression, RANK_FUNCTION))]
    found = [row["id"] for row in search(conn, word, limit=50, snippets=False)["results"]]
    assert found and found == expected[: len(found)]


@pytest.fixture(scope="module")
def split_store(tmp_path_factory):
    """The dispatches written with a key table per 3 articles (fts.SHARD), instead of one."""
    from khabar.store import fts
    from tests.store.corpus import ingest_all, write_dispatches

    folder = tmp_path_factory.mktemp("split")
    shard, fts.SHARD = fts.SHARD, 3
    try:
        ingest_all(write_dispatches(folder / "corpus"), folder / "khabar.db")
    finally:
        fts.SHARD = shard
    return folder / "khabar.db"


SPLIT_QUERIES = [("الولايات", Filters()), ('"الولايات المتحدة"', Filters()), ("في", Filters()),
                 ("الكويت", Filters(date_from="2024-05-13")), ("في", Filters(country="KWT")),
                 ("على", Filters(event_type="REJECT")), ("لاشيءهنا", Filters())]


@pytest.mark.parametrize(("query", "filters"), SPLIT_QUERIES)
def test_search_over_key_tables_finds_what_one_table_finds(conn, split_store, query, filters):
    """Split into several key tables (fts.py), the index finds the same articles and counts them the
    same; the order is BM25's within each table, which weighs words by its own articles."""
    from khabar.store import fts
    from khabar.store.db import open_store

    split = open_store(split_store)
    try:
        assert len(fts.tables(split)) > 2 and fts.tables(split)[-1] == "article_keys"
        one, many = (search(c, query, filters, limit=50, snippets=False) for c in (conn, split))
        assert many["total"] == one["total"] and len(many["results"]) == len(one["results"])
        ids = {r["id"]: r for r in one["results"]}
        assert {r["id"] for r in many["results"]} == set(ids)
        assert all(r == ids[r["id"]] for r in many["results"])
        pages = [search(split, query, filters, limit=2, offset=o, snippets=False)["results"] for o in (0, 2, 4)]
        assert [r["id"] for page in pages for r in page] == [r["id"] for r in many["results"]][:6]
    finally:
        split.close()


def test_search_of_a_common_word_ranks_its_latest_matches_across_key_tables(split_store, monkeypatch):
    # With a window of 4 matches, the ranked ones are the 4 latest (by number), wherever their tables;
    # a page past the window widens it (as with one table).
    from khabar.store import queries
    from khabar.store.db import open_store

    monkeypatch.setattr(queries, "RANKED", 4)
    split = open_store(split_store)
    try:
        answer = search(split, "في", limit=2, snippets=False)
        nums = dict(split.execute("SELECT id, num FROM articles"))
        matching = sorted((nums[r["id"]] for r in search(split, "في", Filters(date_from="1900-01-01"), limit=50,
                                                         snippets=False)["results"]), reverse=True)
        assert answer["total"] == len(matching) > 4
        assert len(answer["results"]) == 2 and {nums[r["id"]] for r in answer["results"]} <= set(matching[:4])
        best = search(split, "في", limit=4, snippets=False)["results"]  # the window, ranked
        assert {nums[r["id"]] for r in best} == set(matching[:4]) and best[:2] == answer["results"]
    finally:
        split.close()
