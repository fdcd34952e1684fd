"""WARC files (.warc, or .warc.gz with one gzip member per record): HTML responses become pages.

Records are read one after the other from the stream; a gzip member per record decompresses as one
continuous stream, so no record index is needed.
"""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from khabar.errors import InputError
from khabar.sources.dates import parse_date
from khabar.sources.decode import too_large
from khabar.sources.html import read_html
from khabar.sources.kinds import sniff_kind
from khabar.sources.page import Options, RawPage, error_page
from khabar.sources.stream import Source

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_HEAD_BYTES = 65_536  # enough of an oversized record to see what it holds
MAX_RECORD_BYTES = 1 << 36  # 64 GiB: larger than any crawl record, smaller than a length meant to break


def read_warc(src: Source, options: Options) -> Iterator[RawPage]:
    stream: BinaryIO = src.stream
    if src.head[:2] == b"\x1f\x8b":
        stream = gzip.GzipFile(fileobj=stream)  # type: ignore[assignment]
    records = pages = 0
    for number, headers, block, size in _records(stream, options.max_bytes, src.id):
        records += 1
        page_id, origin = f"{src.id}-{number}", f"{src.origin}#record {number}"
        if isinstance(block, InputError):
            pages += 1
            yield error_page(page_id, origin, block.reason, number, url=_target(headers))
            continue
        try:
            page = _record_page(headers, block, size, page_id, origin, number, options)
        except InputError as exc:
            page = error_page(page_id, origin, exc.reason, number, url=_target(headers))
        except (zlib.error, EOFError, OSError, ValueError) as exc:
            page = error_page(
                page_id, origin, f"broken compressed payload ({exc})", number, url=_target(headers)
            )
        if page is not None:
            pages += 1
            yield page
    if not records:
        raise InputError(src.id, "empty file (no WARC records)")
    if not pages:
        raise InputError(src.id, f"no HTML responses among its {records} WARC records")


def _records(
    stream: BinaryIO, max_bytes: int, source_id: str
) -> Iterator[tuple[int, dict[str, str], bytes | InputError, int]]:
    """(record number, WARC headers with lower-case names, block or its first bytes when oversized, size).

    A record whose length cannot be believed comes as an InputError instead of a block; the next
    record is then found by its "WARC/" version line."""
    number = 0
    line = stream.readline(_HEAD_BYTES)
    while line:
        if not line.strip():
            line = stream.readline(_HEAD_BYTES)
            continue
        if not line.startswith(b"WARC/"):
            raise InputError(source_id, f"not a WARC record (record {number} starts with {line[:20]!r})")
        headers = _header_lines(stream)
        length = _length(headers.get("content-length", ""))
        if length is None:
            given = headers.get("content-length")
            problem = (f"WARC record {number}: Content-Length {given!r} is not a length" if given is not None
                       else f"WARC record {number} has no Content-Length")
            yield number, headers, InputError(source_id, problem), 0
            number += 1
            line = _next_record(stream)
            continue
        if headers.get("warc-type") in ("response", "resource"):
            block = stream.read(min(length, _HEAD_BYTES) if length > max_bytes else length)
            if length > max_bytes:
                _skip(stream, length - len(block))
            elif len(block) < length:
                raise InputError(source_id, f"WARC record {number} is cut short")
        else:
            block = b""
            _skip(stream, length)
        yield number, headers, block, length
        number += 1
        line = stream.readline(_HEAD_BYTES)


def _length(value: str) -> int | None:
    """A Content-Length: decimal digits only, below MAX_RECORD_BYTES (a negative or absurd one would
    swallow the records after it)."""
    value = value.strip()
    if not value.isascii() or not value.isdigit() or len(value) > 15:
        return None
    length = int(value)
    return length if length <= MAX_RECORD_BYTES else None


def _next_record(stream: BinaryIO) -> bytes:
    """Skip lines up to the next "WARC/" version line (returned), or the end (b"")."""
    while line := stream.readline(_HEAD_BYTES):
        if line.startswith(b"WARC/1.") or line.startswith(b"WARC/0."):
            return line
    return b""


def _header_lines(stream: BinaryIO) -> dict[str, str]:
    headers: dict[str, str] = {}
    while (line := stream.readline(_HEAD_BYTES)).strip():
        name, _, value = line.decode("utf-8", errors="replace").partition(":")
        headers[name.strip().lower()] = value.strip()
    return headers


def _skip(stream: BinaryIO, count: int) -> None:
    while count > 0 and (chunk := stream.read(min(count, 1 << 20))):
        count -= len(chunk)


def _target(headers: dict[str, str]) -> str | None:
    return headers.get("warc-target-uri", "").strip("<>") or None


def _record_page(
    headers: dict[str, str], block: bytes, size: int, page_id: str, origin: str, number: int, options: Options
) -> RawPage | None:
    content_type = headers.get("content-type", "").lower()
    body, status = block, 200
    if headers.get("warc-type") == "response" and content_type.startswith("application/http"):
        status, http_headers, body = _split_http(block)
        content_type = http_headers.get("content-type", "").lower()
        if size <= options.max_bytes:
            body = _undo_encodings(body, http_headers)
    if not 200 <= status < 300 or not _is_html(content_type, body):
        return None
    if size > options.max_bytes:
        raise too_large(page_id, size, options.max_bytes)
    charset = _CHARSET_RE.search(content_type)
    return read_html(
        body,
        page_id,
        origin,
        options,
        position=number,
        url=_target(headers),
        date=parse_date(headers.get("warc-date")),
        date_source="warc",
        declared=charset.group(1) if charset else None,
    )


def _is_html(content_type: str, body: bytes) -> bool:
    if content_type:
        return content_type.startswith(_HTML_TYPES)
    return sniff_kind(body[:8192]) == "html"


def _split_http(block: bytes) -> tuple[int, dict[str, str], bytes]:
    """(status, headers with lower-case names, body) of a stored HTTP response."""
    end = block.find(b"\r\n\r\n")
    head, body = (block[:end], block[end + 4 :]) if end >= 0 else block.partition(b"\n\n")[::2]
    lines = head.decode("latin-1").splitlines()
    parts = lines[0].split() if lines else []
    status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers, body


def _undo_encodings(body: bytes, headers: dict[str, str]) -> bytes:
    """Body as the server meant it: chunked transfer joined, gzip/deflate content decompressed."""
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = _dechunk(body)
    encoding = headers.get("content-encoding", "").lower().strip()
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompress(body, 16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        try:
            return zlib.decompress(body)
        except zlib.error:
            return zlib.decompress(body, -zlib.MAX_WBITS)
    if encoding not in ("", "identity"):
        raise InputError("warc", f"payload compressed with {encoding!r}, which cannot be read")
    return body


def _dechunk(body: bytes) -> bytes:
    out, pos = bytearray(), 0
    while True:
        line_end = body.find(b"\r\n", pos)
        if line_end < 0:
            return bytes(out) if out else body
        try:
            length = int(body[pos:line_end].split(b";")[0], 16)
        except ValueError:
            return bytes(out) if out else body  # not really chunked: keep it as stored
        if length == 0:
            return bytes(out)
        start = line_end + 2
        out += body[start : start + length]
        pos = start + length + 2
