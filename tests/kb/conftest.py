"""Shared fixtures for the knowledge-base tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.kb import KnowledgeBase, load_kb

# /work/main/tests/kb/conftest.py -> /work/main/../shared/data
SHARED_DATA = (Path(__file__).parents[2] / ".." / "shared" / "data").resolve()


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_kb()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared reference data not found at {SHARED_DATA}; coverage tests need it")
    return SHARED_DATA
