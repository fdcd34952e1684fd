"""Tar (plain, gz, bz2, xz) and zip archives: each member is read as if it were a file of that name.

Tar archives are read as a stream (mode "r|*"): members are handled in archive order as they are
decompressed, so a large archive is never unpacked or listed first.
"""

from __future__ import annotations

import datetime as dt
import stat
import tarfile
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import BinaryIO

from khabar.errors import InputError
from khabar.sources.decode import format_size
from khabar.sources.kinds import maybe_supported, special_kind
from khabar.sources.page import Options, RawPage, error_page
from khabar.sources.stream import Source, seekable, strip_ext

Dispatch = Callable[..., Iterator[RawPage]]
_ZIP_MEMBER_ERRORS = (RuntimeError, NotImplementedError, zipfile.BadZipFile, OSError, EOFError, zlib.error)
# A zip inside a tar stream is copied aside to be read (its directory is at its end): up to this much
# in memory, then on disk, and no more than MAX_NESTED_ZIP_BYTES at all.
_SPOOL_IN_MEMORY = 8 << 20
MAX_NESTED_ZIP_BYTES = 500_000_000


def _unsafe(path: str) -> str | None:
    """Why a member's path is not followed: it climbs out of the archive or starts at the root."""
    if path.startswith(("/", "\\")) or (len(path) > 1 and path[1] == ":"):
        return "an absolute path"
    if ".." in path.replace("\\", "/").split("/"):
        return "a path with '..'"
    return None


def _tar_kind(member: tarfile.TarInfo) -> str | None:
    """What a tar member is when it is not a file, in words (None for files and folders)."""
    if member.issym() or member.islnk():
        return f"a link to {member.linkname!r}"
    if member.isfifo():
        return "a named pipe (FIFO)"
    if member.ischr() or member.isblk():
        return "a device"
    if not member.isfile() and not member.isdir():
        return "not a regular file"
    return None


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


def _skipped(src: Source, path: str, index: int, why: str) -> RawPage:
    return error_page(_member_id(path), f"{src.origin}!{path}", f"skipped: {why}", index, date=src.date)


def read_tar(src: Source, options: Options, dispatch: Dispatch) -> Iterator[RawPage]:
    with tarfile.open(fileobj=src.stream, mode="r|*") as archive:
        index = 0
        for member in archive:
            if member.isdir():
                continue
            why = _unsafe(member.name) or _tar_kind(member)
            if why is not None:
                # Nothing is ever written out, so these harm nothing here; they are named, not followed.
                if maybe_supported(member.name):
                    yield _skipped(src, member.name, index, why)
                    index += 1
                continue
            if not _wanted(member.name):
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
    if seekable(src.stream):
        yield from _read_zip(src.stream, src, options, dispatch)
        return
    # A zip nested in a tar stream: its directory sits at its end, so it is copied aside first.
    with tempfile.SpooledTemporaryFile(_SPOOL_IN_MEMORY) as copy:
        copied = _copy_capped(src.stream, copy, MAX_NESTED_ZIP_BYTES)
        if copied > MAX_NESTED_ZIP_BYTES:
            raise InputError(src.id, f"a zip inside an archive larger than {format_size(MAX_NESTED_ZIP_BYTES)}")
        copy.seek(0)
        yield from _read_zip(copy, src, options, dispatch)  # type: ignore[arg-type]


def _copy_capped(stream: BinaryIO, out: BinaryIO, limit: int) -> int:
    """Copy up to limit + 1 bytes; returns how many were copied."""
    copied = 0
    while copied <= limit and (chunk := stream.read(min(1 << 20, limit + 1 - copied))):
        out.write(chunk)
        copied += len(chunk)
    return copied


def _read_zip(stream: BinaryIO, src: Source, options: Options, dispatch: Dispatch) -> Iterator[RawPage]:
    with zipfile.ZipFile(stream) as archive:
        index = 0
        for info in archive.infolist():
            if info.is_dir():
                continue
            why = _unsafe(info.filename) or _zip_link(info)
            if why is not None:
                if maybe_supported(info.filename):
                    yield _skipped(src, info.filename, index, why)
                    index += 1
                continue
            if not _wanted(info.filename):
                continue
            yield from _zip_member(archive, info, src, options, dispatch, index)
            index += 1


def _zip_link(info: zipfile.ZipInfo) -> str | None:
    """Zip files made on Unix keep the file type in the high bits of their external attributes."""
    kind = special_kind(info.external_attr >> 16)
    if kind is not None:
        return kind
    if stat.S_ISLNK(info.external_attr >> 16):
        return "a symbolic link"
    return None


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
