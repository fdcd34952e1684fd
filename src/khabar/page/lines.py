"""A page as lines with raw offsets (surrounding white space left out of each line)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINE_RE = re.compile(r"[^\n]+")
# White space and invisible direction marks that pages leave around lines.
_EDGE_SPACE = " \t\u00a0\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    end: int
    text: str
    words: int = -1  # white-space separated words; counted on creation when not given

    def __post_init__(self) -> None:
        if self.words < 0:
            object.__setattr__(self, "words", self.text.count(" ") + 1 if "\t" not in self.text and "  " not in self.text
                               else len(self.text.split()))


def split_lines(raw: str) -> list[Line]:
    """Non-blank lines of `raw`, each trimmed of surrounding white space, with raw offsets."""
    lines = []
    for match in _LINE_RE.finditer(raw):
        text = match.group()
        stripped = text.strip(_EDGE_SPACE)
        if not stripped:
            continue
        start = match.start() + (len(text) - len(text.lstrip(_EDGE_SPACE)))
        lines.append(Line(start, start + len(stripped), stripped))
    return lines


def sub_line(line: Line, start: int, end: int) -> Line | None:
    """The part of `line` between line-relative offsets [start, end), trimmed; None when blank."""
    text = line.text[start:end]
    stripped = text.strip(_EDGE_SPACE)
    if not stripped:
        return None
    lead = len(text) - len(text.lstrip(_EDGE_SPACE))
    begin = line.start + start + lead
    return Line(begin, begin + len(stripped), stripped)
