"""Which part of the store an export writes: a date range, PLOVER types, a country.

Dates bound the article's date (bounds included). For event exports (GDELT, PLOVER) `types` keep events
of those types and `country` keeps events with an actor of that country or filed from it; for article
exports (JSONL, Parquet) they keep the articles that hold such an event or are filed from or name that
country (as `khabar search` filters).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Selection:
    date_from: str | None = None
    date_to: str | None = None
    types: tuple[str, ...] = ()
    country: str | None = None

    def __bool__(self) -> bool:
        return bool(self.date_from or self.date_to or self.types or self.country)

    def events(self) -> tuple[str, list[Any]]:
        """SQL condition on events `ev` joined to their articles `a`, and its parameters."""
        clauses, params = self._dates()
        if self.types:
            clauses.append(f"ev.type IN ({','.join('?' * len(self.types))})")
            params += list(self.types)
        if self.country:
            clauses.append("(ev.source = ? OR ev.target = ? OR a.country = ?)")
            params += [self.country] * 3
        return " AND ".join(clauses) or "1", params

    def articles(self, conn: sqlite3.Connection) -> tuple[str, list[Any]]:
        """SQL condition on articles `a`, and its parameters."""
        from khabar.store.queries import Filters, _where

        clauses, params = _where(conn, Filters(self.date_from, self.date_to, country=self.country))
        if self.types:
            clauses.append(f"a.num IN (SELECT article_num FROM events WHERE type IN ({','.join('?' * len(self.types))}))")
            params += list(self.types)
        return " AND ".join(clauses) or "1", params

    def _dates(self) -> tuple[list[str], list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if self.date_from:
            clauses.append("a.date >= ?")
            params.append(self.date_from)
        if self.date_to:
            clauses.append("a.date <= ?")
            params.append(self.date_to)
        return clauses, params


EVERYTHING = Selection()
