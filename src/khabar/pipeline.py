"""The reading pipeline: a raw page becomes an Article, then each step adds its annotations.

A step (khabar.step.Step) is a function (article, resources) with a `name`, the fields it `requires`
and the fields it `provides`; the Pipeline checks that every requirement is provided by an earlier
step and that no field has two writers. The Resources — knowledge base with the user's files,
lexicons, tagger, word table — are built once and handed to every step. A step that fails records its
name and the problem in `article.error`, and the next article goes on.
`read_pages` takes pages `Settings.batch` at a time (like spaCy's `nlp.pipe`): a step with a batch
form (`run_many`; the entity step tags all the batch's sentences in one scoring and decoding pass)
gets the whole batch, the others one article at a time; the output is the same either way.

The pipeline leaves the process as it found it: how the garbage collector is tuned for a long run is
the caller's choice (khabar.run.collector, used by the CLI and the worker processes).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import islice
from typing import Any

from khabar.article import Article
from khabar.budget import SECONDS_PER_DOCUMENT, OverBudget, budget, document_seconds
from khabar.entities.step import ENTITY_LINKER
from khabar.errors import InputError
from khabar.events import EVENT_CODER
from khabar.events.location import EVENT_PLACES
from khabar.page.continuations import link_continuations
from khabar.page.step import PAGE_READER
from khabar.quotes import QUOTE_FINDER
from khabar.resources import Resources, data_path
from khabar.settings import Settings
from khabar.sources.decode import check_language, decode_bytes, too_large
from khabar.sources.page import RawPage
from khabar.step import Step
from khabar.text.step import SENTENCIZER, TOKENIZER

SOURCE_FIELDS = ("id", "raw", "reference_date", "given_date", "layout", "url", "source", "position")  # set from the RawPage


class Pipeline:
    """The page step, then `steps`, with one Resources (shared in the process with every pipeline
    that has the same knowledge-base files, unless one is given)."""

    def __init__(self, steps: Iterable[Step], settings: Settings | None = None,
                 resources: Resources | None = None) -> None:
        self.steps = [s for s in steps if s is not PAGE_READER]
        self.settings = settings or Settings()
        self.resources = resources or Resources(self.settings)
        if self.resources.settings != self.settings:
            raise ValueError("the pipeline's resources were built for other settings")
        self.seconds: dict[str, float] = {"page": 0.0, **{step.name: 0.0 for step in self.steps}}
        # per article of ordinary size, over its steps (larger ones get more: budget.document_seconds); None: no limit
        self.budget: float | None = SECONDS_PER_DOCUMENT
        self._spent: dict[int, float] = {}  # seconds used by the articles in hand, by id()
        self._prepared: set[str] = set()  # steps whose resources are built
        check_contract([PAGE_READER, *self.steps])

    def warm(self) -> Pipeline:
        """Build every resource the steps use and fill the word table by reading the bundled sample
        page (its time is not counted in `seconds`); returns the pipeline."""
        for step in (PAGE_READER, *self.steps):
            self._prepare(step)
        text = data_path("khabar.samples", "kuna_demo.txt").read_text(encoding="utf-8")
        seconds = dict(self.seconds)
        self.read_page(RawPage(id="warm-up", text=text, origin="warm-up"))
        self.seconds = seconds
        return self

    def read_page(self, page: RawPage) -> Article:
        """One raw page through the page stage and every step."""
        article = self._page(page)
        if article.error is None:
            self.annotate(article)
        self._spent.clear()
        return article

    def _page(self, page: RawPage) -> Article:
        """The page stage alone: headline, dateline, agency and body (or the page's error)."""
        if page.error:
            return _failed(page)
        article = Article(id=page.id, raw=page.text, reference_date=self.settings.reference_date or page.date,
                          layout=page.layout, outlet=page.outlet, url=page.url, source=page.origin,
                          position=page.position,
                          given_date=(page.date, page.date_source or "file") if page.date else None)
        self._run_steps(article, [PAGE_READER])
        if article.error:  # a bug on one page must not stop a corpus
            return _failed(page, article.error)
        return article

    def annotate(self, article: Article) -> Article:
        self._run_steps(article, self.steps)
        return article

    def _run_steps(self, article: Article, steps: Sequence[Step]) -> None:
        """`steps` in order on one article, stopping at the first that fails or passes the article's
        time budget (what its earlier steps used counts)."""
        whole = document_seconds(self.budget, article.raw or "")
        for step in steps:
            self._prepare(step)
            started = time.perf_counter()
            spent = self._spent.get(id(article), 0.0)
            try:
                with budget(whole - spent if whole else None, whole):
                    step.run(article, self.resources)
            except OverBudget as exc:
                article.error = f"{step.name}: {exc}"
                break
            except Exception as exc:
                article.error = f"{step.name}: {type(exc).__name__}: {exc}"
                break
            finally:
                elapsed = time.perf_counter() - started
                self.seconds[step.name] += elapsed
                self._spent[id(article)] = spent + elapsed

    def _prepare(self, step: Step) -> None:
        """Build the resources the step uses before its first article: their loading (seconds on a busy
        machine) is the pipeline's, not counted in an article's time budget."""
        if step.name not in self._prepared:
            for build in step.uses:
                self.resources.get(build)
            self._prepared.add(step.name)

    def annotate_many(self, articles: Sequence[Article], steps: Sequence[Step] | None = None) -> None:
        """Steps (default: all) over a batch of articles: a step with `run_many` takes the batch at
        once (the tagger scores and decodes all its sentences together); between such steps, the
        others run article by article, each article through all of them while its text is at hand.
        An article whose step fails keeps the error and leaves the batch; if a batch call fails,
        the step is run article by article so that only the faulty article is marked."""
        steps = self.steps if steps is None else steps
        live = [a for a in articles if a.error is None]
        i = 0
        while i < len(steps) and live:
            step = steps[i]
            if step.run_many is not None and len(live) > 1:
                self._prepare(step)
                started = time.perf_counter()
                try:
                    if not _batch_ran(step, live, self.resources):
                        for article in live:
                            self._run_steps(article, [step])
                finally:
                    self.seconds[step.name] += time.perf_counter() - started
                i += 1
            else:
                j = i + 1
                while j < len(steps) and steps[j].run_many is None:
                    j += 1
                for article in live:
                    self._run_steps(article, steps[i:j])
                i = j
            live = [a for a in live if a.error is None]

    def read_pages(self, pages: Iterable[RawPage], *, link: bool = True) -> Iterator[Article]:
        """Articles in input order, annotated `settings.batch` at a time; continuation parts of a
        dispatch take its dateline and agency within the stream (unless `link` is False: the store
        links them at ingest, whatever the batches)."""
        articles = self._batches(pages)
        return link_continuations(articles) if link else articles

    def _batches(self, pages: Iterable[RawPage]) -> Iterator[Article]:
        # The steps before the first one with a batch form run as each page is read.
        first = next((k for k, step in enumerate(self.steps) if step.run_many is not None), len(self.steps))
        lead, rest = self.steps[:first], self.steps[first:]
        it = iter(pages)
        size = max(1, self.settings.batch) if rest else 1
        while batch := [self._page(page) for page in islice(it, size)]:
            for article in batch:
                if article.error is None:
                    self._run_steps(article, lead)
            self.annotate_many(batch, rest)
            self._spent.clear()
            yield from batch


def check_contract(steps: Sequence[Step]) -> None:
    """Raise ValueError unless every field a step requires is provided by an earlier step (or by the
    source: id, raw text, dates, provenance) and no field has two writers."""
    provided = set(SOURCE_FIELDS)
    writers: dict[str, str] = {}
    for step in steps:
        missing = [f for f in step.requires if f not in provided]
        if missing:
            raise ValueError(f"step {step.name!r} requires {', '.join(missing)}, which no earlier step provides")
        for field in step.provides:
            if field in writers or field in SOURCE_FIELDS:
                raise ValueError(f"steps {writers.get(field, 'source')!r} and {step.name!r} both write {field!r}")
            writers[field] = step.name
        provided.update(step.provides)


def _batch_ran(step: Step, articles: Sequence[Article], resources: Resources) -> bool:
    """Run a step's batch form; False when it failed (the step is then run article by article)."""
    # The batch has the budget of all its articles; past it, each is run alone with its own.
    seconds = sum(document_seconds(SECONDS_PER_DOCUMENT, a.raw or "") or 0.0 for a in articles)
    try:
        with budget(seconds):
            step.run_many(articles, resources)
    except Exception:
        return False
    return True


def _failed(page: RawPage, reason: str | None = None) -> Article:
    article = Article(id=page.id, raw=page.text or "", source=page.origin, position=page.position)
    article.error = reason or page.error
    return article


def default_steps(settings: Settings) -> list[Step]:
    # Quotes come after the entities: speakers are resolved to their mentions.
    steps = [SENTENCIZER, TOKENIZER, ENTITY_LINKER, QUOTE_FINDER]
    steps.append(EVENT_CODER)  # after the entities: actors are coded from their mentions
    steps.append(EVENT_PLACES)  # where each event happened: places of its sentence, or the dateline
    if settings.steps is not None:
        steps = [s for s in steps if s.name in settings.steps]
    return steps


def default_pipeline(settings: Settings | None = None) -> Pipeline:
    settings = settings or Settings()
    return Pipeline(default_steps(settings), settings)


def read(text: str, *, id: str = "text", date: dt.date | None = None, plain: bool = False,
         settings: Settings | None = None) -> Article:
    """Read one text (a scraped page, or clean article text with plain=True) into an Article. The
    resources are built on the first call and shared by the calls after it. A text the command line
    would refuse (empty, binary, not Arabic, over `settings.max_bytes`) raises InputError with the
    same words."""
    settings = settings or Settings()
    page = _text_page(text, id, date, plain, settings)
    if page.error:
        raise InputError(id, page.error)
    return default_pipeline(settings).read_page(page)


def read_many(texts: Iterable[str | Mapping[str, Any]], *, batch: int | None = None, date: dt.date | None = None,
              plain: bool = False, settings: Settings | None = None) -> Iterator[Article]:
    """Read texts as a stream (like spaCy's `nlp.pipe`): the pipeline annotates `batch` of them together
    (default `settings.batch`), and the articles come out in input order, one per text, each as `read`
    gives it. An item is a text or a dict with `text` and optionally `id` and `date` (a date or
    YYYY-MM-DD). A text `read` would refuse comes out as an Article with `error` set (one bad text
    does not stop a stream)."""
    settings = settings or Settings()
    if batch is not None:
        settings = dataclasses.replace(settings, batch=batch)
    pipeline = default_pipeline(settings)
    pages = (_item_page(item, n, date, plain, settings) for n, item in enumerate(texts))
    return pipeline._batches(pages)  # no continuation linking: each article as `read` gives it


def _item_page(item: str | Mapping[str, Any], n: int, date: dt.date | None, plain: bool,
               settings: Settings) -> RawPage:
    if isinstance(item, str):
        return _text_page(item, f"text-{n}", date, plain, settings, n)
    text = item.get("text")
    page_id = str(item.get("id") or f"text-{n}")
    when = item.get("date") or date
    if isinstance(when, str):
        when = dt.date.fromisoformat(when[:10])
    if not isinstance(text, str):
        return RawPage(id=page_id, text="", origin=page_id, position=n, error="no text")
    return _text_page(text, page_id, when, plain, settings, n)


def _text_page(text: str, id: str, date: dt.date | None, plain: bool, settings: Settings,
               position: int = 0) -> RawPage:
    """A RawPage of a text given in Python, checked as the command line checks a file."""
    page = RawPage(id=id, text=text, origin=id, layout="plain" if plain else "page", date=date, position=position,
                   date_source="reference" if date else None)
    try:
        data = text.encode("utf-8", errors="surrogatepass")
        if len(data) > settings.max_bytes:
            raise too_large(id, len(data), settings.max_bytes)
        page.text = decode_bytes(data, id)
        check_language(page.text, id)
    except InputError as exc:
        page.text, page.error = "", exc.reason
    return page
