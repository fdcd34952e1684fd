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
