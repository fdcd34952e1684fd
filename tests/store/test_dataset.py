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


@pytest.fixture(scope="module")
def dataset(dispatch_store, tmp_path_factory):
    pytest.importorskip("pyarrow", reason="the Parquet export needs pyarrow (pip install 'khabar[corpus]')")
    from khabar.store.db import open_store

    out = tmp_path_factory.mktemp("dataset") / "tables"
    conn = open_store(dispatch_store)
    try:
        export(conn, "parquet", out)
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
