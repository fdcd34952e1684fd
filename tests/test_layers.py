"""Imports point left only: lang · article · errors · settings · step · resources · samples · kb → sources → page →
text → entities → events | quotes → pipeline → run → store → serve → bench → training → cli.

Every import is read, also those inside functions and under TYPE_CHECKING. Besides the order:
- every module of khabar belongs to a listed stage (a new package has to take its place here);
- imports are absolute (`from khabar.stage.module import name`), never relative, and a stage never
  imports `khabar` itself (`from khabar import read` hides which stage it reaches);
- a third-party library is imported only by the stages listed for it, and is one the project
  declares in pyproject.toml;
- inside a package, modules do not import each other in a cycle (imports made only for type
  checkers, under `if TYPE_CHECKING:`, are never run and do not count; those that run later, inside a
  function, do).
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "khabar"
ORDER = ["lang", "article", "errors", "budget", "settings", "step", "resources", "samples", "hostile", "kb", "sources",
         "page", "text", "entities", "events", "quotes", "pipeline", "run", "store", "serve", "bench", "bench_hostile", "bench_html",
         "training", "cli"]
BASE = {"lang", "article", "errors", "budget", "settings", "step", "resources"}  # the foundation imports itself freely
SIBLINGS = {frozenset({"events", "quotes"})}
NOT_STAGES = {"__init__"}  # the package's own front door: it imports lazily what it names

READING = {"lang", "kb", "sources", "page", "text", "entities", "events", "quotes"}
# Third-party module → (the distribution declared in pyproject.toml that provides it, the stages that
# may import it). General data libraries serve every reading stage; the rest belong to one place.
THIRD_PARTY: dict[str, tuple[str, set[str]]] = {
    "numpy": ("numpy", READING | {"store", "training"}),
    "yaml": ("pyyaml", READING),
    "rapidfuzz": ("rapidfuzz", {"kb", "entities"}),
    "selectolax": ("selectolax", {"sources", "page"}),
    "trafilatura": ("trafilatura", {"bench_html"}),  # optional: the HTML benchmark's comparison
    "datasketch": ("datasketch", {"store"}),
    "pyarrow": ("pyarrow", {"run", "store"}),
    "dask": ("dask", {"run", "store"}),  # store: the Parquet data set counted with dask.dataframe
    "duckdb": ("duckdb", {"store"}),  # optional: the Parquet data set counted by DuckDB (export/dataset.py)
    "psycopg": ("psycopg", {"store"}),  # optional: a copy of the store in PostgreSQL (store/pg.py)
    "fastapi": ("fastapi", {"serve"}),
    "starlette": ("fastapi", {"serve"}),  # fastapi is built on it
    "pydantic": ("fastapi", {"serve"}),  # fastapi's models
    "uvicorn": ("uvicorn", {"serve"}),
    "jinja2": ("jinja2", {"serve"}),
    "markupsafe": ("jinja2", {"serve"}),  # jinja2's escaping
    "typer": ("typer", {"cli"}),
    "rich": ("rich", {"cli"}),
    "pycrfsuite": ("python-crfsuite", {"training"}),
    "scipy": ("scipy", {"training"}),
    "torch": ("torch", {"training"}),
}


@dataclass(frozen=True)
class Import:
    line: int
    module: str  # absolute dotted name, as written
    names: tuple[str, ...]  # for `from module import names`
    level: int  # > 0: relative
    typing_only: bool = False  # under `if TYPE_CHECKING:`


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(path: Path) -> list[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(inner) for node in ast.walk(tree) if isinstance(node, ast.If) and _is_type_checking(node.test)
                   for stmt in node.body for inner in ast.walk(stmt)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            found.append(Import(node.lineno, node.module or "", tuple(a.name for a in node.names), node.level,
                                id(node) in typing_only))
        elif isinstance(node, ast.Import):
            found.extend(Import(node.lineno, alias.name, (), 0, id(node) in typing_only) for alias in node.names)
    return found


def _module_name(path: Path) -> str:
    parts = ["khabar", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "khabar" and len(parts) > 1 else None


def _targets(item: Import) -> Iterator[str]:
    """The khabar modules an import reaches: `from khabar.x import y` reaches khabar.x.y when y is a
    module, else khabar.x."""
    if item.names:
        for name in item.names:
            full = f"{item.module}.{name}"
            yield full if full in MODULES else item.module
    else:
        yield item.module


def _cases():
    for module, path in MODULES.items():
        yield pytest.param(path, _stage(module), id=str(path.relative_to(PACKAGE)))


def test_layers_every_module_is_in_a_listed_stage():
    unlisted = sorted({str(p.relative_to(PACKAGE).parts[0]) for m, p in MODULES.items()
                       if (_stage(m) or "__init__") not in {*ORDER, *NOT_STAGES}})
    assert not unlisted, f"packages or modules in no stage of ORDER: {unlisted}"


@pytest.mark.parametrize(("path", "own"), list(_cases()))
def test_layers_imports_point_left(path, own):
    if own is None:  # khabar/__init__.py: the public names, loaded lazily
        return
    for item in _imports(path):
        where = f"{path.name}:{item.line}"
        assert item.level == 0, f"{where}: relative import (write from khabar.{own}...)"
        if item.module == "khabar":
            pytest.fail(f"{where}: imports khabar itself ({', '.join(item.names) or 'khabar'}): import the stage's module")
        for module in _targets(item):
            target = _stage(module)
            if target is None or target == own or (own in BASE and target in BASE):
                continue
            if frozenset({own, target}) in SIBLINGS:
                pytest.fail(f"{where}: {own} must not import {target}")
            assert target in ORDER, f"{where}: {module} is in no listed stage"
            assert ORDER.index(target) < ORDER.index(own), f"{where}: {own} imports {module} (rightward)"


def _declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = [*project.get("dependencies", []),
             *(s for extra in project.get("optional-dependencies", {}).values() for s in extra)]
    return {re.split(r"[\s\[<>=!~;]", spec, maxsplit=1)[0].lower() for spec in specs}


@pytest.mark.parametrize(("path", "own"), list(_cases()))
def test_layers_third_party_imports_stay_in_their_stage(path, own):
    declared = _declared()
    for item in _imports(path):
        top = item.module.split(".")[0]
        if item.level or top in ("khabar", "__future__") or top in sys.stdlib_module_names:
            continue
        where = f"{path.name}:{item.line}"
        assert top in THIRD_PARTY, f"{where}: {top} is not listed in THIRD_PARTY (say which stages may use it)"
        distribution, stages = THIRD_PARTY[top]
        assert own in stages, f"{where}: {own} imports {top}, which belongs to {sorted(stages)}"
        assert distribution in declared, f"{where}: {top} comes from {distribution}, not declared in pyproject.toml"


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _package_graph(stage: str) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        if _stage(module) != stage:
            continue
        graph[module] = {t for item in _imports(path) if not item.typing_only for t in _targets(item)
                         if t != module and _stage(t) == stage and t in MODULES}
    return graph


@pytest.mark.parametrize("stage", sorted({s for m in MODULES if (s := _stage(m)) and (PACKAGE / s).is_dir()}))
def test_layers_no_import_cycle_inside_a_package(stage):
    assert not _cycles(_package_graph(stage)), f"import cycles inside khabar.{stage}"


# The checks themselves, on made-up sources: each hole the test once had is caught.
def _check(tmp_path: Path, own: str, source: str) -> list[str]:
    path = tmp_path / f"{own}_mod.py"
    path.write_text(source, encoding="utf-8")
    problems = []
    for check in (test_layers_imports_point_left, test_layers_third_party_imports_stay_in_their_stage):
        try:
            check(path, own)
        except (AssertionError, pytest.fail.Exception) as exc:
            problems.append(str(exc))
    return problems


@pytest.mark.parametrize(("own", "source", "says"), [
    ("entities", "from .tagger import NerTagger\n", "relative import"),
    ("events", "from khabar import read\n", "imports khabar itself"),
    ("page", "def f():\n    from khabar.store.db import open_store\n", "rightward"),
    ("store", "import fastapi\n", "belongs to ['serve']"),
    ("entities", "import torch\n", "belongs to ['training']"),
    ("text", "import leftpad\n", "not listed in THIRD_PARTY"),
    ("entities", "from khabar.training.ner import main_train\n", "rightward"),
])
def test_layers_checks_catch_each_kind_of_wrong_import(tmp_path, own, source, says):
    problems = _check(tmp_path, own, source)
    assert problems and says in problems[0], problems


def test_layers_checks_pass_a_good_module(tmp_path):
    assert not _check(tmp_path, "entities", "import numpy as np\nfrom khabar.text.tokens import tokenize\n")


def test_layers_cycle_finder_sees_a_cycle_and_not_a_chain():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_layers_imports_for_type_checkers_only_are_marked(tmp_path):
    path = tmp_path / "mod.py"
    path.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from khabar.text.tokens import Tokens\n"
                    "def f():\n    from khabar.text.sentences import split\n", encoding="utf-8")
    marks = {item.module: item.typing_only for item in _imports(path)}
    assert marks == {"typing": False, "khabar.text.tokens": True, "khabar.text.sentences": False}
