"""Bytes to text: encoding detection, binary/empty/size refusals and the Arabic-text check.

The decoded text keeps every character as decoded except line ends: "\\r\\n" and a lone "\\r" become
"\\n" (and a leading BOM is dropped). That text is the raw later offsets refer to.
"""

from __future__ import annotations

import codecs
import re
from typing import BinaryIO

from khabar.errors import InputError
from khabar.lang.letters import ARABIC_LETTER_CLASS, letter_counts

BINARY = "binary data, not text"
_SAMPLE = 65_536
LANGUAGE_SAMPLE = 20_000  # characters: enough to tell the language of any news text
_COUNT_LIMIT = 1 << 30
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_ARABIC_RUN_RE = re.compile(f"[{ARABIC_LETTER_CLASS}]+")
_DECLARED_RES = (
    re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.-]+)", re.I),
    re.compile(rb"<\?xml[^>]{0,100}?encoding\s*=\s*[\"']([A-Za-z0-9_.-]+)", re.I),
)


def format_size(n: int) -> str:
    if n < 1000:
        return f"{n} bytes"
    value, unit = (n / 1e6, "MB") if n >= 1_000_000 else (n / 1e3, "kB")
    return f"{value:.1f}".removesuffix(".0") + f" {unit}"


def too_large(input_id: str, size: int, max_bytes: int) -> InputError:
    return InputError(input_id, f"larger than {format_size(max_bytes)} ({format_size(size)})")


def read_capped(stream: BinaryIO, max_bytes: int, input_id: str) -> bytes:
    """Read a whole stream, refusing more than `max_bytes` without keeping the excess in memory."""
    data = stream.read(max_bytes + 1)
    if len(data) <= max_bytes:
        return data
    size = len(data)
    # Count the rest without keeping it; stop counting somewhere for endless streams (/dev/zero, pipes).
    while size < _COUNT_LIMIT and (chunk := stream.read(1 << 20)):
        size += len(chunk)
    if size >= _COUNT_LIMIT:
        raise InputError(input_id, f"larger than {format_size(max_bytes)} (more than {format_size(size)})")
    raise too_large(input_id, size, max_bytes)


def utf16_codec(head: bytes) -> str | None:
    """The UTF-16 codec for these first bytes (BOM, or NULs in one byte parity only), else None."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not head.startswith(
        codecs.BOM_UTF32_LE
    ):
        return "utf-16"
    sample = head[: len(head) & ~1]
    if b"\x00" not in sample:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    # ASCII (spaces, digits, newlines) puts a NUL in its high byte; the other parity only holds the
    # rare NUL of a character like U+0600. Binary data has NULs in both.
    if even * 20 <= odd and odd * 50 >= len(sample):
        return "utf-16-le"
    if odd * 20 <= even and even * 50 >= len(sample):
        return "utf-16-be"
    return None


def declared_charset(data: bytes) -> str | None:
    """A charset named by an HTML <meta> or an XML declaration near the start, if Python knows it."""
    head = data[:4096]
    for pattern in _DECLARED_RES:
        match = pattern.search(head)
        if match:
            try:
                return codecs.lookup(match.group(1).decode("ascii")).name
            except LookupError:
                return None
    return None


def decode_bytes(data: bytes, input_id: str, *, declared: str | None = None) -> str:
    """Decode one document; raise InputError for empty, binary or undecodable data."""
    if not data.strip():
        raise InputError(input_id, "empty file" if not data else "empty (only whitespace)")
    text = _decode(data, input_id, declared)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError(input_id, "empty (only whitespace)")
    sample = text[:_SAMPLE]
    controls = len(_CONTROL_RE.findall(sample))
    if controls > 2 and controls * 100 > len(sample):
        raise InputError(input_id, f"{BINARY} (control characters)")
    return text


def _decode(data: bytes, input_id: str, declared: str | None) -> str:
    data = data.removeprefix(codecs.BOM_UTF8)
    codec = utf16_codec(data[:_SAMPLE])
    if codec:
        return _strict(data, codec, input_id)
    if b"\x00" in data:
        raise InputError(input_id, f"{BINARY} (NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _not_utf8(data, input_id, declared or declared_charset(data))


def _strict(data: bytes, codec: str, input_id: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(input_id, f"{BINARY} (invalid {codec.upper()})") from exc


def _not_utf8(data: bytes, input_id: str, declared: str | None) -> str:
    """Mostly-UTF-8 with a few broken bytes stays UTF-8; otherwise the declared charset, else cp1256."""
    lenient = data.decode("utf-8", errors="replace")
    sample = lenient[:_SAMPLE]
    broken = sample.count("\ufffd")
    # cp1256 read as UTF-8 breaks at almost every high byte; a truncated UTF-8 file breaks once or twice.
    valid = len(sample) - len(sample.encode("ascii", errors="ignore")) - broken
    if valid >= 10 * broken:
        return lenient
    if declared and declared != "utf-8":
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    text = data.decode("cp1256", errors="replace")
    if _arabic_share(text[:_SAMPLE])[1] >= 0.3:
        return text
    raise InputError(input_id, "undecodable bytes (neither UTF-8 nor Windows-1256 Arabic)")


def _arabic_share(text: str) -> tuple[int, float]:
    """(letters, share of Arabic letters among them), counted as arabic_ratio does."""
    arabic, other = letter_counts(text)
    letters = arabic + other
    return letters, (arabic / letters if letters else 0.0)


def check_language(text: str, input_id: str) -> None:
    """Refuse texts that are not Arabic: under 20% Arabic letters (over 50 letters), or none at all."""
    letters, share = _arabic_share(text[:LANGUAGE_SAMPLE])
    if not letters:
        raise InputError(input_id, "no letters (not a text)")
    if share == 0 or (letters > 50 and share < 0.2):
        raise InputError(input_id, f"not Arabic text ({int(share * 100)}% Arabic letters)")
