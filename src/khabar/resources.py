"""Read-only access to package data files (TSV with a header row)."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from khabar.errors import DataFileError


def data_path(package: str, name: str) -> Path:
    """Filesystem path of a data file shipped in `package` (e.g. "khabar.page", "data/agencies.tsv")."""
    return Path(str(resources.files(package).joinpath(name)))


def read_tsv(path: str | Path, required: tuple[str, ...] = ()) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a TSV file as (line number, {column: value}); raises DataFileError on a bad row."""
    path = Path(path)
    with path.open(encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n").split("\t")
        missing = [c for c in required if c not in header]
        if missing:
            raise DataFileError(str(path), 1, f"missing columns: {', '.join(missing)}")
        for number, line in enumerate(handle, start=2):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if len(cells) > len(header):
                raise DataFileError(str(path), number, f"{len(cells)} cells for {len(header)} columns")
            cells += [""] * (len(header) - len(cells))
            row = dict(zip(header, (c.strip() for c in cells), strict=True))
            for column in required:
                if not row[column]:
                    raise DataFileError(str(path), number, f"empty {column!r}")
            yield number, row
