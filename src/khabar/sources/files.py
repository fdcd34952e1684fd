"""Inputs as the user names them: "-" (standard input), folders (recursed in sorted order) and files."""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from khabar.sources.dispatch import describe, dispatch
from khabar.sources.kinds import maybe_supported, special_kind
from khabar.sources.page import Options, RawPage, error_page
from khabar.sources.stream import Source, strip_ext

STDIN_ID = "stdin"


def iter_raw(inputs: Sequence[str | Path], options: Options) -> Iterator[RawPage]:
    """Pages of every input in order, before the language check."""
    for item in inputs:
        if str(item) == "-":
            yield from _read_stdin(options)
            continue
        path = Path(item)
        if path.is_dir():
            yield from _read_folder(path, options)
        else:
            yield from read_file(path, options, explicit=True)


def _read_stdin(options: Options) -> Iterator[RawPage]:
    if sys.stdin is None:
        yield error_page(STDIN_ID, "<stdin>", "no standard input")
        return
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text-only stand-in (tests, embedding): its str goes back to UTF-8
        stream = io.BytesIO(sys.stdin.read().encode("utf-8"))
    # Named without an extension, so the content decides: JSONL when it starts with "{", else one text.
    yield from dispatch(Source(STDIN_ID, STDIN_ID, "<stdin>", stream), options, explicit=True)


def _special(path: Path, mode: int | None = None) -> str | None:
    """Why `path` is not read: opening a FIFO blocks until a writer comes, a device may never end."""
    try:
        kind = special_kind(path.stat().st_mode if mode is None else mode)
    except OSError:
        return None  # opening it names the problem
    return f"{kind}, not a file: skipped (send a stream to standard input with -)" if kind else None


def _open(path: Path) -> BinaryIO:
    # Without O_NONBLOCK, opening a FIFO waits for a writer; regular files ignore the flag.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        kind = _special(path, os.fstat(fd).st_mode)
        if kind:
            raise _Special(kind)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


class _Special(Exception):
    """A path that names a pipe, a socket or a device."""


def read_file(
    path: Path, options: Options, *, explicit: bool = False, position: int = 0
) -> Iterator[RawPage]:
    page_id = strip_ext(path.name)
    try:
        stream = _open(path)
        stat = os.fstat(stream.fileno())
    except _Special as special:
        yield error_page(page_id, str(path), str(special), position)
        return
    except OSError as exc:
        yield error_page(page_id, str(path), describe(exc), position)
        return
    with stream:
        date = dt.date.fromtimestamp(stat.st_mtime)
        source = Source(page_id, path.name, str(path), stream, stat.st_size, date, position)
        yield from dispatch(source, options, explicit)


def _read_folder(folder: Path, options: Options) -> Iterator[RawPage]:
    for position, (path, problem) in enumerate(_walk(folder)):
        if problem:
            yield error_page(path.name, str(path), problem, position)
        else:
            yield from read_file(path, options, position=position)


def _walk(folder: Path) -> Iterator[tuple[Path, str | None]]:
    """Supported files under `folder`, depth first, entries of each folder sorted by name."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        yield folder, describe(exc)
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name == "__MACOSX":
            continue
        path = Path(entry.path)
        try:
            # Symlinked folders are not followed: a link back up would loop forever.
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(path)
            elif entry.is_file() and maybe_supported(entry.name):
                yield path, None
            elif maybe_supported(entry.name) and (problem := _special(path)):
                yield path, problem
        except OSError as exc:
            yield path, describe(exc)
