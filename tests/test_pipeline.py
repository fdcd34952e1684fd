"""The pipeline: batches of articles give the same result as one at a time; failures stay with their article."""

from __future__ import annotations

from pathlib import Path

from khabar.article import Article
from khabar.pipeline import GC_THRESHOLDS, Pipeline, default_pipeline
from khabar.settings import Settings
from khabar.sources.page import RawPage
from khabar.step import Step

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "khabar" / "samples" / "kuna_demo.txt"
TEXTS = [
    SAMPLE.read_text(encoding="utf-8"),
    "الرياض 3 مايو (واس) -- استقبل ولي العهد السعودي في الرياض اليوم وزير الخارجية الأمريكي.",
    "",
    "القاهرة - أ ش أ: قال الرئيس المصري إن مصر ترفض أي عدوان على غزة، وأدان القصف الإسرائيلي.",
]


def pages() -> list[RawPage]:
    return [RawPage(id=f"p{i}", text=t, origin=f"p{i}", error=None if t else "empty input")
            for i, t in enumerate(TEXTS)]


def test_batches_read_like_single_articles() -> None:
    one = default_pipeline(Settings(batch=1))
    many = default_pipeline(Settings(batch=3))
    singles = [one.read_page(p).to_dict() for p in pages()]
    assert [a.to_dict() for a in many.read_pages(pages())] == singles
    assert any(d.get("events") for d in singles) and any(d.get("entities") for d in singles)


def _mark(article: Article, settings: Settings) -> None:
    if "مصر" in article.body:
        raise ValueError("no Egypt here")
    article.quotes = []


def _mark_many(articles: list[Article], settings: Settings) -> None:
    calls.append(len(articles))
    for article in articles:
        _mark(article, settings)


calls: list[int] = []


def test_failed_batch_runs_one_by_one_and_marks_only_the_faulty_article() -> None:
    calls.clear()
    later: list[str] = []
    step = Step("mark", _mark, ("body",), (), _mark_many)
    after = Step("after", lambda a, s: later.append(a.id), ("body",), ())
    pipeline = Pipeline([step, after], Settings(batch=10))
    got = list(pipeline.read_pages(pages()))
    assert calls == [3]  # one batch call over the three readable pages, which failed
    errors = {a.id: a.error for a in got}
    assert errors["p3"] == "mark: ValueError: no Egypt here"
    assert errors["p2"] == "empty input"
    assert errors["p0"] is None and errors["p1"] is None
    assert later == ["p0", "p1"]  # later steps skip the failed article


def test_batch_step_called_once_per_batch() -> None:
    calls.clear()
    step = Step("mark", _mark, ("body",), (), _mark_many)
    pipeline = Pipeline([step], Settings(batch=2))
    list(pipeline.read_pages(p for p in pages() if p.id in ("p0", "p1")))
    assert calls == [2]


def test_warm_loads_the_models_and_measures_nothing() -> None:
    import gc

    from khabar.entities.step import shipped_tagger

    pipeline = default_pipeline(Settings())
    thresholds = gc.get_threshold()
    try:
        assert pipeline.warm() is pipeline
        assert gc.get_threshold() == GC_THRESHOLDS
        assert shipped_tagger.cache_info().currsize == 1
        assert gc.get_freeze_count() > 0
        assert set(pipeline.seconds.values()) == {0.0}
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)


def test_long_run_collects_rarely_and_gives_the_collector_back(monkeypatch) -> None:
    import gc

    import khabar.pipeline as pipeline_module

    monkeypatch.setattr(pipeline_module, "COLLECT_EVERY", 2)
    collected: list[bool] = []
    monkeypatch.setattr(gc, "collect", lambda *args: collected.append(gc.isenabled()) or 0)
    pipeline = Pipeline([], Settings())
    pipeline.long_run = True
    enabled_while_reading = []
    thresholds = gc.get_threshold()
    try:
        for _ in pipeline.read_pages(pages()):
            enabled_while_reading.append(gc.isenabled())
        assert enabled_while_reading == [False] * len(TEXTS)
        assert collected == [False, False]  # after the 2nd and the 4th article
        assert gc.isenabled()
        plain = Pipeline([], Settings())  # without warm(): the collector is left alone
        assert all(gc.isenabled() for _ in plain.read_pages(pages()))
    finally:
        gc.unfreeze()
        gc.enable()
        gc.set_threshold(*thresholds)
