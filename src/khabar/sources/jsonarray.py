"""JSON files: an array of article objects ({title, content|text, source, url, date|date_extracted}),
or a single such object.

Arrays are parsed item by item from a growing text buffer, so a large file never becomes one Python list.
"""

from __future__ import annotations

import codecs
import io
import json
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from khabar.errors import InputError
from khabar.sources.decode import decode_bytes, format_size, too_large
from khabar.sources.jsonl import clean_text, object_fields, read_jsonl
from khabar.sources.page import Options, RawPage, error_page
from khabar.sources.stream import Source

_SPACE_RE = re.compile(r"[ \t\r\n]*")


def read_json(src: Source, options: Options) -> Iterator[RawPage]:
    first = src.head.lstrip()[:1]
    if first == b"[":
        count = 0
        for index, obj in _ArrayReader(src.stream, src.id, options.max_bytes).items():
            count += 1
            page_id, origin = f"{src.id}-{index}", f"{src.origin}#item {index}"
            yield article_page(obj, page_id, origin, index, src, options)
        if not count:
            raise InputError(src.id, "empty JSON array")
    elif first == b"{":
        yield from _read_object(src, options)
    else:
        raise InputError(src.id, "not a JSON array or object")


def _read_object(src: Source, options: Options) -> Iterator[RawPage]:
    data = src.read_all(options.max_bytes)
    try:
        obj = json.loads(decode_bytes(data, src.id))
    except json.JSONDecodeError as exc:
        if exc.msg != "Extra data":
            raise InputError(
                src.id, f"invalid JSON on line {exc.lineno}: {exc.msg} (column {exc.colno})"
            ) from exc
        # Several objects, one per line: JSON Lines under a .json name.
        src.stream = io.BytesIO(data)
        yield from read_jsonl(src, options)
        return
    yield article_page(obj, src.id, src.origin, src.position, src, options)


def article_page(
    obj: Any, page_id: str, origin: str, position: int, src: Source, options: Options
) -> RawPage:
    """One article object as a page: the title line, a blank line, then the content."""
    if not isinstance(obj, dict):
        return error_page(page_id, origin, f"item {position} is not a JSON object", position)
    fields = object_fields(obj)
    fields["date"] = fields["date"] or src.date
    content = next(
        (obj[key] for key in ("content", "text") if isinstance(obj.get(key), str) and obj[key].strip()), ""
    )
    if not content:
        return error_page(page_id, origin, "no article text", position, **fields)
    title = fields["title"]
    text = clean_text(f"{title}\n\n{content}" if title else content)
    if len(text) * 4 > options.max_bytes and len(text.encode("utf-8")) > options.max_bytes:
        reason = too_large(page_id, len(text.encode("utf-8")), options.max_bytes).reason
        return error_page(page_id, origin, reason, position, **fields)
    return RawPage(id=page_id, text=text, origin=origin, position=position, **fields)


class _ArrayReader:
    """Items of a top-level JSON array, decoded one at a time from a stream."""

    def __init__(self, stream: BinaryIO, source_id: str, max_bytes: int) -> None:
        self._stream = stream
        self._id = source_id
        self._max = max_bytes
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._json = json.JSONDecoder()
        self._buf = ""
        self._pos = 0
        self._eof = False
        self._chunk = 1 << 16

    def _more(self) -> bool:
        if self._eof:
            return False
        data = self._stream.read(self._chunk)
        self._eof = not data
        self._buf = self._buf[self._pos :] + self._decoder.decode(data, final=self._eof)
        self._pos = 0
        return bool(data)

    def _peek(self) -> str:
        """The next non-space character ("" at the end), leaving the position on it."""
        while True:
            self._pos = _SPACE_RE.match(self._buf, self._pos).end()  # type: ignore[union-attr]
            if self._pos < len(self._buf):
                return self._buf[self._pos]
            if self._eof:
                return ""
            self._more()

    def items(self) -> Iterator[tuple[int, Any]]:
        self._peek()
        self._pos += 1  # the "[" read_json saw
        index = 0
        while (char := self._peek()) != "]":
            if index:
                if char != ",":
                    raise self._error(
                        index, "expected ',' or ']' between items" if char else "file ends inside the array"
                    )
                self._pos += 1
                self._peek()
            yield index, self._decode(index)
            index += 1

    def _decode(self, index: int) -> Any:
        while True:
            try:
                obj, self._pos = self._json.raw_decode(self._buf, self._pos)
                return obj
            except json.JSONDecodeError as exc:
                # An item cut by the buffer end fails near the end (or as an unterminated string): read on.
                cut = exc.pos >= len(self._buf) - 8 or exc.msg.startswith("Unterminated string")
                if not (cut and not self._eof):
                    raise self._error(index, exc.msg) from exc
                if len(self._buf) - self._pos > self._max:
                    # Each character takes a byte at least: the item is too large, whatever it holds.
                    # Its end is not looked for (a scan over gigabytes of brackets takes minutes).
                    raise self._too_large(index) from None
                self._chunk = min(self._chunk * 2, 1 << 24, max(self._max, 1 << 16))
                self._more()

    def _too_large(self, index: int) -> InputError:
        return InputError(self._id, f"item {index} is larger than {format_size(self._max)}: "
                                    "it and the items after it are not read")

    def _error(self, index: int, message: str) -> InputError:
        return InputError(self._id, f"invalid JSON in item {index}: {message}")
