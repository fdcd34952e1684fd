"""Corpus commands (ingest, search, entities, events, stats, export, bench ingest)."""

from __future__ import annotations

import typer


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    """Add the corpus commands to the `khabar` command and to `khabar bench`."""
