"""Quoted spans of the body: marks paired within a paragraph, the outer span kept when they nest.

Straight marks look the same at both ends, so each one's role is read from its neighbours (a mark
after a space and before a word opens, one after a word and before a space or stop closes) and, when
the neighbours do not tell, from whether one is open. A mark left open at the paragraph end closes
there; a closing mark with nothing open is ignored. Curly and angle marks written the wrong way
round (”...“, as some right-to-left keyboards give) are paired too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# mark -> (family, True for an opening character, False for a closing one, None when both)
MARKS: dict[str, tuple[str, bool | None]] = {
    '"': ("double", None), "\uff02": ("double", None),
    "\u201c": ("curly", True), "\u201d": ("curly", False), "\u201e": ("curly", True),
    "\u2033": ("curly", False),  # a double prime some sites type for the closing mark
    "\u00ab": ("angle", True), "\u00bb": ("angle", False),
    "\u2039": ("single angle", True), "\u203a": ("single angle", False),
    "\u2018": ("single", True), "\u2019": ("single", False),
    "'": ("straight single", None),
}
MARK_RE = re.compile("[" + re.escape("".join(MARKS)) + "]")
_OPEN_BEFORE = frozenset("([{<:\u060c,\u061b;\u2014\u2013-/\u0640\u00ab\u201c\u2018\u201e\u2039")
_CLOSE_AFTER = frozenset(".,\u060c:;\u061b!?\u061f)]}>\u2014\u2013-/\u00bb\u201d\u2019\u203a\u2033")


@dataclass(frozen=True, slots=True)
class Marked:
    """A quoted span: [start, end) is the text inside the marks, white space trimmed."""

    start: int
    end: int
    open_at: int  # offset of the opening mark
    close_at: int | None  # offset of the closing mark; None when the paragraph ended first


@dataclass(slots=True)
class _Open:
    family: str
    at: int
    turned: bool  # opened by a closing character (”...“)


def find_marked(body: str) -> list[Marked]:
    """The outermost quoted spans of `body`, in order."""
    found: list[Marked] = []
    start = 0
    for line in body.split("\n"):
        end = start + len(line)
        if MARK_RE.search(line):
            found.extend(_paragraph(body, start, end))
        start = end + 1
    return found


def role(text: str, at: int, start: int, end: int) -> str | None:
    """"open" or "close" as the neighbours of the mark at `at` tell, within [start, end); else None.
    (`_paragraph` asks it in its loop, written out.)"""
    before = text[at - 1] if at > start else " "
    after = text[at + 1] if at + 1 < end else " "
    opens = (before.isspace() or before in _OPEN_BEFORE) and not after.isspace() and after not in _CLOSE_AFTER
    closes = not before.isspace() and before not in _OPEN_BEFORE and (after.isspace() or after in _CLOSE_AFTER)
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return None


def _paragraph(body: str, start: int, end: int) -> list[Marked]:
    found: list[Marked] = []
    stack: list[_Open] = []
    # where each family's open marks are in the stack: the innermost by a look, not a scan down
    # the stack (thousands of unclosed marks of one family made each mark of another quadratic)
    tops: dict[str, list[int]] = {}
    marks, open_before, close_after = MARKS, _OPEN_BEFORE, _CLOSE_AFTER
    # `role` written out in the loop: a paragraph of millions of marks pays a call per mark otherwise
    for match in MARK_RE.finditer(body, start, end):
        at = match.start()
        family, opener = marks[body[at]]
        before = body[at - 1] if at > start else " "
        after = body[at + 1] if at + 1 < end else " "
        after_open = before.isspace() or before in open_before
        before_close = after.isspace() or after in close_after
        how = None if after_open == before_close else "open" if after_open else "close"
        held = tops.get(family)
        if held and how != "open" and (opener is None or how == "close" or opener is False
                                       or stack[held[-1]].turned):  # it closes the innermost open one
            depth = held[-1]
            outer = stack[0]
            del stack[depth:]
            for places in tops.values():
                while places and places[-1] >= depth:
                    places.pop()
            if depth == 0 and at > outer.at + 1:  # marks side by side hold nothing
                _add(found, body, outer.at, at + 1, at)
        elif _opens(family, opener, how):
            if held is None:
                held = tops[family] = []
            held.append(len(stack))
            stack.append(_Open(family, at, opener is False))
    if stack:
        _add(found, body, stack[0].at, end, None)
    return found


def _closes(opener: bool | None, how: str | None, depth: int, stack: list[_Open]) -> bool:
    """Does a mark of `opener` kind and `role` close the open mark at `depth` (-1: none of its family)?
    (`_paragraph` asks it in its loop, written out.)"""
    if depth < 0 or how == "open":
        return False
    if opener is None or how == "close":
        return True
    return opener is False or stack[depth].turned  # the character of the other end


def _opens(family: str, opener: bool | None, how: str | None) -> bool:
    if opener is None:
        # an apostrophe inside a word is no mark; a straight double mark opens unless it clearly closes
        return how == "open" if family == "straight single" else how != "close"
    return opener or how == "open"


def _add(found: list[Marked], body: str, open_at: int, stop: int, close_at: int | None) -> None:
    start, end = open_at + 1, close_at if close_at is not None else stop
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if end > start:
        found.append(Marked(start, end, open_at, close_at))
