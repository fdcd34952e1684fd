"""Dispatch over inputs: files, folders (sorted, recursive), stdin, missing paths, sizes, bare texts."""

from __future__ import annotations

import datetime as dt
import io
import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khabar.sources import iter_pages, iter_texts_bare
from tests.sources.sources_samples import ARABIC, ARABIC_2


def test_folder_is_read_recursively_in_sorted_order(write, tmp_path):
    write("corpus/b.txt", ARABIC)
    write("corpus/a/z.txt", ARABIC_2)
    write("corpus/a/c.htm", f"<html><body><p>{ARABIC_2}</p></body></html>")
    write("corpus/a.txt", ARABIC)
    write("corpus/c/lines.jsonl", json.dumps({"text": ARABIC}, ensure_ascii=False))
    write("corpus/c/DOC-7", f"<DOC><DOCNO>DOC-7</DOCNO><TEXT>{ARABIC_2}</TEXT></DOC>")
    write("corpus/c/LICENSE", "Permission is hereby granted to anyone who reads this text")
    write("corpus/c/photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF")
    write("corpus/.git/config.txt", ARABIC)
    pages = list(iter_pages([tmp_path / "corpus"]))
    assert [p.id for p in pages] == ["c", "z", "a", "b", "DOC-7", "lines-1"]
    assert [os.path.relpath(p.origin, tmp_path) for p in pages[:4]] == [
        "corpus/a/c.htm",
        "corpus/a/z.txt",
        "corpus/a.txt",
        "corpus/b.txt",
    ]
    assert all(p.error is None for p in pages)


def test_missing_path_is_an_error_page_and_reading_goes_on(write, tmp_path):
    missing = tmp_path / "nowhere" / "gone.txt"
    pages = list(iter_pages([missing, write("here.txt", ARABIC)]))
    assert pages[0].id == "gone" and pages[0].origin == str(missing)
    assert pages[0].error == "no such file or directory"
    assert pages[1].text == ARABIC


def test_file_pages_carry_the_file_date(write):
    path = write("dated.txt", ARABIC)
    stamp = dt.datetime(2021, 6, 15, 12, 0).timestamp()
    os.utime(path, (stamp, stamp))
    page = next(iter_pages([path]))
    assert page.date == dt.date(2021, 6, 15)
    assert page.layout == "page" and page.position == 0


def test_file_larger_than_max_bytes(write):
    page = next(iter_pages([write("big.txt", ARABIC * 100)], max_bytes=1000))
    assert page.error == f"larger than 1 kB ({len((ARABIC * 100).encode()) / 1000:.1f} kB)"
    assert page.text == ""


def test_binary_and_empty_files_are_error_pages(write):
    pages = list(
        iter_pages([write("img.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"), write("e.txt", b"")])
    )
    assert pages[0].error.startswith("binary data")
    assert pages[1].error == "empty file"


def test_unknown_extension_given_explicitly_is_read_as_text(write):
    page = next(iter_pages([write("notes.md", ARABIC)]))
    assert page.id == "notes" and page.text == ARABIC


def test_a_single_path_instead_of_a_list(write):
    assert next(iter_pages(write("one.txt", ARABIC))).text == ARABIC


def _stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_stdin_text_document(monkeypatch):
    _stdin(monkeypatch, ("\r\n" + ARABIC + "\r\n").encode("utf-8"))
    [page] = list(iter_pages(["-"]))
    assert page.id == "stdin" and page.origin == "<stdin>" and page.date is None
    assert page.text == "\n" + ARABIC + "\n"


def test_stdin_larger_than_max_bytes(monkeypatch):
    _stdin(monkeypatch, (ARABIC * 50).encode("utf-8"))
    [page] = list(iter_pages(["-"], max_bytes=2_000))
    assert page.error.startswith("larger than 2 kB (")


def test_stdin_without_a_byte_buffer(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(ARABIC_2))
    assert [p.text for p in iter_pages(["-"])] == [ARABIC_2]


def test_iter_texts_bare_skips_checks_and_errors(write):
    inputs = [
        write("en.txt", "Only English words in this file, nothing else at all to see."),
        write("e.txt", b""),
        write("p.html", f"<p>{ARABIC_2}</p>"),
    ]
    texts = list(iter_texts_bare(inputs))
    assert texts == ["Only English words in this file, nothing else at all to see.", f"<p>{ARABIC_2}</p>"]


_EXTENSIONS = [
    ".txt",
    ".html",
    ".jsonl",
    ".json",
    ".trec",
    ".zip",
    ".tar.gz",
    ".warc",
    ".warc.gz",
    ".txt.gz",
    "",
]
_PIECES = st.sampled_from(
    [
        b"<DOC>",
        b"</DOC>",
        b"<TEXT>",
        b"{",
        b"}",
        b"[",
        b"]",
        b'"text":',
        b"\n",
        b"\x00",
        b"\x1f\x8b",
        b"WARC/1.0\r\n",
        b"Content-Length: 5\r\n\r\n",
        b"PK\x03\x04",
        b"<p>",
        ARABIC_2.encode(),
        b"\xd8",
        b"\xff\xfe",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    pieces=st.lists(st.one_of(_PIECES, st.binary(max_size=40)), max_size=30),
    extension=st.sampled_from(_EXTENSIONS),
)
def test_any_bytes_under_any_name_give_pages_and_never_raise(tmp_path, pieces, extension):
    path = tmp_path / f"input{extension}"
    path.write_bytes(b"".join(pieces))
    pages = list(iter_pages([path, tmp_path / "missing.txt"]))
    assert pages[-1].error == "no such file or directory"
    for page in pages:
        assert (page.error is None) == bool(page.text)
        assert page.error is None or page.error.strip()
