"""Exports open in their readers (json, pyarrow, csv) with the counts of `khabar stats`."""

from __future__ import annotations

import csv
import json

import pytest

from khabar.store.export import export
from khabar.store.export.gdelt import COLUMNS
from khabar.store.queries import stats


def test_export_jsonl_is_the_read_contract(conn, tmp_path):
    out = tmp_path / "articles.jsonl"
    assert export(conn, "jsonl", out) == {"articles": stats(conn)["articles"]}
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == stats(conn)["articles"]
    for record in records:
        for key in ("id", "headline", "agency", "dateline", "body", "sentences", "entities", "events", "quotes",
                    "store_id", "story_id", "duplicate_of"):
            assert key in record
    assert len({r["story_id"] for r in records}) == stats(conn)["stories"]


def test_export_parquet_tables(conn, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    counts = stats(conn)
    written = export(conn, "parquet", tmp_path / "tables")
    for table in ("articles", "mentions", "entities", "events", "quotes"):
        data = pq.read_table(tmp_path / "tables" / f"{table}.parquet")
        assert data.num_rows == counts[table] == written[table], table
    articles = pq.read_table(tmp_path / "tables" / "articles.parquet")
    assert "body" in articles.column_names and articles.schema.field("position").type == "int64"


def test_export_gdelt_tsv(conn, tmp_path):
    out = tmp_path / "events.tsv"
    export(conn, "gdelt", out)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert len(COLUMNS) == 61 and list(rows[0]) == list(COLUMNS)
    assert len(rows) == stats(conn)["story_events"]
    assert [int(r["GLOBALEVENTID"]) for r in rows] == list(range(1, len(rows) + 1))
    for row in rows:
        assert len(row["SQLDATE"]) == 8 and row["SQLDATE"].startswith("2024")
        assert int(row["NumMentions"]) >= int(row["NumArticles"]) >= 1
        assert row["QuadClass"] in {"", "1", "2", "3", "4"}


def test_export_plover_jsonl(conn, tmp_path):
    out = tmp_path / "events.jsonl"
    export(conn, "plover", out)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == stats(conn)["events"]
    for record in records:
        assert record["event"] and record["text"] and record["eventText"]
        first_word = record["eventText"].split("…")[0].split()[0]  # a trigger may skip words ("أعلنت … خطة")
        assert first_word in record["text"]
        assert record["article"]["article_id"] and record["article"]["story_id"]


def test_export_unknown_format(conn, tmp_path):
    with pytest.raises(ValueError, match="unknown export format"):
        export(conn, "xml", tmp_path / "x")
