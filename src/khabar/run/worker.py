"""What a worker does with one batch: read its pages with the full pipeline and finish each article."""

from __future__ import annotations

from typing import Any

from khabar.pipeline import Pipeline, default_pipeline
from khabar.run import Finish
from khabar.run.collector import collected_rarely, is_worker, tune_process
from khabar.settings import Settings
from khabar.sources.page import RawPage


def pipeline_for(settings: Settings) -> Pipeline:
    """A pipeline for `settings`: its resources (knowledge base, models, word table) are the process's,
    built on the first batch and shared by the batches after it. Reading stays a pure function of the page."""
    return default_pipeline(settings)


def init_worker_process(settings: Settings) -> None:
    """In a worker process khabar starts: its collector is tuned once the pipeline is warm."""
    default_pipeline(settings).warm()
    tune_process(worker=True)


def read_batch(pages: list[RawPage], finish: Finish, settings: Settings) -> list[Any]:
    """`finish(article)` for each page, in order. Continuation parts are not linked here, where only
    one batch is seen: the store links them to their lead whichever batch each came in."""
    articles = pipeline_for(settings).read_pages(pages, link=False)
    return [finish(article) for article in (collected_rarely(articles) if is_worker() else articles)]
