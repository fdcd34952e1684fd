"""Shared fixtures: the evaluation files and data in ../shared (skipped with a reason when absent), and
a throwaway PostgreSQL server (skipped with a reason when its programs are absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared; the calling test is skipped when it does not exist."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: this test reads data kept outside the project in ../shared")
    return path


def load_gold(name: str) -> list[dict]:
    path = shared_path("eval", name)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture
def seed() -> dict:
    return load_gold("seed.jsonl")[0]


@pytest.fixture(scope="session")
def postgres():
    """A PostgreSQL server for the session (tests/store/postgres.py); `.database(name)` gives a URL."""
    from tests.store.postgres import missing, postgres_server

    reason = missing()
    if reason:
        pytest.skip(f"no PostgreSQL to test against: {reason}")
    with postgres_server() as server:
        yield server
