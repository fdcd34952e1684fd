"""Tar (plain, gz, bz2, xz) and zip archives: each member is read as if it were a file of that name.

Tar archives are read as a stream (mode "r|*"): members are handled in archive order as they are
decompressed, so a large archive is never unpacked or listed first.
"""

from __future__ import annotations

import datetime as dt
import io
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator

from khabar.sources.kinds import maybe_supported
from khabar.sources.page import Options, RawPage, error_page
from khabar.sources.stream import Source, seekable, strip_ext

Dispatch = Callable[..., Iterator[RawPage]]
_ZIP_MEMBER_ERRORS = (RuntimeError, NotImplementedError, zipfile.BadZipFile, OSError, EOFError, zlib.error)


def _wanted(path: str) -> bool:
    parts = path.split("/")
    if any(part.startswith(".") or part == "__MACOSX" for part in parts if part):
        return False
    return maybe_supported(parts[-1])


def _member_id(path: str) -> str:
    """The member's path in the archive without its extension (base names repeat across folders)."""
    folder, _, name = path.strip("/").rpartition("/")
    return f"{folder}/{strip_ext(name)}" if folder else strip_ext(name)


def _mtime(seconds: float) -> dt.date | None:
    try:
        return dt.date.fromtimestamp(seconds) if seconds > 0 else None
    except (OverflowError, OSError, ValueError):
        return None


def read_tar(src: Source, options: Options, dispatch: Dispatch) -> Iterator[RawPage]:
    with tarfile.open(fileobj=src.stream, mode="r|*") as archive:
        index = 0
        for member in archive:
            if not member.isfile() or not _wanted(member.name):
                continue
            stream = archive.extractfile(member)
            if stream is None:
                continue
            inner = Source(
                _member_id(member.name),
                member.name.rsplit("/", 1)[-1],
                f"{src.origin}!{member.name}",
                stream,
                member.size,
                _mtime(member.mtime) or src.date,
                index,
                depth=src.depth + 1,
            )
            yield from dispatch(inner, options)
            index += 1


def read_zip(src: Source, options: Options, dispatch: Dispatch) -> Iterator[RawPage]:
    stream = src.stream
    if not seekable(stream):
        # A zip nested in a tar stream: its directory sits at the end, so it has to be in memory.
        stream = io.BytesIO(stream.read())
    with zipfile.ZipFile(stream) as archive:
        index = 0
        for info in archive.infolist():
            if info.is_dir() or not _wanted(info.filename):
                continue
            yield from _zip_member(archive, info, src, options, dispatch, index)
            index += 1


def _zip_member(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    src: Source,
    options: Options,
    dispatch: Dispatch,
    index: int,
) -> Iterator[RawPage]:
    name, member_id = info.filename.rsplit("/", 1)[-1], _member_id(info.filename)
    origin = f"{src.origin}!{info.filename}"
    try:
        stream = archive.open(info)
    except _ZIP_MEMBER_ERRORS as exc:
        reason = "encrypted member" if "encrypted" in str(exc) else f"unreadable member ({exc})"
        yield error_page(member_id, origin, reason, index)
        return
    date = _zip_date(info.date_time) or src.date
    with stream:
        inner = Source(member_id, name, origin, stream, info.file_size, date, index, depth=src.depth + 1)
        yield from dispatch(inner, options)


def _zip_date(date_time: tuple[int, ...]) -> dt.date | None:
    try:
        return dt.date(*date_time[:3]) if date_time[0] > 1980 else None  # 1980-01-01 means "no date"
    except ValueError:
        return None
