"""The figures behind `khabar bench load`: many clients at once against `khabar serve` on 127.0.0.1,
for a bounded time, optionally while an ingest writes to the same store; per page and API call the
requests made, the errors and p50/p95/max latency (ms).

The server runs as its own process (`khabar serve`), as in use; the ingest too (`khabar ingest`).
Clients are threads of this process, each asking for the bench's paths in turn from a different
starting point, one request at a time (a browser tab, not a flood)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from khabar.serve.measure import _percentile, bench_paths
from khabar.serve.server import START_TIMEOUT_S, free_port

REQUEST_TIMEOUT_S = 30.0


class _Tally:
    """Latencies and errors per label, shared by the client threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, list[str]] = defaultdict(list)

    def add(self, label: str, ms: float | None, error: str | None) -> None:
        with self.lock:
            if error is None:
                self.times[label].append(ms or 0.0)
            else:
                self.errors[label].append(error)


def _client(base: str, paths: list[tuple[str, str]], offset: int, stop: float, tally: _Tally) -> None:
    k = offset
    while time.monotonic() < stop:
        label, path = paths[k % len(paths)]
        k += 1
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(base + path, timeout=REQUEST_TIMEOUT_S) as answer:
                answer.read()
            tally.add(label, (time.perf_counter() - started) * 1000, None)
        except urllib.error.HTTPError as exc:
            tally.add(label, None, f"HTTP {exc.code}")
        except (OSError, urllib.error.URLError) as exc:
            tally.add(label, None, type(exc).__name__)


def _khabar(*args: str) -> list[str]:
    """The `khabar` command installed beside this Python (a venv's), else the one on PATH."""
    script = Path(sys.executable).with_name("khabar")
    return [str(script) if script.exists() else (shutil.which("khabar") or "khabar"), *args]


def _wait_up(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S * 2
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"khabar serve stopped with status {server.returncode}")
        try:
            with urllib.request.urlopen(base + "/api/v1/stats", timeout=5) as answer:
                answer.read()
                return
        except (OSError, urllib.error.URLError):
            time.sleep(0.2)
    raise RuntimeError("khabar serve did not answer in time")


def _stop(process: subprocess.Popen | None) -> None:
    """Stop a child and its own children (each was started in a new session)."""
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(timeout=20)


def bench_load(db: str | Path, *, clients: int = 50, seconds: float = 60.0,
               ingest: Sequence[str] = (), ingest_limit: int | None = None,
               server_workers: int = 1) -> dict[str, Any]:
    """`clients` clients for `seconds` against `khabar serve --db db` (and `khabar ingest ingest` into
    the same store meanwhile, when given). Per label: requests, errors, p50/p95/max ms."""
    db = Path(db)
    paths = list(bench_paths(db).items())
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "start_new_session": True}
    server = subprocess.Popen(_khabar("serve", "--db", str(db), "--port", str(port), "--workers", str(server_workers)),
                              **quiet)
    writer = None
    try:
        _wait_up(base, server)
        if ingest:
            limit = ["--limit", str(ingest_limit)] if ingest_limit else []
            writer = subprocess.Popen(_khabar("ingest", *ingest, "--db", str(db), *limit), **quiet)
        tally = _Tally()
        stop = time.monotonic() + seconds
        threads = [threading.Thread(target=_client, args=(base, paths, n, stop, tally), daemon=True)
                   for n in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=seconds + REQUEST_TIMEOUT_S + 5)
        ingest_status = None if writer is None else ("running at the end" if writer.poll() is None
                                                     else f"exited {writer.returncode}")
    finally:
        _stop(writer)
        _stop(server)
    calls = {}
    for label, path in paths:
        times, errors = tally.times.get(label, []), tally.errors.get(label, [])
        calls[label] = {"path": unquote(path), "requests": len(times) + len(errors), "errors": len(errors),
                        "p50_ms": round(_percentile(times, 0.5), 1) if times else None,
                        "p95_ms": round(_percentile(times, 0.95), 1) if times else None,
                        "max_ms": round(max(times), 1) if times else None,
                        "error_kinds": sorted(set(errors))}
    return {"db": str(db), "server_workers": server_workers, "clients": clients, "seconds": seconds, "ingest": list(ingest),
            "ingest_status": ingest_status, "requests": sum(c["requests"] for c in calls.values()),
            "errors": sum(c["errors"] for c in calls.values()), "calls": calls}
