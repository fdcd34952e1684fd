"""Choose a reader for a source by its extension and first bytes; turn read failures into error pages."""

from __future__ import annotations

import gzip
import lzma
import struct
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator

from khabar.errors import InputError
from khabar.sources import archives, jsonarray, jsonl, trec, warc
from khabar.sources.decode import decode_bytes
from khabar.sources.html import read_html
from khabar.sources.kinds import ext_kind, sniff_kind
from khabar.sources.page import Options, RawPage, error_page
from khabar.sources.stream import Source

# What damaged data makes the standard library raise: besides OSError and the format errors, zipfile
# lets ValueError, struct.error and NotImplementedError out, and tarfile's stream mode even TypeError.
_BROKEN = (
    OSError,
    EOFError,
    zlib.error,
    lzma.LZMAError,
    tarfile.TarError,
    zipfile.BadZipFile,
    ValueError,
    struct.error,
    NotImplementedError,
    TypeError,
)
_CONTAINERS = frozenset(("tar", "zip", "gzip"))
MAX_NESTING = 4


def _kind(src: Source, explicit: bool) -> str | None:
    kind = ext_kind(src.name)
    if kind is None:
        sniffed = sniff_kind(src.head)
        # Inside folders and archives only TREC is recognised without an extension.
        return sniffed if explicit or sniffed == "trec" else None
    if kind == "text?":
        sniffed = sniff_kind(src.head)
        return sniffed if sniffed in ("trec", "html") else "text"
    return kind


def dispatch(src: Source, options: Options, explicit: bool = False) -> Iterator[RawPage]:
    """Pages of one source; a failure yields an error page naming the source and ends that source only."""
    try:
        src.prime()
        kind = _kind(src, explicit)
        if kind in _CONTAINERS and src.depth >= MAX_NESTING:
            raise InputError(src.id, f"archives nested more than {MAX_NESTING} deep")
        if kind is not None:
            yield from _READERS[kind](src, options)
    except InputError as exc:
        yield error_page(src.id, src.origin, exc.reason, src.position, date=src.date)
    except (UnicodeDecodeError, *_BROKEN) as exc:
        yield error_page(src.id, src.origin, describe(exc), src.position, date=src.date)


def describe(exc: BaseException) -> str:
    """Plain words for a read failure."""
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, PermissionError):
        return "cannot read: permission denied"
    if isinstance(exc, UnicodeDecodeError):
        return "undecodable bytes"
    if isinstance(exc, tarfile.TarError | zipfile.BadZipFile | EOFError | zlib.error | lzma.LZMAError):
        return f"broken or truncated data ({exc or type(exc).__name__})"
    if isinstance(exc, NotImplementedError):
        return f"unsupported format ({exc})"
    if isinstance(exc, gzip.BadGzipFile):
        return f"broken gzip data ({exc})"
    if isinstance(exc, OSError) and exc.strerror:
        return f"cannot read: {exc.strerror.lower()}"
    return f"cannot read: {exc}"


def _read_text(src: Source, options: Options) -> Iterator[RawPage]:
    text = decode_bytes(src.read_all(options.max_bytes), src.id)
    yield RawPage(id=src.id, text=text, origin=src.origin, position=src.position, date=src.date)


def _read_html(src: Source, options: Options) -> Iterator[RawPage]:
    data = src.read_all(options.max_bytes)
    yield read_html(data, src.id, src.origin, options, position=src.position, date=src.date)


def _read_gzip(src: Source, options: Options) -> Iterator[RawPage]:
    stream = gzip.GzipFile(fileobj=src.stream)
    inner = Source(src.id, src.name[:-3], src.origin, stream, date=src.date, depth=src.depth + 1)
    yield from dispatch(inner, options, explicit=True)


def _with_dispatch(
    reader: Callable[..., Iterator[RawPage]],
) -> Callable[[Source, Options], Iterator[RawPage]]:
    return lambda src, options: reader(src, options, dispatch)


_READERS: dict[str, Callable[[Source, Options], Iterator[RawPage]]] = {
    "text": _read_text,
    "html": _read_html,
    "gzip": _read_gzip,
    "jsonl": jsonl.read_jsonl,
    "json": jsonarray.read_json,
    "trec": trec.read_trec,
    "warc": warc.read_warc,
    "tar": _with_dispatch(archives.read_tar),
    "zip": _with_dispatch(archives.read_zip),
}
