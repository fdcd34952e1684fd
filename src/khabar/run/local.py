"""The local executor: a pool of worker processes on this machine (one process reads in place)."""

from __future__ import annotations

import itertools
import multiprocessing
import os
import select
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from khabar.errors import KhabarError
from khabar.run import Batch, Finish
from khabar.run.worker import init_worker_process, pipeline_for, read_batch
from khabar.settings import Settings

BATCHES_PER_WORKER = 3  # in flight: enough to keep workers busy while the caller writes
PR_SET_PDEATHSIG = 1
OWNER_POLL_S = 0.5  # where a process cannot be waited for (no pidfd)


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _init_worker(settings: Settings, owner: int) -> None:
    """In each worker: ignore Ctrl-C (the parent decides, workers finish their batch), die with
    `owner` (the process that made the pool), then set up for `settings`."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with(owner)
    init_worker_process(settings)


def die_with(owner: int) -> None:
    """End this process when process `owner` ends, even when it is killed with -9."""
    if sys.platform.startswith("linux") and os.getppid() == owner:
        import ctypes

        try:
            ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        except (OSError, AttributeError):
            pass
    # A fork server's workers are its children, not the owner's, and hold its pipes open: neither
    # would ever end. A watcher thread ends the worker when the owner is gone.
    threading.Thread(target=_exit_with, args=(owner,), daemon=True, name="khabar-owner-watch").start()


def _exit_with(owner: int) -> None:
    """Block until process `owner` has ended, then end this process at once."""
    try:
        handle = os.pidfd_open(owner)  # readable once the process has ended (Linux 5.3)
    except (AttributeError, OSError):
        handle = None
    if handle is not None:
        select.select([handle], [], [])
    else:
        while _alive(owner):
            time.sleep(OWNER_POLL_S)
    os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass(frozen=True)
class LocalRunner:
    """Reads batches on `workers` processes; with one worker, in this process."""

    workers: int = field(default_factory=default_workers)

    def __call__(self, batches: Iterable[Batch], finish: Finish,
                 settings: Settings) -> Iterator[tuple[int, list[Any]]]:
        if self.workers <= 1:
            for tag, pages in batches:
                yield tag, read_batch(pages, finish, settings)
            return
        yield from self._pool(batches, finish, settings)

    def _pool(self, batches: Iterable[Batch], finish: Finish,
              settings: Settings) -> Iterator[tuple[int, list[Any]]]:
        context = _context()
        batches = iter(batches)
        first = next(batches, None)
        if first is None:
            return
        if context.get_start_method() == "fork" and first[1]:
            # Models load on the first page read, and the record maker's libraries on the first
            # finish: do both here, and the forked workers share them.
            finish(pipeline_for(settings).read_page(first[1][0]))
        batches = itertools.chain([first], batches)
        pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_init_worker,
                                   initargs=(settings, os.getpid()))
        pending: deque[tuple[int, Future]] = deque()
        try:
            for tag, pages in batches:
                pending.append((tag, pool.submit(read_batch, pages, finish, settings)))
                if len(pending) >= self.workers * BATCHES_PER_WORKER:
                    yield _result(pending.popleft())
            while pending:
                yield _result(pending.popleft())
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def _context() -> multiprocessing.context.BaseContext:
    """fork while this process runs one thread (fast: loaded modules are shared); forking a process
    with other threads can copy a held lock into the child, so then a fork server."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _result(item: tuple[int, Future]) -> tuple[int, list[Any]]:
    tag, future = item
    try:
        return tag, future.result()
    except BrokenProcessPool as exc:
        raise KhabarError("a worker process died (out of memory?); run the same command again to go on") from exc
