"""The measured figures behind `khabar bench`: speed of reading, beside a bare pass in the same run."""

from __future__ import annotations

import dataclasses
import re
import time
import unicodedata
from collections.abc import Iterator, Sequence
from itertools import islice
from pathlib import Path

from khabar.article import Article
from khabar.pipeline import default_pipeline
from khabar.settings import Settings

# The bare pass: what any reader must do at least (decode, NFKC, one regex tokenisation).
BARE_TOKEN_RE = re.compile(r"\w+|[^\w\s]")


CHUNK = 250  # articles per turn: the passes take turns, so that both see the same machine load


@dataclasses.dataclass
class _Pass:
    count: int = 0
    size: int = 0
    errors: int = 0
    tokens: int = 0
    seconds: float = 0.0


def _turn(limit: int | None, count: int) -> int:
    return CHUNK if limit is None else max(0, min(CHUNK, limit - count))


def _bare_chunk(texts: Iterator[str], tally: _Pass, limit: int | None) -> bool:
    """One turn of the bare pass; False when its texts (or the limit) are used up."""
    wanted, before = _turn(limit, tally.count), tally.count
    started = time.perf_counter()
    for text in islice(texts, wanted):
        BARE_TOKEN_RE.findall(unicodedata.normalize("NFKC", text))
        tally.count += 1
        tally.size += len(text.encode("utf-8"))
    tally.seconds += time.perf_counter() - started
    return wanted > 0 and tally.count - before == wanted


def _full_chunk(articles: Iterator[Article], tally: _Pass, limit: int | None) -> bool:
    """One turn of khabar's reading; False when its articles (or the limit) are used up."""
    wanted, before = _turn(limit, tally.count), tally.count
    started = time.perf_counter()
    for article in islice(articles, wanted):
        tally.count += 1
        tally.errors += bool(article.error)
        tally.tokens += len(article.tokens)
        tally.size += len(article.raw.encode("utf-8"))
    tally.seconds += time.perf_counter() - started
    return wanted > 0 and tally.count - before == wanted


def _interleaved(inputs: Sequence[str | Path], limit: int | None, settings: Settings) -> tuple[_Pass, _Pass, dict]:
    """The bare pass and khabar's reading over the same texts, taking turns chunk by chunk."""
    from khabar.run.collector import collected_rarely, tune_process
    from khabar.sources import iter_pages, iter_texts_bare

    pipeline = default_pipeline(settings).warm()
    tune_process()  # as `khabar read` runs (the benchmark is a process of khabar's)
    texts = iter_texts_bare(inputs)
    articles = collected_rarely(pipeline.read_pages(iter_pages(inputs)))
    bare, full = _Pass(), _Pass()
    more_bare = more_full = True
    while more_bare or more_full:
        if more_bare:
            more_bare = _bare_chunk(texts, bare, limit)
        if more_full:
            more_full = _full_chunk(articles, full, limit)
    return bare, full, pipeline.seconds


READING_STEPS = ("sentences", "tokens")


def bench_read(inputs: Sequence[str | Path], *, limit: int | None = None, settings: Settings | None = None,
               all_stages: bool = True) -> dict[str, float | int]:
    """Read `inputs` in one run: a bare pass (decode, NFKC, one regex tokenisation) taking turns with
    khabar's reading (page and text stages), then, unless `all_stages` is False, the whole pipeline.
    Figures per second and each stage's seconds."""
    settings = settings or Settings()
    warm = min(limit or 200, 200)
    _interleaved(inputs, warm, dataclasses.replace(settings, steps=READING_STEPS))  # file cache, imports
    bare, full, stages = _interleaved(inputs, limit, dataclasses.replace(settings, steps=READING_STEPS))
    figures: dict[str, float | int] = {
        "articles": full.count,
        "errors": full.errors,
        "seconds": round(full.seconds, 3),
        "articles_per_s": _rate(full.count, full.seconds),
        "mb_per_s": round(full.size / 1e6 / full.seconds, 3) if full.seconds else 0.0,
        "bare_articles_per_s": _rate(bare.count, bare.seconds),
        "bare_mb_per_s": round(bare.size / 1e6 / bare.seconds, 3) if bare.seconds else 0.0,
    }
    figures["ratio"] = _ratio(figures["articles_per_s"], figures["bare_articles_per_s"])
    figures["tokens"] = full.tokens
    _stage_figures(figures, stages, full.tokens)
    if all_stages:
        bare_all, full_all, stages = _interleaved(inputs, limit, settings)
        figures["all_articles_per_s"] = _rate(full_all.count, full_all.seconds)
        figures["all_bare_articles_per_s"] = _rate(bare_all.count, bare_all.seconds)
        figures["ratio_all"] = _ratio(figures["all_articles_per_s"], figures["all_bare_articles_per_s"])
        _stage_figures(figures, stages, full_all.tokens)
    return figures


def _rate(count: int, seconds: float) -> float:
    return round(count / seconds, 1) if seconds else 0.0


def _ratio(rate: float, bare: float) -> float:
    return round(rate / bare, 3) if bare else 0.0


def _stage_figures(figures: dict[str, float | int], stages: dict[str, float], tokens: int) -> None:
    for stage, stage_seconds in stages.items():
        figures[f"{stage}_seconds"] = round(stage_seconds, 3)
        if stage_seconds and tokens:
            figures[f"{stage}_tokens_per_s"] = round(tokens / stage_seconds)


def bench_kb(repeat: int = 3) -> dict[str, float | int]:
    """Seconds to build the packaged knowledge base from its files (best and median of `repeat`),
    and its size: what every process pays once before its first lookup."""
    from khabar.kb import KnowledgeBase
    from khabar.kb.load import build_entries, package_sources

    sources = package_sources()
    times = []
    for _ in range(max(repeat, 1)):
        start = time.perf_counter()
        kb = KnowledgeBase(build_entries(sources))
        times.append(time.perf_counter() - start)
    times.sort()
    return {"builds": len(times), "best_seconds": round(times[0], 4),
            "median_seconds": round(times[len(times) // 2], 4), "names": sum(1 for _ in kb.names())}
