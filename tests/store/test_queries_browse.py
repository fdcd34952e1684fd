"""The queries behind the dashboard and the API: entity detail, stories, timeline, dyad network,
datelines, header counts (on the hand-made dispatches)."""

from __future__ import annotations

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



def test_quotes_of_a_speaker_latest_first_in_pages(quoted_store):
    """A speaker's quotations (by id or as written) are read latest first off the index by speaker and
    date, cut at the page: the pages are those of sorting them all, and each quotation carries its
    article's date."""
    from khabar.store.db import open_store

    conn = open_store(quoted_store)
    try:
        assert not conn.execute("SELECT 1 FROM quotes q JOIN articles a ON a.num = q.article_num "
                                "WHERE q.date IS NOT a.date").fetchall()
        speakers = [r[0] for r in conn.execute("SELECT DISTINCT speaker_id FROM quotes WHERE speaker_id IS NOT NULL")]
        assert speakers == ["Q22686"]
        written = conn.execute("SELECT speaker FROM quotes WHERE speaker IS NOT NULL GROUP BY speaker "
                               "ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
        for speaker in (*speakers, written):
            every = [(r[0], r[1]) for r in conn.execute(
                "SELECT a.id, q.n FROM quotes q JOIN articles a ON a.num = q.article_num "
                "WHERE q.speaker_id = ?1 OR q.speaker = ?1 ORDER BY a.date DESC, a.num, q.n", (speaker,))]
            assert len(every) >= 4
            for limit, offset in ((20, 0), (3, 0), (3, 4), (1, len(every) - 1)):
                page = queries.quotes(conn, speaker=speaker, limit=limit, offset=offset)
                assert [(q["article_id"], q["n"]) for q in page] == every[offset:offset + limit]
    finally:
        conn.close()
