"""GDELT 2.0-style event table (TSV, GDELT 2.0's 61 columns, one header row): one row per story event,
i.e. per distinct (story, PLOVER type, source, target) of events that happened and have at least one
actor. Columns khabar cannot fill stay empty. See GDELT.md beside this file for what each column holds
and why the empty ones are empty."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

from khabar.lang.normalize import fold
from khabar.store.export.names import actor_name
from khabar.store.export.select import EVERYTHING, Selection
from khabar.store.queries import HAPPENED

ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
                "Type1Code", "Type2Code", "Type3Code")
GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in ACTOR_FIELDS), *(f"Actor2{f}" for f in ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{f}" for f in GEO_FIELDS), *(f"Actor2Geo_{f}" for f in GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in GEO_FIELDS), "DATEADDED", "SOURCEURL",
)
IGO_SECTOR = "IGO"
GEO_COUNTRY, GEO_CITY, GEO_ADM1 = 1, 4, 5  # GDELT geo types: 1 country, 4 world city, 5 world state (ADM1)
GEO_TYPES = {"state": GEO_COUNTRY, "city": GEO_CITY, "facility": GEO_CITY, "region": GEO_ADM1,
             "territory": GEO_ADM1}

# One group per story event; with a single min() aggregate, SQLite takes the bare columns from the
# row with the earliest date: the first report gives actors' names, codes, place and URL.
STORY_EVENTS_SQL = f"""
SELECT min(a.date), a.story_id, ev.type, ev.source, ev.target, ev.source_text, ev.target_text,
       ev.source_sector, ev.target_sector, ev.cameo, ev.quad_class, ev.goldstein, a.place, a.country,
       coalesce(a.url, a.source), count(*), count(DISTINCT ev.article_num),
       count(DISTINCT coalesce(a.outlet, a.agency, a.source)), sum(ev.sentence <= 0) > 0,
       json_extract(doc_json(a.doc), '$.events[' || ev.n || '].location'),
       json_type(doc_json(a.doc), '$.events[' || ev.n || '].location')
FROM events ev JOIN articles a ON a.num = ev.article_num
WHERE {HAPPENED} AND (ev.source IS NOT NULL OR ev.target IS NOT NULL) AND {{selection}}
GROUP BY a.story_id, ev.type, ev.source, ev.target
ORDER BY a.story_id, ev.type, ev.source, ev.target
"""


def _dates(iso: str | None) -> dict[str, Any]:
    if not iso:
        return {}
    day = dt.date.fromisoformat(iso)
    fraction = day.year + (day.timetuple().tm_yday - 1) / 365
    return {"SQLDATE": day.strftime("%Y%m%d"), "MonthYear": day.strftime("%Y%m"), "Year": day.year,
            "FractionDate": f"{fraction:.4f}"}


def cameo_codes(cameo: str | None) -> dict[str, str]:
    """EventCode, EventBaseCode and EventRootCode of a CAMEO code: a root alone ("04") is its
    "not specified below" event ("040"), as GDELT writes it."""
    if not cameo:
        return {}
    code = cameo if len(cameo) > 2 else cameo + "0"
    return {"EventCode": code, "EventBaseCode": code[:3], "EventRootCode": code[:2]}


def _actor(prefix: str, code: str | None, name: str | None, sector: str | None) -> dict[str, Any]:
    if code is None and name is None:
        return {}
    igo = sector == IGO_SECTOR
    return {f"{prefix}Code": (code or "") + (sector if sector and not igo else ""), f"{prefix}Name": actor_name(name),
            f"{prefix}CountryCode": None if igo else code, f"{prefix}KnownGroupCode": code if igo else None,
            f"{prefix}Type1Code": sector}


def _row(number: int, values: tuple, added: str, points: dict[str, tuple[float, float, str]]) -> dict[str, Any]:
    (date, _story, _type, source, target, source_text, target_text, source_sector, target_sector, cameo,
     quad, goldstein, place, country, url, mentions, articles, sources, root, location, located) = values
    row: dict[str, Any] = {"GLOBALEVENTID": number, **_dates(date),
                           **_actor("Actor1", source, source_text, source_sector),
                           **_actor("Actor2", target, target_text, target_sector),
                           "IsRootEvent": int(bool(root)), **cameo_codes(cameo), "QuadClass": quad,
                           "GoldsteinScale": goldstein, "NumMentions": mentions, "NumSources": sources,
                           "NumArticles": articles, "DATEADDED": added, "SOURCEURL": url}
    if located is not None:  # the store has event locations (khabar.events.location)
        row.update(_action_geo(json.loads(location) if location else None, points))
    elif place or country:  # a store read before events had locations: the first report's dateline
        row.update({"ActionGeo_Type": GEO_CITY if place else GEO_COUNTRY, "ActionGeo_FullName": place or country,
                    "ActionGeo_CountryCode": country})
    return row


def _action_geo(location: dict[str, Any] | None, points: dict[str, tuple[float, float, str]]) -> dict[str, Any]:
    """ActionGeo_* of the event's place in the first report (none when the text does not say). The
    ADM1 code, and the point when the stored location has none (a store read before the knowledge
    base had the place's coordinates), come from the coordinates table by the place's id, or for a
    dateline by country and name."""
    if not location:
        return {}
    key = location.get("id") or f"{location.get('country')}:{fold(location.get('place') or '')}"
    lat, lon, adm1 = points.get(key, (None, None, None))
    if location.get("lat") is not None:
        lat, lon = location.get("lat"), location.get("lon")
    return {"ActionGeo_Type": GEO_TYPES.get(location.get("kind") or "", GEO_CITY),
            "ActionGeo_FullName": location.get("name_en") or location.get("place"),
            "ActionGeo_CountryCode": location.get("country"), "ActionGeo_ADM1Code": adm1 or None,
            "ActionGeo_Lat": lat, "ActionGeo_Long": lon, "ActionGeo_FeatureID": location.get("id")}


def _points() -> dict[str, tuple[float, float, str]]:
    from khabar.events.location import place_points  # the knowledge base's, read once per process
    from khabar.resources import Resources

    return Resources.default().get(place_points)


def write_gdelt(conn: sqlite3.Connection, out: Path, selection: Selection = EVERYTHING) -> dict[str, int]:
    count = 0
    # When these rows were added to the data set: the export's time (the store keeps no ingest time).
    added = dt.datetime.now(dt.UTC).strftime("%Y%m%d%H%M%S")
    where, params = selection.events()
    points = _points()
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writeheader()
        for count, values in enumerate(conn.execute(STORY_EVENTS_SQL.format(selection=where), params), start=1):
            writer.writerow(_row(count, values, added, points))
    return {"events": count}
