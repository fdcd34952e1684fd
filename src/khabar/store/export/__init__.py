"""Exports of the store: the read contract as JSONL, Parquet tables, GDELT-style events, PLOVER JSONL.

Each writer streams rows from SQLite (constant memory) and returns what it wrote, by table or file;
a Selection (dates, PLOVER types, a country) restricts what is written (see select.py).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from khabar.run import require
from khabar.store.export.select import EVERYTHING, Selection

FORMATS = ("jsonl", "parquet", "dataset", "gdelt", "plover")


def export(conn: sqlite3.Connection, to: str, out: str | Path, selection: Selection = EVERYTHING) -> dict[str, int]:
    """Write the store (or the `selection` of it) in format `to` at `out` (a file; a folder for
    parquet and dataset); counts written."""
    writers: dict[str, Callable[[sqlite3.Connection, Path, Selection], dict[str, int]]]
    from khabar.store.export.gdelt import write_gdelt
    from khabar.store.export.jsonl import write_jsonl
    from khabar.store.export.parquet import write_dataset, write_parquet
    from khabar.store.export.plover import write_plover

    writers = {"jsonl": write_jsonl, "parquet": write_parquet, "dataset": write_dataset, "gdelt": write_gdelt,
               "plover": write_plover}
    if to not in writers:
        raise ValueError(f"unknown export format {to!r}: one of {', '.join(FORMATS)}")
    if to in ("parquet", "dataset"):
        require("pyarrow", "corpus")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    # Written aside and renamed whole: a killed or failed export leaves no truncated file at `out`.
    partial = out.with_name(f".{out.name}.partial-{os.getpid()}")
    try:
        counts = writers[to](conn, partial, selection)
        if to in ("parquet", "dataset"):  # a folder: its tables replace those of the same name
            out.mkdir(parents=True, exist_ok=True)
            for table in sorted(partial.iterdir()):
                if (out / table.name).is_dir():
                    shutil.rmtree(out / table.name)
                os.replace(table, out / table.name)
            partial.rmdir()
        else:
            os.replace(partial, out)
    finally:
        if partial.is_dir():
            shutil.rmtree(partial, ignore_errors=True)
        elif partial.exists():
            partial.unlink()
    return counts
