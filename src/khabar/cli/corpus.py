"""Corpus commands (ingest, demo-corpus, search, entities, events, stats, export, bench ingest).

Each parses options, calls one library function in khabar.store and renders its answer: a rich table
by default, or JSON with --format json. The store is one SQLite file, khabar.db in the working folder
unless --db says otherwise.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich import progress as bars
from rich.console import Console
from rich.table import Table
from rich.text import Text

from khabar.cli import checks
from khabar.errors import KhabarError
from khabar.sources.page import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from khabar.run import Runner

DB_HELP = "The store (an SQLite file; created by ingest)"
DbOption = Annotated[Path, typer.Option("--db", help=DB_HELP)]
# ingest writes into an SQLite file or a PostgreSQL database: kept as written (a URL is not a path)
StoreOption = Annotated[str, typer.Option("--db", help="The store: an SQLite file or a postgresql:// URL "
                                          "(created by ingest)")]
LimitOption = Annotated[int, typer.Option("--limit", callback=checks.at_least(1), help="At most this many rows")]
FromOption = Annotated[str | None, typer.Option("--from", help="Articles dated on or after YYYY-MM-DD")]
ToOption = Annotated[str | None, typer.Option("--to", help="Articles dated on or before YYYY-MM-DD")]
DEFAULT_DB = Path("khabar.db")
DEMO_COUNTS = ("articles", "pages", "exact_duplicates", "near_duplicates", "stories", "repeated_urls", "entities",
               "mentions", "events", "story_events", "quotes", "errors")


class Shape(StrEnum):
    table = "table"
    json = "json"


class FigureShape(StrEnum):
    text = "text"
    json = "json"


class Engine(StrEnum):
    local = "local"
    dask = "dask"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    parquet = "parquet"
    dataset = "dataset"  # Parquet partitioned by month and outlet
    gdelt = "gdelt"
    plover = "plover"


FormatOption = Annotated[Shape, typer.Option("--format", "-f", help="table (readable) or json")]


_fail = checks.fail


def _reader(db: Path) -> sqlite3.Connection:
    from khabar.store.db import open_store

    try:
        return open_store(db)
    except KhabarError as exc:
        raise _fail(str(exc)) from exc


def _json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=1) + "\n")


def _render(title: str, rows: list[dict[str, Any]], format: Shape) -> None:
    if format is Shape.json:
        _json(rows)
    else:
        _table(title, rows)


def _table(title: str, rows: list[dict[str, Any]], columns: list[str] | None = None) -> None:
    table = Table(title=title, title_justify="left")
    columns = columns or (list(rows[0]) if rows else [])
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    Console().print(table)


def _runner(engine: Engine, workers: int | None, scheduler: str | None, shards: Path | None) -> Runner:
    if engine is Engine.dask or scheduler or shards:
        from khabar.run.dask_cluster import DaskRunner

        return DaskRunner(scheduler, workers or 2, str(shards) if shards else None)
    from khabar.run.local import LocalRunner, default_workers

    return LocalRunner(workers or default_workers())


def _draw(events: Iterator[Any]) -> Any:
    """Show ingest progress events as a bar on standard error; returns the last event."""
    columns = (bars.TextColumn("{task.description}"), bars.BarColumn(), bars.MofNCompleteColumn(),
               bars.TextColumn("{task.fields[rate]}"), bars.TimeElapsedColumn(), bars.TextColumn("left"),
               bars.TimeRemainingColumn())
    last = None
    # No refresh thread: the pool forks its workers (sharing the loaded models) only while this
    # process runs one thread; the bar is redrawn on each event instead (one per batch).
    with bars.Progress(*columns, console=Console(stderr=True), auto_refresh=False) as bar:
        task = bar.add_task("pages", total=None, rate="")
        for last in events:
            rate = last.articles / last.seconds if last.seconds else 0.0
            description = "stories" if last.phase == "stories" else "pages"
            bar.update(task, completed=last.pages, total=last.total, description=description,
                       rate=f"{rate:,.0f} articles/s · {last.errors} errors · {last.skipped} already stored",
                       refresh=True)
    return last


def _ingest(sources: list[str], db: Path | str, runner: Any, limit: int | None, plain: bool,
            max_bytes: int = DEFAULT_MAX_BYTES) -> Any:
    from khabar.settings import Settings
    from khabar.store.ingest import ingest

    try:
        return _draw(ingest(sources, db, Settings(plain=plain, max_bytes=max_bytes), runner, limit=limit))
    except KeyboardInterrupt:
        raise _fail("stopped; what was written is kept: run the same command again to finish", 130) from None
    except KhabarError as exc:
        raise _fail(str(exc)) from exc


def _country(value: str | None, conn: sqlite3.Connection) -> str | None:
    try:
        return checks.country(value, conn)
    except typer.BadParameter:
        conn.close()
        raise


ENTITY_TYPES = ("PER", "ORG", "LOC", "MISC")


def _entity_type(value: str | None) -> str | None:
    if value and value.upper() not in ENTITY_TYPES:
        raise typer.BadParameter(f"{value!r} is not an entity type; one of {', '.join(ENTITY_TYPES)}",
                                 param_hint="--type")
    return value.upper() if value else None


def _summary(last: Any, db: Path | str) -> None:
    from khabar.store.pg import redact

    rate = last.articles / last.seconds if last.seconds else 0.0
    Console(stderr=True, soft_wrap=True).print(
        f"{redact(str(db))}: {last.articles:,} new articles from {last.pages:,} pages in {last.seconds:.1f} s ({rate:,.1f}/s); "
        f"{last.skipped:,} already stored, {last.errors:,} errors, {last.inputs_skipped} inputs read before")
    if last.articles:  # the writer's share: what the store costs beside the reading (workers)
        per = 1000 / last.articles
        Console(stderr=True, soft_wrap=True).print(
            f"per 1,000 articles: writing {last.write_seconds * per:.1f} s ({last.write_cpu_seconds * per:.1f} s CPU), "
            f"waiting for the readers {last.wait_seconds * per:.1f} s")


def _demo_summary(db: Path) -> dict[str, Any]:
    from khabar.store import queries

    conn = _reader(db)
    try:
        return {"stats": queries.stats(conn), "entities": queries.entities(conn, linked=True, limit=8),
                "events": queries.events(conn, coded=True, limit=8)}
    finally:
        conn.close()


def _show_search(answer: dict[str, Any]) -> None:
    table = Table(title=f"{answer['total']:,} articles · keys: {' '.join(answer['keys']) or '—'}",
                  title_justify="left")
    for column in ("date", "from", "headline", "snippet", "id"):
        table.add_column(column, overflow="fold", no_wrap=column in ("date", "id"))
    for row in answer["results"]:
        snippet = Text(row.get("snippet") or "")
        for start, end in row.get("hits") or []:
            snippet.stylize("bold yellow", start, end)
        table.add_row(row["date"] or "", row["agency"] or row["outlet"] or "", row["headline"] or "", snippet,
                      row["id"])
    Console().print(table)


def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files, folders, JSONL, TREC, archives, WARC, JSON")],
    db: StoreOption = str(DEFAULT_DB),
    workers: Annotated[int | None, typer.Option("--workers", "-w", help="Reading processes (all cores)")] = None,
    engine: Annotated[Engine, typer.Option("--engine", help="local processes or a Dask cluster")] = Engine.local,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler address")] = None,
    shards: Annotated[Path | None, typer.Option("--shards", help="Dask workers write Parquet here")] = None,
    limit: Annotated[int | None, typer.Option("--limit", callback=checks.at_least(1), help="Read at most this many pages")] = None,
    plain: Annotated[bool, typer.Option("--plain", help="Inputs are clean article text")] = False,
    max_bytes: Annotated[int, typer.Option("--max-bytes", callback=checks.at_least(1), help="Refuse inputs larger than this")]
    = DEFAULT_MAX_BYTES,
) -> None:
    """Read SOURCES with the full pipeline into the store (khabar.db here unless --db): resumable, and a
    no-op for what the store already holds. --db postgresql://… writes into a PostgreSQL database
    (its tables are made in an empty one)."""
    from khabar.store.dialect import is_url

    store = db if is_url(db) else Path(db)
    last = _ingest(sources, store, _runner(engine, workers, scheduler, shards), limit, plain, max_bytes)
    if last is not None:
        _summary(last, store)
        if last.pages == 0 and last.inputs_skipped == 0:
            from khabar.cli.skipped import nothing_read

            raise _fail(nothing_read(sources))


def demo_corpus(
    db: DbOption = DEFAULT_DB,
    workers: Annotated[int | None, typer.Option("--workers", "-w", help="Reading processes")] = None,
    format: FormatOption = Shape.table,
) -> None:
    """Ingest the demo corpus that ships with khabar (invented dispatches) and show what the store holds."""
    from khabar.run.local import LocalRunner, default_workers
    from khabar.samples.demo import demo_folder

    _ingest([str(demo_folder())], db, LocalRunner(workers or min(2, default_workers())), None, False)
    summary = _demo_summary(db)
    if format is Shape.json:
        _json(summary)
        return
    counts = summary["stats"]
    _table(f"{db}", [{"what": k, "count": f"{counts[k]:,}"} for k in DEMO_COUNTS])
    _table("top entities", summary["entities"], ["name_en", "name_ar", "type", "country", "stories", "mentions"])
    _table("top event dyads (each story counted once)", summary["events"],
           ["type", "source", "target", "stories", "articles"])
    Console().print(f"Next: khabar search QUERY --db {db} · khabar entities · khabar events · khabar export")


def search(
    query: Annotated[str, typer.Argument(help='Words and "phrases"; any written form matches')] = "",
    date_from: FromOption = None, date_to: ToOption = None,
    agency: Annotated[str | None, typer.Option("--agency", help="KUNA, SPA, WAM, QNA, AFP …")] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="The outlet a page came from")] = None,
    entity: Annotated[str | None, typer.Option("--entity", help="An entity id, English or Arabic name")] = None,
    country: Annotated[str | None, typer.Option("--country", help="ISO3: filed from, or naming")] = None,
    event: Annotated[str | None, typer.Option("--event", help="A PLOVER event type")] = None,
    db: DbOption = DEFAULT_DB, limit: LimitOption = 10,
    offset: Annotated[int, typer.Option("--offset", callback=checks.at_least(0), help="Skip this many results")] = 0,
    format: FormatOption = Shape.table,
) -> None:
    """Full-text search (Arabic-aware: clitics, spelling variants, light stems), with filters."""
    from khabar.store import queries

    date_from, date_to = checks.date_range(date_from, date_to)
    event = checks.event_type(event, "--event")
    conn = _reader(db)
    filters = queries.Filters(date_from, date_to, agency, outlet, entity, _country(country, conn), event)
    answer = queries.search(conn, query, filters, limit=limit, offset=offset)
    conn.close()
    if format is Shape.json:
        _json(answer)
    else:
        _show_search(answer)


def entities(
    type: Annotated[str | None, typer.Option("--type", help="PER, ORG, LOC or MISC")] = None,
    country: Annotated[str | None, typer.Option("--country", help="ISO3 of articles' country")] = None,
    linked: Annotated[bool, typer.Option("--linked", help="Only entities of the knowledge base")] = False,
    date_from: FromOption = None, date_to: ToOption = None,
    db: DbOption = DEFAULT_DB, limit: LimitOption = 20, format: FormatOption = Shape.table,
    forms: Annotated[bool, typer.Option("--forms", help="Every Arabic form linked to each entity")] = False,
) -> None:
    """Entities named in the store, by the number of stories that name them."""
    from khabar.store import queries

    date_from, date_to = checks.date_range(date_from, date_to)
    type = _entity_type(type)
    conn = _reader(db)
    if forms:
        from khabar.cli.kb import show_forms

        show_forms(conn, type, limit, as_json=format is Shape.json)
        conn.close()
        return
    rows = queries.entities(conn, queries.Filters(date_from, date_to, country=_country(country, conn)), type=type,
                            linked=linked, limit=limit)
    conn.close()
    _render("entities (by stories naming them)", rows, format)


def events(
    type: Annotated[str | None, typer.Option("--type", help="A PLOVER event type")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="ISO3 or code of source or target")] = None,
    source: Annotated[str | None, typer.Option("--source", help="ISO3 or code of the source only")] = None,
    target: Annotated[str | None, typer.Option("--target", help="ISO3 or code of the target only")] = None,
    all_modes: Annotated[bool, typer.Option("--all", help="Count negated, future, hypothetical too")] = False,
    coded: Annotated[bool, typer.Option("--coded", help="Only events with source and target known")] = False,
    date_from: FromOption = None, date_to: ToOption = None,
    db: DbOption = DEFAULT_DB, limit: LimitOption = 20, format: FormatOption = Shape.table,
) -> None:
    """Event dyads (type, source, target), each story counted once."""
    from khabar.store import queries

    date_from, date_to = checks.date_range(date_from, date_to)
    type = checks.event_type(type)
    if actor and (source or target):
        raise typer.BadParameter("--actor is either side; give it, or --source/--target, not both",
                                 param_hint="--actor")
    conn = _reader(db)
    where = queries.Filters(date_from, date_to, event_type=type)
    if source or target:  # the sides apart, with the mean Goldstein score
        rows = queries.dyads(conn, where, source=source, target=target, all_modes=all_modes, coded=coded,
                             limit=limit)
    else:
        rows = queries.events(conn, where, actor=actor, all_modes=all_modes, coded=coded, limit=limit)
    conn.close()
    _render("event dyads (each story counted once)", rows, format)


def stats(db: DbOption = DEFAULT_DB, format: FormatOption = Shape.table) -> None:
    """Counts: articles, pages, duplicates, stories, repeated URLs, entities, mentions, events, quotes, errors."""
    from khabar.store import queries

    conn = _reader(db)
    counts = queries.stats(conn)
    conn.close()
    if format is Shape.json:
        _json(counts)
    else:
        _table(str(db), [{"what": k, "count": f"{v:,}"} for k, v in counts.items()])


def export(
    format: Annotated[ExportFormat | None, typer.Option(
        "--format", "-f", help="jsonl, parquet (a folder), dataset (a folder partitioned by month and outlet), "
        "gdelt (TSV), plover (JSONL)")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="File to write (a folder for parquet and dataset)")] = None,
    date_from: FromOption = None, date_to: ToOption = None,
    type: Annotated[list[str] | None, typer.Option("--type", help="PLOVER event types (repeat for more)")] = None,
    country: Annotated[str | None, typer.Option("--country", help="ISO3: events with an actor of, or filed "
                                                "from, that country (articles filed from or naming it)")] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Export the store, or the part of it the filters choose: the read contract, Parquet tables,
    GDELT-style events or PLOVER records."""
    from khabar.store.export import export as run_export
    from khabar.store.export.select import Selection

    if date_to in ExportFormat.__members__:
        raise typer.BadParameter(f"{date_to!r} is not a date: the format is --format {date_to} "
                                 "(--to is the last date)", param_hint="--to")
    if format is None or out is None:
        missing = "--format (jsonl, parquet, dataset, gdelt or plover)" if format is None else "--out"
        raise typer.BadParameter(f"export needs {missing}", param_hint=missing.split()[0])
    date_from, date_to = checks.date_range(date_from, date_to)
    types = tuple(dict.fromkeys(checks.event_type(t) for t in type or ()))
    conn = _reader(db)
    selection = Selection(date_from, date_to, types, _country(country, conn))
    try:
        counts = run_export(conn, format.value, out, selection)
    except KhabarError as exc:
        raise _fail(str(exc)) from exc
    finally:
        conn.close()
    Console(stderr=True, soft_wrap=True).print(f"{out}: " + ", ".join(f"{v:,} {k}" for k, v in counts.items()))


def bench_ingest(
    sources: Annotated[list[str], typer.Argument(help="A corpus: files, folders or archives")],
    format: Annotated[FigureShape, typer.Option("--format", "-f", help="text or json")] = FigureShape.text,
    limit: Annotated[int | None, typer.Option("--limit", help="Read at most this many pages")] = None,
    workers: Annotated[int | None, typer.Option("--workers", "-w", help="Reading processes")] = None,
    engine: Annotated[Engine, typer.Option("--engine")] = Engine.local,
    db: Annotated[Path | None, typer.Option("--db", help="Keep the store here (default: temporary)")] = None,
) -> None:
    """Articles/s of ingesting SOURCES, then p50/p95 latency of a fixed set of searches on the store."""
    from khabar.store.measure import bench_ingest as run

    try:
        figures = run(sources, _runner(engine, workers, None, None), limit=limit, db=db)
    except KhabarError as exc:
        raise _fail(str(exc)) from exc
    if format is FigureShape.json:
        print(json.dumps(figures, ensure_ascii=False))
        return
    for key, value in figures.items():
        print(f"{key} {json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else value}")


def bench_dataset(
    db: DbOption = DEFAULT_DB,
    out: Annotated[Path | None, typer.Option("--out", help="Export here and keep it (default: temporary)")] = None,
    engine: Annotated[list[str] | None, typer.Option("--engine", help="duckdb, dask (default: both)")] = None,
    layout: Annotated[str, typer.Option("--layout", help="dataset (partitioned by month and outlet) or parquet "
                                        "(a file per table)")] = "dataset",
    format: Annotated[FigureShape, typer.Option("--format", "-f", help="text or json")] = FigureShape.text,
) -> None:
    """Export the store as Parquet, count with DuckDB and Dask what `khabar stats` and `khabar events`
    count, and compare; exits 1 when a count differs."""
    from khabar.store.export.dataset import ENGINES, check_dataset

    engines = tuple(engine or ENGINES)
    unknown = [e for e in engines if e not in ENGINES]
    if unknown:
        raise typer.BadParameter(f"unknown engine {unknown[0]!r}: one of {', '.join(ENGINES)}", param_hint="--engine")
    if layout not in ("dataset", "parquet"):
        raise typer.BadParameter(f"unknown layout {layout!r}: dataset or parquet", param_hint="--layout")
    conn = _reader(db)
    try:
        figures = check_dataset(conn, out, engines, layout)
    except ImportError as exc:
        raise _fail(f"{exc.name} is not installed: pip install 'khabar[dataset]'") from exc
    finally:
        conn.close()
    if format is FigureShape.json:
        print(json.dumps(figures, ensure_ascii=False))
    else:
        print(f"store: {figures['stats']} counts of `khabar stats`, {figures['dyads']} dyads of `khabar events`; "
              f"export {figures['export_seconds']} s")
        for name, found in figures["engines"].items():
            verdict = "all agree" if not found["differences"] else "; ".join(found["differences"])
            print(f"{name}: {found['seconds']} s, {verdict}")
    if any(found["differences"] for found in figures["engines"].values()):
        raise typer.Exit(1)


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    """Add the corpus commands to the `khabar` command and to `khabar bench`."""
    app.command()(ingest)
    app.command("demo-corpus")(demo_corpus)
    app.command()(search)
    app.command()(entities)
    app.command()(events)
    app.command()(stats)
    app.command()(export)
    bench_app.command("ingest")(bench_ingest)
    bench_app.command("dataset")(bench_dataset)
