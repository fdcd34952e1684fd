"""The figures behind `khabar bench scale`: how the store behaves as it grows.

A base store is made by a real ingest of `limit` pages of the inputs (its rate is the reading rate:
pipeline and writes). Larger stores are grown from it by writing re-dated copies of its articles
through the store's own write (`write_batch`, the function ingest uses, with the stories and counts
that follow a write), without reading them again: reading is CPU-bound and measured on the base, the
store's cost is what grows. A copy has a new id, its source and URL marked with the copy's number,
its date moved back by whole weeks, and its MinHash signature XORed with a mask of the copy's number,
so that copies are distinct articles to the dedup (articles of one copy keep their resemblance to one
another: XOR with one mask keeps which hash values are equal). At each size: write rate, store size,
bytes per article by table, the time of one posted article, and p50/p95 of every page and API call
(wall time, and the CPU time spent on it: on a shared machine the wall time measures the others' load too).
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from khabar.run import Runner
from khabar.serve.measure import bench_serve
from khabar.settings import Settings
from khabar.store import docs
from khabar.store.db import open_store
from khabar.store.ingest import ingest
from khabar.store.keys import text_keys, token_keys
from khabar.store.records import CHILD_ROWS, Record
from khabar.store.rows import TABLES, ArticleRow, PageKey
from khabar.store.writer import store_article, tune_writer, write_batch
from khabar.text.tokens import tokenize

CHUNK = 500  # articles per transaction when growing
DAYS_PER_COPY = 7
POSTS = 3  # posted articles timed at each size


def _base_records(db: Path) -> list[Record]:
    """The base store's articles as records again (search keys recomputed from the stored text). Read
    as plain SQLite: a base made by an earlier schema serves as well."""
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        records: dict[str, Record] = {}
        names = ArticleRow._fields
        for row in conn.execute(f"SELECT {', '.join(names)} FROM articles ORDER BY num"):
            article = ArticleRow._make(row)
            body = docs.load(article.doc)["body"] or ""
            records[article.id] = Record(
                id=article.id, error=None, article=article, mentions=[], entities=[],
                article_entities=[], events=[], quotes=[],
                headline_keys=" ".join(text_keys(article.headline or "")),
                body_keys=" ".join(token_keys(tokenize(body))), minhash=None, dispatch=None)
        # An article's rows are keyed by its number (schema 6) or, in a base of an older schema, its id.
        id_of = dict(conn.execute("SELECT num, id FROM articles"))
        for key, row_type in CHILD_ROWS.items():
            table = TABLES[row_type]
            have = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}  # a base of an older schema
            owned = {r[1] for r in conn.execute(
                f"PRAGMA table_info({'article_entities' if table == 'entities' else table})")}
            owner = "article_num" if "article_num" in owned else "article_id"
            columns = ", ".join(f'"{f}"' if f in have else "NULL" for f in row_type._fields)
            if table == "entities":  # not per article: give each entity to the articles naming it
                entities = {r[0]: row_type._make(r) for r in conn.execute(f"SELECT {columns} FROM entities")}
                for article, entity_id in conn.execute(f"SELECT {owner}, entity_id FROM article_entities"):
                    article_id = id_of.get(article, article)
                    if article_id in records:
                        records[article_id]["entities"].append(entities[entity_id])
                continue
            order = f" ORDER BY {owner}, n" if "n" in row_type._fields else ""
            for article, *row in conn.execute(f"SELECT {owner}, {columns} FROM {table}{order}"):
                article_id = id_of.get(article, article)
                if article_id in records:
                    typed = row_type._make([0, *row[1:]])
                    if "date" in row_type._fields and typed.date is None:  # quotes of a base of schema 5
                        typed = typed._replace(date=records[article_id]["article"].date)  # type: ignore[union-attr]
                    records[article_id][key].append(typed)  # type: ignore[literal-required]
        owner = "article_num" if "article_num" in {r[1] for r in conn.execute("PRAGMA table_info(signatures)")} \
            else "article_id"
        for article, minhash in conn.execute(f"SELECT {owner}, minhash FROM signatures"):
            article_id = id_of.get(article, article)
            if article_id in records:
                records[article_id]["minhash"] = minhash
        return list(records.values())
    finally:
        conn.close()


def _copy(record: Record, number: int) -> tuple[Record, Any]:
    """Copy `number` of `record`: a distinct article (new id, re-dated, its own signature)."""
    article = record["article"]
    assert article is not None
    if number == 0:  # the base article itself
        return record, PageKey(article.source, article.page_id, 0, article.position).copy(article.id, article.url)
    new_id = hashlib.sha1(f"{record['id']}~{number}".encode()).hexdigest()[:16]
    date = article.date
    if date:
        try:
            date = (dt.date.fromisoformat(date) - dt.timedelta(days=DAYS_PER_COPY * number)).isoformat()
        except (ValueError, OverflowError):  # not a date, or before year 1: the date as it was
            pass
    source = f"{article.source}~copy{number}"
    url = f"{article.url}?copy={number}" if article.url else None
    row = article._replace(id=new_id, content_hash=hashlib.sha1(new_id.encode()).hexdigest(), source=source,
                           url=url, date=date)
    copied = Record(id=new_id, error=None, article=row, headline_keys=record["headline_keys"],
                    body_keys=record["body_keys"], minhash=_masked(record["minhash"], number), dispatch=None,
                    **{key: [_moved(r, date) if key != "entities" else r
                             for r in record[key]] for key in CHILD_ROWS})  # type: ignore[literal-required]
    page = PageKey(source, article.page_id, 0, article.position).copy(new_id, url)
    return copied, page


def _moved(row: Any, date: str | None) -> Any:
    """A row of a copy: the writer numbers it; a row that holds the article's date takes the copy's."""
    return row._replace(date=date) if "date" in row._fields else row


def _masked(minhash: bytes | None, number: int) -> bytes | None:
    if minhash is None:
        return None
    mask = hashlib.shake_128(f"copy{number}".encode()).digest(len(minhash))
    return (int.from_bytes(minhash, "little") ^ int.from_bytes(mask, "little")).to_bytes(len(minhash), "little")


def table_bytes(db: str | Path) -> dict[str, int]:
    """Bytes on disk of each table with its indexes (FTS5's shadow tables together), largest first."""
    conn = open_store(db)
    try:
        owner = {name: table for name, table in conn.execute("SELECT name, tbl_name FROM sqlite_master")}
        sizes: dict[str, int] = {}
        for name, size in conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"):
            table = owner.get(name, name)
            table = "article_keys (FTS)" if table.startswith("article_keys") else table
            sizes[table] = sizes.get(table, 0) + size
        return dict(sorted(sizes.items(), key=lambda item: -item[1]))
    finally:
        conn.close()


def _grow(db: Path, base: list[Record], target: int, next_copy: int,
          finish: Callable[[Any], None]) -> tuple[int, int, float, float]:
    """Write copies of the base until the store holds `target` articles. Returns (articles written,
    next copy number, seconds, CPU seconds of this process), the stories and counts that follow the
    writes included."""
    conn = open_store(db, write=True)
    tune_writer(conn)
    try:
        have = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        written = 0
        started, cpu = time.perf_counter(), time.process_time()
        while have + written < target:
            batch = [_copy(record, next_copy) for record in base[: target - have - written]]
            for start in range(0, len(batch), CHUNK):
                chunk = batch[start:start + CHUNK]
                written += write_batch(conn, [r for r, _ in chunk], [p for _, p in chunk])
            next_copy += 1
        finish(conn)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return written, next_copy, seconds, cpu
    finally:
        conn.close()


def _time_posts(db: Path, base: list[Record], number: int) -> list[float]:
    times = []
    for record in base[:POSTS]:
        copied, _ = _copy(record, number)
        started = time.perf_counter()
        store_article(db, copied, source="api", url=None)
        times.append((time.perf_counter() - started) * 1000)
    return times


def bench_scale(inputs: Sequence[str | Path], folder: str | Path, sizes: Sequence[int], runner: Runner, *,
                base_pages: int = 2000, repeats: int = 5, settings: Settings | None = None,
                finish: Callable[[Any], None] | None = None, on_size: Callable[[dict], None] | None = None,
                ) -> dict[str, Any]:
    """Ingest `base_pages` pages of `inputs` into `folder`/base.db (kept for later runs), then grow a copy
    of it to each of `sizes` articles, measuring at each size."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    base_db = folder / "base.db"
    figures: dict[str, Any] = {"base_pages": base_pages, "sizes": []}
    base_figures = folder / "base.json"  # the reading's figures, kept beside the base for later runs
    if not base_db.exists():
        last = None
        for progress in ingest(inputs, base_db, settings, runner, limit=base_pages, count=False):
            last = progress
        assert last is not None
        per = 1000 / max(last.articles, 1)
        base_figures.write_text(json.dumps({
            "articles": last.articles, "seconds": round(last.seconds, 1),
            "articles_per_s": round(last.articles / last.seconds, 1) if last.seconds else 0.0,
            "workers": runner.workers, "load_average": round(os.getloadavg()[0], 1),
            # The writer's share (wall and CPU seconds per 1,000 articles); the rest is the readers'.
            "write_s_per_1000": round(last.write_seconds * per, 2),
            "write_cpu_s_per_1000": round(last.write_cpu_seconds * per, 2),
            "wait_s_per_1000": round(last.wait_seconds * per, 2)}))
    if base_figures.exists():
        figures["base_ingest"] = json.loads(base_figures.read_text())
    base = _base_records(base_db)
    figures["base_articles"] = len(base)
    db = folder / "scale.db"
    for path in folder.glob("scale.db*"):
        path.unlink()
    finish = finish or _finish_ingest
    next_copy = 0  # the store is made with this khabar's schema: the base's own articles first
    for size in sorted(sizes):
        written, next_copy, seconds, cpu = _grow(db, base, size, next_copy, finish)
        # Posted articles are the next copy (dated a week earlier than the last), not one reused by growing.
        posts = _time_posts(db, base, next_copy)
        next_copy += 1
        # The bench's own heap (the base's records) is no server's: kept out of the collector while the
        # calls are timed, so that a full collection of it does not land in one request's time.
        gc.collect()
        gc.freeze()
        try:
            served = bench_serve(db, repeats=repeats, cache=False)["calls"]
        finally:
            gc.unfreeze()
        calls = {label: {k: c[k] for k in ("p50_ms", "p95_ms", "cpu_p50_ms", "cpu_p95_ms")} for label, c in served.items()}
        conn = open_store(db)
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        conn.close()
        on_disk = sum(p.stat().st_size for p in folder.glob("scale.db*"))
        tables = table_bytes(db)
        row = {"articles": articles, "written": written, "write_seconds": round(seconds, 1),
               "write_articles_per_s": round(written / seconds, 1) if seconds else None,
               "write_cpu_s_per_1000": round(1000 * cpu / written, 2) if written else None,
               "store_mb": round(on_disk / 1e6, 1), "bytes_per_article": round(on_disk / articles),
               "bytes_per_article_by_table": {k: round(v / articles) for k, v in tables.items()},
               "post_ms": [round(t, 1) for t in posts],
               "load_average": round(os.getloadavg()[0], 1), "calls": calls}
        figures["sizes"].append(row)
        if on_size:
            on_size(row)
    return figures


def _finish_ingest(conn: Any) -> None:
    """What an ingest does after its writes (khabar.store.ingest): stories for articles outside any."""
    from khabar.store.dedup import assign_stories

    if conn.execute("SELECT 1 FROM articles WHERE story_id IS NULL LIMIT 1").fetchone():
        assign_stories(conn)


def growth(rows: list[dict[str, Any]], figure: str = "p50_ms") -> dict[str, dict[str, float]]:
    """`figure` (p50_ms, cpu_p50_ms, …) of each call at each size over the size before (×)."""
    out: dict[str, dict[str, float]] = {}
    for before, after in zip(rows, rows[1:], strict=False):
        step = f"{before['articles']}→{after['articles']}"
        out[step] = {label: round(call[figure] / max(before["calls"][label][figure], 0.1), 2)
                     for label, call in after["calls"].items() if label in before["calls"]}
    return out
