"""The measured figures behind `khabar bench`: speed of reading, beside a bare pass in the same run."""

from __future__ import annotations

import dataclasses
import re
import time
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from khabar.pipeline import default_pipeline
from khabar.settings import Settings

# The bare pass: what any reader must do at least (decode, NFKC, one regex tokenisation).
BARE_TOKEN_RE = re.compile(r"\w+|[^\w\s]")


def _bare_pass(inputs: Sequence[str | Path], limit: int | None) -> tuple[int, int, float]:
    from khabar.sources import iter_texts_bare

    count = size = 0
    started = time.perf_counter()
    for text in iter_texts_bare(inputs):
        if limit is not None and count >= limit:
            break
        BARE_TOKEN_RE.findall(unicodedata.normalize("NFKC", text))
        count += 1
        size += len(text.encode("utf-8"))
    return count, size, time.perf_counter() - started


def _full_pass(inputs: Sequence[str | Path], limit: int | None, settings: Settings):
    from khabar.sources import iter_pages

    pipeline = default_pipeline(settings)
    count = size = errors = tokens = 0
    started = time.perf_counter()
    for article in pipeline.read_pages(iter_pages(inputs)):
        if limit is not None and count >= limit:
            break
        count += 1
        errors += bool(article.error)
        tokens += len(article.tokens)
        size += len(article.raw.encode("utf-8"))
    return count, size, errors, tokens, time.perf_counter() - started, pipeline.seconds


READING_STEPS = ("sentences", "tokens")


def bench_read(inputs: Sequence[str | Path], *, limit: int | None = None, settings: Settings | None = None,
               all_stages: bool = True) -> dict[str, float | int]:
    """Read `inputs` in one run: a bare pass, khabar's reading (page and text stages), and, unless
    `all_stages` is False, the whole pipeline. Figures per second and each stage's share of time."""
    settings = settings or Settings()
    _bare_pass(inputs, min(limit or 200, 200))  # warm the file cache and the imports
    bare_n, bare_bytes, bare_s = _bare_pass(inputs, limit)
    reading = dataclasses.replace(settings, steps=READING_STEPS)
    n, size, errors, tokens, seconds, stages = _full_pass(inputs, limit, reading)
    figures: dict[str, float | int] = {
        "articles": n,
        "errors": errors,
        "seconds": round(seconds, 3),
        "articles_per_s": _rate(n, seconds),
        "mb_per_s": round(size / 1e6 / seconds, 3) if seconds else 0.0,
        "bare_articles_per_s": _rate(bare_n, bare_s),
        "bare_mb_per_s": round(bare_bytes / 1e6 / bare_s, 3) if bare_s else 0.0,
    }
    figures["ratio"] = _ratio(figures["articles_per_s"], figures["bare_articles_per_s"])
    figures["tokens"] = tokens
    _stage_figures(figures, stages, tokens)
    if all_stages:
        n, _, _, tokens, seconds, stages = _full_pass(inputs, limit, settings)
        figures["all_articles_per_s"] = _rate(n, seconds)
        figures["ratio_all"] = _ratio(figures["all_articles_per_s"], figures["bare_articles_per_s"])
        _stage_figures(figures, stages, tokens)
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
