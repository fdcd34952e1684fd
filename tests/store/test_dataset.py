"""The exported Parquet data set, read by DuckDB and by Dask with the store README's queries, gives the
counts of `khabar stats` and the dyads of `khabar events`."""

from __future__ import annotations

import pytest

from khabar.store.export import export
from khabar.store.export.dataset import (
    DUCKDB_DYAD_MONTHS,
    DUCKDB_ENTITY_MONTHS,
    ENGINES,
    differences,
    duckdb_connection,
    store_counts,
)


@pytest.fixture(scope="module", params=["dataset", "parquet"])
def dataset(dispatch_store, tmp_path_factory, request):
    """The store exported partitioned by month and outlet (dataset), or as a file per table (parquet)."""
    pytest.importorskip("pyarrow", reason="the Parquet export needs pyarrow (pip install 'khabar[corpus]')")
    from khabar.store.db import open_store

    out = tmp_path_factory.mktemp(request.param) / "tables"
    conn = open_store(dispatch_store)
    try:
        export(conn, request.param, out)
        return out, store_counts(conn)
    finally:
        conn.close()


def test_the_test_store_has_every_kind_of_count(dataset):
    _, expected = dataset
    stats = expected["stats"]
    for name in ("exact_duplicates", "near_duplicates", "repeated_urls", "errors", "story_events"):
        assert stats[name] > 0, name  # a count that is 0 on both sides would check nothing
    assert stats["stories"] < stats["articles"] and expected["dyads"]


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_an_engine_reading_the_data_set_counts_what_the_store_counts(dataset, engine):
    if engine == "duckdb":
        pytest.importorskip("duckdb", reason="DuckDB is not installed (pip install 'khabar[dataset]')")
    else:
        pytest.importorskip("dask.dataframe", reason="dask.dataframe is not installed (pip install 'khabar[dataset]')")
    out, expected = dataset
    assert differences(expected, ENGINES[engine](out)) == []


def test_a_count_that_differs_is_reported(dataset):
    _, expected = dataset
    changed = {"stats": {**expected["stats"], "quotes": expected["stats"]["quotes"] + 1},
               "dyads": expected["dyads"][1:]}
    found = differences(expected, changed)
    assert len(found) == 2 and found[0].startswith("quotes:") and found[1].startswith("dyads:")


def test_the_readme_examples_run_on_the_data_set(dataset, dispatch_store):
    pytest.importorskip("duckdb", reason="DuckDB is not installed (pip install 'khabar[dataset]')")
    import sqlite3

    out, expected = dataset
    con = duckdb_connection(out)
    try:
        months = con.execute(DUCKDB_DYAD_MONTHS).fetchall()
        # Each dyad's stories over its months are at least its stories in all (a story may span months).
        per_dyad: dict[tuple, int] = {}
        for source, target, _, stories in months:
            per_dyad[(source or "", target or "")] = per_dyad.get((source or "", target or ""), 0) + stories
        assert per_dyad and all(month.startswith("2024-") for _, _, month, _ in months)
        store = sqlite3.connect(dispatch_store)
        entity, mentions = store.execute("SELECT entity_id, count(*) FROM mentions WHERE entity_id IS NOT NULL "
                                         "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1").fetchone()
        store.close()
        assert sum(n for _, n in con.execute(DUCKDB_ENTITY_MONTHS, [entity]).fetchall()) == mentions
    finally:
        con.close()


def _partitioned(out) -> bool:
    return (out / "articles").is_dir()


def test_each_row_lies_in_the_partition_of_its_article(dataset, dispatch_store):
    pytest.importorskip("duckdb", reason="DuckDB is not installed (pip install 'khabar[dataset]')")
    import sqlite3

    out, _ = dataset
    if not _partitioned(out):
        pytest.skip("the single-file layout has no partitions")
    store = sqlite3.connect(dispatch_store)
    articles = {i: (d[:7] if d else None, o) for i, d, o in store.execute("SELECT id, date, outlet FROM articles")}
    store.close()
    assert len({key for key in articles.values()}) > 1  # more than one partition: the split is tested
    con = duckdb_connection(out)
    try:
        assert dict((i, (m, o)) for i, m, o in con.execute("SELECT id, month, outlet FROM articles").fetchall()) \
            == articles
        for table in ("copies", "mentions", "events", "quotes"):  # the test store has no quotes: an empty table
            rows = con.execute(f"SELECT article_id, month, outlet FROM {table}").fetchall()
            assert (rows or table == "quotes") and all(articles[a] == (m, o) for a, m, o in rows), table
        assert all(folder.name.startswith("month=") for folder in (out / "events").iterdir())
    finally:
        con.close()


def test_a_month_read_from_its_partition_counts_what_the_store_counts(dataset, dispatch_store):
    pytest.importorskip("duckdb", reason="DuckDB is not installed (pip install 'khabar[dataset]')")
    import sqlite3

    out, _ = dataset
    if not _partitioned(out):
        pytest.skip("the single-file layout has no partitions")
    store = sqlite3.connect(dispatch_store)
    month, events = store.execute("SELECT substr(a.date, 1, 7), count(*) FROM events ev JOIN articles a "
                                  "ON a.num = ev.article_num GROUP BY 1 ORDER BY 2 DESC LIMIT 1").fetchone()
    store.close()
    con = duckdb_connection(out)
    try:  # no join: the month is the partition's
        assert con.execute("SELECT count(*) FROM events WHERE month = ?", [month]).fetchone()[0] == events
    finally:
        con.close()


@pytest.mark.parametrize("outlet", ["al/arabiya", "a=b?c", "العربية نت", "50% #1"])
def test_an_outlet_of_any_characters_is_read_back_as_written(tmp_path, outlet):
    pytest.importorskip("duckdb", reason="DuckDB is not installed (pip install 'khabar[dataset]')")
    pytest.importorskip("dask.dataframe", reason="dask.dataframe is not installed (pip install 'khabar[dataset]')")
    import pyarrow as pa
    import pyarrow.parquet as pq

    from khabar.store.export.dataset import dask_read, duckdb_from
    from khabar.store.export.parquet import NULL_PARTITION, hive_value

    assert "/" not in hive_value(outlet) and "=" not in hive_value(outlet)
    assert hive_value(None) == hive_value("") == NULL_PARTITION
    for month, value, n in (("2020-01", outlet, 1), (None, outlet, 2), ("2020-02", None, 3)):
        folder = tmp_path / "events" / f"month={hive_value(month)}" / f"outlet={hive_value(value)}"
        folder.mkdir(parents=True)
        pq.write_table(pa.table({"n": [n]}), folder / "part-0.parquet")
    import duckdb

    expected = [(1, "2020-01", outlet), (2, None, outlet), (3, "2020-02", None)]
    assert duckdb.sql(f"SELECT n, month, outlet FROM {duckdb_from(tmp_path, 'events')} ORDER BY n").fetchall() \
        == expected
    frame = dask_read(tmp_path, "events").compute().sort_values("n")
    assert [(int(n), m if isinstance(m, str) else None, o if isinstance(o, str) else None)
            for n, m, o in frame[["n", "month", "outlet"]].itertuples(index=False)] == expected
