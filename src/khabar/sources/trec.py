"""TREC-style documents (<DOC><DOCNO/><URL/><SRC/><CAT/><TITLE/><TIME/><AUTHOR/><ABSTRACT/><TEXT/></DOC>).

Several documents may share a file; they are cut from the byte stream one at a time. The page text is
the title line, the author line when it reads like a dateline credit ("دبي - العربية.نت"), then the
TEXT paragraphs, so the page stage finds headline and dateline where a scraped page would have them.
"""

from __future__ import annotations

import bisect
import datetime as dt
import html
import re
from collections.abc import Iterator
from typing import BinaryIO

from khabar.errors import InputError
from khabar.sources.dates import parse_date
from khabar.sources.decode import decode_bytes, too_large
from khabar.sources.page import Options, RawPage, error_page
from khabar.sources.stream import Source

# "[^<>]" rather than "[^>]": an unclosed tag then fails at the next "<", not at the end of the text
# (one scan to the end per unclosed tag was quadratic).
_DOC_OPEN_RE = re.compile(rb"<DOC(?:\s[^<>]*)?>", re.I)
_DOC_CLOSE_RE = re.compile(rb"</DOC\s*>", re.I)
# Elements are found by scanning: each opening tag is paired with the first end tag of its name after
# it, looked up in a table of end tags made in one pass (a back-reference pattern was quadratic).
_OPEN_TAG_RE = re.compile(r"<([A-Za-z][\w-]*)(?:\s[^<>]*)?>")
_END_TAG_RE = re.compile(r"</([A-Za-z][\w-]*)\s*>")
_ID_ATTR_RE = re.compile(r"""<DOC\s[^>]*\bid\s*=\s*["']?([^"'\s>]+)""", re.I)
_INNER_TAG_RE = re.compile(r"</?[A-Za-z][^<>]*>")
_ENTITY_RE = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")
# "القاهرة - أحمد الريدي", "دبي ـ العربية.نت", "لندن: فلان": a short place, a dash or colon, a credit.
_CREDIT_RE = re.compile(r"^[^\s\d:\-ـ–—]+(?: [^\s\d:\-ـ–—]+){0,2}(?:\s+[-ـ–—]\s+|\s*:\s+)\S")
_OWN_FIELDS = frozenset(
    ("DOCNO", "URL", "SRC", "TITLE", "HEADLINE", "TIME", "DATE", "DATE_TIME", "TEXT", "DATELINE")
)
_TAIL = 64  # bytes kept between chunks so a tag cut in two is still found
_CHUNK = 1 << 16


def read_trec(src: Source, options: Options) -> Iterator[RawPage]:
    count = 0
    for index, data, size in _documents(src.stream, options.max_bytes):
        count += 1
        origin = src.origin if index == 0 else f"{src.origin}#doc {index + 1}"
        fallback_id = src.id if index == 0 else f"{src.id}-{index}"
        if data is None:
            yield error_page(fallback_id, origin, too_large("", size, options.max_bytes).reason, index)
        else:
            yield doc_page(data, fallback_id, origin, index, src.date)
    if not count:
        raise InputError(src.id, "no <DOC> documents found")


def _documents(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(index, bytes of one <DOC>...</DOC> or None when larger than max_bytes, size)."""
    chunks = _Chunks(stream)
    index = 0
    while chunks.skip_to(_DOC_OPEN_RE):
        data, size = chunks.take_through(_DOC_CLOSE_RE, max_bytes)
        yield index, data, size
        index += 1


class _Chunks:
    """A byte stream read in chunks; `_pos` marks what is consumed, so taking a document copies only it."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._buf = b""
        self._pos = 0

    def _read(self) -> bool:
        chunk = self._stream.read(_CHUNK)
        self._buf = self._buf[self._pos :] + chunk
        self._pos = 0
        return bool(chunk)

    def skip_to(self, pattern: re.Pattern[bytes]) -> bool:
        """Consume bytes up to the next match; False at the end of the stream."""
        while True:
            match = pattern.search(self._buf, self._pos)
            if match:
                self._pos = match.start()
                return True
            self._pos = max(self._pos, len(self._buf) - _TAIL)
            if not self._read():
                return False

    def take_through(self, pattern: re.Pattern[bytes], limit: int) -> tuple[bytes | None, int]:
        """Bytes through the next match (or the end), None once they pass `limit`; and their size."""
        scan, dropped = 1, 0  # scan: where to search from, relative to the unconsumed start
        while True:
            match = pattern.search(self._buf, self._pos + scan)
            if match is None:
                if dropped + len(self._buf) - self._pos > limit:
                    # Too large already: count the bytes but keep only a tail to find the end tag in.
                    cut = max(self._pos, len(self._buf) - _TAIL)
                    dropped, self._pos = dropped + cut - self._pos, cut
                scan = max(0, len(self._buf) - self._pos - _TAIL)
                if self._read():
                    continue
            end = match.end() if match else len(self._buf)
            data, self._pos = self._buf[self._pos : end], end
            size = dropped + len(data)
            return (None if size > limit else data), size


def doc_page(data: bytes, fallback_id: str, origin: str, index: int, file_date: dt.date | None) -> RawPage:
    """The page of one <DOC> element (an error page when it cannot be decoded or has no text)."""
    try:
        text = decode_bytes(data, fallback_id)
    except InputError as exc:
        return error_page(fallback_id, origin, exc.reason, index)
    fields = _fields(text)
    id_attr = _ID_ATTR_RE.match(text.lstrip())
    page_id = _one_line(fields.get("DOCNO")) or (id_attr.group(1) if id_attr else "") or fallback_id
    title = _one_line(fields.get("TITLE") or fields.get("HEADLINE"))
    own_date = parse_date(fields.get("TIME") or fields.get("DATE_TIME") or fields.get("DATE"))
    date = own_date or file_date
    meta = {
        name.lower(): value.strip()
        for name, value in fields.items()
        if name not in _OWN_FIELDS and value.strip()
    }
    known = {
        "date": date,
        "date_source": "trec" if own_date else None,
        "url": _one_line(fields.get("URL")) or None,
        "title": title or None,
        "outlet": _one_line(fields.get("SRC")) or None,
        "meta": meta,
    }
    body = _paragraphs(fields.get("TEXT", ""))
    if not body:
        return error_page(page_id, origin, "no article text", index, **known)
    lines = [title] if title else []
    author = _one_line(fields.get("AUTHOR"))
    if author and _CREDIT_RE.match(author):
        lines.append(author)
    lines += _paragraphs(fields.get("DATELINE", "")) + body
    return RawPage(id=page_id, text="\n".join(lines), origin=origin, position=index, **known)


def _fields(text: str) -> dict[str, str]:
    """Top-level elements inside the <DOC> (first of each name), entity-decoded."""
    start = text.find(">") + 1
    end = max(text.rfind("</DOC"), text.rfind("</doc"))
    inner = text[start : end if end >= start else len(text)]
    fields: dict[str, str] = {}
    for name, content in _elements(inner):
        if name not in fields:
            fields[name] = _unescape(content)
    return fields


def _elements(text: str) -> Iterator[tuple[str, str]]:
    """(upper-case name, content) of each element not inside an earlier one, in order."""
    ends: dict[str, list[tuple[int, int]]] = {}
    for match in _END_TAG_RE.finditer(text):
        ends.setdefault(match.group(1).upper(), []).append((match.start(), match.end()))
    pos = 0
    while match := _OPEN_TAG_RE.search(text, pos):
        name = match.group(1).upper()
        closes = ends.get(name, ())
        k = bisect.bisect_left(closes, (match.end(), -1))
        if k == len(closes):
            pos = match.end()  # never closed: the next tag may still be an element
            continue
        start, end = closes[k]
        yield name, text[match.end() : start]
        pos = end


def _unescape(value: str) -> str:
    return _ENTITY_RE.sub(lambda m: html.unescape(m.group(0)), value) if "&" in value else value


def _one_line(value: str | None) -> str:
    return " ".join(_INNER_TAG_RE.sub(" ", value).split()) if value else ""


def _paragraphs(value: str) -> list[str]:
    """Non-blank lines, stripped; inner markup such as <P> becomes a line break."""
    if "<" in value:
        value = _INNER_TAG_RE.sub("\n", value)
    return [line.strip() for line in value.split("\n") if line.strip()]
