"""`khabar bench hostile`: each hostile shape read at growing sizes, with the time, the memory it
added and the growth exponent between the two largest sizes (1 means linear).

Every reading runs in a child forked from a warm process (models loaded once): the child's peak
resident memory less what it started with is what the input cost, and a child that passes the
timeout is killed and reported, so one bad shape cannot stop the bench."""

from __future__ import annotations

import math
import multiprocessing
import os
import resource
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from khabar.hostile import SHAPES

SIZES = (10_000, 100_000, 1_000_000, 5_000_000)
TIMEOUT_S = 60.0


@dataclass
class Reading:
    shape: str
    size: int
    seconds: float | None  # None: killed at the timeout
    added_mb: float | None
    documents: int = 0
    errors: int = 0
    first_error: str | None = None


_PIPELINE: list = []


def _warm_pipeline():  # type: ignore[no-untyped-def]
    from khabar.pipeline import default_pipeline

    if not _PIPELINE:
        _PIPELINE.append(default_pipeline().warm())
    return _PIPELINE[0]


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def _read_one(path: str, answer) -> None:  # type: ignore[no-untyped-def]
    """In the child: read every page of `path` with the full pipeline; send what it took."""
    from khabar.sources import iter_pages

    start_mb = _rss_mb()
    started = time.perf_counter()
    documents = errors = 0
    first_error = None
    for article in _warm_pipeline().read_pages(iter_pages([path])):
        documents += 1
        if article.error:
            errors += 1
            first_error = first_error or article.error
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    answer.send((seconds, max(0.0, peak_mb - start_mb), documents, errors, first_error))


def measure(shape: str, size: int, folder: Path, timeout: float = TIMEOUT_S, seed: int = 0) -> Reading:
    name, data = SHAPES[shape](size, seed)
    path = folder / name
    path.write_bytes(data)
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_read_one, args=(str(path), send), daemon=True)
    child.start()
    send.close()
    try:
        if receive.poll(timeout):
            seconds, added, documents, errors, first_error = receive.recv()
            return Reading(shape, size, seconds, added, documents, errors, first_error)
        return Reading(shape, size, None, None)
    except EOFError:  # the child died (out of memory?)
        return Reading(shape, size, None, None, first_error=f"the reader died (exit {child.exitcode})")
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()
        path.unlink()


def exponent(small: Reading, large: Reading) -> float | None:
    """How time grows from one size to the other: t ~ size ** exponent."""
    if small.seconds is None or large.seconds is None or small.seconds <= 0:
        return None
    return math.log(large.seconds / small.seconds) / math.log(large.size / small.size)


def bench_hostile(shapes: Sequence[str] | None = None, sizes: Sequence[int] = SIZES,
                  timeout: float = TIMEOUT_S) -> Iterator[tuple[str, list[Reading], float | None]]:
    """(shape, its readings by size, growth exponent between the two largest sizes), shape by shape."""
    _warm_pipeline()  # loaded before the children are forked, which share it
    with tempfile.TemporaryDirectory(prefix="khabar-hostile-") as folder:
        for shape in shapes or list(SHAPES):
            readings = [measure(shape, size, Path(folder), timeout) for size in sizes]
            yield shape, readings, exponent(readings[-2], readings[-1]) if len(readings) > 1 else None


def format_row(shape: str, readings: list[Reading], growth: float | None) -> str:
    times = " ".join(_time(r) for r in readings)
    memory = readings[-1].added_mb
    worst = next((r.first_error for r in reversed(readings) if r.first_error), "")
    return (f"{shape:20} {times} {growth if growth is not None else float('nan'):6.2f} "
            f"{memory if memory is not None else float('nan'):8.0f}  {worst[:60]}")


def _time(reading: Reading) -> str:
    """Seconds, marked "b" when the time budget stopped a document and "e" for other errors."""
    if reading.seconds is None:
        return "  killed"
    mark = " "
    if reading.first_error:
        mark = "b" if "time budget" in reading.first_error else "e"
    return f"{reading.seconds:7.2f}{mark}"


def header(sizes: Sequence[int]) -> str:
    names = " ".join(f"{_size_name(s):>8}" for s in sizes)
    return f"{'shape':20} {names} {'growth':>6} {'+MB last':>8}  first error at the largest size"


def _size_name(size: int) -> str:
    return f"{size // 1_000_000} MB" if size >= 1_000_000 else f"{size // 1000} KB"
