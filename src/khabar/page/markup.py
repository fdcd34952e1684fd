"""Text that still carries HTML markup (a scraper kept the paragraphs' tags, "&nbsp;", "&laquo;"):
tags and character references are blanked before the page is read, one character for one, so that
every offset of the reading still points into the raw text.

A block tag (<p>, <div>, <br>, <li> …) becomes a line break, an inline tag white space (line breaks
inside a tag are kept), a character reference the character it names followed by white space.
"""

from __future__ import annotations

import html
import re

MIN_TAGS = 2  # one "<" in a text is a sign, not markup
MARKUP_RE = re.compile(r"</?([A-Za-z][A-Za-z0-9]{0,15})(?:\s[^<>]{0,1000})?/?>"
                       r"|&(?:[A-Za-z]{2,10}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
BLOCK_TAGS = frozenset(("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
                        "blockquote", "section", "article", "header", "footer", "figure", "figcaption", "hr"))


def blank_markup(raw: str) -> str:
    """`raw` with its markup blanked (the same length); `raw` itself when it carries none."""
    if "<" not in raw and "&" not in raw:
        return raw
    tags = sum(1 for match in MARKUP_RE.finditer(raw) if match.group(1))
    if tags < MIN_TAGS:
        return raw
    return MARKUP_RE.sub(_blank, raw)


def _blank(match: re.Match[str]) -> str:
    text = match.group()
    size = len(text)
    name = match.group(1)
    if name is not None:
        # Line breaks inside a tag stay: the lines keep the lengths they have in raw.
        inner = "".join("\n" if char == "\n" else " " for char in text[1:])
        return ("\n" if name.lower() in BLOCK_TAGS else " ") + inner
    char = html.unescape(text)
    if len(char) != 1 or char == "\u00a0":
        return " " * size
    return char + " " * (size - 1)
