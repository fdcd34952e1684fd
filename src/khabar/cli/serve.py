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
from khabar.serve.environment import DB_ENV, TOKEN_ENV

DEFAULT_DB = Path("khabar.db")
DbOption = Annotated[Path, typer.Option("--db", help="The store (an SQLite file; created by ingest)")]
# An SQLite file or a postgresql:// URL: kept as written (a URL is not a path)
ServedOption = Annotated[str, typer.Option("--db", help="The store: an SQLite file (created by ingest) or a "
                                           "postgresql:// URL (made by khabar ingest or khabar store copy)")]


def _store(db: str) -> str | Path:
    from khabar.store.dialect import is_url

    return db if is_url(db) else Path(db)


class FigureShape(StrEnum):
    text = "text"
    json = "json"


_fail = fail
SERVE_LIBRARIES = ("fastapi", "uvicorn", "jinja2")  # the `serve` extra


def serve(
    db: ServedOption = str(DEFAULT_DB),
    host: Annotated[str, typer.Option("--host", help="Address to listen on (this machine only by default)")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on")] = 8000,
    token: Annotated[str | None, typer.Option("--token", help=f"Enables POST /api/v1/articles, which must send "
                                              f"it as a Bearer token (or set {TOKEN_ENV})")] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, max=64,
                                         help="Server processes (one answers on one core at a time)")] = 1,
) -> None:
    """Serve the store: the dashboard at / and the JSON API under /api/v1 (schema at /openapi.json)."""
    for module in SERVE_LIBRARIES:
        needs(module, "serve")
    from khabar.serve.app import create_app
    from khabar.serve.server import run, run_processes
    from khabar.store.pg import redact

    store = _store(db)
    token = token or os.environ.get(TOKEN_ENV) or None
    try:
        app = create_app(store, token=token)  # also checks the store before any process starts
    except KhabarError as exc:
        raise _fail(str(exc)) from exc
    writes = "on (token required)" if app.state.store.token else "off (read-only)"
    processes = f" · {workers} processes" if workers > 1 else ""
    Console(stderr=True).print(f"khabar: serving {redact(db)} at http://{host}:{port}/ · writes {writes}{processes}",
                               highlight=False)
    if workers == 1:
        run(app, host, port)
        return
    app.state.store.close()
    os.environ[DB_ENV] = store if isinstance(store, str) else str(store.resolve())
    if token:
        os.environ[TOKEN_ENV] = token
    run_processes("khabar.serve.app:app_from_environment", workers, host, port)


def bench_serve(
    db: ServedOption = str(DEFAULT_DB),
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
        figures = run(_store(db), repeats=repeats, cache=cache)
    except KhabarError as exc:
        raise _fail(str(exc)) from exc
    if format is FigureShape.json:
        print(json.dumps(figures, ensure_ascii=False))
        return
    from khabar.store.pg import redact

    table = Table(title=f"{redact(db)} · {repeats} requests each · cache {'on' if cache else 'off'}", title_justify="left")
    for column in ("call", "path", "first ms", "p50 ms", "p95 ms", "max ms"):
        table.add_column(column, overflow="fold")
    for label, row in figures["calls"].items():
        table.add_row(label, row["path"], *(str(row[k]) for k in ("first_ms", "p50_ms", "p95_ms", "max_ms")))
    Console().print(table)


def bench_load(
    db: DbOption = DEFAULT_DB,
    clients: Annotated[int, typer.Option("--clients", min=1, max=500, help="Clients asking at once")] = 50,
    seconds: Annotated[float, typer.Option("--seconds", min=1, max=3600, help="How long they ask")] = 60.0,
    ingest: Annotated[list[str] | None, typer.Option("--ingest", help="Sources ingested into the same store "
                                                       "meanwhile (repeat for more)")] = None,
    ingest_limit: Annotated[int | None, typer.Option("--ingest-limit", min=1, help="Pages of --ingest at most")]
    = None,
    server_workers: Annotated[int, typer.Option("--server-workers", min=1, max=64,
                                                help="Processes of the server (khabar serve --workers)")] = 1,
    format: Annotated[FigureShape, typer.Option("--format", "-f", help="text or json")] = FigureShape.text,
) -> None:
    """CLIENTS at once for SECONDS against `khabar serve` on 127.0.0.1, optionally while an ingest
    writes to the same store: requests, errors and p50/p95/max latency (ms) of every page and API call."""
    for module in SERVE_LIBRARIES:
        needs(module, "serve")
    if not db.is_file():
        raise _fail(f"{db}: no such store (make one with khabar ingest)")
    from khabar.serve.load import bench_load as run

    try:
        figures = run(db, clients=clients, seconds=seconds, ingest=ingest or (), ingest_limit=ingest_limit,
                      server_workers=server_workers)
    except (KhabarError, RuntimeError) as exc:
        raise _fail(str(exc)) from exc
    if format is FigureShape.json:
        print(json.dumps(figures, ensure_ascii=False))
        return
    title = (f"{db} · {server_workers} server processes · {clients} clients · {seconds:g} s · ingest {figures['ingest_status'] or 'none'} · "
             f"{figures['requests']} requests, {figures['errors']} errors")
    table = Table(title=title, title_justify="left")
    for column in ("call", "path", "requests", "errors", "p50 ms", "p95 ms", "max ms"):
        table.add_column(column, overflow="fold")
    for label, row in figures["calls"].items():
        table.add_row(label, row["path"], *(str(row[k]) for k in ("requests", "errors", "p50_ms", "p95_ms", "max_ms")))
    Console().print(table)


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    """Add `serve` to the `khabar` command and `serve` and `load` to `khabar bench`."""
    app.command()(serve)
    bench_app.command("serve")(bench_serve)
    bench_app.command("load")(bench_load)
