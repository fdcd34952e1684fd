"""schema.sql as single statements, for the writer that makes a store and for a migration that
makes a table again."""

from __future__ import annotations

import sqlite3

from khabar.resources import data_path


def schema_statements() -> list[str]:
    """schema.sql as single statements (run one by one inside the caller's transaction)."""
    statements, pending = [], ""
    for line in data_path("khabar.store", "schema.sql").read_text(encoding="utf-8").splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    return statements
