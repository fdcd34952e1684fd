"""Hard-wrapped copy: text broken into lines at a fixed width (as mail, print and some sites carry
wire copy) is joined back into its paragraphs before the page is read.

A page is wrapped when several of its lines are "full": the next line's first word would not have
fitted on them within one width. The width is read from the page (its longest lines), never assumed.
Two lines are joined only inside one block (no blank line between), when the first is full and
the second does not start anything of its own: a list item, a dateline, a furniture line.
The joined line keeps its raw offsets: the newline becomes a space, so text[i] is raw[start + i].
"""

from __future__ import annotations

import re
from collections.abc import Callable

from khabar.page.lines import Line

MIN_WIDTH = 30  # narrower columns are lists and menus, not wrapped copy
MAX_WIDTH = 110  # wider "columns" are paragraphs that were never wrapped
MIN_FULL_LINES = 2  # a page shows its width on more than one line before any are joined
SLACK = 2  # white space trimmed from the edges of a line, and wrappers that count it differently
SHORT_SHARE = 0.75  # a line shorter than this share of the width ends its paragraph
# A list item: a mark or a number, then white space (in the text as the wrapper saw it).
LIST_ITEM_RE = re.compile(r"[*•·●▪◦►\-–—]+\s|\d{1,2}\s*[.)\-]\s")


def unwrap(lines: list[Line], raw: str, starts_own_line: Callable[[Line, Line, bool], bool],
           original: str | None = None) -> list[Line]:
    """`lines` of `raw` with hard-wrapped runs joined; `original` is the text the wrapper saw when
    `raw` is a cleaned copy of it (markup blanked), for the length of words.
    `starts_own_line(current, line, short)` says `line` begins a unit of its own (a dateline,
    furniture) and is not the tail of `current`; `short`: the line stops well before the width (a
    fragment cut from a paragraph runs to it)."""
    if len(lines) < MIN_FULL_LINES + 1:
        return lines
    original = raw if original is None else original
    width = _width(lines, raw, original)
    if width is None:
        return lines
    out: list[Line] = []
    current = lines[0]
    for line in lines[1:]:
        if _continues(current, line, raw, original, width) and not starts_own_line(
                current, line, len(line.text) < width * SHORT_SHARE):
            current = _join(current, line, raw)
        else:
            out.append(current)
            current = line
    out.append(current)
    return out


def _same_block(first: Line, second: Line, raw: str) -> bool:
    return raw.count("\n", first.end, second.start) == 1


_WORD_RE = re.compile(r"\S+")


def _first_word(line: Line, original: str) -> int:
    """Length of the line's first word as the wrapper saw it."""
    word = _WORD_RE.match(original, line.start)
    return word.end() - line.start if word else 0


def _last_piece(line: Line, raw: str) -> int:
    """Length of the last raw line of a (maybe joined) line, with the white space it starts with:
    that is what the wrapper measured."""
    return line.end - (raw.rfind("\n", 0, line.end) + 1)


def _is_full(length: int, next_word: int, width: int) -> bool:
    return length <= width + SLACK and length + 1 + next_word > width - SLACK


def _width(lines: list[Line], raw: str, original: str) -> int | None:
    """The column the page was wrapped at, or None when it shows no width: the longest line
    (allowing a few longer furniture lines) at which several lines are full."""
    # A line without a space (a link, a code) is as long as it is whatever the width.
    lines = [line for line in lines if " " in line.text]
    lengths = sorted({_last_piece(line, raw) for line in lines}, reverse=True)
    allowed_longer = len(lines) // 10  # lines with spaces longer than the width: a few, on long pages
    longer = 0
    for width in lengths:
        if width > MAX_WIDTH:
            longer += sum(1 for line in lines if _last_piece(line, raw) == width)
            if longer > allowed_longer:
                return None
            continue
        if width < MIN_WIDTH:
            return None
        full = sum(1 for first, second in zip(lines, lines[1:], strict=False)
                   if _same_block(first, second, raw) and _is_full(_last_piece(first, raw), _first_word(second, original), width))
        if full >= MIN_FULL_LINES:
            return width
        longer += sum(1 for line in lines if _last_piece(line, raw) == width)
        if longer > allowed_longer:
            return None
    return None


def _continues(current: Line, line: Line, raw: str, original: str, width: int) -> bool:
    if not _same_block(current, line, raw):
        return False
    if not _is_full(_last_piece(current, raw), _first_word(line, original), width):
        return False
    if LIST_ITEM_RE.match(original, line.start):
        return False
    return True


def _join(first: Line, second: Line, raw: str) -> Line:
    text = raw[first.start:second.end].replace("\n", " ")
    return Line(first.start, second.end, text, first.words + second.words)
