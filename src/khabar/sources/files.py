"""Inputs as the user names them: "-" (standard input), folders (recursed in sorted order) and files."""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from khabar.sources.dispatch import describe, dispatch
from khabar.sources.kinds import maybe_supported
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


def read_file(
    path: Path, options: Options, *, explicit: bool = False, position: int = 0
) -> Iterator[RawPage]:
    page_id = strip_ext(path.name)
    try:
        stream = path.open("rb")
        stat = os.fstat(stream.fileno())
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
        except OSError as exc:
            yield path, describe(exc)
