"""A store made from the hand-made dispatches, shared by the tests of one module."""

from __future__ import annotations

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
