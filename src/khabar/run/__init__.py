"""Executors: the same reading of batches of pages, on this machine's cores or on a Dask cluster.

A runner takes numbered batches of raw pages, a `finish` function to apply to each Article where it
was read (store passes its record maker, so that only plain rows travel back), and the Settings; it
yields (number, results) in the order the batches came. Runners know nothing of the store.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Generator, Iterable
from typing import Any, Protocol

from khabar.article import Article
from khabar.errors import KhabarError
from khabar.settings import Settings
from khabar.sources.page import RawPage

Batch = tuple[int, list[RawPage]]
Finish = Callable[[Article], Any]


class Runner(Protocol):
    workers: int

    def __call__(self, batches: Iterable[Batch], finish: Finish,
                 settings: Settings) -> Generator[tuple[int, list[Any]], None, None]: ...


def require(module: str, extra: str) -> None:
    """Stop with the command that installs an optional library, before any work starts."""
    if importlib.util.find_spec(module) is None:
        raise KhabarError(f"this needs {module}: pip install 'khabar[{extra}]'")
