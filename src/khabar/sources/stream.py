"""One readable input (a file, a member, stdin) and the stream helpers readers share.

Streams are read forward only: tar members and stdin cannot seek, so the sniffed head is kept and
chained back in front of the rest instead of seeking back.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from khabar.sources.decode import read_capped, too_large, utf16_codec

SNIFF_BYTES = 8192
_MULTI_EXTS = (".tar.gz", ".tar.bz2", ".tar.xz", ".warc.gz")


def strip_ext(name: str) -> str:
    """File name without its extension ("a.tar.gz" -> "a", "b.txt.gz" -> "b")."""
    low = name.lower()
    for ext in _MULTI_EXTS:
        if low.endswith(ext) and len(name) > len(ext):
            return name[: -len(ext)]
    if low.endswith(".gz") and len(name) > 3:
        name = name[:-3]
    dot = name.rfind(".")
    return name[:dot] if dot > 0 else name


@dataclass(slots=True)
class Source:
    """A named byte stream. `prime()` fills `head` (first bytes, UTF-8 BOM dropped) before reading."""

    id: str
    name: str
    origin: str
    stream: BinaryIO
    size: int | None = None
    date: dt.date | None = None
    position: int = 0
    head: bytes = b""
    depth: int = 0  # archives around this source

    def prime(self) -> None:
        self._sniff()
        codec = utf16_codec(self.head)
        if codec:
            # Recode UTF-16 to UTF-8 up front so line-based readers (JSONL, TREC) work unchanged.
            self.stream = io.BufferedReader(_Utf8Recoder(self.stream, codec), SNIFF_BYTES * 8)
            self.size = None
            self._sniff()

    def read_all(self, max_bytes: int) -> bytes:
        """Every byte of a single-document source, refusing oversized ones (by size first when known)."""
        if self.size is not None and self.size > max_bytes:
            raise too_large(self.id, self.size, max_bytes)
        return read_capped(self.stream, max_bytes, self.id)

    def _sniff(self) -> None:
        stream = self.stream
        if seekable(stream):
            start = stream.tell()
            head = stream.read(SNIFF_BYTES)
            skip = 3 if head.startswith(codecs.BOM_UTF8) else 0
            stream.seek(start + skip)
            self.head = head[skip:]
            return
        head = stream.read(SNIFF_BYTES).removeprefix(codecs.BOM_UTF8)
        self.head = head
        if len(head) < SNIFF_BYTES:
            self.stream = io.BytesIO(head)
        else:
            self.stream = io.BufferedReader(_Prefixed(head, stream), SNIFF_BYTES * 8)


def seekable(stream: BinaryIO) -> bool:
    try:
        return stream.seekable()
    except (AttributeError, OSError, ValueError):  # tar members in stream mode cannot even answer
        return False


class _Prefixed(io.RawIOBase):
    """Bytes already read, then the rest of the stream."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def, override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


class _Utf8Recoder(io.RawIOBase):
    """A UTF-16 stream read as UTF-8 bytes."""

    def __init__(self, raw: BinaryIO, codec: str) -> None:
        self._raw = raw
        self._decoder = codecs.getincrementaldecoder(codec)()
        self._pending = b""
        self._first = True

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def, override]
        while not self._pending:
            chunk = self._raw.read(len(buffer))
            text = self._decoder.decode(chunk, final=not chunk)
            if self._first and text:
                text, self._first = text.removeprefix("\ufeff"), False
            self._pending = text.encode("utf-8")
            if not chunk:
                break
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


def byte_lines(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number from 1, line bytes or None when longer than max_bytes, line size)."""
    number = 0
    while line := stream.readline(max_bytes + 1):
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            size = len(line)
            while True:
                rest = stream.readline(1 << 20)
                size += len(rest)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, None, size
            continue
        yield number, line, len(line)
