"""Markup nested thousands deep reaches the HTML parser no deeper than MAX_DEPTH (its work per tag
grows with the depth), and keeps its text and lines."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from khabar.sources import html
from khabar.sources.nesting import MAX_DEPTH, shallow


def _nested(count: int, unit: str = "<div><h1>قال الوزير {n}</h1>", close: str = "</div>") -> str:
    return "<html><body>" + "".join(unit.format(n=n) for n in range(count)) + close * count + "</body></html>"


def _depth(tree: LexborHTMLParser) -> int:
    deepest, stack = 0, [(tree.root, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        child = node.child
        while child is not None:
            stack.append((child, depth + 1))
            child = child.next
    return deepest


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[LexborHTMLParser]:
    """The trees `extract` builds."""
    trees: list[LexborHTMLParser] = []

    def parse(text: str) -> LexborHTMLParser:
        trees.append(LexborHTMLParser(text))
        return trees[-1]

    monkeypatch.setattr(html, "LexborHTMLParser", parse)
    return trees


@pytest.mark.parametrize("unit,close", [
    ("<div><h1>قال الوزير {n}</h1>", "</div>"),
    ("<section><p>قال الوزير {n}<span>", "</span></section>"),
    ("<b><i>قال الوزير {n}", ""),  # never closed
])
def test_deep_markup_reaches_the_parser_shallow(parsed, unit, close):
    doc = html.extract(_nested(3 * MAX_DEPTH, unit, close))
    assert _depth(parsed[0]) <= MAX_DEPTH + 4  # the document, html, body and a text node
    assert all(f"قال الوزير {n}" in doc.text for n in (0, MAX_DEPTH, 3 * MAX_DEPTH - 1))


def test_deep_nesting_keeps_the_lines_of_the_same_blocks_side_by_side():
    # (which <h1> is the headline may change: past the limit a heading is a line like another)
    count = 2 * MAX_DEPTH
    deep = html.extract(_nested(count)).text
    flat = html.extract("<html><body>" + "".join(f"<div><h1>قال الوزير {n}</h1></div>" for n in range(count))
                        + "</body></html>").text
    assert sorted(deep.split("\n")) == sorted(flat.split("\n"))


def test_markup_within_the_limit_is_left_as_it_is():
    page = _nested(MAX_DEPTH - 10) + "<p>واحد<p>اثنان" * (3 * MAX_DEPTH) + "<ul>" + "<li>بند" * (3 * MAX_DEPTH) + "</ul>"
    assert shallow(page, frozenset({"div", "h1", "p", "li"})) == page
