"""A page as lines with raw offsets (surrounding white space left out of each line)."""

from __future__ import annotations

from typing import NamedTuple

# White space and invisible direction marks that pages leave around lines.
_EDGE_SPACE = " \t\u00a0\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"


class Line(NamedTuple):
    start: int
    end: int
    text: str
    words: int  # white-space separated words


LONG_LINE_CHARS = 400  # past this a line is a paragraph whatever its exact word count


def make_line(start: int, text: str) -> Line:
    """A line starting at raw offset `start` (text already trimmed). Words are counted exactly in
    short lines; long ones count their spaces (thresholds on words stop far below their size)."""
    words = len(text.split()) if len(text) < LONG_LINE_CHARS else text.count(" ") + 1
    return Line(start, start + len(text), text, words)


def split_lines(raw: str) -> list[Line]:
    """Non-blank lines of `raw`, each trimmed of surrounding white space, with raw offsets."""
    lines = []
    start = 0  # str.split and a running offset: no match object per line
    for text in raw.split("\n"):
        stripped = text.strip(_EDGE_SPACE)
        if stripped:
            lines.append(make_line(start + len(text) - len(text.lstrip(_EDGE_SPACE)), stripped))
        start += len(text) + 1
    return lines


def sub_line(line: Line, start: int, end: int) -> Line | None:
    """The part of `line` between line-relative offsets [start, end), trimmed; None when blank."""
    text = line.text[start:end]
    stripped = text.strip(_EDGE_SPACE)
    if not stripped:
        return None
    lead = len(text) - len(text.lstrip(_EDGE_SPACE))
    begin = line.start + start + lead
    return make_line(begin, stripped)
