"""The time budget per document: a step that runs past it is stopped and named, the next article goes on."""

from __future__ import annotations

import time

import pytest

from khabar import budget as budget_module
from khabar.pipeline import Pipeline
from khabar.sources.page import RawPage
from khabar.step import Step

pytestmark = pytest.mark.skipif(not budget_module._can_time(), reason="needs SIGALRM in the main thread")

TEXT = "قال الوزير إن الحكومة ستعمل على خطة جديدة لدعم المزارعين في المناطق الريفية"


def _stuck(article, settings) -> None:
    if "عالق" in article.raw:
        while True:  # a loop no stage should have, standing for any super-linear one
            time.sleep(0.01)


def test_a_step_past_the_budget_is_stopped_and_named_and_the_next_article_is_read():
    pipeline = Pipeline([Step("stuck", _stuck, ("body",), ())])
    pipeline.budget = None
    pipeline.read_page(RawPage(id="warm", text=TEXT, origin="warm"))  # the page stage's first load is not timed
    pipeline.budget = 0.5
    pages = [RawPage(id="a", text=f"{TEXT} عالق", origin="a"), RawPage(id="b", text=TEXT, origin="b")]
    first, second = pipeline.read_pages(pages)
    assert first.error == "stuck: stopped after the time budget of 0.5 s per document"
    assert second.error is None


def test_the_budget_leaves_no_timer_behind():
    import signal

    with budget_module.budget(5):
        pass
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    with pytest.raises(budget_module.OverBudget):
        with budget_module.budget(0.05):
            time.sleep(1)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def _slow_resource(resources) -> str:
    time.sleep(1.0)  # a model loaded on first use, on a busy machine
    return "loaded"


def _uses_slow(article, resources) -> None:
    assert resources.get(_slow_resource) == "loaded"


def test_loading_a_steps_resources_is_not_counted_in_the_first_articles_budget():
    from khabar.resources import Resources

    step = Step("slow-start", _uses_slow, ("body",), (), uses=(_slow_resource,))
    pipeline = Pipeline([step], resources=Resources(shared=False))
    pipeline.budget = None
    pipeline.read_page(RawPage(id="warm", text=TEXT, origin="warm"))  # the page stage's own first load
    fresh = Pipeline([step], resources=Resources(shared=False))  # the slow resource not built yet
    fresh.budget = 0.5
    first, second = fresh.read_pages([RawPage(id="a", text=TEXT, origin="a"), RawPage(id="b", text=TEXT, origin="b")])
    assert first.error is None and second.error is None


def test_a_larger_document_gets_a_budget_in_proportion_to_its_size():
    from khabar.budget import SECONDS_PER_DOCUMENT, SECONDS_PER_MB, document_seconds

    assert document_seconds(SECONDS_PER_DOCUMENT, "ن" * 2_000) == SECONDS_PER_DOCUMENT  # a news article
    assert document_seconds(SECONDS_PER_DOCUMENT, "x" * 5_000_000) == 5 * SECONDS_PER_MB  # 5 MB: 30 s
    assert document_seconds(SECONDS_PER_DOCUMENT, "ن" * 2_500_000) == 5 * SECONDS_PER_MB  # 5 MB of Arabic letters
    assert document_seconds(None, "x" * 5_000_000) is None


def _slow_on_big(article, resources) -> None:
    time.sleep(0.7)  # slower than the small budget below, within what its size earns


def test_the_pipeline_gives_a_large_document_its_larger_budget():
    from khabar import budget as module

    pipeline = Pipeline([Step("slow", _slow_on_big, ("body",), ())])
    pipeline.budget = None
    pipeline.read_page(RawPage(id="warm", text=TEXT, origin="warm"))
    pipeline.budget = 0.5
    saved = module.SECONDS_PER_MB
    module.SECONDS_PER_MB = 10.0  # so that a test-sized page earns more than 0.5 s
    try:
        big = TEXT + " " + "كلمة " * 40_000  # 200,000 characters: 2 s at this rate
        small, large = pipeline.read_pages([RawPage(id="s", text=TEXT, origin="s"), RawPage(id="l", text=big, origin="l")])
    finally:
        module.SECONDS_PER_MB = saved
    assert small.error is not None and "time budget" in small.error
    assert large.error is None
