"""Parquet tables (pyarrow): articles (metadata and body), copies (every page read), errors (pages
not read), mentions, entities, events, quotes, one file each in the output folder, written in row
groups so that memory stays flat. DuckDB and Dask read the folder as it is (dataset.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from khabar.store.export.select import EVERYTHING, Selection

if TYPE_CHECKING:
    import pyarrow as pa

ROWS_PER_GROUP = 20_000
# Each table's query, and its condition for a selection ({chosen}: the ids of the chosen articles).
TABLES = {
    "articles": ("SELECT id, content_hash, page_id, source, position, url, outlet, agency, headline, date, place, "
                 "country, sentences, tokens, story_id, duplicate_of, similarity, "
                 "json_extract(doc_json(doc), '$.body') AS body FROM articles {where} ORDER BY num", "id IN {chosen}"),
    "copies": ("SELECT * FROM copies {where} ORDER BY source, page_id, repeat", "article_id IN {chosen}"),
    # The URL's key as copies keep it, so that a reader counts the pages of a URL without khabar.
    "errors": ("SELECT *, url_key(url) AS url_key FROM errors {where} ORDER BY source, page_id, repeat",
               "0 = 1"),  # not articles: no date, type or country chooses them
    # The folded text (`key`) is no column since schema 4: computed here, in its place of before.
    "mentions": ("SELECT article_id, n, role, part, start, \"end\", text, fold(text) AS key, type, entity_id, name_en, "
                 "country, kind, how FROM mentions {where} ORDER BY article_id, n", "article_id IN {chosen}"),
    "entities": ("SELECT * FROM entities {where} ORDER BY id",
                 "id IN (SELECT entity_id FROM article_entities WHERE article_id IN {chosen})"),
    "events": ("SELECT * FROM events {where} ORDER BY article_id, n", "article_id IN {chosen}"),
    "quotes": ("SELECT * FROM quotes {where} ORDER BY article_id, n", "article_id IN {chosen}"),
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


def write_parquet(conn: sqlite3.Connection, out: Path, selection: Selection = EVERYTHING) -> dict[str, int]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    where, params = selection.articles(conn)
    chosen = f"(SELECT a.id FROM articles a WHERE {where})"
    for table, (query, condition) in TABLES.items():
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
