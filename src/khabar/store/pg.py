"""A khabar store in PostgreSQL, read and written by the same store code as SQLite (queries.py,
writer.py): a connection that speaks that SQL (placeholders `?` and `?1`), its full-text match over a
tsvector column, and the search keys written as a tsvector.

A PostgreSQL store is made by ingest (`create`: the tables of schema.sql, pgschema.py) or is a copy
of an SQLite store (copy.py), for a server that many users read and write: its text columns sort as
SQLite does (collation "C": by code point), and the few functions SQLite has and PostgreSQL lacks are
defined in it (SHIMS). The driver, psycopg (LGPL-3.0), is the optional
`postgres` extra: nothing imports this module unless a store is named by a postgresql:// URL.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from khabar.store.dialect import POSTGRES
from khabar.store.pgschema import FTS_TABLE
from khabar.store.search import BODY_WEIGHT, HEADLINE_WEIGHT, Query

# Functions of SQLite's that the query layer calls, defined for PostgreSQL (same results).
SHIMS = (
    # round(avg(real), 2): PostgreSQL rounds to places only numerics
    "CREATE OR REPLACE FUNCTION round(double precision, integer) RETURNS double precision "
    "LANGUAGE sql IMMUTABLE STRICT AS 'SELECT round($1::numeric, $2)::double precision'",
    "CREATE OR REPLACE FUNCTION instr(text, text) RETURNS integer "
    "LANGUAGE sql IMMUTABLE STRICT AS 'SELECT strpos($1, $2)'",
)
# ts_rank's weights are {D, C, B, A}, each at most 1: the headline's keys are A, the body's D.
RANK_WEIGHTS = f"{{{round(BODY_WEIGHT / HEADLINE_WEIGHT, 4)}, 0, 0, 1}}"
RANK_NORMALISATION = 1  # divide by 1 + log(length): a long article does not win by length alone
MAX_POSITION = 16_383  # PostgreSQL's largest lexeme position (later ones are kept at it)
# PostgreSQL text cannot hold NUL, which a query's parameter may (a hostile filter, or a sentinel that
# matches nothing): it is compared as U+FFFF, a noncharacter that no stored text holds either.
NUL, NO_TEXT = "\x00", "\uffff"


ROWS_PER_STATEMENT = 256  # a power of two: the statements of a batch's sizes are few, and prepared once
_VALUES = re.compile(r"(INSERT INTO [^?]+? VALUES )(\((?:\?, )*\?\))([^?]*)", re.DOTALL)


@functools.lru_cache(maxsize=512)
def _multi_row(sql: str, rows: int) -> str | None:
    """`sql`, an INSERT of one row of `?` values, as an INSERT of `rows` rows; None for other SQL."""
    found = _VALUES.fullmatch(sql)
    if found is None:
        return None
    head, row, tail = found.groups()
    return head + ", ".join([row] * rows) + tail


class PgError(Exception):
    """psycopg is missing, or the database cannot be reached."""


def _driver() -> Any:
    try:
        import psycopg
    except ImportError as exc:
        raise PgError("a postgresql:// store needs psycopg: pip install 'khabar[postgres]'") from exc
    return psycopg


@functools.lru_cache(maxsize=512)
def translate(sql: str) -> tuple[str, bool]:
    """The query layer's SQL for psycopg: `?` → `%s`, `?N` → `%(pN)s` (then True: parameters go by
    name), and a literal `%` doubled. Question marks inside quotes are left alone."""
    out: list[str] = []
    quote: str | None = None
    numbered = positional = False
    i = 0
    while i < len(sql):
        ch = sql[i]
        if ch == "%":
            out.append("%%")
        elif quote:
            out.append(ch)
            quote = None if ch == quote else quote
        elif ch in "'\"":
            out.append(ch)
            quote = ch
        elif ch == "?":
            j = i + 1
            while j < len(sql) and sql[j].isdigit():
                j += 1
            if j > i + 1:
                out.append(f"%(p{sql[i + 1:j]})s")
                numbered = True
                i = j
                continue
            out.append("%s")
            positional = True
        else:
            out.append(ch)
        i += 1
    if numbered and positional:
        raise ValueError(f"a statement mixes ? and ?N placeholders: {sql}")
    return "".join(out), numbered


class PgConnection:
    """A psycopg connection (autocommit) answering `execute(sql, params)` like sqlite3: the query layer
    runs on it as it is. One per thread, as for SQLite."""

    dialect = POSTGRES

    def __init__(self, raw: Any) -> None:
        self.raw = raw

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        text, numbered = translate(sql)
        if isinstance(params, dict):
            values: Sequence[Any] | dict[str, Any] = {name: _param(value) for name, value in params.items()}
        elif numbered:
            values = {f"p{n}": _param(value) for n, value in enumerate(params, start=1)}
        else:
            values = [_param(value) for value in params]
        cursor = self.raw.cursor()
        cursor.execute(text, values)
        return cursor

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """One statement for many rows. An INSERT … VALUES (?, …) goes as few statements of many rows
        (ROWS_PER_STATEMENT, then halves): the writer inserts a hundred-odd rows per article, and one
        statement per row cost more than the rest of a write; others go as one pipeline."""
        rows = list(rows)
        if not rows:
            return
        if _multi_row(sql, 1) is not None:
            start, size = 0, ROWS_PER_STATEMENT
            while start < len(rows):
                while size > len(rows) - start:
                    size //= 2
                self.execute(_multi_row(sql, size), [value for row in rows[start:start + size] for value in row])
                start += size
            return
        text, numbered = translate(sql)
        if numbered:
            values: list[Any] = [{f"p{n}": _param(v) for n, v in enumerate(row, start=1)} for row in rows]
        else:
            values = [[_param(v) for v in row] for row in rows]
        self.raw.cursor().executemany(text, values)

    def write_keys(self, num: int, headline: str, body: str) -> None:
        """An article's search keys (space-separated, as records.py makes them) as its tsvector."""
        self.execute(f"INSERT INTO {FTS_TABLE} (num, keys) VALUES (?, ?::tsvector)",
                     (num, tsvector(headline.split(), body.split())))

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != self.raw.info.transaction_status.IDLE

    def matches(self, query: Query, columns: Iterable[str], clauses: list[str], params: list[Any],
                limit: int, offset: int, ranked: int, counted: int) -> tuple[int, list[tuple]]:
        """Total and one page of full-text matches, best first (queries._matches for SQLite): ranked
        among the latest `ranked` matches when there is no other filter, as there; counted up to
        `counted` + 1."""
        selected = ", ".join(f"a.{c}" for c in columns)
        expression = tsquery(query)
        rank = f"ts_rank('{RANK_WEIGHTS}', k.keys, ?::tsquery, {RANK_NORMALISATION})"
        if not clauses:
            total = self.execute("SELECT count(*) FROM (SELECT 1 FROM article_keys WHERE keys @@ ?::tsquery LIMIT ?) m",
                                 (expression, counted + 1))
            oldest = self.execute("SELECT num FROM article_keys WHERE keys @@ ?::tsquery ORDER BY num DESC "
                                  "LIMIT 1 OFFSET ?", (expression, max(ranked, offset + limit) - 1)).fetchone()
            rows = self.execute(
                f"SELECT {selected} FROM (SELECT k.num, {rank} AS rank FROM article_keys k "
                "WHERE k.keys @@ ?::tsquery AND k.num >= ? ORDER BY rank DESC, k.num DESC LIMIT ? OFFSET ?) k "
                "JOIN articles a ON a.num = k.num ORDER BY k.rank DESC, k.num DESC",
                (expression, expression, oldest[0] if oldest else 0, limit, offset))
            return total.fetchone()[0], rows.fetchall()
        base = ("FROM article_keys k JOIN articles a ON a.num = k.num WHERE "
                + " AND ".join(["k.keys @@ ?::tsquery", *clauses]))
        total = self.execute(f"SELECT count(*) FROM (SELECT 1 {base} LIMIT ?) m", [expression, *params, counted + 1]
                             ).fetchone()[0]
        rows = self.execute(f"SELECT {selected} {base} ORDER BY {rank} DESC, a.num DESC LIMIT ? OFFSET ?",
                            [expression, *params, expression, limit, offset])
        return total, rows.fetchall()

    def close(self) -> None:
        self.raw.close()


def _param(value: Any) -> Any:
    return value.replace(NUL, NO_TEXT) if isinstance(value, str) and NUL in value else value


def _lexeme(key: str) -> str:
    return "'" + key.replace("\\", "\\\\").replace("'", "''") + "'"


def tsquery(query: Query) -> str:
    """The query's terms as a tsquery: every term must match, a phrase's keys one after another."""
    return " & ".join("(" + " <-> ".join(map(_lexeme, term)) + ")" for term in query.terms)


def tsvector(headline_keys: list[str], body_keys: list[str]) -> str:
    """The search keys of an article as a tsvector: the headline's (weight A) then the body's, a position
    apart so that no phrase runs from one into the other."""
    parts = [f"{_lexeme(key)}:{n}A" for n, key in enumerate(headline_keys, start=1)]
    start = len(headline_keys) + 2
    parts += [f"{_lexeme(key)}:{min(n, MAX_POSITION)}" for n, key in enumerate(body_keys, start=start)]
    return " ".join(parts)


def _number_loader(psycopg: Any) -> type:
    class NumberLoader(psycopg.adapt.Loader):
        """numeric as SQLite gives it: sums of integers are int, rounded means float."""

        def load(self, data: Any) -> int | float:
            value = Decimal(bytes(data).decode())
            exponent = value.as_tuple().exponent
            return int(value) if isinstance(exponent, int) and exponent >= 0 else float(value)

    return NumberLoader


def connect(url: str, *, autocommit: bool = True) -> Any:
    """A psycopg connection to `url`, reading numerics as SQLite's query answers are."""
    psycopg = _driver()
    try:
        raw = psycopg.connect(url, autocommit=autocommit)
    except psycopg.OperationalError as exc:
        raise PgError(f"cannot connect to {redact(url)}: {str(exc).strip()}") from exc
    raw.adapters.register_loader("numeric", _number_loader(psycopg))
    return raw


def redact(url: str) -> str:
    """`url` without its password, for messages."""
    head, at, tail = url.rpartition("@")
    if not at or ":" not in head.split("//", 1)[-1]:
        return url
    scheme, _, user = head.partition("//")
    return f"{scheme}//{user.split(':', 1)[0]}:***@{tail}"


def create(conn: PgConnection, schema: list[str], version: str) -> str | None:
    """Make the store's tables in the empty database of `conn` (schema.sql's `schema`), in one
    transaction under the writers' lock, unless a store is there already; returns the schema version
    found (None when it was made now)."""
    from khabar.store.pgschema import nulls_equal, store_statements

    def stored() -> str | None:
        if not conn.execute("SELECT to_regclass('meta') IS NOT NULL").fetchone()[0]:
            return None
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        return row[0] if row else ""

    found = stored()  # a store is there (every POST opens one): no lock to take
    if found is not None:
        return found
    for statement in POSTGRES.begin:
        conn.execute(statement)
    try:
        conn.execute("SET LOCAL client_min_messages = warning")
        found = stored()  # made meanwhile by a writer that held the lock first
        if found is not None:
            conn.execute("COMMIT")
            return found
        if not nulls_equal(conn.raw.cursor()):
            raise PgError("a store written in PostgreSQL needs PostgreSQL 15 or later (NULLS NOT DISTINCT)")
        for statement in (*SHIMS, *store_statements(schema, nulls=True)):
            conn.execute(statement)
        conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", ("schema", version))
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return None
