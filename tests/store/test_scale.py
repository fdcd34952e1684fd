"""`khabar bench scale` on a tiny corpus: a base ingest grown by re-dated copies to each size, with
the figures of each size (bytes per article by table, wall and CPU time of every call) and growth."""

from __future__ import annotations

import pytest


def test_bench_scale_grows_the_store_and_reports_each_size(tmp_path):
    pytest.importorskip("fastapi", reason="the pages are served: pip install 'khabar[serve]'")
    pytest.importorskip("uvicorn", reason="the pages are served: pip install 'khabar[serve]'")
    from khabar.run.local import LocalRunner
    from khabar.serve.scale import bench_scale, growth
    from khabar.store import queries
    from khabar.store.db import open_store
    from tests.store.corpus import write_generated

    corpus = write_generated(tmp_path / "gen.jsonl", 12)
    figures = bench_scale([corpus], tmp_path / "scale", [20, 40], LocalRunner(1), base_pages=12, repeats=1)
    rows = figures["sizes"]
    assert figures["base_articles"] == 12
    reading = figures["base_ingest"]  # the base was read: its rate, and the writer's share of it
    assert reading["articles"] == 12 and reading["write_cpu_s_per_1000"] > 0
    assert [r["articles"] for r in rows] == [20 + 3, 40 + 3]  # each size, then three posted articles
    for row in rows:
        tables = row["bytes_per_article_by_table"]
        assert tables["articles"] > 0 and "sentences" not in tables  # the offsets live in the documents
        assert sum(tables.values()) <= row["bytes_per_article"]
        assert row["write_cpu_s_per_1000"] > 0
        assert row["calls"] and all(c["p95_ms"] >= c["p50_ms"] > 0 and c["cpu_p50_ms"] >= 0
                                    for c in row["calls"].values())
    assert set(growth(rows, "cpu_p50_ms")["23→43"]) == set(rows[1]["calls"])
    conn = open_store(tmp_path / "scale" / "scale.db")
    try:  # copies are distinct articles: each its own id, none a near-duplicate of another
        stats = queries.stats(conn)
        assert stats["articles"] == 43 and stats["near_duplicates"] == 0
    finally:
        conn.close()
    again = bench_scale([corpus], tmp_path / "scale", [20], LocalRunner(1), base_pages=12, repeats=1)
    assert again["base_ingest"] == reading  # a later run on the kept base reports the same reading


def test_a_copy_far_back_keeps_a_date_it_cannot_move():
    from khabar.serve.scale import _copy
    from khabar.store.records import Record
    from khabar.store.rows import ArticleRow

    row = ArticleRow("a" * 16, "b" * 40, "p1", "src", 1, None, None, None, "h", "2024-05-01", None, None, 1, 1, "{}")
    record = Record(id=row.id, error=None, article=row, mentions=[], entities=[], article_entities=[], events=[],
                    quotes=[], headline_keys="", body_keys="", minhash=None, dispatch=None)
    assert _copy(record, 3)[0]["article"].date == "2024-04-10"  # three weeks earlier
    far = _copy(record, 200_000)[0]  # 3,800 years back: before year 1
    assert far["article"].date == "2024-05-01" and far["id"] != row.id
