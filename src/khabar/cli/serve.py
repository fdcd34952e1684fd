"""`khabar serve` (the API and dashboard) and `khabar bench serve` (their latency)."""

from __future__ import annotations

import json
import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from khabar.cli.checks import fail, needs
from khabar.errors import KhabarError

DEFAULT_DB = Path("khabar.db")
DbOption = Annotated[Path, typer.Option("--db", help="The store (an SQLite file; created by ingest)")]
TOKEN_ENV = "KHABAR_TOKEN"


class FigureShape(StrEnum):
    text = "text"
    json = "json"


_fail = fail
SERVE_LIBRARIES = ("fastapi", "uvicorn", "jinja2")  # the `serve` extra


def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option("--host", help="Address to listen on (this machine only by default)")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on")] = 8000,
    token: Annotated[str | None, typer.Option("--token", help=f"Enables POST /api/v1/articles, which must send "
                                              f"it as a Bearer token (or set {TOKEN_ENV})")] = None,
) -> None:
    """Serve the store: the dashboard at / and the JSON API under /api/v1 (schema at /openapi.json)."""
    for module in SERVE_LIBRARIES:
        needs(module, "serve")
    from khabar.serve.app import create_app
    from khabar.serve.server import run

    try:
        app = create_app(db, token=token or os.environ.get(TOKEN_ENV) or None)
    except KhabarError as exc:
        raise _fail(str(exc)) from exc
    writes = "on (token required)" if app.state.store.token else "off (read-only)"
    Console(stderr=True).print(f"khabar: serving {db} at http://{host}:{port}/ · writes {writes}", highlight=False)
    run(app, host, port)


def bench_serve(
    db: DbOption = DEFAULT_DB,
    format: Annotated[FigureShape, typer.Option("--format", "-f", help="text or json")] = FigureShape.text,
    repeats: Annotated[int, typer.Option("--repeats", help="Requests per page or call")] = 20,
    cache: Annotated[bool, typer.Option("--cache/--no-cache", help="Keep answers until the store changes")]
    = True,
) -> None:
    """p50/p95 latency (ms) of the dashboard's main pages and of the API calls, served over HTTP
    (the first request of each, then the next ones)."""
    for module in SERVE_LIBRARIES:
        needs(module, "serve")
    from khabar.serve.measure import bench_serve as run

    try:
        figures = run(db, repeats=repeats, cache=cache)
    except KhabarError as exc:
        raise _fail(str(exc)) from exc
    if format is FigureShape.json:
        print(json.dumps(figures, ensure_ascii=False))
        return
    table = Table(title=f"{db} · {repeats} requests each · cache {'on' if cache else 'off'}", title_justify="left")
    for column in ("call", "path", "first ms", "p50 ms", "p95 ms", "max ms"):
        table.add_column(column, overflow="fold")
    for label, row in figures["calls"].items():
        table.add_row(label, row["path"], *(str(row[k]) for k in ("first_ms", "p50_ms", "p95_ms", "max_ms")))
    Console().print(table)


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    """Add `serve` to the `khabar` command and `serve` to `khabar bench`."""
    app.command()(serve)
    bench_app.command("serve")(bench_serve)
