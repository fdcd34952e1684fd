"""The few places where the query layer's SQL differs between SQLite (the embedded store) and
PostgreSQL (a server for many users, pg.py): everything else in queries.py is written once.

Placeholders (`?`, `?1`) and `%` are translated by the PostgreSQL connection itself (pg.py); the
full-text match and the search keys' insert are the connection's own (FTS5 here, tsvector there). What
is left is said here: the writer (writer.py, aggregates.py, dedup.py) uses ON CONFLICT upserts, which
both engines take, and asks here for the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

URL_SCHEMES = ("postgresql://", "postgres://")


def is_url(db: object) -> bool:
    """Whether `db` names a PostgreSQL database (a libpq URL) rather than an SQLite file."""
    return isinstance(db, str) and db.startswith(URL_SCHEMES)


@dataclass(frozen=True, slots=True)
class Dialect:
    name: str
    # An inner join whose order the planner must keep: SQLite's CROSS JOIN; PostgreSQL's CROSS JOIN
    # takes no ON, and its planner orders joins by their estimated cost anyway.
    ordered_join: str
    # `column = ?` ignoring ASCII case, by the column's NOCASE index in SQLite, by lower() in PostgreSQL
    nocase_template: str
    # A REAL key column where '' stands for unknown (SQLite keys cannot be NULL); PostgreSQL keeps NULL.
    blank_template: str
    # The value written to such a key column for a NULL (`coalesce(x, '')` there, NULL kept here), and
    # the comparison that finds it (PostgreSQL's unique index treats NULLs as equal: NULLS NOT DISTINCT).
    key_blank_template: str
    key_equals_template: str
    # The smaller and the larger of two values (SQLite's scalar min/max are PostgreSQL's least/greatest).
    least: str
    greatest: str
    # How an insert gives back the new article's number: SQLite's cursor.lastrowid (free; RETURNING
    # would cost some 0.8 M instructions per article there), PostgreSQL's RETURNING.
    returning_num: str
    # Statements that open a write's transaction: one writer at a time, as SQLite's BEGIN IMMEDIATE
    # (PostgreSQL: a transaction-level advisory lock, held until COMMIT or ROLLBACK; readers never wait).
    begin: tuple[str, ...]
    # Statements run last in a write's transaction: PostgreSQL stamps `meta` with the transaction's id,
    # which tells every server reading the store that its cache is stale (SQLite's WAL file does).
    before_commit: tuple[str, ...]

    def nocase_equals(self, column: str, param: str = "?") -> str:
        return self.nocase_template.format(column=column, param=param)

    def blank_null(self, column: str) -> str:
        return self.blank_template.format(column=column)

    def key_blank(self, column: str) -> str:
        return self.key_blank_template.format(column=column)

    def key_equals(self, column: str, param: str = "?") -> str:
        return self.key_equals_template.format(column=column, param=param)


# Any 64-bit number, the same in every khabar: the lock that makes PostgreSQL writers take turns.
WRITE_LOCK = 0x6B686162_61720001
WRITTEN_KEY = "written"  # meta: the last write's stamp (PostgreSQL)
SQLITE = Dialect("sqlite", "CROSS JOIN", "{column} = {param} COLLATE NOCASE", "nullif({column}, '')",
                 "coalesce({column}, '')", "{column} = {param}", "min", "max", "", ("BEGIN IMMEDIATE",), ())
POSTGRES = Dialect("postgresql", "JOIN", "lower({column}) = lower({param})", "{column}", "{column}",
                   "{column} IS NOT DISTINCT FROM {param}", "least", "greatest", " RETURNING num",
                   ("BEGIN", f"SELECT pg_advisory_xact_lock({WRITE_LOCK})"),
                   (f"INSERT INTO meta (key, value) VALUES ('{WRITTEN_KEY}', pg_current_xact_id()::text) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",))


def of(conn: Any) -> Dialect:
    """The dialect of a store connection: PostgreSQL connections (pg.py) say theirs."""
    return getattr(conn, "dialect", SQLITE)
