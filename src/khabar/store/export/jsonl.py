"""The read contract as JSON Lines: one stored Article.to_dict() per article, with its store id,
story and near-duplicate links added (`store_id`, `story_id`, `duplicate_of`)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from khabar.store import docs
from khabar.store.export.select import EVERYTHING, Selection


def write_jsonl(conn: sqlite3.Connection, out: Path, selection: Selection = EVERYTHING) -> dict[str, int]:
    count = 0
    where, params = selection.articles(conn)
    with out.open("w", encoding="utf-8") as handle:
        rows = conn.execute(f"SELECT a.id, a.story_id, a.duplicate_of, a.doc FROM articles a WHERE {where} "
                            "ORDER BY a.num", params)
        for article_id, story_id, duplicate_of, doc in rows:
            # The stored document is already JSON: the links go in without parsing it again.
            extra = (f',"store_id":"{article_id}","story_id":{_json(story_id)},'
                     f'"duplicate_of":{_json(duplicate_of)}}}')
            handle.write(docs.text(doc)[:-1] + extra + "\n")
            count += 1
    return {"articles": count}


def _json(value: str | None) -> str:
    return "null" if value is None else f'"{value}"'
