"""The raw page every reader yields, and the options every reader receives (`read` has the entry points)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

DEFAULT_MAX_BYTES = 5_000_000
# Lone surrogates come from JSON escapes ("\\ud800") and from callers' str: no encoder can write them.
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def encodable(text: str) -> str:
    """`text` with every lone surrogate replaced by U+FFFD (one for one, so offsets hold)."""
    return _SURROGATE_RE.sub("\ufffd", text) if _SURROGATE_RE.search(text) else text


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
    # Where `date` comes from: "trec" (<TIME>/<DATE>), "json" (a "date" field), "html"
    # (article:published_time, <time>), "warc" (WARC-Date), "file" (the file's or archive member's time).
    date_source: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    error: str | None = None
    meta: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Every reader and caller builds pages here: text no stage or writer can encode stops at the door.
        self.make_encodable()
        if self.date is not None and self.date_source is None:
            self.date_source = "file"  # readers that parse a date of the source's own say so


    def make_encodable(self) -> None:
        """Replace lone surrogates in every text field (see `encodable`)."""
        for name in ("id", "text", "origin", "url", "title", "outlet", "error"):
            value = getattr(self, name)
            if isinstance(value, str):
                setattr(self, name, encodable(value))
        if self.meta:
            self.meta = {encodable(str(k)): encodable(v) if isinstance(v, str) else v for k, v in self.meta.items()}


@dataclass(frozen=True, slots=True)
class Options:
    """Settings every reader receives. `bare` skips HTML extraction (decode only)."""

    max_bytes: int = DEFAULT_MAX_BYTES
    bare: bool = False


def error_page(page_id: str, origin: str, reason: str, position: int = 0, **fields: object) -> RawPage:
    return RawPage(id=page_id, text="", origin=origin, position=position, error=reason, **fields)  # type: ignore[arg-type]
