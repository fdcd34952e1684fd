"""The corpus commands end to end (in process, one reading process): ingest, stats, search, entities,
events, export, demo-corpus, bench ingest; tables by default, JSON with --format json."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from khabar.cli.app import app
from tests.store.corpus import DISPATCHES, store_stats, write_dispatches


def run(*args: str):
    result = CliRunner().invoke(app, list(args))
    return result


@pytest.fixture(scope="module")
def cli_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    paths = write_dispatches(folder / "corpus")
    db = folder / "store.db"
    result = run("ingest", *map(str, paths), "--db", str(db), "--workers", "1")
    assert result.exit_code == 0, result.output
    assert f"{len(DISPATCHES)} new articles" in result.output
    return db


def test_cli_stats_json_and_table(cli_store):
    result = run("stats", "--db", str(cli_store), "--format", "json")
    assert json.loads(result.stdout) == store_stats(cli_store)
    table = run("stats", "--db", str(cli_store))
    assert "exact_duplicates" in table.stdout and "stories" in table.stdout


def test_cli_search(cli_store):
    result = run("search", "وبالولايات", "--db", str(cli_store), "--format", "json")
    answer = json.loads(result.stdout)
    assert answer["total"] >= 3 and answer["keys"] == ["ولاي"]
    table = run("search", "الولايات", "--agency", "KUNA", "--db", str(cli_store))
    assert table.exit_code == 0 and "KUNA" in table.stdout


def test_cli_entities_and_events(cli_store):
    rows = json.loads(run("entities", "--linked", "--db", str(cli_store), "--format", "json").stdout)
    assert rows and {"id", "name_en", "stories", "mentions"} <= set(rows[0])
    dyads = json.loads(run("events", "--all", "--db", str(cli_store), "--format", "json").stdout)
    assert dyads and {"type", "source", "target", "stories"} <= set(dyads[0])
    assert run("events", "--db", str(cli_store)).exit_code == 0


@pytest.mark.parametrize("to", ["jsonl", "parquet", "gdelt", "plover"])
def test_cli_export(cli_store, tmp_path, to):
    if to == "parquet":
        pytest.importorskip("pyarrow")
    out = tmp_path / f"out.{to}"
    result = run("export", "--format", to, "--out", str(out), "--db", str(cli_store))
    assert result.exit_code == 0, result.output
    assert out.exists()


def test_cli_missing_store(tmp_path):
    result = run("search", "نفط", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 1 and "khabar ingest" in result.output


def test_cli_demo_corpus(tmp_path):
    db = tmp_path / "demo.db"
    result = run("demo-corpus", "--db", str(db), "--workers", "1", "--format", "json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout[result.stdout.index("{"):])
    stats = summary["stats"]
    assert stats["articles"] >= 30 and stats["errors"] == 4 and stats["exact_duplicates"] == 1
    assert stats["stories"] < stats["articles"] and stats["repeated_urls"] == 1
    assert summary["entities"] and summary["events"]
    again = run("demo-corpus", "--db", str(db), "--workers", "1", "--format", "json")
    assert json.loads(again.stdout[again.stdout.index("{"):])["stats"] == stats


def test_cli_bench_ingest(tmp_path):
    paths = write_dispatches(tmp_path / "corpus")
    result = run("bench", "ingest", *map(str, paths), "--workers", "1", "--format", "json")
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["articles"] == len(DISPATCHES) and figures["articles_per_s"] > 0
    assert 0 < figures["search_p50_ms"] <= figures["search_p95_ms"]


def test_the_ingest_bar_starts_no_thread_so_the_pool_can_fork():
    """The local pool forks its workers (which then share the loaded models) only while the process
    runs one thread: a bar redrawn by its own thread made every worker load them again."""
    import threading

    from khabar.cli.corpus import _draw
    from khabar.store.ingest import Progress

    threads = []

    def events():
        for pages in (1, 2):
            threads.append(threading.active_count())
            yield Progress(pages=pages, articles=pages, seconds=1.0)

    last = _draw(events())
    assert last.pages == 2 and threads == [threading.active_count()] * 2
