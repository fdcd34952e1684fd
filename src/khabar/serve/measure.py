"""The figures behind `khabar bench serve`: p50/p95 latency of the dashboard's main pages and of the
API calls, over HTTP against the app served in a thread on the given store."""

from __future__ import annotations

import statistics
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from khabar.serve.app import create_app
from khabar.serve.server import serving
from khabar.store.db import open_store
from khabar.store.pg import redact
from khabar.store.queries import entities, search

REPEATS = 20
BENCH_WORD = "الرئيس"  # common in any Arabic news corpus


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def bench_paths(db: str | Path) -> dict[str, str]:
    """Label → path of each page and API call timed; ids are the store's own (top hit, top entity)."""
    conn = open_store(db)
    try:
        hits = search(conn, BENCH_WORD, limit=1, snippets=False)["results"] or search(conn, "", limit=1)["results"]
        top = entities(conn, linked=True, limit=1) or entities(conn, limit=1)
    finally:
        conn.close()
    word = quote(BENCH_WORD)
    paths = {"page /": "/", "page search": f"/?q={word}", "page entities": "/entities", "page events": "/events",
             "api search": f"/api/v1/search?q={word}", "api articles": "/api/v1/articles",
             "api entities": "/api/v1/entities", "api events": "/api/v1/events", "api quotes": "/api/v1/quotes",
             "api stories": "/api/v1/stories", "api stats": "/api/v1/stats"}
    if hits:
        paths["page article"] = f"/articles/{hits[0]['id']}"
        paths["api article"] = f"/api/v1/articles/{hits[0]['id']}"
    if top:
        paths["page entity"] = f"/entities/{quote(top[0]['id'], safe='')}"
        paths["api entity"] = f"/api/v1/entities/{quote(top[0]['id'], safe='')}"
    return dict(sorted(paths.items()))


def _get(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as answer:
        answer.read()
        if answer.status != 200:
            raise RuntimeError(f"{url}: HTTP {answer.status}")
    return (time.perf_counter() - started) * 1000


def bench_serve(db: str | Path, *, repeats: int = REPEATS, cache: bool = True) -> dict[str, Any]:
    """Per page and API call: the first request's time, then p50, p95 and max (ms) over `repeats` more,
    and p50/p95 of the CPU time this process spent on each (server and client), which a machine busy
    with other work does not inflate as it does the wall time."""
    paths = bench_paths(db)
    figures: dict[str, Any] = {"db": redact(str(db)), "repeats": repeats, "cache": cache, "calls": {}}
    with serving(create_app(db, cache=cache)) as base:
        for label, path in paths.items():
            first = _get(base + path)  # also warms SQLite's page cache and the thread's connection
            times, cpu = [], []
            for _ in range(repeats):
                started = time.process_time()
                times.append(_get(base + path))
                cpu.append((time.process_time() - started) * 1000)
            figures["calls"][label] = {"path": unquote(path), "first_ms": round(first, 1), "p50_ms": round(_percentile(times, 0.5), 1),
                                       "p95_ms": round(_percentile(times, 0.95), 1),
                                       "max_ms": round(max(times), 1), "mean_ms": round(statistics.mean(times), 1),
                                       "cpu_p50_ms": round(_percentile(cpu, 0.5), 1),
                                       "cpu_p95_ms": round(_percentile(cpu, 0.95), 1)}
    return figures
