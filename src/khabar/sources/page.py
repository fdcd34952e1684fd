"""The raw page every reader yields, and the options every reader receives (`read` has the entry points)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

DEFAULT_MAX_BYTES = 5_000_000


@dataclass(slots=True)
class RawPage:
    """One input document with its decoded text, or the reason it cannot be read (`error`).

    `text` is the raw that later stages take offsets into: newlines are already "\\n" only.
    `id`: file name without extension; archive member path without extension; TREC DOCNO; JSONL `id`
    or "<file id>-<line>"; "<file id>-<index>" for JSON array items and WARC records; "stdin".
    `position`: line number (JSONL, from 1), item index (JSON arrays), document index (TREC), record
    number (WARC), member index (archives), file index (folders); 0 for a lone file.
    """

    id: str
    text: str
    origin: str
    position: int = 0
    layout: str = "page"
    date: dt.date | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    error: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Options:
    """Settings every reader receives. `bare` skips HTML extraction (decode only)."""

    max_bytes: int = DEFAULT_MAX_BYTES
    bare: bool = False


def error_page(page_id: str, origin: str, reason: str, position: int = 0, **fields: object) -> RawPage:
    page = RawPage(id=page_id, text="", origin=origin, position=position, error=reason)
    for name, value in fields.items():
        setattr(page, name, value)
    return page
