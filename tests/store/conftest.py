"""A store made from the hand-made dispatches, shared by the tests of one module."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.store.corpus import ingest_all, write_dispatches


@pytest.fixture(scope="module")
def dispatch_store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("dispatches")
    db = folder / "khabar.db"
    ingest_all(write_dispatches(folder / "corpus"), db)
    return db


@pytest.fixture
def conn(dispatch_store):
    from khabar.store.db import open_store

    connection = open_store(dispatch_store)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def quoted_store(tmp_path_factory) -> Path:
    """Six dispatches quoting one linked speaker twice each, on six days (two dated alike)."""
    folder = tmp_path_factory.mktemp("quoted")
    lines = [json.dumps({"id": f"q{i}", "date": f"2024-05-{10 + min(i, 4):02d}", "text": (
        f"ترامب يتحدث عن التجارة رقم {i}\n\nواشنطن - {10 + i} - 5 (كونا) -- وقال الرئيس الأمريكي دونالد ترامب "
        f"اليوم إن \"الاتفاق التجاري رقم {i} سيوقع قريبا مع الصين\". وأضاف ترامب أن \"المحادثات مستمرة\". (النهاية)")},
        ensure_ascii=False) for i in range(6)]
    (folder / "quoted.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    ingest_all([folder / "quoted.jsonl"], folder / "khabar.db")
    return folder / "khabar.db"
