"""`khabar bench read-many`: khabar.read_many against khabar.read one text at a time, on the same texts
in the same run: articles/s of each and how many articles came out the same."""

from __future__ import annotations

import time
from collections.abc import Sequence
from itertools import islice
from typing import Any

from khabar.article import Article
from khabar.pipeline import default_pipeline, read, read_many
from khabar.settings import Settings
from khabar.sources.read import iter_pages


def _content(article: Article) -> dict[str, Any]:
    record = article.to_dict()
    record.pop("position", None)  # read_many numbers the items of its stream; read has no stream
    return record


def bench_read_many(corpus: Sequence[str], *, limit: int = 500, batch: int | None = None) -> dict[str, Any]:
    """Read the first `limit` readable documents of `corpus` both ways (resources built beforehand)."""
    settings = Settings()
    items = [{"id": p.id, "text": p.text, "date": p.date}
             for p in islice((p for p in iter_pages(corpus) if p.error is None), limit)]
    default_pipeline(settings).warm()
    started = time.perf_counter()
    singles = [_content(read(item["text"], id=item["id"], date=item["date"])) for item in items]
    one_seconds = time.perf_counter() - started
    started = time.perf_counter()
    many = [_content(a) for a in read_many(items, batch=batch)]
    many_seconds = time.perf_counter() - started
    same = sum(a == b for a, b in zip(singles, many, strict=True))
    return {"articles": len(items), "same_articles": same, "batch": batch or settings.batch,
            "read_one_by_one_articles_per_s": round(len(items) / one_seconds, 1) if one_seconds else None,
            "read_many_articles_per_s": round(len(items) / many_seconds, 1) if many_seconds else None,
            "read_one_by_one_s": round(one_seconds, 2), "read_many_s": round(many_seconds, 2)}
