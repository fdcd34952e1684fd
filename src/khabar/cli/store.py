"""`khabar store copy`: an SQLite store copied into PostgreSQL, for `khabar serve --db postgresql://…`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from khabar.cli.checks import fail, needs
from khabar.errors import KhabarError


def copy(
    source: Annotated[Path, typer.Argument(help="The SQLite store (made by khabar ingest)")],
    url: Annotated[str, typer.Argument(help="The PostgreSQL database: postgresql://USER[:PASSWORD]@HOST[:PORT]/NAME")],
) -> None:
    """Copy SOURCE's tables and kept counts into the PostgreSQL database URL (replacing an earlier copy,
    in one transaction), with a full-text index of its search keys; then `khabar serve --db URL`."""
    from khabar.store.dialect import is_url

    needs("psycopg", "postgres")
    if not is_url(url):
        raise fail(f"{url}: not a PostgreSQL URL (postgresql://USER@HOST/NAME)")
    if not source.is_file():
        raise fail(f"{source}: no such store (make one with khabar ingest)")
    from khabar.store.copy import copy_store
    from khabar.store.pg import PgError, redact

    console = Console(stderr=True)
    try:
        copied = copy_store(source, url, progress=lambda table, rows: console.print(
            f"  {table}: {rows:,} rows", highlight=False))
    except (KhabarError, PgError) as exc:
        raise fail(str(exc)) from exc
    console.print(f"khabar: copied {copied.get('articles', 0):,} articles to {redact(url)} · "
                  f"khabar serve --db '{redact(url)}'", highlight=False)


def register(app: typer.Typer) -> None:
    """Add `khabar store` and its `copy`."""
    store_app = typer.Typer(no_args_is_help=True, help="The store in another engine (PostgreSQL).")
    store_app.command("copy")(copy)
    app.add_typer(store_app, name="store")
