"""Continuation parts of wire dispatches ("… / إضافة أولى"), linked to their lead in the store.

A part carries no dateline of its own; it takes the dateline and agency of its lead: the page of the
same input file with the same headline key that has no part marker and has a dateline or an agency.
Reading a stream links them within a window (khabar.page.continuations); ingest reads in batches, so
the link is made here instead, at write time, by lookup in the `dispatches` table: a part written
after its lead takes the lead's fields as it is written; a lead written after its parts gives them
its fields in the same transaction. Which lead a part takes depends on the pages present, not on the
order of writing: the nearest lead before it in its input (position, then article id), else the
nearest after it — what the stream linker finds for parts within its window.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import Any, NamedTuple

from khabar.store import docs
from khabar.store.rows import ArticleRow, DispatchRow

DOC_JSON = {"ensure_ascii": False, "separators": (",", ":")}  # as records.py writes documents


class _Lead(NamedTuple):
    article_id: str
    page_id: str
    agency: str | None
    dateline: dict[str, Any] | None


def _rank(part_position: int, lead: tuple[int, str]) -> tuple[int, int, str]:
    position, article_id = lead
    if position <= part_position:
        return (0, part_position - position, article_id)
    return (1, position - part_position, article_id)


def _nearest(conn: sqlite3.Connection, source: str, key: str, position: int) -> str | None:
    leads = conn.execute("SELECT position, article_id FROM dispatches WHERE source = ? AND key = ? AND part = 0",
                         (source, key)).fetchall()
    return min(leads, key=lambda lead: _rank(position, lead))[1] if leads else None


def _lead(conn: sqlite3.Connection, article_id: str) -> _Lead:
    # The document is read here, not by SQL: PostgreSQL has no doc_json (a store's SQL is the same in both).
    page_id, agency, stored = conn.execute("SELECT page_id, agency, doc FROM articles WHERE id = ?",
                                           (article_id,)).fetchone()
    return _Lead(article_id, page_id, agency, docs.load(stored).get("dateline") or None)


def _inherited(dateline: dict[str, Any], lead_page: str) -> dict[str, Any]:
    """The lead's dateline as the part shows it (as Dateline.to_dict of an inherited dateline)."""
    out = {k: v for k, v in dateline.items() if k not in ("start", "end")}
    out["inherited_from"] = lead_page
    out["start"] = out["end"] = None  # the text stands in the other dispatch
    return out


def _apply(row: ArticleRow, own: DispatchRow, lead: _Lead | None) -> ArticleRow:
    """`row` as its own reading with `lead`'s fields filling what it lacked (nothing with no lead)."""
    doc = docs.load(row.doc)
    doc["continues"] = lead.page_id if lead else None
    if not own.own_agency:
        doc["agency"] = (lead.agency or None) if lead else None
    if not own.own_dateline:
        doc["dateline"] = _inherited(lead.dateline, lead.page_id) if lead and lead.dateline else None
    dateline = doc["dateline"] or {}
    date = (own.own_date or dateline.get("date")) if not own.own_dateline else row.date  # its own date first
    return row._replace(agency=doc["agency"], date=date, place=dateline.get("place_en"),
                        country=dateline.get("country"), doc=json.dumps(doc, **DOC_JSON))


def link_new(conn: sqlite3.Connection, row: ArticleRow, dispatch: DispatchRow | None) -> tuple[ArticleRow, DispatchRow | None]:
    """A new part's row with its lead's fields, when its lead is stored already."""
    if dispatch is None or not dispatch.part:
        return row, dispatch
    lead_id = _nearest(conn, dispatch.source, dispatch.key, dispatch.position)
    if lead_id is None:
        return row, dispatch
    return _apply(row, dispatch, _lead(conn, lead_id)), dispatch._replace(lead_id=lead_id)


def note(conn: sqlite3.Connection, dispatch: DispatchRow,
         changing: Callable[[str, int], None] = lambda article_id, sign: None) -> list[str]:
    """Record a new article's dispatch; for a lead, link the parts it is now nearest to, calling
    `changing(part, -1)` before a part's row changes and `changing(part, 1)` after (the counts follow).
    Returns the ids of the stored articles whose rows changed."""
    conn.execute("INSERT INTO dispatches (source, key, position, article_id, part, lead_id, own_dateline, "
                 "own_agency, own_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", dispatch)
    if dispatch.part:
        return []
    changed = []
    parts = conn.execute("SELECT * FROM dispatches WHERE source = ? AND key = ? AND part = 1",
                         (dispatch.source, dispatch.key)).fetchall()
    for part in map(DispatchRow._make, parts):
        lead_id = _nearest(conn, part.source, part.key, part.position)
        if lead_id == part.lead_id:
            continue
        stored = conn.execute(f"SELECT {', '.join(ArticleRow._fields)} FROM articles WHERE id = ?",
                              (part.article_id,)).fetchone()
        row = _apply(ArticleRow._make(stored), part, _lead(conn, lead_id) if lead_id else None)
        changing(part.article_id, -1)
        conn.execute("UPDATE articles SET agency = ?, date = ?, place = ?, country = ?, doc = ? WHERE id = ?",
                     (row.agency, row.date, row.place, row.country, docs.pack(row.doc), part.article_id))
        for table in ("article_entities", "quotes"):  # the rows that hold the article's date
            conn.execute(f"UPDATE {table} SET date = ? WHERE article_num = (SELECT num FROM articles WHERE id = ?)",
                         (row.date, part.article_id))
        conn.execute("UPDATE dispatches SET lead_id = ? WHERE source = ? AND key = ? AND part = 1 AND position = ? "
                     "AND article_id = ?", (lead_id, part.source, part.key, part.position, part.article_id))
        changing(part.article_id, 1)
        changed.append(part.article_id)
    return changed
