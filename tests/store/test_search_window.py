"""Unfiltered searches rank the latest matches only (a common word costs the same in any size of
store); within the window the answer is the full ranking's, and deeper pages rank every match."""

from __future__ import annotations

from khabar.store import queries

WORD = "في"  # in almost every test dispatch


def _nums(conn, results) -> list[int]:
    return [conn.execute("SELECT num FROM articles WHERE id = ?", (r["id"],)).fetchone()[0] for r in results]


def test_a_window_as_large_as_the_matches_answers_as_the_full_ranking(conn, monkeypatch):
    windowed = queries.search(conn, WORD, limit=10)
    monkeypatch.setattr(queries, "SEARCH_WINDOW", 0)  # every page past the window: the full ranking
    full = queries.search(conn, WORD, limit=10)
    assert windowed == full and full["total"] >= 4


def test_a_small_window_ranks_the_latest_matches_and_counts_them_all(conn, monkeypatch):
    every = queries.search(conn, WORD, limit=100)
    latest = sorted(_nums(conn, every["results"]), reverse=True)[:2]
    monkeypatch.setattr(queries, "SEARCH_WINDOW", 2)
    found = queries.search(conn, WORD, limit=2)
    assert found["total"] == every["total"]
    assert sorted(_nums(conn, found["results"])) == sorted(latest)
    # ranked among themselves as the full ranking ranks them
    assert [r["id"] for r in found["results"]] == [r["id"] for r in every["results"]
                                                   if r["id"] in {x["id"] for x in found["results"]}]
    deeper = queries.search(conn, WORD, limit=2, offset=2)  # past the window: the full ranking's page
    assert [r["id"] for r in deeper["results"]] == [r["id"] for r in every["results"][2:4]]
