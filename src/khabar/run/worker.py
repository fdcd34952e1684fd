"""What a worker does with one batch: read its pages with the full pipeline and finish each article."""

from __future__ import annotations

from typing import Any

from khabar.pipeline import Pipeline, default_pipeline
from khabar.run import Finish
from khabar.settings import Settings
from khabar.sources.page import RawPage

# One pipeline per worker process and Settings, built on the first batch: loading the knowledge base
# and models once per process, not per batch. Reading stays a pure function of the page.
_PIPELINES: dict[Settings, Pipeline] = {}


def pipeline_for(settings: Settings) -> Pipeline:
    pipeline = _PIPELINES.get(settings)
    if pipeline is None:
        pipeline = _PIPELINES[settings] = default_pipeline(settings).warm()
    return pipeline


def read_batch(pages: list[RawPage], finish: Finish, settings: Settings) -> list[Any]:
    """`finish(article)` for each page, in order (continuation parts linked within the batch)."""
    return [finish(article) for article in pipeline_for(settings).read_pages(pages)]
