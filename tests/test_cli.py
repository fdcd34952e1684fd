"""`khabar read` end to end: formats, bad inputs next to good ones, exit status, the contract."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from khabar.cli.app import app

GOOD = ("الدوحة في 3 مارس /قنا/ بحث وزير الدولة للشؤون الخارجية اليوم مع سفير دولة الكويت "
        "العلاقات الثنائية وسبل تعزيزها.\n")


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(app, list(args), input=stdin)


def records(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_cli_read_jsonl_contract_fields(tmp_path):
    path = tmp_path / "qna.txt"
    path.write_text(GOOD, encoding="utf-8")
    result = run("read", str(path), "--format", "jsonl", "--date", "2024-05-01")
    assert result.exit_code == 0, result.output
    [record] = records(result.stdout)
    for key in ("id", "headline", "agency", "dateline", "body", "sentences", "entities", "events", "quotes"):
        assert key in record
    assert record["id"] == "qna" and record["agency"] == "QNA"
    assert record["dateline"]["date"] == "2024-03-03"
    body = record["body"]
    assert all(body[s["start"]:s["end"]].strip() for s in record["sentences"])


def test_cli_bad_inputs_get_errors_and_the_rest_goes_on(tmp_path):
    (tmp_path / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "d_english.txt").write_text("This is an English text about the weather. " * 10, encoding="utf-8")
    (tmp_path / "e_lines.jsonl").write_text('{"id": "j1", "text": "' + GOOD.strip() + '"}\n{broken\n', encoding="utf-8")
    result = run("read", str(tmp_path))
    assert result.exit_code == 0
    out = records(result.stdout)
    by_id = {r["id"]: r for r in out}
    assert not by_id["a_good"].get("error") and not by_id["j1"].get("error")
    assert "empty" in by_id["b_empty"]["error"]
    assert "binary" in by_id["c_binary"]["error"]
    assert "Arabic" in by_id["d_english"]["error"]
    assert sum(1 for r in out if r.get("error") and "JSON" in r["error"]) == 1


def test_cli_exit_status_when_every_input_fails(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run("read", str(tmp_path / "empty.txt"), str(tmp_path / "missing.txt"))
    assert result.exit_code == 1
    assert len(records(result.stdout)) == 2


def test_cli_read_stdin_plain_and_json_array():
    result = run("read", "-", "--plain", "--format", "json", stdin=GOOD)
    assert result.exit_code == 0, result.output
    [record] = json.loads(result.stdout)
    assert record["body"] == GOOD and record["headline"] is None and record["dateline"] is None


def test_cli_read_cp1256_file(tmp_path):
    path = tmp_path / "win.txt"
    path.write_bytes(GOOD.encode("cp1256"))
    [record] = records(run("read", str(path)).stdout)
    assert record["agency"] == "QNA" and record["body"].startswith("بحث وزير")


def test_cli_demo_prints_the_sample():
    result = run("demo")
    assert result.exit_code == 0, result.output
    assert "KUNA" in result.stdout and "Amman" in result.stdout


def test_cli_kb_import_geonames_then_read_with_kb(tmp_path):
    from tests.kb.test_kb_importers import GEONAMES_ROWS

    source = tmp_path / "cities.txt"
    source.write_text("\n".join(GEONAMES_ROWS) + "\n", encoding="utf-8")
    out = tmp_path / "my_cities.tsv"
    result = run("kb", "import", "geonames", str(source), "--out", str(out), "--min-population", "50000")
    assert result.exit_code == 0, result.output
    assert out.exists()
    page = tmp_path / "p.txt"
    page.write_text("تستاباد - 3 - 5 (كونا) -- افتتح المحافظ اليوم الثلاثاء مستشفى جديدا في المدينة.\n",
                    encoding="utf-8")
    [plain] = records(run("read", str(page)).stdout)
    [with_kb] = records(run("read", str(page), "--kb", str(out)).stdout)
    assert plain["dateline"]["place"] == "تستاباد" and plain["dateline"]["country"] is None
    assert with_kb["dateline"]["country"] == "KWT"


def test_cli_read_with_a_broken_kb_file_names_the_line(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("qid\tname_en\tcountry\tnames_ar\tpopulation\tis_capital\n\tX\tNOPE\tاكس\tmany\t0\n",
                   encoding="utf-8")
    page = tmp_path / "p.txt"
    page.write_text(GOOD, encoding="utf-8")
    result = run("read", str(page), "--kb", str(bad))
    assert result.exit_code == 2
    assert "bad.tsv:2" in result.output
