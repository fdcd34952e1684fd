"""`khabar` commands. Each parses options, calls one library function and renders the answer."""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import StrEnum
from itertools import islice
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from khabar.cli import checks
from khabar.cli.corpus import register as register_corpus
from khabar.cli.kb import register as register_kb
from khabar.cli.output import write_json, write_jsonl, write_pretty_article
from khabar.cli.serve import register as register_serve
from khabar.cli.store import register as register_store
from khabar.settings import Settings
from khabar.sources.page import DEFAULT_MAX_BYTES

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Read Arabic news into structured, linked, searchable knowledge.")
bench_app = typer.Typer(no_args_is_help=True, help="Measured figures: speed of each job.")
app.add_typer(bench_app, name="bench")
train_app = typer.Typer(no_args_is_help=True, help="Train khabar's own models.")
app.add_typer(train_app, name="train")
eval_app = typer.Typer(no_args_is_help=True, help="Score khabar's models on annotated data.")
app.add_typer(eval_app, name="eval")
kb_app = typer.Typer(no_args_is_help=True, help="The knowledge base: build entries from public dumps.")
app.add_typer(kb_app, name="kb")
kb_import_app = typer.Typer(no_args_is_help=True, help="Import entries from GeoNames or Wikidata dumps.")
kb_app.add_typer(kb_import_app, name="import")
SHARED_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"


class ReadFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    pretty = "pretty"


class FigureFormat(StrEnum):
    text = "text"
    json = "json"


def _print_figures(figures: dict, format: FigureFormat) -> None:
    """A benchmark's figures: one JSON object, or `name value` lines."""
    if format is FigureFormat.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key} {value}")


MaxBytesOption = Annotated[int, typer.Option("--max-bytes", callback=checks.at_least(1), help="Refuse inputs larger than this")]


def _parse_date(value: str | None) -> dt.date | None:
    day = checks.day(value, "--date")
    return dt.date.fromisoformat(day) if day else None


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        print(f"khabar {version('khabar')}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print khabar's version and exit")] = False,
) -> None:
    """Read Arabic news into structured, linked, searchable knowledge."""


@app.command()
def read(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, JSONL, archives, or - for standard input")],
    format: Annotated[ReadFormat, typer.Option("--format", "-f", help="Output format")] = ReadFormat.jsonl,
    plain: Annotated[bool, typer.Option("--plain", help="Inputs are clean article text (no furniture)")] = False,
    date: Annotated[str | None, typer.Option("--date", help="Reference date YYYY-MM-DD for datelines")] = None,
    kb: Annotated[list[Path] | None, typer.Option("--kb", help="Knowledge-base files of your own (TSV)")] = None,
    limit: Annotated[int | None, typer.Option("--limit", callback=checks.at_least(1), help="Read at most this many documents")] = None,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
) -> None:
    """Read news pages and print one structured article per document (see CONTRACT.md)."""
    from khabar.pipeline import default_pipeline
    from khabar.run.collector import collected_rarely, tune_process
    from khabar.sources.read import iter_pages

    settings = Settings(reference_date=_parse_date(date), plain=plain, max_bytes=max_bytes,
                        kb_files=tuple(str(p) for p in kb or ()))
    _check_kb(settings.kb_files)
    pipeline = default_pipeline(settings).warm()
    tune_process()  # this process is khabar's: a long run's collector (see khabar.run.collector)
    counts = {"read": 0, "failed": 0}

    def records():
        pages = islice(iter_pages(inputs, plain=plain, max_bytes=settings.max_bytes), limit)
        for article in collected_rarely(pipeline.read_pages(pages)):
            counts["failed" if article.error else "read"] += 1
            if article.error:
                print(f"khabar: {article.source or article.id}: {article.error}", file=sys.stderr)
            yield article.to_dict()

    if format is ReadFormat.jsonl:
        write_jsonl(records())
    elif format is ReadFormat.json:
        write_json(records())
    else:
        console = Console()
        for record in records():
            write_pretty_article(record, console)
    if counts["read"] == 0 and counts["failed"] == 0:
        from khabar.cli.skipped import nothing_read

        raise checks.fail(nothing_read(inputs))
    if counts["read"] == 0 and counts["failed"] > 0:
        raise typer.Exit(1)


@app.command()
def demo() -> None:
    """Read the sample dispatch shipped with khabar and print what was found."""
    from khabar.pipeline import read as read_text
    from khabar.resources import data_path

    text = data_path("khabar.samples", "kuna_demo.txt").read_text(encoding="utf-8")
    article = read_text(text, id="kuna_demo", date=dt.date(2024, 3, 20))
    write_pretty_article(article.to_dict(), Console())
    print(json.dumps(article.to_dict(), ensure_ascii=False, indent=1))


@bench_app.command("read")
def bench_read(
    corpus: Annotated[list[str], typer.Argument(help="A folder, JSONL file or archive of pages")],
    format: Annotated[FigureFormat, typer.Option("--format", "-f")] = FigureFormat.text,
    limit: Annotated[int | None, typer.Option("--limit", help="Read at most this many documents")] = None,
    reading_only: Annotated[bool, typer.Option("--reading-only", help="Skip the pass with every stage")] = False,
) -> None:
    """Articles/s and MB/s of reading CORPUS (page and text stages, then every stage), beside a bare
    pass over the same texts (decode + NFKC + one regex tokenisation), and seconds per stage."""
    from khabar.bench import bench_read as run

    figures = run(corpus, limit=limit, all_stages=not reading_only)
    _print_figures(figures, format)


@bench_app.command("read-many")
def bench_read_many(
    corpus: Annotated[list[str], typer.Argument(help="A folder, JSONL file or archive of pages")],
    limit: Annotated[int, typer.Option("--limit", callback=checks.at_least(1), help="Documents to read")] = 500,
    batch: Annotated[int | None, typer.Option("--batch", callback=checks.at_least(1),
                                              help="Articles per batch (default: the pipeline's)")] = None,
    format: Annotated[FigureFormat, typer.Option("--format", "-f")] = FigureFormat.text,
) -> None:
    """khabar.read_many against khabar.read one text at a time on the same LIMIT documents: articles/s
    of each and how many articles are the same."""
    from khabar.cli.bench_many import bench_read_many as run

    figures = run(corpus, limit=limit, batch=batch)
    _print_figures(figures, format)


@bench_app.command("scale")
def bench_scale(
    corpus: Annotated[list[str], typer.Argument(help="Real articles: folders, JSONL files or archives")],
    sizes: Annotated[str, typer.Option("--sizes", help="Store sizes in articles, comma-separated")]
    = "10000,30000,100000",
    base: Annotated[int, typer.Option("--base", help="Pages ingested (read) into the base store")] = 2000,
    folder: Annotated[Path, typer.Option("--dir", help="Where the stores are made (base.db is kept)")]
    = Path("khabar-scale"),
    repeats: Annotated[int, typer.Option("--repeats", help="Requests per page or call at each size")] = 5,
    workers: Annotated[int | None, typer.Option("--workers", "-w", help="Reading processes")] = None,
    format: Annotated[FigureFormat, typer.Option("--format", "-f")] = FigureFormat.text,
) -> None:
    """Grow a store from real articles (re-dated copies of a base ingest) to each size; at each: write
    rate, store size, bytes per article, p50/p95 of every page and API call, and growth between sizes."""
    from khabar.run.local import LocalRunner
    from khabar.serve.scale import bench_scale as run
    from khabar.serve.scale import growth

    def show(row: dict) -> None:
        if format is FigureFormat.text:
            calls = " ".join(f"{k}={v['p50_ms']}/{v['p95_ms']}" for k, v in row["calls"].items())
            cpu = " ".join(f"{k}={v['cpu_p50_ms']}/{v['cpu_p95_ms']}" for k, v in row["calls"].items())
            print(f"articles {row['articles']} write {row['write_articles_per_s']}/s "
                  f"({row['write_cpu_s_per_1000']} CPU s per 1,000) store {row['store_mb']} MB "
                  f"({row['bytes_per_article']} B/article) post_ms {row['post_ms']} load {row['load_average']}\n"
                  f"  p50/p95 ms: {calls}\n  CPU p50/p95 ms: {cpu}\n"
                  f"  bytes/article by table: {json.dumps(row['bytes_per_article_by_table'])}", flush=True)

    runner = LocalRunner(workers) if workers else LocalRunner()
    figures = run(corpus, folder, [int(s) for s in sizes.split(",") if s.strip()], runner, base_pages=base,
                  repeats=repeats, on_size=show)
    figures["growth_p50"] = growth(figures["sizes"])
    figures["growth_cpu_p50"] = growth(figures["sizes"], "cpu_p50_ms")
    if format is FigureFormat.json:
        print(json.dumps(figures, ensure_ascii=False))
    else:
        print(json.dumps({k: v for k, v in figures.items() if k != "sizes"}, ensure_ascii=False, indent=1))


@bench_app.command("html")
def bench_html(
    corpus: Annotated[list[str], typer.Argument(help="A corpus whose pages carry titles (TREC, JSON)")],
    format: Annotated[FigureFormat, typer.Option("--format", "-f")] = FigureFormat.text,
    limit: Annotated[int, typer.Option("--limit", help="Articles to wrap in each template")] = 500,
) -> None:
    """Body token F1 and pages/s of khabar's HTML reading on articles of CORPUS wrapped in three
    news-site templates, beside trafilatura's when it is installed (pip install 'khabar[bench]')."""
    from itertools import islice

    from khabar.bench_html import bench_html as run
    from khabar.bench_html import stories
    from khabar.sources import iter_pages

    figures = run(stories(islice(iter_pages(corpus), limit)))
    _print_figures(figures, format)


@bench_app.command("kb")
def bench_kb(
    format: Annotated[FigureFormat, typer.Option("--format", "-f")] = FigureFormat.text,
    repeat: Annotated[int, typer.Option("--repeat", help="Builds to time")] = 3,
) -> None:
    """Seconds to build the packaged knowledge base (best and median of --repeat builds)."""
    from khabar.bench import bench_kb as run

    figures = run(repeat)
    _print_figures(figures, format)


@bench_app.command("places")
def bench_places(
    corpus: Annotated[list[str] | None, typer.Argument(help="A corpus to measure on (optional)")] = None,
    limit: Annotated[int, typer.Option("--limit", callback=checks.at_least(1), help="Documents of CORPUS")] = 500,
    db: Annotated[Path | None, typer.Option("--db", help="A store: share of GDELT rows with Lat/Long")] = None,
    format: Annotated[FigureFormat, typer.Option("--format", "-f")] = FigureFormat.text,
) -> None:
    """Where events happened: the composed sentences with known places scored; on CORPUS, the share of
    events with a place and how it was found; on a store (--db), the GDELT rows with coordinates."""
    from khabar.cli import bench_places as measure

    figures: dict = {"sentences": measure.score_cases()}
    if corpus:
        figures["corpus"] = measure.corpus_shares(corpus, limit)
    if db:
        figures["store"] = measure.gdelt_coordinates(db)
    if format is FigureFormat.json:
        print(json.dumps(figures, ensure_ascii=False))
        return
    for part, values in figures.items():
        for key, value in values.items():
            if key == "misses":
                for miss in value:
                    print(f"{part}.miss {json.dumps(miss, ensure_ascii=False)}")
            else:
                print(f"{part}.{key} {json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else value}")


@bench_app.command("hostile")
def bench_hostile(
    shapes: Annotated[list[str] | None, typer.Argument(help="Shapes to read (default: all)")] = None,
    sizes: Annotated[str, typer.Option("--sizes", help="Sizes in bytes, comma-separated")]
        = "10000,100000,1000000,5000000",
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds before a reading is killed")] = 60.0,
    budget: Annotated[float | None, typer.Option(
        "--budget", help="Seconds per document before it is stopped (0: none; default: the pipeline's)")] = None,
) -> None:
    """For each hostile input shape and size: seconds, CPU seconds, peak memory, whether the time
    budget stopped it, and the growth exponent between the two largest sizes (1 = linear); then
    the shapes that miss the floor of issue 17 (exponent <= 1.2, <= 30 s, <= 1 GB)."""
    from khabar.bench_hostile import bench_hostile as run
    from khabar.bench_hostile import format_rows, header, machine, misses
    from khabar.hostile import SHAPES

    unknown = [s for s in shapes or () if s not in SHAPES]
    if unknown:
        print(f"khabar: unknown shape {unknown[0]!r}: one of {', '.join(SHAPES)}", file=sys.stderr)
        raise typer.Exit(2)
    size_list = [int(s) for s in sizes.split(",") if s.strip()]
    print(f"# {machine()}; budget per document: "
          f"{'none' if budget == 0 else f'{budget:g} s' if budget else 'the pipeline default'}")
    print(header(), flush=True)
    missed: list[str] = []
    for shape, readings, growth in run(shapes, size_list, timeout, budget):
        print("\n".join(format_rows(shape, readings, growth)), flush=True)
        missed += misses(shape, readings, growth)
    print("\nfloor: " + ("held by every shape" if not missed else f"{len(missed)} miss(es)"))
    for line in missed:
        print(f"  {line}")


def _check_kb(files: tuple[str, ...]) -> None:
    """Load user knowledge-base files once up front, so that a bad row stops the run with its line."""
    if not files:
        return
    from khabar.errors import KhabarError
    from khabar.kb import load_kb

    try:
        load_kb(files)
    except (KhabarError, OSError) as exc:
        print(f"khabar: --kb: {exc}", file=sys.stderr)
        raise typer.Exit(2) from exc


@train_app.command("ner")
def train_ner(
    data: Annotated[Path, typer.Option("--data", help="The shared data folder")] = SHARED_DATA,
    out: Annotated[Path | None, typer.Option("--out", help="Where to write the model")] = None,
    seed: Annotated[int, typer.Option("--seed")] = 0,
) -> None:
    """Train the NER model from ANERcorp (train split) and unlabelled news; writes model and scores."""
    from khabar.resources import data_path
    from khabar.training.ner import main_train

    target = out or data_path("khabar.entities", "models")
    scores = main_train(data, target, seed=seed)
    print(json.dumps(scores, indent=1))


@eval_app.command("ner")
def eval_ner(conll: Annotated[Path, typer.Argument(help="A CoNLL file: TOKEN TAG per line")]) -> None:
    """Exact-span precision, recall and F1 per type and micro of the shipped tagger on FILE."""
    from khabar.training.evaluate import evaluate_file

    evaluate_file(conll)


@kb_import_app.command("geonames")
def kb_import_geonames(
    source: Annotated[Path, typer.Argument(help="GeoNames cities file (TSV or its .zip)")],
    out: Annotated[Path, typer.Option("--out", help="cities.tsv-format file to write")],
    min_population: Annotated[int, typer.Option("--min-population")] = 15000,
) -> None:
    """Cities with Arabic names from a GeoNames dump, as a file for --kb."""
    from khabar.kb.importers import import_geonames

    result = import_geonames(source, out, min_population=min_population)
    print(json.dumps(result, default=str))


@kb_import_app.command("wikidata")
def kb_import_wikidata(
    source: Annotated[Path, typer.Argument(help="Wikidata JSON dump (one entity per line)")],
    out: Annotated[Path, typer.Option("--out", help="Folder to write the TSV files into")],
) -> None:
    """People, organisations and places with Arabic labels from a Wikidata dump, as files for --kb."""
    from khabar.kb.importers import import_wikidata

    print(json.dumps(import_wikidata(source, out), default=str))


def main() -> None:
    app()


register_corpus(app, bench_app)
register_serve(app, bench_app)
register_store(app)
register_kb(app, kb_app)


if __name__ == "__main__":
    main()
