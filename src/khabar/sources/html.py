"""HTML to page text: the headline line, then the main content, one block element per line.

Furniture is only dropped here when markup names it (nav, footer, class="share" ...); anything subtler
is left to the line-based furniture stage, so the lines stay as the page shows them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from khabar.errors import InputError
from khabar.lang.letters import ARABIC_LETTER_RE
from khabar.sources.dates import parse_date
from khabar.sources.decode import decode_bytes, too_large
from khabar.sources.nesting import shallow
from khabar.sources.page import Options, RawPage

NO_TEXT = "no text found in HTML"
_NEVER_TEXT = ["script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas"]
_FURNITURE_TAGS = frozenset(
    "form nav footer header aside button select input textarea video audio map dialog".split()
)
_BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li br tr blockquote section article main ul ol dl dt dd table thead tbody "
    "pre figure figcaption address hr header footer caption details summary center".split()
)
_CELL_TAGS = frozenset(("td", "th"))
_FURNITURE_NAME_RE = re.compile(
    r"(?:^|[\s_-])(?:menu|nav|navbar|navigation|share|sharing|social|comments?|related|breadcrumbs?|footer"
    r"|advert\w*|ads?|newsletter|cookies?|sidebar|promo|subscribe)(?:$|[\s_-])",
    re.I,
)
_CONTAINER_SELECTORS = ("article", "[itemprop=articleBody]", "main", "[role=main]")
_SPACES_RE = re.compile(r"\s+")


@dataclass(slots=True)
class HtmlDoc:
    text: str
    title: str | None = None
    url: str | None = None
    date: dt.date | None = None


def html_to_text(html: str) -> tuple[str, str | None]:
    """(page text, title); raises InputError("html", "no text found in HTML") when nothing is left."""
    doc = extract(html)
    if not doc.text:
        raise InputError("html", NO_TEXT)
    return doc.text, doc.title


def extract(html: str) -> HtmlDoc:
    """Page text (empty when none), title, canonical URL and published date of one HTML page."""
    tree = LexborHTMLParser(shallow(html, _BLOCK_TAGS))
    tree.strip_tags(_NEVER_TEXT)
    doc = HtmlDoc(text="", title=_title(tree), url=_canonical_url(tree), date=_published(tree))
    body = tree.body
    if body is None:
        return doc
    container = _container(tree) or body
    headline = _headline(tree, container)
    lines = [_clean(headline.text())] if headline is not None else []
    skip = {headline.mem_id} if headline is not None else set()
    lines += _block_lines(container, skip)
    doc.text = "\n".join(line for line in lines if line)
    return doc


def _meta(tree: LexborHTMLParser, selector: str, attr: str = "content") -> str | None:
    node = tree.css_first(selector)
    value = _clean(node.attributes.get(attr)) if node is not None else ""
    return value or None


def _title(tree: LexborHTMLParser) -> str | None:
    node = tree.css_first("title")
    title = _clean(node.text()) if node is not None else ""
    return title or _meta(tree, 'meta[property="og:title"]')


def _canonical_url(tree: LexborHTMLParser) -> str | None:
    return _meta(tree, 'link[rel="canonical"]', "href") or _meta(tree, 'meta[property="og:url"]')


def _published(tree: LexborHTMLParser) -> dt.date | None:
    value = (
        _meta(tree, 'meta[property="article:published_time"]')
        or _meta(tree, 'meta[itemprop="datePublished"]')
        or _meta(tree, '[itemprop="datePublished"][datetime]', "datetime")
        or _meta(tree, "article time[datetime]", "datetime")  # the story's own <time>, then the page's
        or _meta(tree, "time[datetime]", "datetime")
    )
    return parse_date(value)


def _clean(text: str | None) -> str:
    return _SPACES_RE.sub(" ", text).strip() if text else ""


def _arabic_letters(text: str) -> int:
    return len(ARABIC_LETTER_RE.findall(text))


def _paragraph_score(node: LexborNode) -> int:
    return sum(_arabic_letters(p.text()) for p in node.css("p"))


def _densest_parent(tree: LexborHTMLParser) -> tuple[LexborNode | None, float]:
    """The element holding the most Arabic letters in <p>: a paragraph counts fully for its parent and
    half for its grandparent, so stories whose paragraphs each sit in their own <div> are found whole."""
    scores: dict[int, list] = {}
    for para in tree.css("p"):
        letters = _arabic_letters(para.text())
        parent = para.parent
        for weight in (1.0, 0.5):
            if parent is None or parent.tag in ("html", "-document"):
                break
            entry = scores.setdefault(parent.mem_id, [parent, 0.0])
            entry[1] += letters * weight
            parent = parent.parent
    if not scores:
        return None, 0.0
    node, score = max(scores.values(), key=lambda entry: entry[1])
    return node, score


def _container(tree: LexborHTMLParser) -> LexborNode | None:
    """<article>, articleBody or <main> when it holds the story's paragraphs, else the densest <p> parent."""
    dense, dense_score = _densest_parent(tree)
    for selector in _CONTAINER_SELECTORS:
        nodes = tree.css(selector)
        if not nodes:
            continue
        scored = [(_paragraph_score(node), index, node) for index, node in enumerate(nodes)]
        score, _, best = max(scored, key=lambda item: (item[0], -item[1]))
        # An <article> holding only a teaser while the story sits elsewhere must not win.
        if score * 2 >= dense_score and (score or dense_score == 0):
            return best
    return dense if dense_score else None


HEADLINE_NODES_CAP = 64  # nodes of an <h1> read for its size: enough to rank headlines, bounded when they nest


def _headline(tree: LexborHTMLParser, container: LexborNode) -> LexborNode | None:
    """The first <h1> of the container, else the longest <h1> elsewhere; never one inside furniture.
    Ancestor facts are remembered per element, so that nested headlines walk no ancestor twice."""
    facts: dict[int, tuple[bool, bool]] = {}  # mem_id -> (inside furniture, inside the container)
    container_id = container.mem_id
    candidates = []
    for h1 in tree.css("h1"):
        furniture, inside = _ancestor_facts(h1, container_id, facts)
        size = _capped_size(h1)
        if size and not furniture:
            if inside:
                return h1
            candidates.append((size, h1))
    return max(candidates, key=lambda item: item[0], default=(0, None))[1]


def _ancestor_facts(node: LexborNode, container_id: int, facts: dict[int, tuple[bool, bool]]) -> tuple[bool, bool]:
    """(inside furniture, inside the container) for `node`, from its nearest ancestor already known."""
    chain = []
    current = node.parent
    known = (False, False)
    while current is not None and current.tag not in ("body", "html"):
        if current.mem_id in facts:
            known = facts[current.mem_id]
            break
        chain.append(current)
        current = current.parent
    furniture, inside = known
    for ancestor in reversed(chain):
        furniture = furniture or ancestor.tag in ("nav", "footer", "aside") or _named_furniture(ancestor)
        inside = inside or ancestor.mem_id == container_id
        facts[ancestor.mem_id] = (furniture, inside)
    return furniture, inside


def _capped_size(node: LexborNode) -> int:
    """Characters of text under `node` (white space left out), counted over its first
    HEADLINE_NODES_CAP nodes: a headline's words stand there, and headlines nested in headlines
    are not read again and again."""
    size = 0
    stack = [node.child] if node.child is not None else []
    seen = 0
    while stack and seen < HEADLINE_NODES_CAP:
        current = stack.pop()
        seen += 1
        if current.next is not None:
            stack.append(current.next)
        if current.tag == "-text":
            size += len((current.text_content or "").strip())
        elif current.child is not None:
            stack.append(current.child)
    return size


def _named_furniture(node: LexborNode) -> bool:
    attrs = node.attributes
    names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    return bool(names.strip()) and _FURNITURE_NAME_RE.search(names) is not None


def _skipped(node: LexborNode, container_size: int) -> bool:
    if node.tag not in _FURNITURE_TAGS and not _named_furniture(node):
        return False
    # A wrapper holding most of the text is the page itself: ASP.NET wraps whole pages in one <form>,
    # and a story body may sit in a div called "post-related".
    return len(node.text()) * 2 < container_size


def _block_lines(container: LexborNode, skip: set[int]) -> list[str]:
    """Text of the container: a line break around block elements, inline text joined as written."""
    parts: list[str] = []
    size = len(container.text())
    root_id = container.mem_id
    node = container.child
    while node is not None:
        tag = node.tag
        descend = False
        if tag == "-text":
            parts.append(_SPACES_RE.sub(" ", node.text_content or ""))
        elif not node.is_element_node:
            pass
        elif node.mem_id in skip or _skipped(node, size):
            parts.append("\n")  # dropped furniture still separates what stands around it
        else:
            parts.append("\n" if tag in _BLOCK_TAGS else " " if tag in _CELL_TAGS else "")
            descend = True
        child = node.child if descend else None
        if child is not None:
            node = child
            continue
        node = _next_node(node, descend, root_id, parts)
    return [_clean(line) for line in "".join(parts).split("\n")]


def _next_node(node: LexborNode, entered: bool, root_id: int, parts: list[str]) -> LexborNode | None:
    """Leave `node` (and every ancestor that has no next sibling), returning the next node to visit."""
    while node is not None:
        if entered and node.tag in _BLOCK_TAGS:
            parts.append("\n")
        if node.next is not None:
            return node.next
        node = node.parent
        if node is None or node.mem_id == root_id:
            return None
        entered = True
    return None


def read_html(data: bytes, page_id: str, origin: str, options: Options, **given: object) -> RawPage:
    """One page from HTML bytes; `given` are fields the container knows (url, date, position, declared)."""
    declared = given.pop("declared", None)
    if len(data) > options.max_bytes:
        raise too_large(page_id, len(data), options.max_bytes)
    html = decode_bytes(data, page_id, declared=declared if isinstance(declared, str) else None)
    page = RawPage(id=page_id, text=html, origin=origin)
    for name, value in given.items():
        setattr(page, name, value)
    if page.date is not None and page.date_source is None:
        page.date_source = "file"  # the container's date is a file time unless it says otherwise
    if options.bare:
        return page
    doc = extract(html)
    if not doc.text:
        raise InputError(page_id, NO_TEXT)
    page.text, page.title = doc.text, doc.title
    page.url = page.url or doc.url
    if doc.date:
        page.date, page.date_source = doc.date, "html"
    elif page.date is None:
        page.date_source = None
    return page
