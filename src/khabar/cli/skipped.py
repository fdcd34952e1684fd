"""Why a run read nothing: the files a folder or archive holds that are not of a kind khabar reads.

Folders and archives pass over such files quietly (a crawl folder is full of images and scripts); when
nothing at all was read, the user needs to hear what was passed over and why.
"""

from __future__ import annotations

import os
import tarfile
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from khabar.sources.kinds import ext_kind, maybe_supported

KINDS = ".txt .html .htm .json .jsonl .trec .sgml .warc(.gz) .zip .tar(.gz/.bz2/.xz) .gz, or no extension"
SHOWN = 5  # names listed in the message


def _members(path: Path) -> Iterator[str]:
    """Names of the files inside an archive (nothing when it cannot be opened)."""
    kind = ext_kind(path.name)
    try:
        if kind == "tar":
            with tarfile.open(path) as archive:
                yield from (m.name for m in archive.getmembers() if m.isfile())
        elif kind == "zip":
            with zipfile.ZipFile(path) as archive:
                yield from (name for name in archive.namelist() if not name.endswith("/"))
    except (OSError, tarfile.TarError, zipfile.BadZipFile):
        return


def _files(folder: Path) -> Iterator[str]:
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        yield from (str(Path(root, name).relative_to(folder)) for name in sorted(names))


def skipped(inputs: Sequence[str]) -> tuple[int, list[str]]:
    """(files seen, names passed over as not readable) under the folders and archives of `inputs`."""
    seen, passed = 0, []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            names = list(_files(path))
        elif path.is_file() and ext_kind(path.name) in ("tar", "zip"):
            names = list(_members(path))
        else:
            continue
        seen += len(names)
        passed += [f"{item.rstrip('/')}/{name}" for name in names if not maybe_supported(name)]
    return seen, passed


def nothing_read(inputs: Sequence[str]) -> str:
    """The message for a run that found no document in `inputs`."""
    seen, passed = skipped(inputs)
    where = ", ".join(inputs)
    if not passed:
        return f"no documents in {where}" + (" (no files)" if seen == 0 else "")
    shown = ", ".join(Path(name).name for name in passed[:SHOWN]) + (" …" if len(passed) > SHOWN else "")
    return (f"no documents in {where}: skipped {len(passed)} file{'s' * (len(passed) != 1)} of kinds khabar "
            f"does not read ({shown}); it reads {KINDS}")
