"""Parquet shards keep a batch's results as they were: scalars, bytes, None and lists of rows."""

from __future__ import annotations

import pytest

pytest.importorskip("pyarrow")

from khabar.run.shards import read_shard, write_shard  # noqa: E402


def test_shards_round_trip(tmp_path):
    results = [
        {"id": "a1", "n": 3, "score": 0.5, "blob": b"\x00\x01", "error": None, "rows": [["a1", 0, "نص"]]},
        {"id": "a2", "n": None, "score": None, "blob": None, "error": "page: empty", "rows": []},
    ]
    path = write_shard(results, tmp_path / "deep" / "0001.parquet")
    assert not list(tmp_path.rglob("*.partial"))
    assert read_shard(path) == results
