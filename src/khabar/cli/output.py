"""Rendering answers: JSON lines, a JSON array, or readable text with rich."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any

from rich.console import Console
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
    if record.get("error"):
        console.print(f"[bold red]{record['id']}[/]: {record['error']}")
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
    table.add_row("sentences", str(len(record.get("sentences") or [])))
    for key in ("entities", "events", "quotes"):
        if record.get(key):
            table.add_row(key, str(len(record[key])))
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
