"""WARC records written by the test: HTML responses become pages, the rest is skipped."""

from __future__ import annotations

import datetime as dt
import gzip

from khabar.sources import iter_pages
from tests.sources.sources_samples import ARABIC, ARABIC_2

HTML_1 = (
    f"<html><head><title>الصفحة الأولى</title></head><body><h1>عنوان أول</h1><p>{ARABIC}</p></body></html>"
)
HTML_2 = f"<html><body><article><p>{ARABIC_2}</p></article></body></html>"


def _record(
    warc_type: str, uri: str, block: bytes, content_type: str = "application/http; msgtype=response"
) -> bytes:
    head = (
        f"WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Target-URI: {uri}\r\n"
        f"WARC-Date: 2024-01-02T03:04:05Z\r\nWARC-Record-ID: <urn:uuid:{abs(hash(uri))}>\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return head.encode("utf-8") + block + b"\r\n\r\n"


def _http(
    body: bytes, content_type: str = "text/html; charset=utf-8", status: str = "200 OK", extra: str = ""
) -> bytes:
    return f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{extra}\r\n".encode() + body


def _chunked(body: bytes) -> bytes:
    half = len(body) // 2
    parts = [body[:half], body[half:]]
    return b"".join(f"{len(p):x}\r\n".encode() + p + b"\r\n" for p in parts) + b"0\r\n\r\n"


RECORDS = [
    _record("warcinfo", "", b"software: test\r\n", "application/warc-fields"),
    _record(
        "request",
        "https://news.test/1",
        b"GET /1 HTTP/1.1\r\nHost: news.test\r\n\r\n",
        "application/http; msgtype=request",
    ),
    _record("response", "https://news.test/1", _http(HTML_1.encode("utf-8"))),
    _record("response", "https://news.test/logo.png", _http(b"\x89PNG\r\n\x1a\n\x00\x00", "image/png")),
    _record(
        "response",
        "https://news.test/missing",
        _http("<html><body><p>غير موجود</p></body></html>".encode(), status="404 Not Found"),
    ),
    _record(
        "response",
        "https://news.test/2",
        _http(
            _chunked(gzip.compress(HTML_2.encode("cp1256"))),
            "text/html; charset=windows-1256",
            extra="Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
        ),
    ),
    _record("resource", "https://news.test/3", HTML_2.encode("utf-8"), "text/html"),
    _record("response", "https://news.test/4", _http(b"<html><body><script>1</script></body></html>")),
]


def _check(pages, path):
    assert [p.id for p in pages] == ["crawl-2", "crawl-5", "crawl-6", "crawl-7"]
    first, second, third, empty = pages
    assert first.text == "عنوان أول\n" + ARABIC.replace("\n", " ")
    assert first.url == "https://news.test/1" and first.title == "الصفحة الأولى"
    assert first.date == dt.date(2024, 1, 2) and first.origin == f"{path}#record 2"
    assert second.text == ARABIC_2 and second.url == "https://news.test/2"
    assert third.text == ARABIC_2 and third.error is None
    assert empty.error == "no text found in HTML"


def test_warc_gz_with_one_gzip_member_per_record(write):
    path = write("crawl.warc.gz", b"".join(gzip.compress(record) for record in RECORDS))
    _check(list(iter_pages([path])), path)


def test_uncompressed_warc(write):
    path = write("crawl.warc", b"".join(RECORDS))
    _check(list(iter_pages([path])), path)


def test_oversized_html_record_is_refused_and_the_rest_read(write):
    big = _record("response", "https://news.test/big", _http((f"<p>{ARABIC}</p>" * 100).encode("utf-8")))
    path = write("big.warc", big + RECORDS[2])
    pages = list(iter_pages([path], max_bytes=5_000))
    assert pages[0].error.startswith("larger than 5 kB") and pages[0].url == "https://news.test/big"
    assert pages[1].error is None and pages[1].url == "https://news.test/1"


def test_not_a_warc_file(write):
    [page] = list(iter_pages([write("fake.warc", "هذا ليس ملف أرشيف ويب")]))
    assert page.id == "fake" and page.error.startswith("not a WARC record")
