"""PLOVER JSONL: one record per event in the fields of the PLOVER manual's data chapter (Table 6.1
"PLOVER JSON", its entity, text and citation objects, Tables 6.2, 6.3, 6.5), names in camelCase as in
the PLOVER gold-standard records ("eventText", "textInfo"). Required: id, date, actor, event.

khabar's additions, as the manual invites ("providers should feel free to include named fields
beyond those provided"): `cameo`, `negated`, `future`, `hypothetical`, the entity's `name` (its text
without clitics), `textInfo.in`/`triggerStart`/`triggerEnd`, `eventLoc.id`/`how` (the knowledge-base
id of the place and how it was found), and `article` (store ids, headline, URL, agency, outlet,
input). `validate` checks a record against these fields.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from importlib.metadata import version
from pathlib import Path
from typing import Any

from khabar.events.scales import PLOVER_TYPES
from khabar.store import docs
from khabar.store.export.names import actor_name
from khabar.store.export.select import EVERYTHING, Selection

EVENTS_SQL = """
SELECT ev.*, a.id AS article_id, a.date, a.story_id, a.headline, a.url, a.agency, a.outlet, a.source AS origin, a.doc
FROM events ev JOIN articles a ON a.num = ev.article_num WHERE {selection} ORDER BY a.num, ev.n
"""
# Table 6.1, with khabar's additions.
RECORD_FIELDS = {"id", "hasEvent", "date", "time", "enddate", "endtime", "actor", "recipient", "event", "eventLoc",
                 "eventText", "quadCode", "eventScale", "mode", "context", "link", "text", "textInfo", "citeInfo",
                 "coder", "codedDate", "codedTime", "comment"}
EXTRA_FIELDS = {"cameo", "negated", "future", "hypothetical", "article"}
REQUIRED = ("id", "date", "actor", "event")
ENTITY_FIELDS = {"code", "sector", "entityText", "identifierId", "identifierText", "religion", "ethnicity",
                 "office", "gender", "age", "name"}  # Table 6.2 and khabar's `name`
LOCATION_FIELDS = {"extractedPlace", "resolvedPlace", "geonameid", "lat", "lon", "city", "district", "province",
                   "country", "countryCode", "featureClass", "featureCode", "resolution", "id", "how"}  # Table 6.6 + khabar
TEXT_FIELDS = {"sequence", "start", "end", "textStory", "in", "triggerStart", "triggerEnd"}  # Table 6.3 + khabar
CITE_FIELDS = {"corpus", "citation", "url", "title", "language", "publication", "license", "copyright", "coder",
               "codebook", "version"}  # Table 6.5
CODEBOOK = "plover-2021"  # the manual khabar's types follow (draft 0.8, 2021)


def _entity(text: str | None, code: str | None, sector: str | None) -> list[dict[str, Any]]:
    if text is None and code is None:
        return []
    entity = {"code": code, "sector": sector, "entityText": text, "name": actor_name(text)}
    return [{k: v for k, v in entity.items() if v is not None}]


def _sentence(doc: dict[str, Any], sentence: int) -> tuple[str | None, int | None, int | None]:
    """Text of the event's sentence (the headline for -1) and its offsets in the body."""
    if sentence < 0:
        return doc.get("headline"), None, None
    spans = doc.get("sentences") or []
    if sentence >= len(spans):
        return None, None, None
    start, end = spans[sentence]["start"], spans[sentence]["end"]
    return doc["body"][start:end], start, end


def _location(doc: dict[str, Any], n: int) -> dict[str, Any] | None:
    """The event's place as PLOVER's location object (Table 6.6), with khabar's `id` and `how`."""
    events = doc.get("events") or []
    place = events[n].get("location") if n < len(events) else None
    if not place:
        return None
    resolution = {"state": 1, "region": 2, "territory": 2, "city": 4, "facility": 5}.get(place.get("kind") or "")
    found = {"extractedPlace": place.get("place"), "resolvedPlace": place.get("name_en"), "lat": place.get("lat"),
             "lon": place.get("lon"), "countryCode": place.get("country"), "resolution": resolution,
             "id": place.get("id"), "how": place.get("how")}
    if place.get("kind") == "city":
        found["city"] = place.get("name_en")
    return {k: v for k, v in found.items() if v is not None}


def _record(event: dict[str, Any], doc: dict[str, Any], coder: str) -> dict[str, Any]:
    text, start, end = _sentence(doc, event["sentence"])
    text_info = {"sequence": event["sentence"] if event["sentence"] >= 0 else None, "start": start, "end": end,
                 "in": "headline" if event["sentence"] < 0 else "body",
                 "triggerStart": event["trigger_start"], "triggerEnd": event["trigger_end"]}
    cite = {"corpus": event["origin"], "url": event["url"], "title": event["headline"], "language": "ar",
            "publication": event["outlet"] or event["agency"], "coder": coder,
            "codebook": CODEBOOK}
    return {
        "id": f"{event['article_id']}-{event['n']}", "hasEvent": True, "date": event["date"],
        "actor": _entity(event["source_text"], event["source"], event["source_sector"]),
        "recipient": _entity(event["target_text"], event["target"], event["target_sector"]),
        "event": [event["type"]], "eventText": [event["trigger"]] if event["trigger"] else [],
        "quadCode": event["quad_class"], "eventScale": event["goldstein"],
        "mode": [event["mode"]] if event["mode"] else [], "context": [],
        "eventLoc": _location(doc, event["n"]),
        "text": text, "textInfo": {k: v for k, v in text_info.items() if v is not None},
        "citeInfo": {k: v for k, v in cite.items() if v is not None}, "coder": "khabar",
        "cameo": event["cameo"], "negated": bool(event["negated"]), "future": bool(event["future"]),
        "hypothetical": bool(event["hypothetical"]),
        "article": {**{k: event[k] for k in ("article_id", "story_id", "headline", "url", "agency", "outlet")},
                    "source": event["origin"]},
    }


def write_plover(conn: sqlite3.Connection, out: Path, selection: Selection = EVERYTHING) -> dict[str, int]:
    where, params = selection.events()
    cursor = conn.execute(EVENTS_SQL.format(selection=where), params)
    names = [d[0] for d in cursor.description]
    coder = f"khabar {version('khabar')}"
    count = 0
    last_id, doc = None, {}
    with out.open("w", encoding="utf-8") as handle:
        for row in cursor:
            event = dict(zip(names, row, strict=True))
            if event["article_id"] != last_id:  # events come grouped by article: parse each doc once
                last_id, doc = event["article_id"], docs.load(event["doc"])
            handle.write(json.dumps(_record(event, doc, coder), ensure_ascii=False) + "\n")
            count += 1
    return {"events": count}


def validate(record: dict[str, Any]) -> list[str]:
    """What in `record` departs from the PLOVER JSON fields (empty when it conforms)."""
    problems = [f"missing required {name!r}" for name in REQUIRED if record.get(name) in (None, "")]
    problems += [f"unknown field {name!r}" for name in sorted(set(record) - RECORD_FIELDS - EXTRA_FIELDS)]
    if isinstance(record.get("date"), str):
        try:
            dt.date.fromisoformat(record["date"])
        except ValueError:
            problems.append(f"date {record['date']!r} is not YYYY-MM-DD")
    for name in ("actor", "recipient"):
        entities = record.get(name, [])
        if not isinstance(entities, list) or not all(isinstance(e, dict) for e in entities):
            problems.append(f"{name!r} is not a list of entity objects")
            continue
        for entity in entities:
            problems += [f"{name}: unknown entity field {k!r}" for k in sorted(set(entity) - ENTITY_FIELDS)]
    for name in ("event", "eventText", "mode", "context"):
        if name in record and not isinstance(record[name], list):
            problems.append(f"{name!r} is not a list")
    problems += [f"event type {t!r} is not PLOVER's" for t in record.get("event") or () if t not in PLOVER_TYPES]
    if record.get("quadCode") not in (None, 1, 2, 3, 4):
        problems.append(f"quadCode {record['quadCode']!r} is not 1-4")
    for name, known in (("textInfo", TEXT_FIELDS), ("citeInfo", CITE_FIELDS), ("eventLoc", LOCATION_FIELDS)):
        problems += [f"{name}: unknown field {k!r}" for k in sorted(set(record.get(name) or {}) - known)]
    return problems
