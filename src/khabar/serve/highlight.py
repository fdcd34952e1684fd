"""Annotations drawn in place: entity mentions, event triggers and quotations become nested HTML
elements over the text as written, from their stored offsets. Every piece of text is escaped."""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from khabar.serve.links import entity_url

# Outer first when two marks start together and end together: a quotation holds the rest.
PRIORITY = {"quote": 0, "event": 1, "entity": 2}


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    kind: str  # quote, event or entity
    classes: str = ""
    attrs: tuple[tuple[str, str], ...] = ()
    href: str | None = None


@dataclass(slots=True)
class _Node:
    mark: Mark | None
    start: int
    end: int
    children: list[_Node] = field(default_factory=list)


def nest(marks: list[Mark], length: int) -> _Node:
    """A tree of marks over a text of `length`: a mark that crosses the end of the one holding it is
    cut there, and its rest is placed again after it, so that the elements nest."""
    pending = [(m.start, -m.end, PRIORITY.get(m.kind, 9), i, m) for i, m in enumerate(marks)
               if 0 <= m.start < m.end <= length]
    heapq.heapify(pending)
    root = _Node(None, 0, length)
    stack = [root]
    serial = len(marks)
    while pending:
        start, negative_end, rank, _, mark = heapq.heappop(pending)
        end = -negative_end
        while len(stack) > 1 and stack[-1].end <= start:
            stack.pop()
        holder = stack[-1]
        if end > holder.end:  # crosses: keep the part inside, queue the rest
            serial += 1
            heapq.heappush(pending, (holder.end, -end, rank, serial, mark))
            end = holder.end
        node = _Node(mark, start, end)
        holder.children.append(node)
        stack.append(node)
    return root


def render(text: str, marks: list[Mark]) -> Markup:
    """`text` as HTML with `marks` as nested elements (links for marks with an href, outside links)."""
    # Built as plain strings from escaped pieces and marked safe once: a Markup per piece (format,
    # join) cost more than the rest of a search page's snippets.
    return Markup(_render(text, nest(marks, len(text)), in_link=False))


def _render(text: str, node: _Node, in_link: bool) -> str:
    parts: list[str] = []
    cursor = node.start
    for child in node.children:
        parts.append(escape(text[cursor:child.start]))
        parts.append(_element(text, child, in_link))
        cursor = child.end
    parts.append(escape(text[cursor:node.end]))
    return "".join(parts)


def _element(text: str, node: _Node, in_link: bool) -> str:
    mark = node.mark
    assert mark is not None
    link = mark.href is not None and not in_link
    tag = "a" if link else "span"
    attrs = [("class", f"m {mark.kind} {mark.classes}".strip()), *mark.attrs]
    if link:
        attrs.append(("href", mark.href or ""))
    opening = "".join(f' {name}="{escape(value)}"' for name, value in attrs)
    return f"<{tag}{opening}>{_render(text, node, in_link or link)}</{tag}>"


def article_marks(doc: dict[str, Any], part: str) -> list[Mark]:
    """The marks of one part of a stored article ("body" or "headline")."""
    marks = []
    for mention in doc.get("entities") or []:
        if (mention.get("in") or "body") != part:
            continue
        entity_id = mention.get("id")
        label = " · ".join(str(v) for v in (mention.get("name_en"), mention.get("type"), entity_id) if v)
        marks.append(Mark(mention["start"], mention["end"], "entity", f"ent-{mention.get('type') or 'X'}",
                          (("title", label), ("data-entity", entity_id or "")),
                          entity_url(entity_id) if entity_id else None))
    for n, event in enumerate(doc.get("events") or []):
        in_headline = event.get("sentence") == -1
        if event.get("trigger_start") is None or in_headline != (part == "headline"):
            continue
        actors = f"{event.get('source') or '?'} → {event.get('target') or '?'}"
        marks.append(Mark(event["trigger_start"], event["trigger_end"], "event", "",
                          (("id", f"trigger-{n}"), ("data-event", str(n)), ("data-type", event["type"]),
                           ("title", f"{event['type']}: {actors}"))))
    if part == "body":
        for n, quote in enumerate(doc.get("quotes") or []):
            marks.append(Mark(quote["start"], quote["end"], "quote", "",
                              (("data-quote", str(n)), ("title", quote.get("speaker") or ""))))
    return marks
