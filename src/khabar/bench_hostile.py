"""`khabar bench hostile`: each hostile shape read at growing sizes, with the time (wall clock and
CPU), the peak memory, whether the per-document time budget stopped it, and the growth exponent
between the two largest sizes (1 means linear), then the shapes that miss issue 17's floor.

Every reading runs in a child forked from a warm process (models loaded once): the child's peak
resident memory is what reading the input took (models included), less what it started with what
the input cost, and a child that passes the timeout is killed and reported, so one bad shape cannot
stop the bench. The exponent is taken from CPU seconds: on a machine shared with other work the
wall clock measures the others too."""

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
# issue 17's floor, from the largest size before it to 5 MB
MAX_EXPONENT = 1.2
MAX_SECONDS = 30.0
MAX_PEAK_MB = 1_000.0


@dataclass
class Reading:
    shape: str
    size: int
    seconds: float | None  # None: killed at the timeout
    added_mb: float | None
    documents: int = 0
    errors: int = 0
    first_error: str | None = None
    cpu: float | None = None  # CPU seconds of the reading process
    peak_mb: float | None = None  # its peak resident memory, the warm models included
    stopped: int = 0  # documents the time budget stopped
    slowest: str = ""  # the step that took longest, with its seconds

    @property
    def budget_stopped(self) -> bool:
        return self.stopped > 0


_PIPELINE: list = []


def _warm_pipeline(budget: float | None = None):  # type: ignore[no-untyped-def]
    """The pipeline, warmed once; `budget` (seconds per document, 0: none) replaces its own."""
    from khabar.pipeline import default_pipeline

    if not _PIPELINE:
        _PIPELINE.append(default_pipeline().warm())
    if budget is not None:
        _PIPELINE[0].budget = budget or None
    return _PIPELINE[0]


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def _read_one(path: str, answer) -> None:  # type: ignore[no-untyped-def]
    """In the child: read every page of `path` with the full pipeline; send what it took."""
    from khabar.sources import iter_pages

    start_mb = _rss_mb()
    pipeline = _warm_pipeline()
    pipeline.seconds = dict.fromkeys(pipeline.seconds, 0.0)
    started, cpu_started = time.perf_counter(), time.process_time()
    documents = errors = stopped = 0
    first_error = None
    for article in pipeline.read_pages(iter_pages([path])):
        documents += 1
        if article.error:
            errors += 1
            stopped += "time budget" in article.error  # as OverBudget words it
            first_error = first_error or article.error
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    step, most = max(pipeline.seconds.items(), key=lambda item: item[1])
    answer.send(Reading("", 0, seconds, max(0.0, peak_mb - start_mb), documents, errors, first_error,
                        cpu, peak_mb, stopped, f"{step} {most:.1f}" if most else ""))


def measure(shape: str, size: int, folder: Path, timeout: float = TIMEOUT_S, seed: int = 0,
            budget: float | None = None) -> Reading:
    """One reading of `shape` at `size` bytes; `budget`: seconds per document (0: none; None: the
    pipeline's own)."""
    name, data = SHAPES[shape](size, seed)
    path = folder / name
    path.write_bytes(data)
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    _warm_pipeline(budget)
    child = context.Process(target=_read_one, args=(str(path), send), daemon=True)
    child.start()
    send.close()
    try:
        if receive.poll(timeout):
            reading = receive.recv()
            reading.shape, reading.size = shape, size
            return reading
        return Reading(shape, size, None, None, first_error=f"killed at the timeout of {timeout:g} s")
    except EOFError:  # the child died (out of memory?)
        return Reading(shape, size, None, None, first_error=f"the reader died (exit {child.exitcode})")
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()
        path.unlink()


def exponent(small: Reading, large: Reading) -> float | None:
    """How CPU time grows from one size to the other: t ~ size ** exponent."""
    if small.cpu is None or large.cpu is None or small.cpu <= 0 or large.size == small.size:
        return None
    return math.log(large.cpu / small.cpu) / math.log(large.size / small.size)


def bench_hostile(shapes: Sequence[str] | None = None, sizes: Sequence[int] = SIZES,
                  timeout: float = TIMEOUT_S,
                  budget: float | None = None) -> Iterator[tuple[str, list[Reading], float | None]]:
    """(shape, its readings by size, growth exponent between the two largest sizes), shape by shape."""
    _warm_pipeline(budget)  # loaded before the children are forked, which share it
    with tempfile.TemporaryDirectory(prefix="khabar-hostile-") as folder:
        for shape in shapes or list(SHAPES):
            readings = [measure(shape, size, Path(folder), timeout, budget=budget) for size in sizes]
            yield shape, readings, exponent(readings[-2], readings[-1]) if len(readings) > 1 else None


def machine() -> str:
    """What else the machine is doing: the wall clock of a reading counts it."""
    one, five, _ = os.getloadavg()
    return f"{os.cpu_count()} cores, load average {one:.1f} (1 min) {five:.1f} (5 min)"


def header() -> str:
    return (f"{'shape':20} {'size':>6} {'seconds':>8} {'cpu s':>7} {'peak MB':>8} {'+MB':>6} {'budget':>7} "
            f"{'growth':>6}  {'slowest step':16} first error")


def format_rows(shape: str, readings: list[Reading], growth: float | None) -> list[str]:
    """One line per size; the growth exponent on the largest size's line."""
    rows = []
    for n, r in enumerate(readings):
        last = n == len(readings) - 1
        grown = "" if not last else "   n/a" if growth is None else f"{growth:6.2f}"
        rows.append(f"{shape:20} {_size_name(r.size):>6} {_num(r.seconds, 8, 2, 'killed')} {_num(r.cpu, 7, 2)} "
                    f"{_num(r.peak_mb, 8, 0)} {_num(r.added_mb, 6, 0)} {_stopped(r):>7} {grown:>6}  "
                    f"{r.slowest:16} {(r.first_error or '')[:60]}")
    return rows


def misses(shape: str, readings: list[Reading], growth: float | None) -> list[str]:
    """How the largest reading misses the floor (none: it holds)."""
    large = readings[-1]
    found = []
    if large.seconds is None:
        found.append(f"not read ({large.first_error})")
    else:
        if growth is not None and growth > MAX_EXPONENT:
            found.append(f"growth {growth:.2f} > {MAX_EXPONENT}")
        # CPU seconds: the machine is shared, and the wall clock counts the others' work too
        if (large.cpu or 0) > MAX_SECONDS:
            found.append(f"{large.cpu:.1f} CPU s > {MAX_SECONDS:g} s (wall clock {large.seconds:.1f} s)")
        if (large.peak_mb or 0) > MAX_PEAK_MB:
            found.append(f"peak {large.peak_mb:.0f} MB > {MAX_PEAK_MB:.0f} MB")
        if large.budget_stopped:
            found.append(f"the time budget stopped {large.stopped} document(s)")
    return [f"{shape} at {_size_name(large.size)}: {text}" for text in found]


def _num(value: float | None, width: int, places: int, missing: str = "-") -> str:
    return f"{missing:>{width}}" if value is None else f"{value:{width}.{places}f}"


def _stopped(reading: Reading) -> str:
    if reading.seconds is None:
        return "killed"
    return f"yes {reading.stopped}" if reading.stopped else "no"


def _size_name(size: int) -> str:
    return f"{size / 1_000_000:g} MB" if size >= 1_000_000 else f"{size / 1000:g} KB"
