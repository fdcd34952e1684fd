"""Ingest: inputs → pages → (runner: articles → records) → one writer → the store, then stories.

Resumable at any point: a batch's articles and all their rows commit in one transaction (a few
batches together: WRITE_ARTICLES); a page whose text is stored already is only noted as a copy; an
input file read to the end is remembered (path, size, mtime) and skipped next time. Running the same command again after a kill finishes the rest.
The function is a generator of Progress events: library code never prints; the CLI draws them.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from khabar.run import Batch, Runner, require
from khabar.run.local import LocalRunner
from khabar.settings import Settings
from khabar.sources.page import RawPage
from khabar.sources.read import iter_pages
from khabar.store.db import open_store
from khabar.store.dedup import assign_stories
from khabar.store.ids import content_hash, content_id
from khabar.store.records import Record, plain_record
from khabar.store.rows import CopyRow, ErrorRow, PageKey
from khabar.store.writer import finished_input, known_ids, mark_input, tune_writer, write_batch

# Articles written per transaction: the workers' batches (Settings.batch) taken together up to this.
# Rows keyed by an article's (hash) id land on random pages, and a commit writes each page it changed
# once: on a store of 6,000 ANT articles 128 articles dirtied 11.5 pages each, 512 dirtied 4.8.
WRITE_ARTICLES = 512


@dataclass(slots=True)
class Progress:
    """Where an ingest stands. `pages` counts pages settled (stored, already there, or failed)."""

    phase: str = "reading"  # reading → stories → done
    pages: int = 0
    articles: int = 0  # new articles stored
    skipped: int = 0  # pages whose text the store held already
    errors: int = 0
    total: int | None = None  # pages in the inputs, once counted
    seconds: float = 0.0
    inputs_skipped: int = 0  # input files read to the end by an earlier run
    stories: dict[str, int] = field(default_factory=dict)
    stories_seconds: float = 0.0  # of `seconds`, spent on stories and counts after the reading
    # Where the writer's time goes (the workers read meanwhile): writing batches, in seconds of wall
    # time and of this thread's CPU (a shared machine stretches the first, not the second), and
    # waiting for the workers' next batch.
    write_seconds: float = 0.0
    write_cpu_seconds: float = 0.0
    wait_seconds: float = 0.0


@dataclass(slots=True)
class _Input:
    name: str
    fingerprint: tuple[int, int] | None  # size, mtime_ns of a regular file


@dataclass(slots=True)
class _Mark:
    """An input read to its end: marked as read once batch `last_tag` is written."""

    last_tag: int
    input: _Input
    pages: int


@dataclass(slots=True)
class _State:
    progress: Progress
    in_flight: set[str] = field(default_factory=set)  # ids sent to workers, not yet written
    copies: list[CopyRow] = field(default_factory=list)  # pages whose text is stored or in flight
    errors: list[ErrorRow] = field(default_factory=list)
    batches: dict[int, list[CopyRow]] = field(default_factory=dict)  # the pages of each batch in flight
    marks: list[_Mark] = field(default_factory=list)  # inputs read, waiting for their last batch
    repeats: dict[tuple[str, str], int] = field(default_factory=dict)  # (source, page id) seen in this input
    next_tag: int = 0

    def page_key(self, page: RawPage) -> PageKey:
        """How the store knows `page` (its repeat counts the pages before it with its source and id)."""
        key = (page.origin, page.id)
        repeat = self.repeats.get(key, -1) + 1
        self.repeats[key] = repeat
        return PageKey(page.origin, page.id, repeat, page.position)


def ingest(inputs: Sequence[str | Path], db: str | Path, settings: Settings | None = None,
           runner: Runner | None = None, *, batch_pages: int | None = None, limit: int | None = None,
           count: bool = True, write_articles: int = WRITE_ARTICLES) -> Iterator[Progress]:
    """Read `inputs` into the store at `db`, yielding Progress after each write (of batches together,
    up to `write_articles` articles)."""
    require("datasketch", "corpus")  # signatures are made in the workers: check before they start
    settings = settings or Settings()
    batch_pages = batch_pages or settings.batch  # one batch size: what the pipeline annotates together
    runner = runner or LocalRunner()
    started = time.perf_counter()
    conn = open_store(db, write=True)
    tune_writer(conn)
    state = _State(Progress())
    counter: _Counter | None = None
    results = None
    try:
        plan = _plan(conn, inputs, state.progress)
        results = runner(_batches(conn, plan, settings, state, batch_pages, limit), plain_record, settings)
        waited = time.perf_counter()
        for tags, records in _grouped(results, write_articles):
            begun, cpu = time.perf_counter(), time.thread_time()
            state.progress.wait_seconds += begun - waited
            _write(conn, state, records, tags)
            waited = time.perf_counter()
            state.progress.write_seconds += waited - begun
            state.progress.write_cpu_seconds += time.thread_time() - cpu
            if counter is None and count:  # after the first batch: worker processes are forked by now
                counter = _Counter([i.name for i in plan], settings, limit, state.progress)
            state.progress.seconds = time.perf_counter() - started
            yield state.progress
        _write(conn, state, [], [state.next_tag])
        yield from _stories(conn, state.progress, started)
    finally:
        if counter is not None:
            counter.stop.set()
        if results is not None:
            results.close()  # stops the workers before the store closes
        conn.close()


def _plan(conn: sqlite3.Connection, inputs: Sequence[str | Path], progress: Progress) -> list[_Input]:
    """Inputs with absolute paths (so provenance does not depend on the working folder), minus files
    an earlier run read to the end."""
    plan = []
    for item in inputs:
        if str(item) == "-":
            plan.append(_Input("-", None))
            continue
        path = Path(item).absolute()
        fingerprint = None
        if path.is_file():
            stat = path.stat()
            fingerprint = (stat.st_size, stat.st_mtime_ns)
            if finished_input(conn, str(path), *fingerprint):
                progress.inputs_skipped += 1
                continue
        plan.append(_Input(str(path), fingerprint))
    return plan


def _batches(conn: sqlite3.Connection, plan: list[_Input], settings: Settings, state: _State,
             batch_pages: int, limit: int | None) -> Iterator[Batch]:
    """Batches of pages still to read; pages already stored or failed become copies and errors."""
    buffer: list[tuple[CopyRow, RawPage]] = []
    seen = 0
    for item in plan:
        if limit is not None and seen >= limit:
            return
        pages = 0
        state.repeats.clear()
        for page in iter_pages([item.name], plain=settings.plain, max_bytes=settings.max_bytes):
            if limit is not None and seen >= limit:
                item = _Input(item.name, None)  # cut short: not to be marked as read
                break
            seen += 1
            pages += 1
            key = state.page_key(page)
            if page.error:
                state.errors.append(key.error(page.error, page.url))
                continue
            buffer.append((key.copy(content_id(content_hash(page.text)), page.url), page))
            if len(buffer) >= batch_pages:
                yield from _dispatch(conn, state, buffer)
                buffer = []
        if buffer:
            yield from _dispatch(conn, state, buffer)
            buffer = []
        state.marks.append(_Mark(state.next_tag - 1, item, pages))


def _dispatch(conn: sqlite3.Connection, state: _State, buffer: list[tuple[CopyRow, RawPage]]) -> Iterator[Batch]:
    stored = known_ids(conn, [copy.article_id for copy, _ in buffer])
    pages, copies = [], []
    for copy, page in buffer:
        if copy.article_id in stored or copy.article_id in state.in_flight:
            state.copies.append(copy)
        else:
            state.in_flight.add(copy.article_id)
            pages.append(page)
            copies.append(copy)
    if pages:
        tag, state.next_tag = state.next_tag, state.next_tag + 1
        state.batches[tag] = copies
        yield tag, pages


def _grouped(results: Iterator[tuple[int, list[Record]]], size: int) -> Iterator[tuple[list[int], list[Record]]]:
    """The workers' batches, consecutive ones together up to `size` records: written in one
    transaction, they share the pages their rows and counts land on."""
    tags: list[int] = []
    records: list[Record] = []
    for tag, batch in results:
        tags.append(tag)
        records.extend(batch)
        if len(records) >= size:
            yield tags, records
            tags, records = [], []
    if tags:
        yield tags, records


def _write(conn: sqlite3.Connection, state: _State, records: list[Record], tags: list[int]) -> None:
    """Write batches' records with the copies and errors met so far; then mark finished inputs."""
    copies, errors = state.copies, state.errors
    state.copies, state.errors = [], []
    pages = [page for tag in tags for page in state.batches.pop(tag, [])]
    tag = max(tags)
    new = write_batch(conn, records, pages, copies, errors)
    progress = state.progress
    failed = sum(1 for r in records if r["error"])
    progress.articles += new
    progress.skipped += len(copies) + (len(records) - failed - new)
    progress.errors += len(errors) + failed
    progress.pages += len(records) + len(copies) + len(errors)
    state.in_flight.difference_update(page.article_id for page in pages)
    while state.marks and state.marks[0].last_tag <= tag:
        mark = state.marks.pop(0)
        if mark.input.fingerprint is not None:
            mark_input(conn, mark.input.name, *mark.input.fingerprint, mark.pages)


def _stories(conn: sqlite3.Connection, progress: Progress, started: float) -> Iterator[Progress]:
    """Stories and counts are made by each write; a store with articles outside any story (written
    by other means) has them recomputed."""
    unassigned = conn.execute("SELECT 1 FROM articles WHERE story_id IS NULL LIMIT 1").fetchone()
    if unassigned:  # each write places its articles: only a store written otherwise needs this
        progress.phase = "stories"
        yield progress
        begun = time.perf_counter()
        progress.stories = assign_stories(conn)
        progress.stories_seconds = time.perf_counter() - begun
    progress.phase = "done"
    progress.seconds = time.perf_counter() - started
    yield progress


class _Counter:
    """Counts the pages of the inputs in a background thread, so that the bar can show time left."""

    def __init__(self, inputs: list[str], settings: Settings, limit: int | None, progress: Progress) -> None:
        self.stop = threading.Event()
        self._args = (inputs, settings, limit, progress)
        if "-" not in inputs:  # standard input can be read once only
            threading.Thread(target=self._run, daemon=True, name="khabar-count").start()

    def _run(self) -> None:
        inputs, settings, limit, progress = self._args
        total = 0
        for _ in iter_pages(inputs, max_bytes=settings.max_bytes):
            if self.stop.is_set():
                return
            total += 1
            if limit is not None and total >= limit:
                break
        progress.total = total
