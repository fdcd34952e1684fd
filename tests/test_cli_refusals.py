"""The command line and the Python API say no, clearly: each refusal has a non-zero exit status and a
message that names the value refused (or the extra to install, or what was skipped and why)."""

from __future__ import annotations

import io
import json
import sys
import tarfile

import pytest
from typer.testing import CliRunner

from khabar.cli.app import app
from tests.store.corpus import ingest_all, write_dispatches

GOOD = ("الدوحة في 3 مارس /قنا/ بحث وزير الدولة للشؤون الخارجية اليوم مع سفير دولة الكويت "
        "العلاقات الثنائية وسبل تعزيزها.\n")


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(app, list(args), input=stdin)


def said(result) -> str:
    """stdout and stderr, with rich's box drawing and wrapping flattened."""
    text = result.output + (result.stderr if result.stderr_bytes is not None else "")
    return " ".join(text.replace("│", " ").split())


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("refusals")
    path = folder / "khabar.db"
    ingest_all(write_dispatches(folder / "corpus", bad=False, copy=False), path)
    return str(path)


@pytest.mark.parametrize("args, value", [
    (("search", "--from", "2018-13-01"), "2018-13-01"),
    (("search", "--to", "2024-02-30"), "2024-02-30"),
    (("events", "--from", "yesterday"), "yesterday"),
    (("entities", "--to", "2024/05/01"), "2024/05/01"),
])
def test_invalid_dates_are_refused_by_name(db, args, value):
    result = run(*args, "--db", db)
    assert result.exit_code == 2
    assert value in said(result) and "YYYY-MM-DD" in said(result)


def test_reversed_date_range_is_refused(db):
    result = run("search", "--from", "2024-06-01", "--to", "2024-05-01", "--db", db)
    assert result.exit_code == 2 and "2024-06-01" in said(result)


@pytest.mark.parametrize("command", ["search", "entities"])
def test_two_letter_and_unknown_countries_are_refused(db, command):
    two = run(command, "--country", "US", "--db", db)
    assert two.exit_code == 2 and "'US'" in said(two) and "ISO3" in said(two)
    unknown = run(command, "--country", "XYZ", "--db", db)
    assert unknown.exit_code == 2 and "'XYZ'" in said(unknown)
    fine = run(command, "--country", "kwt", "--db", db, "--format", "json")
    assert fine.exit_code == 0, fine.output


def test_unknown_event_types_are_refused(db):
    events = run("events", "--type", "FOO", "--db", db)
    assert events.exit_code == 2 and "'FOO'" in said(events) and "ASSAULT" in said(events)
    search = run("search", "--event", "PROTESTS", "--db", db)
    assert search.exit_code == 2 and "'PROTESTS'" in said(search)
    assert run("events", "--type", "consult", "--db", db, "--format", "json").exit_code == 0


def test_unknown_entity_type_is_refused(db):
    result = run("entities", "--type", "PERSON", "--db", db)
    assert result.exit_code == 2 and "'PERSON'" in said(result)


@pytest.mark.parametrize("args, value", [
    (("entities", "--limit", "0"), "0"),
    (("events", "--limit", "-5"), "-5"),
    (("search", "--offset", "-1"), "-1"),
])
def test_limits_below_range_are_refused_by_value(db, args, value):
    result = run(*args, "--db", db)
    assert result.exit_code == 2 and f"{value} is less than" in said(result)


def test_read_limit_and_max_bytes_are_checked(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(GOOD, encoding="utf-8")
    for option in ("--limit", "--max-bytes"):
        result = run("read", str(path), option, "0")
        assert result.exit_code == 2 and "0 is less than 1" in said(result)


def test_read_limit_reads_that_many(tmp_path):
    lines = "".join(f'{{"id": "d{i}", "text": "{GOOD.strip()}"}}\n' for i in range(5))
    (tmp_path / "many.jsonl").write_text(lines, encoding="utf-8")
    result = run("read", str(tmp_path / "many.jsonl"), "--limit", "2")
    assert result.exit_code == 0
    assert [line[:12] for line in result.stdout.splitlines()] == ['{"id": "d0",', '{"id": "d1",']


def test_max_bytes_raises_and_lowers_the_size_limit(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(GOOD * 20, encoding="utf-8")
    small = run("read", str(path), "--max-bytes", "100")
    assert small.exit_code == 1 and "larger than" in said(small)
    assert run("read", str(path), "--max-bytes", "1000000").exit_code == 0


def test_a_folder_with_nothing_readable_says_what_it_skipped(tmp_path):
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "report.pdf").write_bytes(b"%PDF-1.4")
    (folder / "notes.docx").write_bytes(b"PK")
    result = run("read", str(folder))
    assert result.exit_code == 1
    message = said(result)
    assert "report.pdf" in message and "notes.docx" in message and "skipped 2 files" in message
    assert "does not read" in message


def test_an_archive_with_nothing_readable_says_what_it_skipped(tmp_path):
    archive = tmp_path / "scans.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        data = b"%PDF-1.4"
        info = tarfile.TarInfo("inner/report.pdf")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    result = run("read", str(archive))
    assert result.exit_code == 1 and "report.pdf" in said(result) and "skipped 1 file" in said(result)


def test_an_empty_folder_says_so(tmp_path):
    result = run("read", str(tmp_path))
    assert result.exit_code == 1 and "no documents" in said(result) and "no files" in said(result)


def test_ingest_of_nothing_readable_fails_with_the_reason(tmp_path):
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "report.pdf").write_bytes(b"%PDF-1.4")
    result = run("ingest", str(folder), "--db", str(tmp_path / "k.db"), "--workers", "1")
    assert result.exit_code == 1 and "report.pdf" in said(result)


def test_needs_messages_name_the_extra_with_its_brackets(tmp_path, monkeypatch):
    import khabar.run

    real = khabar.run.importlib.util.find_spec
    monkeypatch.setattr(khabar.run.importlib.util, "find_spec",
                        lambda name, *a: None if name == "datasketch" else real(name, *a))
    result = run("ingest", str(tmp_path), "--db", str(tmp_path / "k.db"))
    assert result.exit_code == 1
    assert "pip install 'khabar[corpus]'" in said(result)


def test_serve_without_fastapi_names_the_extra(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "fastapi", None)  # import fastapi now fails as if not installed
    result = run("serve", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 1
    assert "fastapi" in said(result) and "pip install 'khabar[serve]'" in said(result)
    assert "Traceback" not in said(result)


def test_version():
    from khabar import __version__

    result = run("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"khabar {__version__}"


@pytest.mark.parametrize("text, reason", [
    ("", "empty"),
    ("   \n ", "empty"),
    ("This is an English text about the weather and the markets. " * 4, "not Arabic"),
])
def test_python_read_raises_what_the_cli_prints(text, reason):
    import khabar
    from khabar.errors import InputError

    with pytest.raises(InputError) as raised:
        khabar.read(text)
    assert reason in raised.value.reason
    cli = run("read", "-", stdin=text)
    assert cli.exit_code == 1 and raised.value.reason in said(cli)


def test_python_read_refuses_texts_over_max_bytes():
    import khabar
    from khabar.errors import InputError
    from khabar.settings import Settings

    with pytest.raises(InputError, match="larger than"):
        khabar.read(GOOD * 10, settings=Settings(max_bytes=200))


def test_export_refuses_bad_filters_and_the_old_format_option(db, tmp_path):
    out = str(tmp_path / "e.tsv")
    old = run("export", "--to", "gdelt", "--out", out, "--db", db)
    assert old.exit_code == 2 and "--format gdelt" in said(old)
    for args, value in ((("--type", "FOO"), "'FOO'"), (("--country", "UK"), "'UK'"), (("--from", "2024-13-01"), "2024-13-01")):
        result = run("export", "--format", "gdelt", "--out", out, "--db", db, *args)
        assert result.exit_code == 2 and value in said(result)


def test_export_with_filters_writes_the_chosen_part(db, tmp_path):
    whole, part = tmp_path / "all.jsonl", tmp_path / "part.jsonl"
    assert run("export", "-f", "plover", "--out", str(whole), "--db", db).exit_code == 0
    result = run("export", "-f", "plover", "--out", str(part), "--db", db, "--type", "aid", "--type", "consult")
    assert result.exit_code == 0, said(result)
    types = [line.split('"event": ["')[1].split('"')[0] for line in part.read_text(encoding="utf-8").splitlines()]
    assert types and set(types) <= {"AID", "CONSULT"}
    assert len(types) < len(whole.read_text(encoding="utf-8").splitlines())


def test_events_source_and_target_apart(db):
    as_source = json.loads(run("events", "--source", "kwt", "--db", db, "-f", "json").stdout)
    as_target = json.loads(run("events", "--target", "KWT", "--db", db, "-f", "json").stdout)
    assert as_source and all(r["source"] == "KWT" for r in as_source)
    assert all(r["target"] == "KWT" for r in as_target)
    both = run("events", "--actor", "KWT", "--source", "KWT", "--db", db)
    assert both.exit_code == 2 and "--actor" in said(both)
