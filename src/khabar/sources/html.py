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
    tree = LexborHTMLParser(html)
    tree.strip_tags(_NEVER_TEXT)
    doc = HtmlDoc(text="", title=_title(tree), url=_canonical_url(tree), date=_published(tree))
    body = tree.body
    if body is None:
        return doc
    container = _container(tree) or body
    facts = _walk(body, container.mem_id)
    headline = _headline(facts)
    lines = [_clean(headline.text())] if headline is not None else []
    skip = {headline.mem_id} if headline is not None else set()
    lines += _block_lines(container, skip, facts.sizes)
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


@dataclass(slots=True)
class _Facts:
    """What one walk of the tree learns about its elements, so that no element walks its ancestors
    or re-reads its descendants' text: the text size under each element (by mem_id), and the <h1>s
    in document order with whether furniture holds them and whether the container does."""

    sizes: dict[int, int]
    headlines: list[tuple[LexborNode, bool, bool]]  # (h1, inside furniture, inside the container)


def _walk(root: LexborNode, container_id: int) -> _Facts:
    """One pre-order walk of `root`; sizes are summed bottom-up after it."""
    order: list[tuple[int, int]] = []  # (mem_id, index of the parent in order, or -1)
    own: list[int] = []
    headlines: list[tuple[LexborNode, bool, bool]] = []
    # Stack of (node, parent index, parent inside furniture, parent inside container).
    stack: list[tuple[LexborNode, int, bool, bool]] = [(root, -1, False, False)]
    while stack:
        node, parent, furniture, inside = stack.pop()
        index = len(order)
        order.append((node.mem_id, parent))
        if node.tag == "-text":
            own.append(len((node.text_content or "").strip()))
            continue
        own.append(0)
        if not node.is_element_node:
            continue
        if node.tag == "h1":
            headlines.append((node, furniture, inside))
        below_furniture = furniture or node.tag in ("nav", "footer", "aside") or _named_furniture(node)
        below_inside = inside or node.mem_id == container_id
        children = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        for child in reversed(children):
            stack.append((child, index, below_furniture, below_inside))
    sizes = own[:]
    for index in range(len(order) - 1, 0, -1):
        parent = order[index][1]
        if parent >= 0:
            sizes[parent] += sizes[index]
    return _Facts({mem_id: sizes[i] for i, (mem_id, _) in enumerate(order)}, headlines)


def _headline(facts: _Facts) -> LexborNode | None:
    """The first <h1> of the container, else the longest <h1> elsewhere; never one inside furniture."""
    candidates = [(h1, inside) for h1, furniture, inside in facts.headlines
                  if not furniture and facts.sizes.get(h1.mem_id, 0)]
    for h1, inside in candidates:
        if inside:
            return h1
    return max((h1 for h1, _ in candidates), key=lambda h1: facts.sizes[h1.mem_id], default=None)


def _named_furniture(node: LexborNode) -> bool:
    attrs = node.attributes
    names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    return bool(names.strip()) and _FURNITURE_NAME_RE.search(names) is not None


def _skipped(node: LexborNode, container_size: int, sizes: dict[int, int]) -> bool:
    if node.tag not in _FURNITURE_TAGS and not _named_furniture(node):
        return False
    # A wrapper holding most of the text is the page itself: ASP.NET wraps whole pages in one <form>,
    # and a story body may sit in a div called "post-related".
    return sizes.get(node.mem_id, 0) * 2 < container_size


def _block_lines(container: LexborNode, skip: set[int], sizes: dict[int, int]) -> list[str]:
    """Text of the container: a line break around block elements, inline text joined as written.
    `sizes`: text size under each element (white space at the edges of text nodes left out)."""
    parts: list[str] = []
    size = sizes.get(container.mem_id, 0)
    root_id = container.mem_id
    node = container.child
    while node is not None:
        tag = node.tag
        descend = False
        if tag == "-text":
            parts.append(_SPACES_RE.sub(" ", node.text_content or ""))
        elif not node.is_element_node:
            pass
        elif node.mem_id in skip or _skipped(node, size, sizes):
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
    page.__post_init__()  # the container's date, when it gave one, is a file time unless it says otherwise
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
