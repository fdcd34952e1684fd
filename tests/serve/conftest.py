"""A store of the shipped demo corpus, built once per session, and the app over it: the same store
in SQLite and copied into a throwaway PostgreSQL server (tests/store/postgres.py), so that every test
of the app runs on both backends (the PostgreSQL runs skip when its programs are absent)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the serve extra is not installed (pip install -e '.[test]')")

TOKEN = "test-token-5f2c"


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    from khabar.samples.demo import demo_folder
    from tests.store.corpus import ingest_all

    db = tmp_path_factory.mktemp("serve") / "demo.db"
    ingest_all([demo_folder()], db)
    return db


@pytest.fixture(scope="session")
def demo_pg(demo_db, postgres) -> str:
    """The demo store copied into PostgreSQL (khabar store copy); its URL."""
    from khabar.store.copy import copy_store

    url = postgres.database("demo")
    copy_store(demo_db, url)
    return url


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def served_db(request, demo_db):
    """The demo store on each backend: the SQLite file, then its PostgreSQL copy."""
    return demo_db if request.param == "sqlite" else request.getfixturevalue("demo_pg")


@pytest.fixture(scope="session")
def client(served_db):
    from fastapi.testclient import TestClient

    from khabar.serve.app import create_app

    with TestClient(create_app(served_db)) as test_client:
        yield test_client


@pytest.fixture
def writable_db(demo_db, tmp_path) -> Path:
    """A copy of the demo store that a test may write to."""
    target = tmp_path / "copy.db"
    source, copy = sqlite3.connect(demo_db), sqlite3.connect(target)
    source.backup(copy)
    source.close()
    copy.close()
    return target


@pytest.fixture(params=["sqlite", "postgresql"])
def writable_store(request, demo_db, tmp_path):
    """A copy of the demo store that a test may write to, on each backend: an SQLite file, then a
    PostgreSQL database (khabar store copy)."""
    if request.param == "sqlite":
        return request.getfixturevalue("writable_db")
    from khabar.store.copy import copy_store

    url = request.getfixturevalue("postgres").database(f"write_{tmp_path.name}"[:60])
    copy_store(demo_db, url)
    return url


@pytest.fixture(scope="session")
def article_id(client) -> str:
    """The demo article that has entities, events and a quotation (Kuwait at the Security Council)."""
    answer = client.get("/api/v1/search", params={"q": '"مجلس الأمن" الفاشر'}).json()
    return answer["results"][0]["id"]


@pytest.fixture(scope="session")
def live_url(served_db):
    """The app served over HTTP by uvicorn in a thread, on a free port, for the session."""
    from khabar.serve.app import create_app
    from khabar.serve.server import serving

    with serving(create_app(served_db)) as url:
        yield url
