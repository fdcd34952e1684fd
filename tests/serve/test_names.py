"""One name for entity mentions and one for the distinct entities, in Python and in every JSON khabar
writes (read output, the API, the store's JSONL export): mentions are Python `article.mentions` and
JSON `entities` (the CONTRACT.md field the scorers read); the distinct entities are `entity_list` in
both (Python `article.entities` is the same list)."""

from __future__ import annotations

import datetime as dt
import json

import khabar

# An article composed for this test: one state and one organisation named twice, and a ministry.
TEXT = ("الكويت (كونا) -- أعلنت وزارة الخارجية الكويتية اليوم الاثنين أن الكويت ستستضيف اجتماعا لوزراء "
        "خارجية دول مجلس التعاون الخليجي في الأسبوع المقبل لبحث الأوضاع في السودان. وأكدت الوزارة في بيان "
        "أن الكويت تدعم كل جهود الحوار في السودان.")
CONTRACT_MENTION = {"text", "start", "end", "type", "name_en", "id", "country"}  # CONTRACT.md's entities


def _check_json(record: dict) -> None:
    """The JSON names: `entities` the mentions (contract fields), `entity_list` the distinct entities,
    whose mentions are exactly the mentions, each once."""
    mentions, distinct = record["entities"], record["entity_list"]
    assert all(CONTRACT_MENTION <= set(m) for m in mentions)
    assert len({e["id"] for e in distinct}) == len(distinct)
    assert sorted(t for e in distinct for t in e["mentions"]) == sorted(m["text"] for m in mentions)


def test_python_and_json_name_mentions_and_entities_alike():
    article = khabar.read(TEXT, date=dt.date(2024, 5, 6))
    assert article.entity_list is article.entities
    assert len(article.entity_list) < len(article.mentions)  # a state named twice is one entity
    assert sorted(i for e in article.entity_list for i in e.mentions) == list(range(len(article.mentions)))
    record = json.loads(json.dumps(article.to_dict(), ensure_ascii=False))
    _check_json(record)
    assert [(m["text"], m["start"], m["end"]) for m in record["entities"]] == \
        [(m.text, m.start, m.end) for m in article.mentions]
    assert [e["id"] for e in record["entity_list"]] == [e.id for e in article.entity_list]
    for entity, listed in zip(article.entity_list, record["entity_list"], strict=True):
        assert listed["mentions"] == [article.mentions[i].text for i in entity.mentions]


def test_api_and_jsonl_export_use_the_same_names(client, demo_db, tmp_path):
    import sqlite3

    from khabar.store.export.jsonl import write_jsonl

    found = client.get("/api/v1/search", params={"q": "الكويت"}).json()["results"]
    assert found
    for result in found[:5]:
        _check_json(client.get(f"/api/v1/articles/{result['id']}").json())
    out = tmp_path / "all.jsonl"
    conn = sqlite3.connect(demo_db)
    try:
        written = write_jsonl(conn, out)["articles"]
    finally:
        conn.close()
    lines = out.read_text(encoding="utf-8").splitlines()
    assert written == len(lines) > 0
    for line in lines:
        _check_json(json.loads(line))
