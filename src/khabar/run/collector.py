"""How the garbage collector runs in a process that khabar owns (the CLI, a worker process): a policy
of the process, never set by a library call (khabar.read, a Pipeline, an in-process runner).

What is loaded (knowledge base, models, the word table) lives as long as the process, so it is frozen
out of the collector's walks (gc.freeze), and young collections are made rarer (GC_THRESHOLDS). While
articles stream, automatic collection is off: the stages make no reference cycles (a collection after
thousands of articles finds none), yet each young collection walked the batch in hand. Every
COLLECT_EVERY articles one collection still runs, and what outlives it (the word table, mostly) is
frozen too, so that the next one walks only what is new.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
GC_THRESHOLDS = (20_000, 20, 100)  # CPython's default is (700, 10, 10)
COLLECT_EVERY = 4096  # articles between two collections in a long run


class _Policy:
    tuned = False  # set by tune_process: this process belongs to khabar
    worker = False  # a worker process khabar started (its batches are collected rarely)


def tune_process(worker: bool = False) -> None:
    """Freeze what is loaded and make young collections rarer, for the rest of this process. Only for
    processes khabar owns (the CLI, a worker it started): call it after the pipeline is warm."""
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    _Policy.tuned = True
    _Policy.worker = _Policy.worker or worker


def is_worker() -> bool:
    return _Policy.worker


def collected_rarely(items: Iterable[T], every: int = COLLECT_EVERY) -> Iterator[T]:
    """`items` with automatic garbage collection off, one collection every `every` items whose
    survivors are then frozen; the collector is restored at the end. Outside a tuned process the
    items pass through untouched."""
    if not _Policy.tuned:
        yield from items
        return
    enabled = gc.isenabled()
    gc.disable()
    try:
        for n, item in enumerate(items, 1):
            if n % every == 0:
                gc.collect()
                gc.freeze()
            yield item
    finally:
        if enabled:
            gc.enable()
