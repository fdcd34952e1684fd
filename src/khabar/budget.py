"""A time budget per document: a document that still runs long (a shape no stage was made for) is
stopped and reported as an error instead of holding a worker, or a whole run, for hours.

The clock is an interval timer (SIGALRM), so it can stop pure-Python work anywhere; it works in the
main thread of a POSIX process (the CLI, every worker process of a run). Elsewhere (a server's thread
pool) there is no timer, and the callers bound their input size instead."""

from __future__ import annotations

import _signal  # the C functions behind `signal`; see budget
import threading
from typing import Any

from khabar.errors import KhabarError

SECONDS_PER_DOCUMENT = 20.0  # news articles take well under a second; 5 MB of real text far more
SECONDS_PER_MB = 6.0  # a larger document gets this much per megabyte of text (5 MB: 30 s), so that the
# budget stops work that grows faster than its input, not a long text read at the usual pace


def document_seconds(seconds: float | None, text: str) -> float | None:
    """The budget of a document of `text` (its size in UTF-8 bytes), given the budget of an ordinary one
    (None: no limit)."""
    if seconds is None or 4 * len(text) * SECONDS_PER_MB <= seconds * 1_000_000:
        return seconds  # too short to earn more, whatever its letters (no encoding of every article)
    size = len(text.encode("utf-8", "surrogatepass"))
    return max(seconds, SECONDS_PER_MB * size / 1_000_000)


class OverBudget(KhabarError):
    """Raised inside the work that passed its budget."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"stopped after the time budget of {seconds:g} s per document")
        self.seconds = seconds


def _can_time() -> bool:
    return hasattr(_signal, "setitimer") and threading.current_thread() is threading.main_thread()


class budget:  # noqa: N801 - used as a function: `with budget(seconds):`
    """Raise OverBudget in the body once `seconds` have passed (`total`: the whole budget, named in
    the message when `seconds` is what is left of it). No timer when `seconds` is None, when
    this is not the main thread, or when a timer is already running (the outer one decides).

    Every step of every article enters one, so it calls the C functions of `_signal` directly: the
    `signal` module's wrappers turn each handler into an enum, four times the cost of the timer."""

    __slots__ = ("previous", "seconds", "timed", "whole")

    def __init__(self, seconds: float | None, total: float | None = None) -> None:
        self.seconds = seconds
        self.whole = total or seconds or 0
        self.timed = False
        self.previous: Any = None

    def __enter__(self) -> None:
        seconds = self.seconds
        if seconds is None or not _can_time() or _signal.getitimer(_signal.ITIMER_REAL)[0] > 0:
            return
        if seconds <= 0:
            raise OverBudget(self.whole)
        self.previous = _signal.signal(_signal.SIGALRM, self._stop)
        self.timed = True
        _signal.setitimer(_signal.ITIMER_REAL, seconds)

    def __exit__(self, *exc: object) -> None:
        if self.timed:
            _signal.setitimer(_signal.ITIMER_REAL, 0)
            _signal.signal(_signal.SIGALRM, self.previous)
            self.timed = False

    def _stop(self, signum: int, frame: object) -> None:
        raise OverBudget(self.whole)
