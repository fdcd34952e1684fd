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
from khabar.page.dates import set_date
from khabar.page.furniture import END_MARKER_RE, furniture_reason, has_end_marker, is_credit, is_initials
from khabar.page.headline import (
    continuation_marker,
    desk_tag_length,
    is_headline_like,
    is_marked_headline,
    repeats_headline,
    shared_words,
    shares_story,
)
from khabar.page.lines import Line, make_line, split_lines, sub_line
from khabar.page.markup import blank_markup
from khabar.page.places import known_place, lookup_place
from khabar.page.wrap import unwrap

MIN_PARAGRAPH_WORDS = 8
LONG_LINE_WORDS = 14
DATELINE_SEARCH_LINES = 10
READ_ALSO_MAX_ITEMS = 6
CUT_PARAGRAPH_WORDS = 4
MAX_CREDIT_LINE_CHARS = 80  # "المصدر: " and the longest agency name in agencies.tsv fit
RUN_IN_TAIL_CHARS = 200  # a credit or a "read also" run into the last paragraph is shorter than this
HEADLINE_SHARED = 2  # content words a headline shares with its lead, when other lines stand between
MENU_REPEATS = 3
LONG_LINE_CHARS = 400
_PUNCT_RE = re.compile(r"[.،,:؛;!?؟\"«»()]")
WRAPPED_HEADLINE_SHARED = 3  # content words of a headline piece that its lead must repeat
WRAPPED_HEADLINE_LEAD_CHARS = 400
SENTENCE_END_CHARS = frozenset(".!?؟…")
CLOSING_CHARS = frozenset('"»”’\')')
_DATE_PREFIX_RE = re.compile(r"^\s*(?:date|التاريخ|بتاريخ)\s*:?\s*\d{4}-\d{2}-\d{2}\s*", re.IGNORECASE)
_IMAGE_PREFIX_RE = re.compile(r"^(?:\s*(?:!\[[^\]]*\]\([^)]*\)|\|))+\s*")
_BULLET_RE = re.compile(r"^[*•·●▪◦►]+\s+")  # a list item's mark (dashes are left: datelines use them)
SOURCE_CREDIT_RE = re.compile(r"^\s*(?:المصدر|مصدر الخبر|المصدر والصورة)\s*[:：]?\s*")
# Furniture that a piece of a wrapped paragraph can look like (a clock time, a Latin name, a bracket).
FRAGMENT_REASONS = frozenset({"timestamp", "not arabic", "caption", "url", "punctuation"})
_WORD_RE = re.compile(r"\w+")
_LATIN_RE = re.compile(r"[A-Za-z]")
_TRAILING_CREDIT_RE = re.compile(r"[\s\-–—]*\(([^()]{2,20})\)\s*$")


@dataclass(slots=True)
class _Page:
    raw: str  # the raw text with any markup blanked
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

    def starts_own_line(self, current: Line, line: Line, short: bool) -> bool:
        """Does `line` begin something of its own, so that it is not the wrapped tail of `current`?
        Datelines, credits and end markers do; other furniture when the line stops short (a fragment
        cut from a paragraph can look like a time stamp, but it runs to the width, ends a sentence, is
        one token, or ends a paragraph already two lines long or a dateline: headlines stand alone);
        a line that starts with the words `current` starts with (a caption after its headline)."""
        text = line.text
        if short and self._dateline_tail(current, text):
            return False  # the tail of a wrapped dateline: its year, its credit
        if has_end_marker(text) or is_credit(text) or is_initials(text):
            return True
        if current.text.endswith(")") and (credit := _TRAILING_CREDIT_RE.search(current.text)) \
                and load_agencies().find(credit.group(1)):
            return True  # a credit closes the story: what follows is not its text
        parsed = parse_dateline(text, self.known_place)
        if parsed is not None and (parsed.day or parsed.month or parsed.place is None
                                   or self.known_place(parsed.place)
                                   or parsed.agency and not _LATIN_RE.search(text, parsed.agency_start, parsed.agency_end)):
            return True
        reason = furniture_reason(line)
        if reason is not None and (reason not in FRAGMENT_REASONS or short and not ends_sentence(text)
                                   and "\n" not in self.raw[current.start:current.end] and " " in text):
            return True
        return _WORD_RE.findall(text[:40])[:2] == _WORD_RE.findall(current.text[:40])[:2]

    def _dateline_tail(self, current: Line, text: str) -> bool:
        """Does `text` finish the dateline that `current` begins (a year, a credit wrapped)?"""
        parsed = parse_dateline(f"{current.text} {text}", self.known_place)
        return parsed is not None and parsed.end > len(current.text)

    def drop(self, line: Line, reason: str) -> None:
        self.dropped.append(Dropped(line.start, line.end, reason))


def read_page(raw: str, article_id: str, *, reference_date: dt.date | None = None, layout: str = "page",
              outlet: str | None = None, kb: KnowledgeBase | None = None, date: dt.date | None = None,
              date_source: str | None = None) -> Article:
    """Read one page (raw text as scraped, or clean text when layout is "plain") into an Article;
    dateline places are looked up in `kb` (default: the packaged knowledge base). `date` is the
    page's own date and `date_source` where it comes from (see page/dates.py)."""
    article = Article(id=article_id, raw=raw, reference_date=reference_date, outlet=outlet)
    if layout == "plain":
        article.body = raw
        article.body_map = BodyMap([(0, 0, len(raw))])
        set_date(article, date, date_source)
        return article
    text = blank_markup(raw)  # the same length as raw: offsets into it are offsets into raw
    page = _Page(text, [], [], kb=kb or default_kb())
    for line in unwrap(split_lines(text), text, page.starts_own_line, raw):
        line = _strip_prefixes(page, line)
        if line is not None:
            page.lines.append(line)
            marker = continuation_marker(line.text)
            page.reasons.append("continuation" if marker and marker.start() == 0 else furniture_reason(line))
    _mark_repeats(page)
    found = _find_dateline(page)
    start_index, first_line = _body_start(page, found)
    headline_index = _headline_before(page, start_index, first_line)
    if headline_index is None and found is None and first_line is not None:
        headline_index, start_index, first_line = _wrapped_headline(page, start_index, first_line)
    headline = page.lines[headline_index] if headline_index is not None else None
    end_index, last_line = _body_end(page, article, start_index, first_line)
    _set_dateline(article, page, found)
    body_lines = _body_lines(page, article, start_index, first_line, end_index, last_line,
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
            line = page.lines[index]
            if is_credit_line(line.text):
                _credit(article, page, line)
            else:
                page.drop(line, page.reasons[index] or "before body")
    _assemble(article, page.raw, body_lines)
    article.dropped = sorted(page.dropped, key=lambda d: d.start)
    set_date(article, date, date_source)
    return article


def _strip_prefixes(page: _Page, line: Line) -> Line | None:
    for regex, reason in ((_DATE_PREFIX_RE, "date prefix"), (_IMAGE_PREFIX_RE, "image"), (_BULLET_RE, "bullet")):
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
    if words >= LONG_LINE_WORDS and (is_marked_headline(line.text) or is_menu(line)):
        return False
    # A short line ending in "؟" or "!" is more often a headline than a paragraph.
    return words >= LONG_LINE_WORDS or (words >= MIN_PARAGRAPH_WORDS and ends_sentence(line.text)
                                        and line.text.rstrip()[-1] not in "؟?!")


def is_menu(line: Line) -> bool:
    """A navigation bar run into one line: no punctuation at all, and a word (the site's or a
    section's name) said three times or more."""
    if len(line.text) > LONG_LINE_CHARS or _PUNCT_RE.search(line.text):
        return False
    counts: dict[str, int] = {}
    for word in line.text.split():
        counts[word] = counts.get(word, 0) + 1
    return max(counts.values()) >= MENU_REPEATS


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
    """The headline-like line before the body that shares the most content words with the lead
    (the first of equals): two or more, or one when it is the last line before the body. Section
    and navigation lines share a word at most, and stand away from the story. Without a lead,
    the first headline-like line."""
    candidates = [i for i in range(start_index) if page.reasons[i] is None and page.headline_like(i)]
    if not candidates:
        return None
    if first_line is None:
        return candidates[0]
    lead = first_line.text[:400]
    best, best_shared = None, 0
    for index in candidates:
        shared = shared_words(page.lines[index].text, lead)[0]
        if shared > best_shared:
            best, best_shared = index, shared
    if best_shared >= HEADLINE_SHARED or best_shared and _adjacent(page, best, start_index):
        return best
    return candidates[0] if len(candidates) == 1 and _adjacent(page, candidates[0], start_index) else None


def _adjacent(page: _Page, index: int, start_index: int) -> bool:
    """Is line `index` the last text line before the body (furniture, a dateline between)?"""
    return not any(page.reasons[i] is None and not is_credit_line(page.lines[i].text)
                   for i in range(index + 1, start_index))


def _wrapped_headline(page: _Page, start_index: int, first_line: Line) -> tuple[int | None, int, Line]:
    """A headline that filled its line to the width of hard-wrapped copy is joined to the lead that
    follows it. Its first wrapped piece is split off again when it is shaped like a headline and
    most of its content words come back in the rest of the paragraph (a lead's first line does not
    repeat itself so)."""
    newline = page.raw.find("\n", first_line.start, first_line.end)
    if newline < 0:
        return None, start_index, first_line
    piece = sub_line(first_line, 0, newline - first_line.start)
    rest = sub_line(first_line, newline + 1 - first_line.start, len(first_line.text))
    if piece is None or rest is None or not is_headline_like(piece):
        return None, start_index, first_line
    shared, words = shared_words(piece.text, rest.text[:WRAPPED_HEADLINE_LEAD_CHARS])
    if shared < WRAPPED_HEADLINE_SHARED or shared * 2 < words:
        return None, start_index, first_line
    page.lines[start_index:start_index + 1] = [piece, rest]
    page.reasons[start_index:start_index + 1] = [None, None]
    page._headline_like.clear()  # its keys are line indexes
    return start_index, start_index + 1, rest


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
    if is_credit(line.text) or is_initials(line.text):
        return True
    return not ends_sentence(line.text) and not is_cut_paragraph(line)


def is_cut_paragraph(line: Line) -> bool:
    """The last paragraph of a page that stops mid-article: it opens like a paragraph that goes on
    with the story (a conjunction on its first word) or leaves a quotation open; headlines, captions
    and page furniture do neither."""
    text = line.text
    if line.words < CUT_PARAGRAPH_WORDS:
        return False
    first = text.split(None, 1)[0]
    if first[0] in "وف" and len(first) >= 4:
        return True
    return text.count("«") > text.count("»") or text.count('"') % 2 == 1


def _trim_credit(article: Article, page: _Page, line: Line | None) -> Line | None:
    """A credit closing the story's last line: "... في المنطقة (بترا)"; or a credit or furniture
    line run into it after its last full stop: "... المنتشرة. المصدر: …", "... المنتشرة. رابط الخبر …"."""
    if line is None:
        return None
    match = _TRAILING_CREDIT_RE.search(line.text) if line.text.endswith(")") else None
    if match and load_agencies().find(match.group(1)):
        _credit(article, page, make_line(line.start + match.start(), match.group()))
        return sub_line(line, 0, match.start())
    stop = line.text.rfind(". ", max(0, len(line.text) - RUN_IN_TAIL_CHARS))
    tail = sub_line(line, stop + 2, len(line.text)) if stop > 0 else None
    if tail is not None and not ends_sentence(tail.text):
        if is_credit_line(tail.text):
            _credit(article, page, tail)
            return sub_line(line, 0, stop + 1)
        reason = furniture_reason(tail)
        if reason is not None and reason not in FRAGMENT_REASONS:
            page.drop(tail, reason)
            return sub_line(line, 0, stop + 1)
    return line


def _credit(article: Article, page: _Page, line: Line) -> None:
    """A credit line wherever it stands (before the body, after a teaser, at the end, "المصدر: …"):
    the first agency credited is the article's."""
    source = SOURCE_CREDIT_RE.match(line.text)
    agency = load_agencies().find(line.text[source.end():] if source else line.text)
    if agency and agency.named and article.agency is None:
        article.agency = agency.code
        article.agency_span = Span(line.text, line.start, line.end)
    page.drop(line, "credit")


def is_credit_line(text: str) -> bool:
    """An agency credit alone on its line, bare or after "المصدر:"."""
    if len(text) > MAX_CREDIT_LINE_CHARS:
        return False
    if is_credit(text):
        return True
    source = SOURCE_CREDIT_RE.match(text)
    return bool(source) and is_credit(text[source.end():])


def _trailer(page: _Page, article: Article, line: Line) -> None:
    """A line after the story: initials, a credit, or furniture."""
    if article.initials is None and is_initials(line.text):
        article.initials = Span(line.text, line.start, line.end)
    elif is_credit_line(line.text):
        _credit(article, page, line)
    else:
        page.drop(line, furniture_reason(line) or "after body")


def _body_lines(page: _Page, article: Article, start_index: int, first_line: Line | None, end_index: int,
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
        if is_credit_line(line.text):  # after a teaser paragraph
            _credit(article, page, line)
        elif reason is not None:
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
    if parsed.agency and parsed.agency.named:
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
    article.headline = Span(line.text[start - line.start:end - line.start], start, end)


def _set_continuation(article: Article, line: Line, start: int, end: int) -> None:
    part = sub_line(line, start, end)
    if part is not None:
        text = part.text.lstrip("/ ")
        article.continuation = Span(text, part.end - len(text), part.end)


def _assemble(article: Article, text: str, lines: list[Line]) -> None:
    pieces, parts, offset = [], [], 0
    for line in lines:
        # A joined (hard-wrapped) line maps to raw one wrapped line at a time: the body has a space
        # where raw has a newline.
        start, piece_offset = line.start, offset
        while (newline := text.find("\n", start, line.end)) >= 0:
            pieces.append((piece_offset, start, newline - start))
            piece_offset += newline + 1 - start
            start = newline + 1
        pieces.append((piece_offset, start, line.end - start))
        parts.append(line.text)
        offset += len(line.text) + 1
    article.body = "\n".join(parts)
    article.body_map = BodyMap(pieces)
