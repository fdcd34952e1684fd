"""The local executor: the same records, in the same order, on one process or a pool."""

from __future__ import annotations

from khabar.run.local import LocalRunner
from khabar.settings import Settings
from khabar.sources.read import iter_pages
from tests.store.corpus import ingest_all, store_ids, store_stats, write_dispatches, write_generated


def _page_ids(article):
    return article.id, article.error is None, len(article.sentences)


def test_local_pool_keeps_order(tmp_path):
    path = write_generated(tmp_path / "gen.jsonl", 40)
    pages = list(iter_pages([str(path)]))
    batches = [(n, pages[i:i + 7]) for n, i in enumerate(range(0, len(pages), 7))]
    one = list(LocalRunner(1)(iter(batches), _page_ids, Settings()))
    two = list(LocalRunner(2)(iter(batches), _page_ids, Settings()))
    assert one == two
    assert [tag for tag, _ in two] == list(range(len(batches)))
    assert [r[0] for _, results in two for r in results] == [p.id for p in pages]


def test_local_pool_store_equals_one_process(tmp_path):
    paths = [write_generated(tmp_path / "corpus" / "gen.jsonl", 150), *write_dispatches(tmp_path / "corpus")]
    ingest_all(paths, tmp_path / "one.db", LocalRunner(1))
    ingest_all(paths, tmp_path / "pool.db", LocalRunner(2), batch_pages=16)
    assert store_stats(tmp_path / "one.db") == store_stats(tmp_path / "pool.db")
    assert store_ids(tmp_path / "one.db") == store_ids(tmp_path / "pool.db")
