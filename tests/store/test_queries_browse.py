"""The queries behind the dashboard and the API: entity detail, stories, timeline, dyad network,
datelines, header counts (on the hand-made dispatches)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from khabar.store import queries


def test_queries_entity_detail(conn):
    kuwait = queries.entity(conn, "Q817")
    assert kuwait["name_en"] == "Kuwait" and kuwait["articles"] == 2
    assert {"الكويت", "دولة الكويت"} <= {n["text"] for n in kuwait["names"]}
    assert kuwait["months"] == [{"month": "2024-05", "articles": 2}]
    assert kuwait["co_mentioned"][0]["id"] == "Q851"  # Saudi Arabia, in both Durra field articles
    assert all(c["id"] != "Q817" for c in kuwait["co_mentioned"])
    assert [a["date"] for a in kuwait["latest"]] == sorted((a["date"] for a in kuwait["latest"]), reverse=True)


def test_queries_entity_unknown_is_none(conn):
    assert queries.entity(conn, "Q0") is None


def test_queries_stories_group_near_duplicates_and_url_updates(conn):
    answer = queries.stories(conn)
    sizes = {s["headline"]: s["articles"] for s in answer["results"]}
    assert sizes["المملكة والكويت تؤكدان ملكيتهما المشتركة لثروات حقل الدرة"] == 2  # SPA and its reprint
    assert answer["results"][0]["articles"] == 2 and answer["total"] == len(answer["results"])
    story = queries.story(conn, answer["results"][0]["id"])
    assert len(story["members"]) == 2 and {m["story_id"] for m in story["members"]} == {story["id"]}
    assert queries.story(conn, "0123456789abcdef") is None


def test_queries_timeline_counts_each_story_once(conn):
    by_day = queries.event_timeline(conn, by="day")
    assert {r["period"] for r in by_day} <= {"2024-05-12", "2024-05-14", "2024-05-16"}
    # the Durra statement and its reprint are one story: their REJECT counts once
    assert [r["stories"] for r in by_day if r["period"] == "2024-05-14" and r["type"] == "REJECT"] == [1]
    by_month = queries.event_timeline(conn)
    assert {r["period"] for r in by_month} == {"2024-05"}
    only = queries.event_timeline(conn, queries.Filters(event_type="consult"))
    assert {r["type"] for r in only} == {"CONSULT"}


def test_queries_dyad_network_keeps_the_given_actors(conn):
    links = queries.dyad_network(conn, ["ARE", "SDN", "USA", "IRN"])
    assert links and all({link["source"], link["target"]} <= {"ARE", "SDN", "USA", "IRN"} for link in links)
    assert all(link["source"] != link["target"] for link in links)
    assert queries.dyad_network(conn, []) == []


def test_queries_datelines_and_counts(conn):
    places = queries.datelines(conn)
    assert {"country": "KWT", "place": "Kuwait City", "articles": 1} in places
    assert queries.counts(conn, ("articles", "quotes")) == {k: queries.stats(conn)[k] for k in ("articles", "quotes")}


def test_queries_network_and_datelines_follow_filters(conn):
    later = queries.Filters(date_from="2024-05-15")
    assert {link["source"] for link in queries.dyad_network(conn, ["ARE", "SDN", "USA", "IRN"], later)} <= {"ARE", "USA"}
    assert queries.dyad_network(conn, ["ARE", "SDN", "USA", "IRN"], queries.Filters(event_type="PROTEST")) == []
    assert {p["country"] for p in queries.datelines(conn, later)} == {"ARE", "USA"}



@pytest.fixture(scope="module")
def quoted_store(tmp_path_factory) -> Path:
    """Six dispatches quoting one linked speaker twice each, on six days (two dated alike)."""
    from tests.store.corpus import ingest_all

    folder = tmp_path_factory.mktemp("quoted")
    lines = [json.dumps({"id": f"q{i}", "date": f"2024-05-{10 + min(i, 4):02d}", "text": (
        f"ترامب يتحدث عن التجارة رقم {i}\n\nواشنطن - {10 + i} - 5 (كونا) -- وقال الرئيس الأمريكي دونالد ترامب "
        f"اليوم إن \"الاتفاق التجاري رقم {i} سيوقع قريبا مع الصين\". وأضاف ترامب أن \"المحادثات مستمرة\". (النهاية)")},
        ensure_ascii=False) for i in range(6)]
    (folder / "quoted.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    ingest_all([folder / "quoted.jsonl"], folder / "khabar.db")
    return folder / "khabar.db"


def test_quotes_of_a_speaker_walked_through_its_articles_as_sorted(quoted_store, monkeypatch):
    """A speaker quoted often is found by walking its articles latest first (queries._walk_speaker):
    the same quotations, in the same order, as sorting them all; which relies on every quotation's
    speaker_id being one of its article's entities."""
    from khabar.store.db import open_store

    conn = open_store(quoted_store)
    try:
        assert not conn.execute("SELECT 1 FROM quotes q WHERE speaker_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
                                "article_entities ae WHERE ae.article_id = q.article_id AND "
                                "ae.entity_id = q.speaker_id)").fetchall()
        speakers = [r[0] for r in conn.execute("SELECT DISTINCT speaker_id FROM quotes WHERE speaker_id IS NOT NULL")]
        assert speakers == ["Q22686"]
        pages = [(s, limit, offset) for s in speakers for limit, offset in ((20, 0), (3, 0), (3, 4), (1, 11))]
        assert not queries._walk_speaker(conn, "Q22686", 20)  # 12 quotations: sorted
        sorted_ = [queries.quotes(conn, speaker=s, limit=limit, offset=offset) for s, limit, offset in pages]
        assert len(sorted_[0]) == 12 and [len(p) for p in sorted_[1:]] == [3, 3, 1]
        monkeypatch.setattr(queries, "_walk_speaker", lambda *_: True)
        assert [queries.quotes(conn, speaker=s, limit=limit, offset=offset) for s, limit, offset in pages] == sorted_
    finally:
        conn.close()
