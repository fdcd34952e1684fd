"""A time budget per document: a document that still runs long (a shape no stage was made for) is
stopped and reported as an error instead of holding a worker, or a whole run, for hours.

The clock is an interval timer (SIGALRM), so it can stop pure-Python work anywhere; it works in the
main thread of a POSIX process (the CLI, every worker process of a run). Elsewhere (a server's thread
pool) there is no timer, and the callers bound their input size instead."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from khabar.errors import KhabarError

SECONDS_PER_DOCUMENT = 20.0  # news articles take well under a second; 5 MB of real text far more


class OverBudget(KhabarError):
    """Raised inside the work that passed its budget."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"stopped after the time budget of {seconds:g} s per document")
        self.seconds = seconds


def _can_time() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def budget(seconds: float | None, total: float | None = None) -> Iterator[None]:
    """Raise OverBudget in the body once `seconds` have passed (`total`: the whole budget, named in
    the message when `seconds` is what is left of it). No timer when `seconds` is None, when
    this is not the main thread, or when a timer is already running (the outer one decides)."""
    if seconds is None or not _can_time() or signal.getitimer(signal.ITIMER_REAL)[0] > 0:
        yield
        return
    if seconds <= 0:
        raise OverBudget(total or 0)
    whole = total or seconds

    def stop(signum: int, frame: object) -> None:
        raise OverBudget(whole)

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
