"""Duplicates and stories: near-duplicate reprints and pages under one URL are one story."""

from __future__ import annotations

from khabar.store.dedup import NUM_PERM, signature
from khabar.store.keys import text_keys
from tests.store.corpus import DISPATCHES


def _story(conn, page_id):
    return conn.execute("SELECT id, story_id, duplicate_of, similarity FROM articles WHERE page_id = ?",
                        (page_id,)).fetchone()


def test_dedup_reprint_is_a_near_duplicate_of_the_same_story(conn):
    wire, reprint = _story(conn, "spa-1"), _story(conn, "outlet-1")
    assert wire[1] == reprint[1] == min(wire[0], reprint[0])
    duplicate = reprint if reprint[2] else wire
    assert duplicate[2] == min(wire[0], reprint[0]) and duplicate[3] >= 0.8


def test_dedup_same_url_same_story(conn):
    first, update = _story(conn, "afp-2"), _story(conn, "afp-2-update")
    assert first[1] == update[1]
    assert first[2] is None and update[2] is None  # different texts: not near-duplicates


def test_dedup_unrelated_stories_stay_apart(conn):
    stories = {_story(conn, page_id)[1] for page_id, *_ in DISPATCHES}
    assert len(stories) == len(DISPATCHES) - 2
    assert conn.execute("SELECT count(DISTINCT story_id) FROM articles").fetchone()[0] == len(stories)


def test_dedup_signature():
    assert signature([]) is None
    keys = text_keys("بحث الوزير اليوم مع نظيره سبل تعزيز التعاون")
    assert signature(keys) == signature(list(keys)) and len(signature(keys)) == NUM_PERM * 4
    assert signature(["كلمة"]) is not None  # shorter than a shingle: one shingle of what there is
