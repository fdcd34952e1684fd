"""`khabar bench places`: how well events are placed. The 30 composed sentences shipped with khabar
(samples/event_places.tsv: a dateline, a sentence, a word of the trigger, the place where the event
happened or "-" when the text does not say) scored; on a corpus, the share of events with a place and
how each was found; on a store, the GDELT rows with coordinates."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from collections.abc import Sequence
from itertools import islice
from pathlib import Path
from typing import Any

from khabar.lang.normalize import fold
from khabar.resources import data_path, read_tsv

REFERENCE_DATE = dt.date(2024, 5, 20)


def _same_place(expected: str, found: str | None) -> bool:
    if expected == "-":
        return found is None
    if found is None:
        return False
    a, b = fold(expected), fold(found)
    return a in b or b in a


def score_cases() -> dict[str, Any]:
    """Placed right / wrong / events not found, over the composed sentences."""
    from khabar.pipeline import read

    rows = [row for _, row in read_tsv(data_path("khabar.samples", "event_places.tsv"),
                                       ("dateline", "sentence", "trigger", "place", "how"))]
    right, misses = 0, []
    no_event = 0
    for row in rows:
        article = read(f"{row['dateline']} {row['sentence']}", date=REFERENCE_DATE)
        record = article.to_dict()
        event = next((e for e in record["events"] if fold(row["trigger"]) in fold(e["trigger"])
                      or fold(e["trigger"]) in fold(row["trigger"])), None)
        if event is None:
            no_event += 1
            misses.append({"sentence": row["sentence"], "expected": row["place"], "found": "(no event)"})
            continue
        found = (event.get("location") or {}).get("place")
        if _same_place(row["place"], found):
            right += 1
        else:
            misses.append({"sentence": row["sentence"], "expected": row["place"], "found": found,
                           "how": (event.get("location") or {}).get("how")})
    coded = len(rows) - no_event
    return {"cases": len(rows), "events_found": coded, "placed_right": right,
            "accuracy_of_found": round(right / coded, 3) if coded else None, "misses": misses}


def corpus_shares(corpus: Sequence[str], limit: int) -> dict[str, Any]:
    """Events of the first `limit` documents: with a place, by how it was found, with coordinates."""
    from khabar.pipeline import default_pipeline
    from khabar.sources.read import iter_pages

    events, hows, with_coordinates = 0, Counter(), 0
    for article in default_pipeline().read_pages(islice(iter_pages(corpus), limit)):
        for place in article.event_places:
            events += 1
            hows[place.how if place else "none"] += 1
            with_coordinates += bool(place and place.lat is not None)
    share = {how: round(n / events, 3) for how, n in hows.most_common()} if events else {}
    return {"documents": limit, "events": events, "placed": round(1 - share.get("none", 0), 3) if events else None,
            "by_how": share, "with_coordinates": round(with_coordinates / events, 3) if events else None}


def gdelt_coordinates(db: Path) -> dict[str, Any]:
    """GDELT export rows (of the store at `db`) with ActionGeo Lat/Long, and by ActionGeo type."""
    import csv
    import tempfile

    from khabar.store.export import export

    conn = sqlite3.connect(db)
    try:
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / "events.tsv"
            export(conn, "gdelt", out)
            with out.open(encoding="utf-8", newline="") as handle:
                rows = list(csv.DictReader(handle, delimiter="\t"))
    finally:
        conn.close()
    placed = sum(1 for r in rows if r["ActionGeo_Lat"])
    return {"gdelt_rows": len(rows), "rows_with_lat_long": placed,
            "share_with_lat_long": round(placed / len(rows), 3) if rows else None,
            "action_geo_types": dict(Counter(r["ActionGeo_Type"] or "none" for r in rows).most_common())}
