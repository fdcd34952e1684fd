"""Page → Article: find the dateline, the body's first and last lines, the headline, and the
furniture in between; record everything dropped with its reason."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from khabar.article import Article, BodyMap, Dateline, Dropped, Span
from khabar.kb import KnowledgeBase, default_kb
from khabar.page.agencies import load_agencies
from khabar.page.dateline import ParsedDateline, find_weekday, full_date, parse_dateline
from khabar.page.furniture import END_MARKER_RE, furniture_reason, has_end_marker, is_credit, is_initials
from khabar.page.headline import (
    continuation_marker,
    desk_tag_length,
    is_headline_like,
    is_marked_headline,
    repeats_headline,
    shares_story,
)
from khabar.page.lines import Line, make_line, split_lines, sub_line
from khabar.page.places import known_place, lookup_place

MIN_PARAGRAPH_WORDS = 8
LONG_LINE_WORDS = 14
DATELINE_SEARCH_LINES = 10
READ_ALSO_MAX_ITEMS = 6
SENTENCE_END_CHARS = frozenset(".!?؟…")
CLOSING_CHARS = frozenset('"»”’\')')
_DATE_PREFIX_RE = re.compile(r"^\s*(?:date|التاريخ|بتاريخ)\s*:?\s*\d{4}-\d{2}-\d{2}\s*", re.IGNORECASE)
_IMAGE_PREFIX_RE = re.compile(r"^(?:\s*(?:!\[[^\]]*\]\([^)]*\)|\|))+\s*")
SOURCE_CREDIT_RE = re.compile(r"^\s*(?:المصدر|مصدر الخبر|المصدر والصورة)\s*[:：]?\s*")
_TRAILING_CREDIT_RE = re.compile(r"[\s\-–—]*\(([^()]{2,20})\)\s*$")


@dataclass(slots=True)
class _Page:
    raw: str
    lines: list[Line]
    reasons: list[str | None]
    dropped: list[Dropped] = field(default_factory=list)
    kb: KnowledgeBase | None = None
    _headline_like: dict[int, bool] = field(default_factory=dict)

    def headline_like(self, index: int) -> bool:
        found = self._headline_like.get(index)
        if found is None:
            found = self._headline_like[index] = is_headline_like(self.lines[index])
        return found

    def known_place(self, name: str) -> bool:
        return known_place(name, self.kb)

    def drop(self, line: Line, reason: str) -> None:
        self.dropped.append(Dropped(line.start, line.end, reason))


def read_page(raw: str, article_id: str, *, reference_date: dt.date | None = None, layout: str = "page",
              outlet: str | None = None, kb: KnowledgeBase | None = None) -> Article:
    """Read one page (raw text as scraped, or clean text when layout is "plain") into an Article;
    dateline places are looked up in `kb` (default: the packaged knowledge base)."""
    article = Article(id=article_id, raw=raw, reference_date=reference_date, outlet=outlet)
    if layout == "plain":
        article.body = raw
        article.body_map = BodyMap([(0, 0, len(raw))])
        return article
    page = _Page(raw, [], [], kb=kb or default_kb())
    for line in split_lines(raw):
        line = _strip_prefixes(page, line)
        if line is not None:
            page.lines.append(line)
            marker = continuation_marker(line.text)
            page.reasons.append("continuation" if marker and marker.start() == 0 else furniture_reason(line))
    _mark_repeats(page)
    found = _find_dateline(page)
    start_index, first_line = _body_start(page, found)
    headline_index = _headline_before(page, start_index, first_line)
    headline = page.lines[headline_index] if headline_index is not None else None
    end_index, last_line = _body_end(page, article, start_index, first_line)
    _set_dateline(article, page, found)
    body_lines = _body_lines(page, start_index, first_line, end_index, last_line,
                             headline.text if headline else None)
    if headline is None:
        lead = " ".join(line.text for line in body_lines[:2])
        headline_index = _headline_after(page, end_index, lead)
        headline = page.lines[headline_index] if headline_index is not None else None
    if headline is not None:
        _set_headline(article, headline)
    for index, reason in enumerate(page.reasons):
        if reason == "continuation" and article.continuation is None:
            line = page.lines[index]
            _set_continuation(article, line, 0, len(line.text))
    skip = {headline_index, found[0] if found else None}
    for index in range(end_index + 1, len(page.lines)):
        if index not in skip:
            _trailer(page, article, page.lines[index])
    for index in range(start_index):
        if index not in skip:
            page.drop(page.lines[index], page.reasons[index] or "before body")
    _assemble(article, body_lines)
    article.dropped = sorted(page.dropped, key=lambda d: d.start)
    return article


def _strip_prefixes(page: _Page, line: Line) -> Line | None:
    for regex, reason in ((_DATE_PREFIX_RE, "date prefix"), (_IMAGE_PREFIX_RE, "image")):
        match = regex.match(line.text)
        if match and match.end() > 0:
            page.drop(make_line(line.start, match.group()), reason)
            rest = sub_line(line, match.end(), len(line.text))
            if rest is None:
                return None
            line = rest
    return line


def _mark_repeats(page: _Page) -> None:
    """A line that starts with an earlier short line again (a headline printed twice, the second
    time glued to a photo caption) is furniture. Looked for before the story's second paragraph."""
    seen: list[str] = []
    paragraphs = 0
    for index, line in enumerate(page.lines[:DATELINE_SEARCH_LINES * 2]):
        if page.reasons[index] is not None:
            continue
        if seen and any(repeats_headline(line, earlier) for earlier in seen):
            page.reasons[index] = "headline repeated"
        elif page.headline_like(index):
            seen.append(line.text)
        elif is_paragraph(line):
            paragraphs += 1
            if paragraphs >= 2:
                return


def is_paragraph(line: Line) -> bool:
    words = line.words
    if words >= LONG_LINE_WORDS and is_marked_headline(line.text):
        return False
    # A short line ending in "؟" or "!" is more often a headline than a paragraph.
    return words >= LONG_LINE_WORDS or (words >= MIN_PARAGRAPH_WORDS and ends_sentence(line.text)
                                        and line.text.rstrip()[-1] not in "؟?!")


def ends_sentence(text: str) -> bool:
    """Does the line end like a sentence (a full stop, maybe inside closing quotes or brackets)?"""
    text = text.rstrip()
    while text and text[-1] in CLOSING_CHARS:
        text = text[:-1].rstrip()
    return bool(text) and text[-1] in SENTENCE_END_CHARS


def _next_text_line(page: _Page, index: int) -> Line | None:
    for later in range(index + 1, len(page.lines)):
        if page.reasons[later] is None:
            return page.lines[later]
    return None


def _find_dateline(page: _Page) -> tuple[int, ParsedDateline] | None:
    paragraphs_seen = 0
    for index, line in enumerate(page.lines[:DATELINE_SEARCH_LINES * 2]):
        if page.reasons[index] is not None and page.reasons[index] not in ("timestamp", "caption"):
            continue
        parsed = parse_dateline(line.text, page.known_place)
        if parsed is not None:
            rest = sub_line(line, parsed.end, len(line.text))
            following = rest if rest is not None else _next_text_line(page, index)
            if following is not None and (is_paragraph(following) or following.words >= 5):
                return index, parsed
        if is_paragraph(line):
            paragraphs_seen += 1
            if paragraphs_seen >= 2:
                return None
    return None


def _body_start(page: _Page, found: tuple[int, ParsedDateline] | None) -> tuple[int, Line | None]:
    """Index of the body's first line and that line's part after any dateline."""
    if found is not None:
        index, parsed = found
        line = page.lines[index]
        rest = sub_line(line, parsed.end, len(line.text))
        page.reasons[index] = None if rest is not None else "dateline"
        if parsed.end:
            page.drop(make_line(line.start, line.text[:parsed.end]), "dateline")
        if rest is not None:
            return index, rest
        following = next((i for i in range(index + 1, len(page.lines)) if page.reasons[i] is None), None)
        return (following, page.lines[following]) if following is not None else (len(page.lines), None)
    for index, line in enumerate(page.lines):
        if page.reasons[index] is None and is_paragraph(line):
            return index, line
    for index, line in enumerate(page.lines):
        if page.reasons[index] is None and not is_headline_like(line):
            return index, line
    return len(page.lines), None


def _headline_before(page: _Page, start_index: int, first_line: Line | None) -> int | None:
    """The first headline-like line before the body that shares a word with the lead (navigation
    and section lines share none); the first headline-like line when none does."""
    candidates = [i for i in range(start_index) if page.reasons[i] is None and page.headline_like(i)]
    if not candidates:
        return None
    if first_line is not None:
        lead = first_line.text[:400]
        for index in candidates:
            if shares_story(page.lines[index].text, lead, minimum=1):
                return index
    return candidates[0]


def _headline_after(page: _Page, end_index: int, lead: str) -> int | None:
    """Some pages print the headline after the story: take the first headline-like line there that
    shares content words with the lead."""
    for index in range(end_index + 1, len(page.lines)):
        line = page.lines[index]
        if page.reasons[index] is None and is_headline_like(line) and shares_story(line.text, lead):
            return index
    return None


def _body_end(page: _Page, article: Article, start_index: int, first_line: Line | None) -> tuple[int, Line | None]:
    """Index of the body's last line and the part of it that belongs to the story."""
    if first_line is None:
        return start_index, None
    for index in range(start_index, len(page.lines)):
        line = first_line if index == start_index else page.lines[index]
        match = END_MARKER_RE.search(line.text) if has_end_marker(line.text) else None
        if match:
            article.end_marker = Span(match.group(), line.start + match.start(), line.start + match.end())
            after = sub_line(line, match.end(), len(line.text))
            if after is not None:
                _trailer(page, article, after)
            return index, _trim_credit(article, page, sub_line(line, 0, match.start()))
    end = len(page.lines) - 1
    while end > start_index and _is_trailing(page, end):
        end -= 1
    line = first_line if end == start_index else page.lines[end]
    return end, _trim_credit(article, page, line)


def _is_trailing(page: _Page, index: int) -> bool:
    line = page.lines[index]
    if page.reasons[index] is not None:
        return True
    if is_paragraph(line):
        return False
    return is_credit(line.text) or is_initials(line.text) or not ends_sentence(line.text)


def _trim_credit(article: Article, page: _Page, line: Line | None) -> Line | None:
    """A credit closing the story's last line: "... في المنطقة (بترا)"."""
    if line is None:
        return None
    match = _TRAILING_CREDIT_RE.search(line.text) if line.text.endswith(")") else None
    if match and load_agencies().find(match.group(1)):
        _credit(article, page, make_line(line.start + match.start(), match.group()))
        return sub_line(line, 0, match.start())
    return line


def _credit(article: Article, page: _Page, line: Line) -> None:
    source = SOURCE_CREDIT_RE.match(line.text)
    agency = load_agencies().find(line.text[source.end():] if source else line.text)
    if agency and article.agency is None:
        article.agency = agency.code
        article.agency_span = Span(line.text, line.start, line.end)
    page.drop(line, "credit")


def _trailer(page: _Page, article: Article, line: Line) -> None:
    """A line after the story: initials, a credit, or furniture."""
    if article.initials is None and is_initials(line.text):
        article.initials = Span(line.text, line.start, line.end)
    elif is_credit(line.text):
        _credit(article, page, line)
    elif (source := SOURCE_CREDIT_RE.match(line.text)) and is_credit(line.text[source.end():]):
        _credit(article, page, line)
    else:
        page.drop(line, furniture_reason(line) or "after body")


def _body_lines(page: _Page, start_index: int, first_line: Line | None, end_index: int,
                last_line: Line | None, headline: str | None) -> list[Line]:
    if first_line is None:
        return []
    if end_index == start_index:
        return [last_line] if last_line is not None else []
    kept = [first_line]
    index = start_index + 1
    while index < end_index:
        line, reason = page.lines[index], page.reasons[index]
        if reason == "read_also":
            index = _drop_read_also(page, index, end_index)
            continue
        if reason is None and headline and repeats_headline(line, headline):
            reason = "headline repeated"
        if reason is not None:
            page.drop(line, reason)
        else:
            kept.append(line)
        index += 1
    if last_line is not None:
        kept.append(last_line)
    return kept


def _drop_read_also(page: _Page, index: int, end_index: int) -> int:
    """Drop a "read also" label and the link titles under it; return the next index to look at."""
    page.drop(page.lines[index], "read_also")
    index += 1
    for _ in range(READ_ALSO_MAX_ITEMS):
        if index >= end_index or is_paragraph(page.lines[index]) or ends_sentence(page.lines[index].text):
            break
        page.drop(page.lines[index], "read_also")
        index += 1
    return index


def _set_dateline(article: Article, page: _Page, found: tuple[int, ParsedDateline] | None) -> None:
    if found is None:
        return
    index, parsed = found
    line = page.lines[index]
    if parsed.agency:
        start, end = line.start + parsed.agency_start, line.start + parsed.agency_end
        article.agency = parsed.agency.code
        article.agency_span = Span(page.raw[start:end], start, end)
    if parsed.outlet and not article.outlet:
        article.outlet = parsed.outlet
    if not (parsed.place or parsed.day or parsed.month):
        return
    place = lookup_place(parsed.place, page.kb) if parsed.place else None
    weekday = find_weekday(line.text[parsed.end:] or _next_line_text(page, index))
    article.dateline = Dateline(
        start=line.start, end=line.start + parsed.end, place=parsed.place,
        place_en=place[0] if place else None, country=place[1] if place else None,
        day=parsed.day, month=parsed.month, year=parsed.year,
        date=full_date(parsed.day, parsed.month, parsed.year, article.reference_date, weekday),
        hijri=parsed.hijri, weekday=weekday)


def _next_line_text(page: _Page, index: int) -> str:
    line = _next_text_line(page, index)
    return line.text if line else ""


def _set_headline(article: Article, line: Line) -> None:
    tag = desk_tag_length(line.text)
    start, end = line.start + tag, line.end
    marker = continuation_marker(line.text)
    if marker and marker.start() > tag:
        _set_continuation(article, line, marker.start(), marker.end())
        end = line.start + marker.start()
    article.headline = Span(article.raw[start:end], start, end)


def _set_continuation(article: Article, line: Line, start: int, end: int) -> None:
    part = sub_line(line, start, end)
    if part is not None:
        text = part.text.lstrip("/ ")
        article.continuation = Span(text, part.end - len(text), part.end)


def _assemble(article: Article, lines: list[Line]) -> None:
    pieces, parts, offset = [], [], 0
    for line in lines:
        pieces.append((offset, line.start, line.end - line.start))
        parts.append(line.text)
        offset += len(line.text) + 1
    article.body = "\n".join(parts)
    article.body_map = BodyMap(pieces)
