"""The few places where the query layer's SQL differs between SQLite (the embedded store) and
PostgreSQL (a server for many users, pg.py): everything else in queries.py is written once.

Placeholders (`?`, `?1`) and `%` are translated by the PostgreSQL connection itself (pg.py); the
full-text match is the connection's own (FTS5 here, tsvector there). What is left is said here.
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

    def nocase_equals(self, column: str, param: str = "?") -> str:
        return self.nocase_template.format(column=column, param=param)

    def blank_null(self, column: str) -> str:
        return self.blank_template.format(column=column)


SQLITE = Dialect("sqlite", "CROSS JOIN", "{column} = {param} COLLATE NOCASE", "nullif({column}, '')")
POSTGRES = Dialect("postgresql", "JOIN", "lower({column}) = lower({param})", "{column}")


def of(conn: Any) -> Dialect:
    """The dialect of a store connection: PostgreSQL connections (pg.py) say theirs."""
    return getattr(conn, "dialect", SQLITE)
