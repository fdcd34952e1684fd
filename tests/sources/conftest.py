"""Fixtures for the sources tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def write(tmp_path):
    """write("name", bytes_or_str) -> Path inside tmp_path (parents created)."""

    def _write(name: str, content: bytes | str):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
        return path

    return _write
