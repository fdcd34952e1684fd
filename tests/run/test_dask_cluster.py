"""The Dask executor on a LocalCluster of 2 worker processes gives the store a local ingest gives:
same stats, same ids; with results sent back, or written as Parquet shards and read back."""

from __future__ import annotations

import logging

import pytest

from tests.store.corpus import ingest_all, store_ids, store_stats, write_dispatches, write_generated

distributed = pytest.importorskip("dask.distributed", reason="dask[distributed] is not installed (the dask extra)")

from khabar.run.dask_cluster import DaskRunner  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dask")
    paths = [write_generated(folder / "corpus" / "gen.jsonl", 120), *write_dispatches(folder / "corpus")]
    ingest_all(paths, folder / "local.db")
    return folder, paths


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0",
                                  silence_logs=logging.ERROR) as local:
        yield local


def _same(folder, db):
    assert store_stats(db) == store_stats(folder / "local.db")
    assert store_ids(db) == store_ids(folder / "local.db")


def test_dask_cluster_results_back(corpus, cluster):
    folder, paths = corpus
    ingest_all(paths, folder / "dask.db", DaskRunner(cluster.scheduler_address), batch_pages=16)
    _same(folder, folder / "dask.db")


def test_dask_cluster_parquet_shards(corpus, cluster):
    folder, paths = corpus
    runner = DaskRunner(cluster.scheduler_address, shards=str(folder / "shards"))
    ingest_all(paths, folder / "shards.db", runner, batch_pages=16)
    _same(folder, folder / "shards.db")
    assert len(list((folder / "shards").glob("*.parquet"))) >= 8


def test_dask_cluster_started_by_the_runner(corpus):
    folder, paths = corpus
    ingest_all(paths, folder / "own.db", DaskRunner(workers=2))
    _same(folder, folder / "own.db")
