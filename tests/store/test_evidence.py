"""The events of the entity and dyad pages carry their evidence from the stored (compressed) document:
the sentence each was read from (the headline for sentence -1), where it starts, and the event's place."""

from __future__ import annotations

from khabar.store import docs, queries


def _check(conn, events) -> int:
    for event in events:
        (stored,) = conn.execute("SELECT doc FROM articles WHERE id = ?", (event["article_id"],)).fetchone()
        doc = docs.load(stored)
        if event["sentence"] < 0:
            assert (event["evidence"], event["evidence_start"]) == (doc["headline"], 0)
        else:
            sentence = doc["sentences"][event["sentence"]]
            assert event["evidence"] == doc["body"][sentence["start"]:sentence["end"]]
            assert event["evidence_start"] == sentence["start"]
        assert event["location"] == doc["events"][event["n"]].get("location")
        assert list(event)[-3:] == ["evidence", "evidence_start", "location"]  # the API's field order
    return len(events)


def test_entity_and_dyad_events_carry_the_evidence_of_their_document(conn):
    checked = 0
    for (entity_id,) in conn.execute("SELECT entity_id FROM entity_counts").fetchall():
        checked += _check(conn, queries.entity_events(conn, entity_id, limit=100))
    for row in queries.dyads(conn, coded=True, limit=100):
        checked += _check(conn, queries.dyad(conn, row["source"], row["target"], limit=100)["events"])
    placed = conn.execute("SELECT count(*) FROM events WHERE place_country IS NOT NULL").fetchone()[0]
    assert checked and placed
