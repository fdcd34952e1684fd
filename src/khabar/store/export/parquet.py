"""Parquet tables (pyarrow): articles (metadata and body), copies (every page read), errors (pages
not read), mentions, entities, events, quotes, one file each in the output folder (`parquet`), or each
a folder of Hive partitions by month and outlet (`dataset`), written in row groups so that memory
stays flat. DuckDB, Dask and Spark read either as it is (dataset.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from khabar.store.export.select import EVERYTHING, Selection
from khabar.store.rows import EventRow, QuoteRow

if TYPE_CHECKING:
    import pyarrow as pa

ROWS_PER_GROUP = 20_000


def _owned(alias: str, row_type: type) -> str:
    """The columns of a table of an article's rows as exported: the article's id (`article_id`, as the
    data set has always had it) in place of its number in the store."""
    return ", ".join(["a.id AS article_id", *(f'{alias}."{f}"' for f in row_type._fields[1:])])  # type: ignore[attr-defined]


# Each table's query, and its condition for a selection ({chosen}: the numbers of the chosen articles).
TABLES = {
    "articles": ("SELECT id, content_hash, page_id, source, position, url, outlet, agency, headline, date, place, "
                 "country, sentences, tokens, story_id, duplicate_of, similarity, "
                 "json_extract(doc_json(doc), '$.body') AS body FROM articles {where} ORDER BY num", "num IN {chosen}"),
    "copies": ("SELECT * FROM copies {where} ORDER BY source, page_id, repeat",
               "article_id IN (SELECT id FROM articles WHERE num IN {chosen})"),
    # The URL's key as copies keep it, so that a reader counts the pages of a URL without khabar.
    "errors": ("SELECT *, url_key(url) AS url_key FROM errors {where} ORDER BY source, page_id, repeat",
               "0 = 1"),  # not articles: no date, type or country chooses them
    # The folded text (`key`) is no column since schema 4: computed here, in its place of before.
    "mentions": ("SELECT a.id AS article_id, m.n, m.role, m.part, m.start, m.\"end\", m.text, fold(m.text) AS key, "
                 "m.type, m.entity_id, m.name_en, m.country, m.kind, m.how FROM mentions m "
                 "JOIN articles a ON a.num = m.article_num {where} ORDER BY m.article_num, m.n",
                 "m.article_num IN {chosen}"),
    "entities": ("SELECT * FROM entities {where} ORDER BY id",
                 "id IN (SELECT entity_id FROM article_entities WHERE article_num IN {chosen})"),
    "events": (f"SELECT {_owned('ev', EventRow)} FROM events ev JOIN articles a ON a.num = ev.article_num "
               "{where} ORDER BY ev.article_num, ev.n", "ev.article_num IN {chosen}"),
    "quotes": (f"SELECT {_owned('q', QuoteRow)} FROM quotes q JOIN articles a ON a.num = q.article_num "
               "{where} ORDER BY q.article_num, q.n", "q.article_num IN {chosen}"),
}


def _arrow_type(declared: str) -> pa.DataType:
    import pyarrow as pa

    declared = (declared or "").upper()
    if "INT" in declared:
        return pa.int64()
    if "REAL" in declared:
        return pa.float64()
    return pa.string()


def _schema(conn: sqlite3.Connection, table: str, columns: list[str]) -> pa.Schema:
    """Arrow schema from the columns' declared SQLite types (a column of nulls still gets its type)."""
    import pyarrow as pa

    declared = {row[1]: row[2] for row in conn.execute(f"PRAGMA table_info({table})")}
    return pa.schema([(name, _arrow_type(declared.get(name, "TEXT"))) for name in columns])


def write_parquet(conn: sqlite3.Connection, out: Path, selection: Selection = EVERYTHING,
                  tables: tuple[str, ...] = tuple(TABLES)) -> dict[str, int]:
    """One file per table (of `tables`) in `out`."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    where, params = selection.articles(conn)
    chosen = f"(SELECT a.num FROM articles a WHERE {where})"
    for table in tables:
        query, condition = TABLES[table]
        # Without a selection, whole tables; with one, the rows of the chosen articles.
        sql = query.format(where="WHERE " + condition.format(chosen=chosen) if selection else "")
        cursor = conn.execute(sql, params if selection and "{chosen}" in condition else [])
        columns = [d[0] for d in cursor.description]
        schema = _schema(conn, table, columns)
        counts[table] = 0
        with pq.ParquetWriter(out / f"{table}.parquet", schema) as writer:
            while rows := cursor.fetchmany(ROWS_PER_GROUP):
                arrays = [pa.array([row[i] for row in rows], type=field.type) for i, field in enumerate(schema)]
                writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
                counts[table] += len(rows)
    return counts


# The partitioned data set (`khabar export --format dataset`): per table a folder of Hive partitions
# month=YYYY-MM/outlet=NAME (the article's month and outlet), which DuckDB, Dask, Spark and Arrow read
# as columns, so that a query of some months or outlets reads only their files. The key is `outlet`,
# not "source": `source` is a column already (where a page was read; an event's source actor).
# Entities and errors are no article's: one unpartitioned file each.
PARTITIONS = ("month", "outlet")
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"  # Hive's name for a missing value; readers give NULL
_KEY = "nullif(substr(a.date, 1, 7), '') AS month, a.outlet AS outlet"
PARTITIONED = {  # each table's rows of the articles `a` of one partition, with the partition's keys
    "articles": ("SELECT a.id, a.content_hash, a.page_id, a.source, a.position, a.url, a.agency, a.headline, a.date, "
                 "a.place, a.country, a.sentences, a.tokens, a.story_id, a.duplicate_of, a.similarity, "
                 f"json_extract(doc_json(a.doc), '$.body') AS body, {_KEY} FROM articles a"),
    "copies": f"SELECT c.*, {_KEY} FROM articles a JOIN copies c ON c.article_id = a.id",
    "mentions": ("SELECT a.id AS article_id, m.n, m.role, m.part, m.start, m.\"end\", m.text, fold(m.text) AS key, "
                 f"m.type, m.entity_id, m.name_en, m.country, m.kind, m.how, {_KEY} FROM articles a "
                 "JOIN mentions m ON m.article_num = a.num"),
    "events": f"SELECT {_owned('ev', EventRow)}, {_KEY} FROM articles a JOIN events ev ON ev.article_num = a.num",
    "quotes": f"SELECT {_owned('q', QuoteRow)}, {_KEY} FROM articles a JOIN quotes q ON q.article_num = a.num",
}
# Characters Hive escapes in a partition value (as %XX); other characters, Arabic ones too, stay.
_ESCAPED = set('"#%\'*/:=?\\{[]^') | {chr(c) for c in range(32)} | {"\x7f"}


def hive_value(value: str | None) -> str:
    """A partition value as a folder name: Hive's escapes, and its name for a missing value."""
    if not value:
        return NULL_PARTITION
    return "".join(f"%{ord(c):02X}" if c in _ESCAPED else c for c in value)


def _partitions(conn: sqlite3.Connection, where: str, params: list) -> list[tuple[str | None, str | None, int]]:
    return conn.execute(f"SELECT nullif(substr(a.date, 1, 7), ''), a.outlet, count(*) FROM articles a WHERE {where} "
                        "GROUP BY 1, 2 ORDER BY 1, 2", params).fetchall()


def _in_partition(month: str | None, outlet: str | None) -> tuple[str, list]:
    """SQL condition on articles `a` for one partition (the month by a range of the date index)."""
    dates = ("(a.date IS NULL OR a.date = '')" if month is None
             else "a.date >= ? AND a.date < ? AND substr(a.date, 1, 7) = ?")
    params = [] if month is None else [month, month + "\uffff", month]
    return f"{dates} AND a.outlet IS ?", [*params, outlet]


def write_dataset(conn: sqlite3.Connection, out: Path, selection: Selection = EVERYTHING) -> dict[str, int]:
    """The store as a partitioned data set at `out`: articles, copies, mentions, events and quotes
    under `table/month=…/outlet=…/part-0.parquet`, entities and errors as `table/part-0.parquet`.
    Written one partition at a time in row groups, so that memory stays flat at any size."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    out.mkdir(parents=True, exist_ok=True)
    counts = dict.fromkeys([*PARTITIONED, "entities", "errors"], 0)
    where, params = selection.articles(conn)
    for month, outlet, _ in _partitions(conn, where, params):
        condition, keys = _in_partition(month, outlet)
        folder = Path(f"month={hive_value(month)}") / f"outlet={hive_value(outlet)}"
        for table, query in PARTITIONED.items():
            cursor = conn.execute(f"{query} WHERE {condition} AND {where} ORDER BY a.date, a.num",
                                  [*keys, *params])
            columns = [d[0] for d in cursor.description][:-len(PARTITIONS)]  # the keys are the folders
            schema = _schema(conn, table, columns)
            rows = cursor.fetchmany(ROWS_PER_GROUP)
            if not rows:
                continue
            (out / table / folder).mkdir(parents=True, exist_ok=True)
            with pq.ParquetWriter(out / table / folder / "part-0.parquet", schema) as writer:
                while rows:
                    arrays = [pa.array([row[i] for row in rows], type=field.type) for i, field in enumerate(schema)]
                    writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
                    counts[table] += len(rows)
                    rows = cursor.fetchmany(ROWS_PER_GROUP)
    for table in (t for t, n in counts.items() if not n and t in PARTITIONED):  # no rows: an empty file, so
        cursor = conn.execute(f"{PARTITIONED[table]} LIMIT 0")  # that readers find the table and its columns
        columns = [d[0] for d in cursor.description]
        (out / table).mkdir(parents=True, exist_ok=True)
        pq.write_table(_schema(conn, table, columns).empty_table(), out / table / "part-0.parquet")
    whole = write_parquet(conn, out / ".whole", selection, tables=("entities", "errors"))
    for table in ("entities", "errors"):
        (out / table).mkdir(exist_ok=True)
        (out / ".whole" / f"{table}.parquet").replace(out / table / "part-0.parquet")
        counts[table] = whole[table]
    (out / ".whole").rmdir()
    return counts
