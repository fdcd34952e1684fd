"""The pipeline: batches of articles give the same result as one at a time; failures stay with their article."""

from __future__ import annotations

from pathlib import Path

from khabar.article import Article
from khabar.pipeline import Pipeline, check_contract, default_pipeline
from khabar.resources import Resources
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


def _mark(article: Article, resources: Resources) -> None:
    if "مصر" in article.body:
        raise ValueError("no Egypt here")
    article.quotes = []


def _mark_many(articles: list[Article], resources: Resources) -> None:
    calls.append(len(articles))
    for article in articles:
        _mark(article, resources)


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


def _collector_state() -> tuple:
    import gc

    return gc.get_threshold(), gc.get_freeze_count(), gc.isenabled()


def test_warm_builds_the_resources_measures_nothing_and_leaves_the_collector_alone() -> None:
    from khabar.entities.step import shipped_tagger
    from khabar.kb import knowledge_base

    pipeline = default_pipeline(Settings())
    before = _collector_state()
    assert pipeline.warm() is pipeline
    assert _collector_state() == before
    assert pipeline.resources.builds["khabar.kb.knowledge_base"] == 1
    assert pipeline.resources.get(shipped_tagger) is pipeline.resources.get(shipped_tagger)
    assert pipeline.resources.get(knowledge_base) is Resources().get(knowledge_base)  # one per process
    assert set(pipeline.seconds.values()) == {0.0}


LIBRARY_CALLS = """
import gc, json
from khabar.pipeline import default_pipeline, read
from khabar.run.local import LocalRunner
from khabar.settings import Settings
from khabar.sources.page import RawPage
from khabar.store.records import article_record

def state():
    return [list(gc.get_threshold()), gc.get_freeze_count(), gc.isenabled()]

text = "الرياض 3 مايو (واس) -- استقبل ولي العهد السعودي في الرياض اليوم وزير الخارجية الأمريكي."
pages = [RawPage(id=f"p{i}", text=text, origin="p") for i in range(3)]
before = state()
read(text)
after_read = state()
list(default_pipeline(Settings(batch=2)).warm().read_pages(pages))
after_pipeline = state()
list(LocalRunner(1)([(0, pages)], article_record, Settings()))
print(json.dumps([before, after_read, after_pipeline, state()]))
"""


def test_library_calls_leave_the_callers_collector_as_it_was() -> None:
    # In a process of its own: the CLI tests tune this one (as the CLI does its own process).
    import json
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", LIBRARY_CALLS], capture_output=True, text=True, check=True)
    before, *after = json.loads(out.stdout)
    assert all(state == before for state in after), (before, after)


def test_a_tuned_process_collects_rarely_and_gives_the_collector_back(monkeypatch) -> None:
    import gc

    from khabar.run import collector

    collected: list[bool] = []
    monkeypatch.setattr(gc, "collect", lambda *args: collected.append(gc.isenabled()) or 0)
    monkeypatch.setattr(gc, "freeze", lambda: None)
    monkeypatch.setattr(collector._Policy, "tuned", False)  # (a CLI test run in this process tunes it)
    assert list(collector.collected_rarely(range(4), every=2)) == [0, 1, 2, 3]
    assert collected == []  # an untuned process is left alone
    monkeypatch.setattr(collector._Policy, "tuned", True)
    enabled_while_reading = [gc.isenabled() for _ in collector.collected_rarely(range(4), every=2)]
    assert enabled_while_reading == [False] * 4
    assert collected == [False, False]  # after the 2nd and the 4th item
    assert gc.isenabled()


def test_every_field_has_one_writer_and_every_reader_a_writer_before_it() -> None:
    from khabar.page.step import PAGE_READER

    steps = default_pipeline(Settings()).steps
    check_contract([PAGE_READER, *steps])  # the default pipeline holds to it
    twice = Step("again", lambda a, r: None, ("body",), ("mentions",))
    try:
        Pipeline([*steps, twice])
    except ValueError as exc:
        assert "mentions" in str(exc)
    else:
        raise AssertionError("a second writer of a field was accepted")
    early = Step("early", lambda a, r: None, ("events",), ())
    try:
        Pipeline([early, *steps])
    except ValueError as exc:
        assert "events" in str(exc)
    else:
        raise AssertionError("a step reading a field no earlier step writes was accepted")


def test_each_step_writes_only_the_fields_it_declares() -> None:
    """Run the default steps one by one and compare every field before and after each: a step that
    changes a field it does not declare (or rewrites another step's list in place) fails."""
    import copy
    import dataclasses

    from khabar.page.step import PAGE_READER

    pipeline = default_pipeline(Settings())
    for page in pages()[:2] + pages()[3:]:
        article = Article(id=page.id, raw=page.text, source=page.origin)
        for step in [PAGE_READER, *pipeline.steps]:
            before = {f.name: copy.deepcopy(getattr(article, f.name)) for f in dataclasses.fields(Article)}
            step.run(article, pipeline.resources)
            assert article.error is None
            for name, value in before.items():
                if name not in step.provides:
                    assert _same(getattr(article, name), value), f"{step.name} changed {name}"


def _same(a, b) -> bool:
    from khabar.article import Tokens

    if isinstance(a, Tokens) and isinstance(b, Tokens):
        return (a.text, a.spans, a.splits, a.words()) == (b.text, b.spans, b.splits, b.words())
    return a == b


def test_warm_reads_the_romanisation_model_once_per_process_whatever_the_knowledge_base(tmp_path) -> None:
    # The entity step declares the model it spells names with, so that warm() reads it before the
    # first article; pipelines with other knowledge-base files share the one model.
    from khabar.entities.step import ENTITY_LINKER, romanisation
    from khabar.lang.romanise import packaged

    assert romanisation in ENTITY_LINKER.uses
    kb_file = tmp_path / "people.tsv"
    kb_file.write_text("qid\tname_en\tnames_ar\tcountry\torg\trole\ttitle_ar\tstart\tend\tnote\n"
                       "Q4115189\tSalim Qaddourani\tسالم القدوراني\tJOR\t\tforeign_minister\t\t2020-01-01\t\t\n",
                       encoding="utf-8")
    own = default_pipeline(Settings(kb_files=(str(kb_file),))).warm()
    assert own.resources.get(romanisation) is default_pipeline(Settings()).warm().resources.get(romanisation)
    assert own.resources.get(romanisation) is packaged()
