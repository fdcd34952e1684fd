"""Rendering answers: JSON lines, a JSON array, or readable text with rich."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table


def write_jsonl(records: Iterable[dict[str, Any]]) -> None:
    out = sys.stdout
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()


def write_json(records: Iterable[dict[str, Any]]) -> None:
    json.dump(list(records), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def write_pretty_article(record: dict[str, Any], console: Console) -> None:
    """The article's fields, then its entities, events and quotes as tables (each only when found)."""
    if record.get("error"):
        console.print(f"[bold red]{escape(record['id'])}[/]: {escape(record['error'])}")
        return
    table = Table(title=record["id"], show_header=False, expand=True)
    table.add_column("field", style="bold", no_wrap=True)
    table.add_column("value")
    dateline = record.get("dateline") or {}
    table.add_row("headline", record.get("headline") or "—")
    table.add_row("agency", record.get("agency") or "—")
    if dateline:
        place = " / ".join(str(dateline.get(k)) for k in ("place", "place_en", "country") if dateline.get(k))
        when = dateline.get("date") or "-".join(str(dateline.get(k) or "?") for k in ("day", "month", "year"))
        table.add_row("dateline", f"{place}  {when}")
    body = record.get("body") or ""
    table.add_row("body", body[:300] + ("…" if len(body) > 300 else ""))
    table.add_row("counts", f"{len(record.get('sentences') or [])} sentences · "
                            f"{len(record.get('entities') or [])} mentions of "
                            f"{len(record.get('entity_list') or [])} entities · "
                            f"{len(record.get('events') or [])} events · "
                            f"{len(record.get('quotes') or []) + len(record.get('reported') or [])} quotations")
    console.print(table)
    _rows(console, "entities", ("name", "type", "id", "country", "mentions"),
          [(e.get("name_en") or (e.get("mentions") or [""])[0], e.get("type"), e.get("id"), e.get("country"),
            " · ".join(dict.fromkeys(e.get("mentions") or ()))) for e in record.get("entity_list") or ()])
    _rows(console, "events", ("type", "CAMEO", "source", "target", "trigger", "where", "mode"),
          [(e.get("type"), e.get("cameo"), _actor(e, "source"), _actor(e, "target"), e.get("trigger"),
            "headline" if (e.get("sentence") or 0) < 0 else f"sentence {e.get('sentence')}", _mode(e))
           for e in record.get("events") or ()])
    quotes = [*(record.get("quotes") or ()), *(record.get("reported") or ())]
    _rows(console, "quotations", ("speaker", "kind", "text"),
          [(q.get("speaker_en") or q.get("speaker"), q.get("kind"), q.get("text")) for q in quotes])


def _actor(event: dict[str, Any], role: str) -> str:
    code, text = event.get(role), event.get(f"{role}_text")
    return " ".join(x for x in (code, f"({text})" if text else None) if x) or "—"


def _mode(event: dict[str, Any]) -> str:
    flags = [name for name in ("negated", "future", "hypothetical") if event.get(name)]
    return ", ".join([*filter(None, [event.get("mode")]), *flags])


def _rows(console: Console, title: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    if not rows:
        return
    table = Table(title=title, title_justify="left", expand=True)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*("" if v is None else escape(str(v)) for v in row))
    console.print(table)


def write_table(title: str, rows: list[dict[str, Any]], console: Console | None = None) -> None:
    console = console or Console()
    table = Table(title=title)
    if rows:
        for key in rows[0]:
            table.add_column(str(key))
        for row in rows:
            table.add_row(*(str(v) for v in row.values()))
    console.print(table)
