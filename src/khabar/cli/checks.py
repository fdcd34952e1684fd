"""Checks of command options: a value the store cannot mean (a month 13, "US" for a country, an event
type PLOVER does not have) is refused with a message naming it, instead of an empty answer and exit 0.

Each check raises typer.BadParameter, which the command line shows with the option's name and exit
status 2; `needs` stops before the work with the install command of an optional library.
"""

from __future__ import annotations

import datetime as dt
import importlib
import sqlite3
from collections.abc import Callable

import typer
from rich.console import Console
from rich.markup import escape

from khabar.resources import data_path, read_tsv


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print `message` on standard error as plain text (escaped: "khabar[corpus]" is not markup)."""
    Console(stderr=True, soft_wrap=True).print(f"[bold red]khabar:[/] {escape(message)}", highlight=False)
    return typer.Exit(code)


def needs(module: str, extra: str) -> None:
    """Stop, before any work, with the command that installs an optional library (exit status 1)."""
    try:
        importlib.import_module(module)
    except ImportError:
        raise fail(f"this needs {module}: pip install 'khabar[{extra}]'") from None


def day(value: str | None, option: str = "--date") -> str | None:
    """An ISO date (YYYY-MM-DD), or None when not given."""
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD", param_hint=option) from None


def date_range(date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
    """Both bounds checked, and refused when the first comes after the second."""
    start, end = day(date_from, "--from"), day(date_to, "--to")
    if start and end and start > end:
        raise typer.BadParameter(f"--from {start} comes after --to {end}", param_hint="--from")
    return start, end


def _iso3() -> frozenset[str]:
    """ISO3 codes of the states in the knowledge base."""
    return frozenset(row["iso3"] for _, row in read_tsv(data_path("khabar.kb", "data/states.tsv"), ("iso3",)))


def country(value: str | None, conn: sqlite3.Connection | None = None) -> str | None:
    """An ISO3 country code (any case): a state of the knowledge base or a country the store holds."""
    if not value:
        return None
    code = value.upper()
    if code in _iso3():
        return code
    if conn is not None and conn.execute("SELECT 1 FROM articles WHERE country = ?1 UNION ALL "
                                         "SELECT 1 FROM entities WHERE country = ?1 LIMIT 1", (code,)).fetchone():
        return code
    hint = " (a two-letter code? use the three-letter ISO 3166 code, e.g. USA, SAU)" if len(code) == 2 else ""
    raise typer.BadParameter(f"{value!r} is not an ISO3 country code{hint}", param_hint="--country")


def event_type(value: str | None, option: str = "--type") -> str | None:
    """A PLOVER event type (any case)."""
    from khabar.events.scales import PLOVER_TYPES  # on use: importing events loads the coder

    if not value:
        return None
    if value.upper() not in PLOVER_TYPES:
        raise typer.BadParameter(f"{value!r} is not a PLOVER event type; one of {', '.join(PLOVER_TYPES)}",
                                 param_hint=option)
    return value.upper()


def at_least(low: int) -> Callable[[int | None], int | None]:
    """An option callback refusing numbers under `low`, naming the value given."""

    def check(value: int | None) -> int | None:
        if value is not None and value < low:
            raise typer.BadParameter(f"{value} is less than {low}")
        return value

    return check
