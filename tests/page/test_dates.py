"""Every article carries a publication date (ISO) and where it comes from, for each kind of source."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest

from khabar.pipeline import default_pipeline, read
from khabar.sources import iter_pages

LEAD = "أعلنت وزارة الخارجية اليوم عن زيارة رسمية يقوم بها الوزير إلى عدد من الدول المجاورة لبحث التعاون."
DATED_LEAD = "الكويت - 10 - 4 (كونا) -- " + LEAD
HEADLINE = "وزير الخارجية يبدأ جولة في المنطقة"


def _read(path) -> list:
    return [a.to_dict() for a in default_pipeline().read_pages(iter_pages([path]))]


def _warc(html: str, date: str) -> bytes:
    http = f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}".encode()
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.test/a\r\nWARC-Date: {date}\r\n"
            f"WARC-Record-ID: <urn:uuid:1>\r\nContent-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n")
    return head.encode() + http + b"\r\n\r\n"


def _html(head: str = "") -> str:
    return f"<html><head>{head}</head><body><h1>{HEADLINE}</h1><p>{LEAD}</p></body></html>"


@pytest.mark.parametrize(("name", "content", "date", "source"), [
    ("a.trec", f"<DOC>\n<DOCNO>d1</DOCNO>\n<TIME>Sun, 18 Feb 2018 12:26:59 GMT</TIME>\n<TITLE>{HEADLINE}</TITLE>\n"
               f"<TEXT>\n{LEAD}\n</TEXT>\n</DOC>\n", "2018-02-18", "trec"),
    ("a.jsonl", json.dumps({"id": "j1", "text": f"{HEADLINE}\n{LEAD}", "date": "2021-06-09T10:00:00"},
                           ensure_ascii=False) + "\n", "2021-06-09", "json"),
    ("a.html", _html('<meta property="article:published_time" content="2019-03-04T08:00:00+03:00">'),
     "2019-03-04", "html"),
    ("b.html", f"<html><body><article><time datetime='2020-01-05'>5 يناير</time><h1>{HEADLINE}</h1>"
               f"<p>{LEAD}</p></article></body></html>", "2020-01-05", "html"),
    ("a.warc", _warc(_html(), "2024-01-02T03:04:05Z"), "2024-01-02", "warc"),
])
def test_dates_from_the_source_s_own_metadata(tmp_path, name, content, date, source):
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    (article,) = _read(path)
    assert (article["date"], article["date_source"]) == (date, source)


def test_dates_from_the_dateline_before_a_file_time(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"{HEADLINE}\n{DATED_LEAD}\n", encoding="utf-8")
    stamp = dt.datetime(2024, 6, 1, 12).timestamp()
    os.utime(path, (stamp, stamp))
    (article,) = _read(path)
    assert (article["date"], article["date_source"]) == ("2024-04-10", "dateline")  # year from the file's


def test_dates_fall_back_on_the_file_time(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"{HEADLINE}\n{LEAD}\n", encoding="utf-8")
    stamp = dt.datetime(2023, 11, 5, 12).timestamp()
    os.utime(path, (stamp, stamp))
    (article,) = _read(path)
    assert (article["date"], article["date_source"]) == ("2023-11-05", "file")


def test_dates_from_the_reference_date_of_the_python_api():
    article = read(f"{HEADLINE}\n{LEAD}", date=dt.date(2025, 2, 3))
    assert (article.date, article.date_source) == ("2025-02-03", "reference")
    dated = read(f"{HEADLINE}\n{DATED_LEAD}", date=dt.date(2025, 2, 3))
    assert (dated.date, dated.date_source) == ("2024-04-10", "dateline")
    assert read(f"{HEADLINE}\n{LEAD}").date is None
