"""The measured figures behind `khabar bench ingest`: articles/s of an ingest, then the latency of a
fixed set of searches (words, phrases, filters) on the store it made."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from khabar.run import Runner
from khabar.settings import Settings
from khabar.store.db import open_store
from khabar.store.ingest import ingest
from khabar.store.queries import Filters, entities, events, search, stats

# (label, query, filters): what a reader of a news archive asks; fixed, so runs compare.
BENCH_SEARCHES: tuple[tuple[str, str, Filters], ...] = (
    ("word", "الولايات", Filters()),
    ("word with clitics", "وبالولايات", Filters()),
    ("word", "النفط", Filters()),
    ("name", "ترامب", Filters()),
    ("common word", "الرئيس", Filters()),
    ("two words", "وزير الخارجية", Filters()),
    ("phrase", '"الأمم المتحدة"', Filters()),
    ("phrase", '"مجلس الأمن"', Filters()),
    ("word + dates", "إيران", Filters(date_from="2018-03-01", date_to="2018-05-31")),
    ("word + country", "الحكومة", Filters(country="SAU")),
    ("word + entity", "العقوبات", Filters(entity="Q30")),
    ("word + event type", "سوريا", Filters(event_type="ASSAULT")),
    ("filters only", "", Filters(country="IRQ", date_from="2018-01-01")),
)
REPEATS = 5


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def time_searches(db: str | Path, repeats: int = REPEATS) -> dict[str, Any]:
    """p50/p95 (ms) over `repeats` runs of each bench search, and each search's median."""
    conn = open_store(db)
    try:
        search(conn, "تسخين", limit=10)  # loads the tokeniser's lexicon: a start-up cost, not a search's
        times: list[float] = []
        per_search = {}
        for label, text, filters in BENCH_SEARCHES:
            runs = []
            for _ in range(repeats):
                started = time.perf_counter()
                answer = search(conn, text, filters, limit=10)
                runs.append((time.perf_counter() - started) * 1000)
            times += runs
            per_search[f"{label}: {text} {_describe(filters)}".strip()] = {
                "ms": round(statistics.median(runs), 2), "matches": answer["total"]}
        listing = _time(lambda: entities(conn, limit=20)), _time(lambda: events(conn, limit=20))
        return {"search_p50_ms": round(_percentile(times, 0.5), 2), "search_p95_ms": round(_percentile(times, 0.95), 2),
                "search_max_ms": round(max(times), 2), "entities_ms": listing[0], "events_ms": listing[1],
                "searches": per_search}
    finally:
        conn.close()


def _time(call) -> float:
    started = time.perf_counter()
    call()
    return round((time.perf_counter() - started) * 1000, 2)


def _describe(filters: Filters) -> str:
    return " ".join(f"{k}={v}" for k, v in ((f, getattr(filters, f)) for f in filters.__slots__) if v)


def bench_ingest(inputs: Sequence[str | Path], runner: Runner, *, limit: int | None = None,
                 db: str | Path | None = None, settings: Settings | None = None) -> dict[str, Any]:
    """Ingest `inputs` into a fresh store (a temporary one unless `db`), then time the searches."""
    with tempfile.TemporaryDirectory(prefix="khabar-bench-") as folder:
        target = Path(db) if db else Path(folder) / "bench.db"
        last = None
        for progress in ingest(inputs, target, settings, runner, limit=limit, count=False):
            last = progress
        assert last is not None
        reading = last.seconds - last.stories_seconds  # start-up and shutdown of workers included
        conn = open_store(target)
        counts = stats(conn)
        conn.close()
        figures: dict[str, Any] = {
            "workers": runner.workers, "pages": last.pages, "articles": last.articles, "errors": last.errors,
            "seconds": round(reading, 2), "stories_seconds": round(last.stories_seconds, 2),
            "articles_per_s": round(last.articles / reading, 1) if reading else 0.0,
            "pages_per_s": round(last.pages / reading, 1) if reading else 0.0,
            "store_mb": round(target.stat().st_size / 1e6, 1), **{f"store_{k}": v for k, v in counts.items()},
        }
        figures.update(time_searches(target))
        return figures
