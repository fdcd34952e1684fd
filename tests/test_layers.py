"""Imports point left only: lang · article · errors · settings · resources · kb → sources → page →
text → entities → events | quotes → pipeline → run → store → serve → bench → cli."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "khabar"
ORDER = ["lang", "article", "errors", "settings", "step", "resources", "kb", "sources", "page", "text", "entities",
         "events", "quotes", "pipeline", "run", "store", "serve", "bench", "cli"]
BASE = {"lang", "article", "errors", "settings", "step", "resources"}  # the foundation imports itself freely
SIBLINGS = {frozenset({"events", "quotes"})}


def _layer(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "khabar" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in ORDER else None


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
    return found


def _cases():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        own = rel.parts[0].removesuffix(".py")
        if own in ORDER:
            yield pytest.param(path, own, id=str(rel))


@pytest.mark.parametrize(("path", "own"), list(_cases()))
def test_layers_imports_point_left(path, own):
    for module in _imports(path):
        target = _layer(module)
        if target is None or target == own or (own in BASE and target in BASE):
            continue
        if frozenset({own, target}) in SIBLINGS:
            pytest.fail(f"{path.name}: {own} must not import {target}")
        assert ORDER.index(target) < ORDER.index(own), f"{path.name}: {own} imports {module} (rightward)"
