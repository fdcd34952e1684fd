"""PLOVER JSONL: one record per event, shaped like the PLOVER gold-standard records (event, mode,
source/target actors with text, code and sector, date), with its evidence: the sentence it was read
from, the trigger and its offsets, the article and story it comes from."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

EVENTS_SQL = """
SELECT ev.*, a.date, a.story_id, a.headline, a.url, a.agency, a.outlet, a.source AS origin, a.doc
FROM events ev JOIN articles a ON a.id = ev.article_id ORDER BY a.num, ev.n
"""


def _actor(text: str | None, code: str | None, sector: str | None) -> list[dict[str, Any]]:
    if text is None and code is None:
        return []
    return [{"actorText": text, "code": code, "sector": sector}]


def _evidence(doc: dict[str, Any], sentence: int) -> str | None:
    if sentence < 0:
        return doc.get("headline")
    spans = doc.get("sentences") or []
    if sentence >= len(spans):
        return None
    return doc["body"][spans[sentence]["start"]:spans[sentence]["end"]]


def _record(event: dict[str, Any], doc: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": f"{event['article_id']}-{event['n']}", "date": event["date"], "event": event["type"],
        "mode": event["mode"], "context": [],
        "source": _actor(event["source_text"], event["source"], event["source_sector"]),
        "target": _actor(event["target_text"], event["target"], event["target_sector"]),
        "eventText": event["trigger"], "text": _evidence(doc, event["sentence"]),
        "textInfo": {"sentence": event["sentence"], "triggerStart": event["trigger_start"],
                     "triggerEnd": event["trigger_end"], "in": "headline" if event["sentence"] < 0 else "body"},
        "negated": bool(event["negated"]), "future": bool(event["future"]),
        "hypothetical": bool(event["hypothetical"]), "cameo": event["cameo"], "quadClass": event["quad_class"],
        "goldstein": event["goldstein"],
        "article": {**{k: event[k] for k in ("article_id", "story_id", "headline", "url", "agency", "outlet")},
                    "source": event["origin"]},
        "language": "ar", "coder": "khabar",
    }


def write_plover(conn: sqlite3.Connection, out: Path) -> dict[str, int]:
    cursor = conn.execute(EVENTS_SQL)
    names = [d[0] for d in cursor.description]
    count = 0
    last_id, doc = None, {}
    with out.open("w", encoding="utf-8") as handle:
        for row in cursor:
            event = dict(zip(names, row, strict=True))
            if event["article_id"] != last_id:  # events come grouped by article: parse each doc once
                last_id, doc = event["article_id"], json.loads(event["doc"])
            handle.write(json.dumps(_record(event, doc), ensure_ascii=False) + "\n")
            count += 1
    return {"events": count}
