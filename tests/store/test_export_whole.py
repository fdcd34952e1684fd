"""An export is written aside and renamed: one that fails (or is killed) half-way leaves the earlier
file as it was and no partial file behind."""

from __future__ import annotations

import pytest

from khabar.store import export as export_module
from khabar.store.export import export


class _Killed(Exception):
    pass


def _dies_half_way(conn, out, *selection):
    with out.open("w", encoding="utf-8") as handle:
        handle.write('{"id": "half')
        raise _Killed


def test_a_failed_export_leaves_the_earlier_file_whole(conn, tmp_path, monkeypatch):
    out = tmp_path / "articles.jsonl"
    export(conn, "jsonl", out)
    before = out.read_bytes()
    monkeypatch.setattr("khabar.store.export.jsonl.write_jsonl", _dies_half_way)
    with pytest.raises(_Killed):
        export(conn, "jsonl", out)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles.jsonl"]


def test_a_failed_first_export_leaves_nothing(conn, tmp_path, monkeypatch):
    monkeypatch.setattr("khabar.store.export.gdelt.write_gdelt", _dies_half_way)
    with pytest.raises(_Killed):
        export(conn, "gdelt", tmp_path / "events.tsv")
    assert list(tmp_path.iterdir()) == []
    assert export_module.FORMATS
