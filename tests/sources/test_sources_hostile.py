"""Inputs that used to block, vanish or take gigabytes: each is read in bounded memory or named."""

from __future__ import annotations

import io
import json
import os
import tarfile
import threading
import zipfile

import pytest

from khabar.sources import archives, iter_pages
from tests.sources.sources_samples import ARABIC, ARABIC_2
from tests.sources.test_sources_warc import HTML_1, HTML_2, _http, _record


def _pages_within(inputs, seconds: float = 60.0, **options):
    """Pages of `inputs`, read on a thread: a reader that blocks fails the test instead of hanging it."""
    found: list = []
    reader = threading.Thread(target=lambda: found.extend(iter_pages(inputs, **options)), daemon=True)
    reader.start()
    reader.join(seconds)
    assert not reader.is_alive(), "the reader blocked"
    return found


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_a_fifo_is_skipped_with_a_message_and_the_next_input_is_read(write, tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    after = write("after.txt", ARABIC)
    pages = _pages_within([fifo, after])
    assert [p.id for p in pages] == ["pipe", "after"]
    assert pages[0].error.startswith("a named pipe (FIFO), not a file")
    assert pages[1].error is None
    folder = _pages_within([tmp_path])  # in a folder too
    assert [p.error is None for p in folder] == [True, False]
    assert "named pipe" in folder[1].error


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_is_skipped_with_a_message(write):
    pages = _pages_within(["/dev/zero", write("a.txt", ARABIC)])
    assert pages[0].error.startswith("a device, not a file") and pages[1].error is None


@pytest.mark.parametrize("name", ["feed.jsonl", "crawl.warc"])
@pytest.mark.parametrize("content", [b"", b"\n\n  \n"])
def test_empty_jsonl_and_warc_inputs_are_named(write, name, content):
    (page,) = iter_pages([write(name, content)])
    assert page.error is not None and "empty" in page.error


def test_an_empty_json_array_is_named(write):
    (page,) = iter_pages([write("items.json", "[ ]")])
    assert page.error == "empty JSON array"


def _tar_with_odd_members() -> bytes:
    data = ARABIC.encode("utf-8")
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as archive:
        for name in ("ok.txt", "../up.txt", "/root.txt", "a/../../b.txt"):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        for name, kind, target in (("sym.txt", tarfile.SYMTYPE, "/etc/passwd"), ("hard.txt", tarfile.LNKTYPE, "ok.txt"),
                                   ("dev.txt", tarfile.CHRTYPE, ""), ("fifo.txt", tarfile.FIFOTYPE, ""),
                                   ("folder", tarfile.DIRTYPE, "")):
            info = tarfile.TarInfo(name)
            info.type, info.linkname = kind, target
            archive.addfile(info)
    return out.getvalue()


def test_tar_members_left_out_are_reported_with_why(write):
    pages = list(iter_pages([write("odd.tar.gz", _tar_with_odd_members())]))
    why = {p.origin.rsplit("!", 1)[1]: p.error for p in pages}
    assert why["ok.txt"] is None
    assert why["../up.txt"] == why["a/../../b.txt"] == "skipped: a path with '..'"
    assert why["/root.txt"] == "skipped: an absolute path"
    assert why["sym.txt"] == "skipped: a link to '/etc/passwd'"
    assert why["hard.txt"] == "skipped: a link to 'ok.txt'"
    assert why["dev.txt"] == "skipped: a device" and why["fifo.txt"] == "skipped: a named pipe (FIFO)"
    assert "folder" not in why


def test_zip_members_left_out_are_reported_with_why(write):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("ok.txt", ARABIC)
        archive.writestr("../up.txt", ARABIC)
        link = zipfile.ZipInfo("link.txt")
        link.external_attr = 0o120777 << 16  # a symbolic link, as Unix zip writes it
        archive.writestr(link, "/etc/passwd")
    why = {p.origin.rsplit("!", 1)[1]: p.error for p in iter_pages([write("odd.zip", out.getvalue())])}
    assert why == {"ok.txt": None, "../up.txt": "skipped: a path with '..'", "link.txt": "skipped: a symbolic link"}


@pytest.mark.parametrize("length", ["-1", "99999999999999999999", "12abc", None])
def test_a_warc_record_with_an_unbelievable_length_does_not_swallow_the_rest(write, length):
    good = _record("response", "https://news.test/1", _http(HTML_1.encode("utf-8")))
    bad = _record("response", "https://news.test/bad", _http(HTML_2.encode("utf-8")))
    given = f"Content-Length: {length}\r\n" if length is not None else ""
    bad = bad.replace(b"Content-Length: %d\r\n" % (len(bad.split(b"\r\n\r\n", 1)[1]) - 4), given.encode())
    last = _record("response", "https://news.test/2", _http(HTML_2.encode("utf-8")))
    pages = list(iter_pages([write("crawl.warc", good + bad + last)]))
    assert [p.url for p in pages] == ["https://news.test/1", "https://news.test/bad", "https://news.test/2"]
    assert pages[0].error is None and pages[2].error is None
    assert "Content-Length" in pages[1].error


def test_a_json_array_item_over_the_limit_is_refused_before_it_is_held(write):
    # The limit is checked on the buffered characters: the item is never parsed whole.
    items = [{"content": ARABIC}, {"content": "ب" * 50_000}, {"content": ARABIC_2}]
    pages = list(iter_pages([write("items.json", json.dumps(items, ensure_ascii=False))], max_bytes=20_000))
    assert pages[0].error is None
    assert pages[-1].error.startswith("item 1 is larger than 20 kB")


def test_a_zip_inside_a_tar_over_the_limit_is_refused(write, monkeypatch):
    monkeypatch.setattr(archives, "MAX_NESTED_ZIP_BYTES", 100_000)
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("zeros.txt", b"\0" * 200_000)
    small = io.BytesIO()
    with zipfile.ZipFile(small, "w") as archive:
        archive.writestr("ok.txt", ARABIC)
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tar:
        for name, data in (("big.zip", inner.getvalue()), ("small.zip", small.getvalue())):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    pages = list(iter_pages([write("nested.tar.gz", out.getvalue())]))
    assert pages[0].error == "a zip inside an archive larger than 100 kB"
    assert pages[1].error is None and pages[1].text == ARABIC


def test_trec_fields_after_unclosed_and_nested_tags_are_found(write):
    doc = ("<DOC>\n<DOCNO>d-1</DOCNO>\n<NOTE>open <B>never closed\n<a href=x <title>\n"
           f"<TITLE>عنوان <i>مائل</i> الخبر</TITLE>\n<text><P>{ARABIC}</P><P>{ARABIC_2}</p></TEXT>\n</DOC>\n")
    (page,) = iter_pages([write("one.trec", doc)])
    assert page.id == "d-1" and page.title == "عنوان مائل الخبر"
    assert page.text.split("\n")[1:] == [*ARABIC.split("\n"), ARABIC_2]


def test_trec_with_a_million_unclosed_tags_is_read_in_one_pass(write):
    # Each unclosed tag used to send the pattern to the end of the document: 100 KB took 95 s.
    doc = "<DOC><DOCNO>big</DOCNO><TEXT>" + "<a>ب <b c " * 100_000 + f"</TEXT>{ARABIC}</DOC>"
    (page,) = _pages_within([write("big.trec", doc)], seconds=120)
    assert page.id == "big" and page.error is None
