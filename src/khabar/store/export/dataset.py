"""The exported Parquet data set read by other engines: the counts of `khabar stats` and the event
dyads of `khabar events`, computed by DuckDB (SQL over the files) and by Dask (dataframes), and
compared with what the store itself answers. `khabar bench dataset` runs them; the store README
shows the same queries.

Each engine reads the files `write_dataset` writes (articles, copies, mentions, events, quotes in Hive
partitions by month and outlet; entities, errors), or the single files of `write_parquet`, nothing
else: a count that matches is one that a reader of the data set alone gets.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from khabar.store import queries
from khabar.store.aggregates import HAPPENED  # what `khabar stats` and `events` count as happened
from khabar.store.export.parquet import PARTITIONS

# Every URL met, by key and as written: read pages, and unreadable pages no read page has the id of.
_URLS = ("urls AS (SELECT url_key AS k, url FROM copies WHERE url_key IS NOT NULL UNION ALL "
         "SELECT e.url_key, e.url FROM errors e WHERE e.url IS NOT NULL AND NOT EXISTS "
         "(SELECT 1 FROM copies c WHERE c.source = e.source AND c.page_id = e.page_id))")
# DuckDB SQL over views named after the files (`CREATE VIEW articles AS FROM 'DIR/articles.parquet'`).
DUCKDB_STATS = {
    "articles": "SELECT count(*) FROM articles",
    "pages": "SELECT count(*) FROM copies",
    "exact_duplicates": "SELECT count(*) - count(DISTINCT article_id) FROM copies",
    "near_duplicates": "SELECT count(duplicate_of) FROM articles",
    "stories": "SELECT count(DISTINCT story_id) FROM articles",
    "repeated_urls": f"WITH {_URLS} SELECT count(*) FROM (SELECT k FROM urls GROUP BY k HAVING count(*) > 1)",
    "repeated_url_pages": f"WITH {_URLS} SELECT coalesce(sum(n - 1), 0) FROM "
                          "(SELECT count(*) AS n FROM urls GROUP BY k HAVING n > 1)",
    "repeated_url_pages_as_written": f"WITH {_URLS} SELECT coalesce(sum(n - 1), 0) FROM "
                                     "(SELECT count(*) AS n FROM urls GROUP BY url HAVING n > 1)",
    "sentences": "SELECT coalesce(sum(sentences), 0) FROM articles",
    "entities": "SELECT count(*) FROM entities",
    "linked_entities": "SELECT count(*) FROM entities WHERE id NOT LIKE 'text:%'",
    "mentions": "SELECT count(*) FROM mentions",
    "events": "SELECT count(*) FROM events",
    "story_events": "SELECT count(*) FROM (SELECT DISTINCT a.story_id, ev.type, ev.source, ev.target "
                    f"FROM events ev JOIN articles a ON a.id = ev.article_id WHERE {HAPPENED})",
    "quotes": "SELECT count(*) FROM quotes",
    "errors": "SELECT count(*) FROM errors",
}
# Event dyads as `khabar events` lists them: events that happened, each story counted once.
DUCKDB_DYADS = (
    "SELECT ev.type, coalesce(ev.source, '') AS source, coalesce(ev.target, '') AS target, "
    "count(DISTINCT a.story_id) AS stories, count(DISTINCT ev.article_id) AS articles, count(*) AS mentions "
    f"FROM events ev JOIN articles a ON a.id = ev.article_id WHERE {HAPPENED} GROUP BY ALL")
# Two examples of the README: events per dyad and month; an entity's mentions per month.
DUCKDB_DYAD_MONTHS = (
    "SELECT ev.source, ev.target, substr(a.date, 1, 7) AS month, count(DISTINCT a.story_id) AS stories "
    f"FROM events ev JOIN articles a ON a.id = ev.article_id WHERE {HAPPENED} GROUP BY ALL ORDER BY ALL")
DUCKDB_ENTITY_MONTHS = (
    "SELECT substr(a.date, 1, 7) AS month, count(*) AS mentions FROM mentions m "
    "JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ? GROUP BY ALL ORDER BY ALL")

TABLES = ("articles", "copies", "errors", "mentions", "entities", "events", "quotes")
Dyad = tuple[str, str, str, int, int, int]


def store_counts(conn: sqlite3.Connection) -> dict[str, Any]:
    """What the store answers: `khabar stats` and every dyad of `khabar events`."""
    dyads = queries.events(conn, limit=1 << 62)
    return {"stats": queries.stats(conn),
            "dyads": sorted((d["type"], d["source"] or "", d["target"] or "", d["stories"], d["articles"],
                             d["mentions"]) for d in dyads)}


def table_source(folder: Path, table: str) -> tuple[str, bool]:
    """Where `table` is in an exported folder, and whether it is partitioned: a folder of Hive
    partitions (`export --format dataset`), a folder of one file (entities, errors), or a file
    (`export --format parquet`)."""
    path = folder / table
    if path.is_dir():
        return str(path), any(child.name.startswith(f"{PARTITIONS[0]}=") for child in path.iterdir())
    return str(folder / f"{table}.parquet"), False


def duckdb_from(folder: Path, table: str) -> str:
    """DuckDB's read of one table of the data set (the partition keys as columns)."""
    path, partitioned = table_source(folder, table)
    path = path.replace("'", "''")
    if partitioned:
        keys = ", ".join(f"'{key}': VARCHAR" for key in PARTITIONS)
        return f"read_parquet('{path}/**/*.parquet', hive_partitioning = true, hive_types = {{{keys}}})"
    return f"read_parquet('{path}/*.parquet')" if Path(path).is_dir() else f"read_parquet('{path}')"


def duckdb_connection(folder: Path) -> Any:
    """An in-memory DuckDB with a view per table of the data set."""
    import duckdb

    con = duckdb.connect()
    for table in TABLES:
        con.execute(f"CREATE VIEW {table} AS SELECT * FROM {duckdb_from(folder, table)}")
    return con


def dask_read(folder: Path, table: str, columns: list[str] | None = None) -> Any:
    """One table of the data set as a Dask dataframe; the partitions' keys are typed as strings (a
    partition of articles without a date would leave its type to guess)."""
    import dask.dataframe as dd

    path, partitioned = table_source(folder, table)
    if not partitioned:
        return dd.read_parquet(path, columns=columns)
    import pyarrow as pa
    import pyarrow.dataset as ds

    keys = ds.partitioning(pa.schema([(key, pa.string()) for key in PARTITIONS]), flavor="hive")
    return dd.read_parquet(path, columns=columns, dataset={"partitioning": keys})


def duckdb_counts(folder: Path) -> dict[str, Any]:
    con = duckdb_connection(folder)
    try:
        stats = {name: int(con.execute(sql).fetchone()[0]) for name, sql in DUCKDB_STATS.items()}
        dyads = sorted(tuple(row[:3]) + tuple(int(v) for v in row[3:]) for row in con.execute(DUCKDB_DYADS).fetchall())
        return {"stats": stats, "dyads": dyads}
    finally:
        con.close()


def dask_counts(folder: Path) -> dict[str, Any]:
    """The same counts with dask.dataframe (one partition per Parquet row group or file)."""
    import dask.dataframe as dd

    def read(table: str, columns: list[str] | None = None) -> Any:
        return dask_read(folder, table, columns)

    articles = read("articles", ["id", "story_id", "duplicate_of", "sentences"])
    copies = read("copies", ["source", "page_id", "article_id", "url", "url_key"])
    errors = read("errors", ["source", "page_id", "url", "url_key"])
    entities = read("entities", ["id"])
    events = read("events", ["article_id", "type", "source", "target", "negated", "future", "hypothetical"])
    happened = events[(events.negated == 0) & (events.future == 0) & (events.hypothetical == 0)]
    happened = happened.merge(articles[["id", "story_id"]], left_on="article_id", right_on="id")
    # URLs of unreadable pages whose source and id no read page has.
    read_pages = copies[["source", "page_id"]].drop_duplicates().assign(read=1)
    unread = errors[errors.url.notnull()].merge(read_pages, on=["source", "page_id"], how="left")
    unread = unread[unread.read.isnull()]
    urls = dd.concat([copies[copies.url_key.notnull()][["url_key", "url"]], unread[["url_key", "url"]]])

    def repeats(column: str) -> tuple[int, int]:
        sizes = urls.groupby(column, dropna=False).size().compute()
        over = sizes[sizes > 1]
        return int(len(over)), int((over - 1).sum())

    repeated, repeated_pages = repeats("url_key")
    stats = {
        "articles": int(len(articles)),
        "pages": int(len(copies)),
        "exact_duplicates": int(len(copies) - copies.article_id.nunique().compute()),
        "near_duplicates": int(articles.duplicate_of.count().compute()),
        "stories": int(articles.story_id.nunique().compute()),
        "repeated_urls": repeated,
        "repeated_url_pages": repeated_pages,
        "repeated_url_pages_as_written": repeats("url")[1],
        "sentences": int(articles.sentences.sum().compute()),
        "entities": int(len(entities)),
        "linked_entities": int((~entities.id.str.startswith("text:")).sum().compute()),
        "mentions": int(len(read("mentions", ["article_id"]))),
        "events": int(len(events)),
        "story_events": int(len(happened[["story_id", "type", "source", "target"]].drop_duplicates())),
        "quotes": int(len(read("quotes", ["article_id"]))),
        "errors": int(len(errors)),
    }
    keyed = happened.assign(source=happened.source.fillna(""), target=happened.target.fillna(""))
    dyad = ["type", "source", "target"]

    def distinct(column: str) -> Any:  # per dyad: how many distinct values of `column`
        return keyed[[*dyad, column]].drop_duplicates().groupby(dyad).size().compute()

    stories, articles_of, mentions = distinct("story_id"), distinct("article_id"), keyed.groupby(dyad).size().compute()
    dyads = sorted((*key, int(stories[key]), int(articles_of[key]), int(mentions[key])) for key in mentions.index)
    return {"stats": {name: stats[name] for name in DUCKDB_STATS}, "dyads": dyads}


ENGINES: dict[str, Callable[[Path], dict[str, Any]]] = {"duckdb": duckdb_counts, "dask": dask_counts}


def differences(expected: dict[str, Any], found: dict[str, Any]) -> list[str]:
    """What an engine counted otherwise than the store (empty when all agree)."""
    out = [f"{name}: store {value}, found {found['stats'].get(name)}"
           for name, value in expected["stats"].items() if found["stats"].get(name) != value]
    if found["dyads"] != expected["dyads"]:
        missing = set(expected["dyads"]) - set(found["dyads"])
        extra = set(found["dyads"]) - set(expected["dyads"])
        out.append(f"dyads: {len(expected['dyads'])} in the store, {len(found['dyads'])} found; "
                   f"e.g. store {sorted(missing)[:2]}, found {sorted(extra)[:2]}")
    return out


def check_dataset(conn: sqlite3.Connection, folder: Path | None = None,
                  engines: tuple[str, ...] = tuple(ENGINES), layout: str = "dataset") -> dict[str, Any]:
    """Export the store to `folder` (a temporary one when None) as `layout` (dataset: partitioned by
    month and outlet; parquet: a file per table), read it with each engine and compare with the
    store: per engine, its seconds and what it counted otherwise (nothing when all agree)."""
    import tempfile
    import time

    from khabar.store.export import export

    expected = store_counts(conn)
    figures: dict[str, Any] = {"stats": len(expected["stats"]), "dyads": len(expected["dyads"]), "engines": {}}
    with tempfile.TemporaryDirectory(prefix="khabar-dataset-") as scratch:
        out = folder or Path(scratch) / "tables"
        started = time.perf_counter()
        export(conn, layout, out)
        figures["layout"] = layout
        figures["export_seconds"] = round(time.perf_counter() - started, 2)
        for name in engines:
            started = time.perf_counter()
            found = ENGINES[name](out)
            figures["engines"][name] = {"seconds": round(time.perf_counter() - started, 2),
                                        "differences": differences(expected, found)}
    return figures
