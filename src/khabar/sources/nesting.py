"""Markup nested absurdly deep, made shallow before it is parsed.

The HTML parser looks down its stack of open elements for every block tag it meets (is a <p> open
to close?), so 20,000 nested <div>s cost it 20,000 × 20,000 steps (a 600 KB page took two minutes).
No page nests its elements a thousand deep; past that depth a block element becomes a line break
and an inline one disappears, which keeps the text and its lines, in one pass over the tags."""

from __future__ import annotations

import re

MAX_DEPTH = 1000  # open elements; real pages stay under a hundred or two
_TAG_RE = re.compile(r"<(?:!--.*?(?:-->|$)|(/?)([A-Za-z][^\s/>]*)[^>]*>)", re.S)
_VOID = frozenset("area base br col embed hr img input keygen link meta param source track wbr".split())
_RAW_TEXT = frozenset("script style textarea title xmp iframe noembed noframes noscript template".split())
# a new one of these ends an open one of the same name (and any block ends an open <p>)
_ENDS_ITS_KIND = frozenset("p li dt dd option tr td th".split())


def shallow(html: str, blocks: frozenset[str], limit: int = MAX_DEPTH) -> str:
    """`html` with the elements opened deeper than `limit` replaced: those named in `blocks` by a
    <br>, the others by nothing (their closing tags likewise). Unchanged when nothing is that deep."""
    if html.count("<") <= limit:  # fewer tags than the limit cannot nest past it
        return html
    stack: list[tuple[str, bool]] = []  # (tag, replaced) of each element still open
    where: dict[str, list[int]] = {}  # positions in `stack` of the open elements of each tag
    depth = 0  # open elements that were kept
    out: list[str] = []
    kept_to = pos = 0

    def close(at: int) -> bool:
        """Close stack[at] and everything opened after it; was stack[at] replaced?"""
        nonlocal depth
        replaced = False
        while len(stack) > at:
            tag, replaced = stack.pop()
            where[tag].pop()
            depth -= not replaced
        return replaced

    while (found := _TAG_RE.search(html, pos)) is not None:
        pos = found.end()
        tag = (found.group(2) or "").lower()
        if not tag or tag in _VOID:
            continue
        if tag in _RAW_TEXT and not found.group(1):  # its text holds no tags
            end = re.compile(rf"</{tag}\s*>", re.I).search(html, pos)
            pos = end.end() if end is not None else len(html)
            continue
        open_ones = where.get(tag)
        if found.group(1):  # a closing tag: of the nearest open element with its name
            if open_ones and close(open_ones[-1]):
                out += (html[kept_to:found.start()], "<br>" if tag in blocks else "")
                kept_to = pos
            continue
        if open_ones and tag in _ENDS_ITS_KIND:
            close(open_ones[-1])
        elif tag in blocks and where.get("p"):
            close(where["p"][-1])
        replaced = depth >= limit
        if replaced:
            out += (html[kept_to:found.start()], "<br>" if tag in blocks else "")
            kept_to = pos
        where.setdefault(tag, []).append(len(stack))
        stack.append((tag, replaced))
        depth += not replaced
    if not out:
        return html
    out.append(html[kept_to:])
    return "".join(out)
