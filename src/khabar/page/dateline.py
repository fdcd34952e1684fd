"""Datelines and credits: "واشنطن - 10 - 4 (كونا) --", "بكين 7 مارس 2025 (شينخوا)",
"بريدة 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس", "الدوحة في 10 أبريل /قنا/", "القاهرة – مصراوي:".

The parser walks the folded start of a line piece by piece (place, date, agency, separators) and maps
what it read back to raw offsets. It accepts a dateline only on evidence: an agency or a date, or a
known place followed by a dash.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from khabar.lang.calendar import (
    GREGORIAN_MONTHS,
    HIJRI_MONTHS,
    WEEKDAYS,
    hijri_to_gregorian,
    month_names_pattern,
    resolve_year,
)
from khabar.lang.normalize import fold, fold_map
from khabar.page.agencies import Agency, load_agencies

MAX_PLACE_WORDS = 3
MIN_PLACE_CHARS = 2  # one letter is an abbreviation ("م" after a year), not a place
MAX_DATELINE_CHARS = 100  # the longest datelines (SPA's, with both calendars) stay well under this
MAX_CREDIT_WORDS = 5
MAX_SHAPED_PLACE_CHARS = 20  # "أبوظبي - سكاي نيوز عربية" alone on its line: a place and who filed it
# A dateline has a separator, a bracket, a date or an agency's credit near its start; lines without
# one are skipped fast.
MARK_RE = re.compile(r"[-–—(/:\d٠-٩]")
HINT_CHARS = 45
_WORD = r"[\u0621-\u064a]+"
PLACE_RE = re.compile(rf"(?:{_WORD})(?:\s+{_WORD}){{0,{MAX_PLACE_WORDS - 1}}}")
QUALIFIER_RE = re.compile(rf"\s*[،,]\s*({_WORD}(?:\s+{_WORD}){{0,3}})(?=\s*[(\-–—/])"
                          rf"|\s*\(\s*({_WORD}(?:\s+{_WORD}){{0,2}})\s*\)(?=\s*[\d\-–—])")
SEP_RE = re.compile(r"[\s\-–—_/:.،,|]*")
DASH_RE = re.compile(r"\s*(?:[-–—_]+|:)\s*")
GREG = month_names_pattern(GREGORIAN_MONTHS)
HIJ = month_names_pattern(HIJRI_MONTHS)
NUMERIC_DATE_RE = re.compile(r"(?:في\s+)?(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:\s*[-/.]\s*(\d{4}))?(?!\d)")
TEXT_DATE_RE = re.compile(
    rf"(?:في\s+)?0?(\d{{1,2}})\s*(?:من\s+)?({GREG})(?:\s*[/(]\s*(?:{GREG})\s*\)?)?(?:\s*,?\s*(\d{{4}}))?"
    r"(?:\s*م(?=[\s.]|و|$))?")
HIJRI_DATE_RE = re.compile(rf"(?:في\s+)?0?(\d{{1,2}})\s*({HIJ})\s*(\d{{4}})\s*(?:هـ|ه)?\s*(?:ال|ل)?(?:موافق\s*)?")
LONE_NUMBER_RE = re.compile(r"(\d{1,2})(?=\s*[(/])")
LATIN_CREDIT_RE = re.compile(r"\(\s*([A-Za-z][A-Za-z .&-]{0,30})\s*\)")
OUTLET_CREDIT_RE = re.compile(rf"({_WORD}(?:[ .]{_WORD}){{0,2}}(?:\.نت)?)\s*:")
SECOND_PLACE_END_RE = re.compile(r"\s*(?:في\s*)?\d|\s*[(/]")  # a date or a credit follows it
OUTLET_BEFORE_AGENCY_RE = re.compile(rf"({_WORD}(?:[ .]{_WORD}){{0,2}}(?:\.نت)?)\s*[-–—]\s*")


@dataclass(frozen=True, slots=True)
class ParsedDateline:
    end: int  # line-relative raw offset where the body may start
    place: str | None = None  # as written (raw)
    day: int | None = None
    month: int | None = None
    year: int | None = None
    hijri: str | None = None
    agency: Agency | None = None
    agency_start: int = 0
    agency_end: int = 0
    outlet: str | None = None


@dataclass(slots=True)
class _State:
    folded: str
    offsets: list[int]
    whole_line: bool = False
    pos: int = 0
    day: int | None = None
    month: int | None = None
    year: int | None = None
    hijri: str | None = None
    agency: Agency | None = None
    agency_span: tuple[int, int] = (0, 0)
    outlet: str | None = None
    bracketed: bool = False  # "غازي عينتاب (قاسيون) -": a word in brackets after the place


_DASH_RE = re.compile(r"[-–—_]")
_WORD_RE = re.compile(_WORD)
_PLACE_END_RE = re.compile(r"\s*[\d(\-–—_/،,:]|\s*في\s|\s+[\u0621-\u064a]|$")


def parse_dateline(text: str, known_place) -> ParsedDateline | None:
    """Parse a dateline at the start of `text` (one line). `known_place(name) -> bool` checks a place.

    Returns None when the start of the line is not a dateline.
    """
    head = text[:MAX_DATELINE_CHARS].replace(" ـ ", " - ")  # a tatweel standing alone is a dash
    if not MARK_RE.search(head, 0, HINT_CHARS) and not load_agencies().hint.search(head, 0, HINT_CHARS):
        return None
    folded, offsets = fold_map(head)
    state = _State(folded, offsets, whole_line=len(text) <= MAX_DATELINE_CHARS)
    place = _read_place(state)
    if place is not None:
        _read_qualifier(state)
        _read_second_place(state, text, known_place)
    _read_details(state)
    has_dash = place is not None and bool(_DASH_RE.search(state.folded[place[1]:_skip_separators(state)]))
    known = place is not None and known_place(text[offsets[place[0]]:offsets[place[1]]])
    # "PLACE (CREDIT) -" at the head of a line is a dateline's shape even for a place the KB lacks.
    shaped = state.bracketed and has_dash and place is not None and place[1] - place[0] <= MAX_SHAPED_PLACE_CHARS
    evidence = state.agency or state.day or state.month or (known and (has_dash or state.outlet)) or shaped
    if not evidence:
        return None
    if place is None and not state.agency:
        return None
    end = _skip_separators(state)
    place_text = text[offsets[place[0]]:offsets[place[1]]] if place else None
    if place and not known and not shaped and not (state.agency or (state.outlet and (state.day or state.month))):
        return None  # an unknown word with a date is more often a headline ("حدث في 3 سبتمبر")
    return ParsedDateline(
        end=offsets[end], place=place_text, day=state.day, month=state.month, year=state.year,
        hijri=state.hijri, agency=state.agency, agency_start=offsets[state.agency_span[0]],
        agency_end=offsets[state.agency_span[1]], outlet=state.outlet)


def _read_place(state: _State) -> tuple[int, int] | None:
    match = PLACE_RE.match(state.folded, state.pos)
    if not match:
        return None
    # The place ends where a separator, a digit, a bracket or an agency credit begins.
    agencies = load_agencies()
    end = None
    for word in _WORD_RE.finditer(match.group()):
        if agencies.find(word.group()) or word.group() == "في":
            break
        end = match.start() + word.end()
    if end is None or end - match.start() < MIN_PLACE_CHARS:
        return None
    if not _PLACE_END_RE.match(state.folded[end:end + 4]):
        return None
    state.pos = end
    return (match.start(), end)


def _read_second_place(state: _State, text: str, known_place) -> None:
    """"دمشق – نيويورك في 28 سبتمبر": a story filed from two places; the first is the dateline's."""
    dash = DASH_RE.match(state.folded, state.pos)
    if not dash or ":" in dash.group():
        return
    start = state.pos
    state.pos = dash.end()
    second = _read_place(state)
    if (second is None or not SECOND_PLACE_END_RE.match(state.folded, state.pos)
            or not known_place(text[state.offsets[second[0]]:state.offsets[second[1]]])):
        state.pos = start


def _read_qualifier(state: _State) -> None:
    match = QUALIFIER_RE.match(state.folded, state.pos)
    if match and not load_agencies().find(match.group(match.lastindex or 0)):
        state.pos = match.end()
        state.bracketed = match.group(2) is not None


def _read_details(state: _State) -> None:
    """Read dates, agency credits and outlet credits in any order until body text begins."""
    for _ in range(6):
        start = state.pos
        state.pos = SEP_RE.match(state.folded, state.pos).end()
        if not (_read_date(state) or _read_agency(state) or _read_latin_credit(state)):
            state.pos = start
            if not state.outlet:
                _read_outlet(state)
            return


def _read_date(state: _State) -> bool:
    if state.day or state.month:
        return False
    match = HIJRI_DATE_RE.match(state.folded, state.pos)
    if match:
        day, month, year = int(match.group(1)), HIJRI_MONTHS[match.group(2)], int(match.group(3))
        state.hijri = f"{year:04d}-{month:02d}-{day:02d}"
        state.pos = match.end()
        if not TEXT_DATE_RE.match(state.folded, state.pos):
            try:
                date = hijri_to_gregorian(year, month, day)
            except ValueError:
                return True
            state.day, state.month, state.year = date.day, date.month, date.year
        return True
    for regex, numeric in ((TEXT_DATE_RE, False), (NUMERIC_DATE_RE, True)):
        match = regex.match(state.folded, state.pos)
        if match:
            day = int(match.group(1))
            month = int(match.group(2)) if numeric else GREGORIAN_MONTHS[_squash(match.group(2))]
            if not (1 <= day <= 31 and 1 <= month <= 12):
                return False
            state.day, state.month = day, month
            state.year = int(match.group(3)) if match.group(3) else None
            state.pos = match.end()
            return True
    match = LONE_NUMBER_RE.match(state.folded, state.pos)
    if match and state.pos == 0 and 1 <= int(match.group(1)) <= 12:
        state.month = int(match.group(1))  # a truncated KUNA dateline: "... - 3 (كونا)"
        state.pos = match.end()
        return True
    return False


def _squash(name: str) -> str:
    return " ".join(name.split())


_AGENCY_RE: re.Pattern[str] | None = None


def _agency_regex() -> re.Pattern[str]:
    global _AGENCY_RE
    if _AGENCY_RE is None:
        credits = load_agencies().pattern
        # One credit, or a joint one ("(بنا/كونا)", "(وام - رويترز)"): the first agency is credited.
        _AGENCY_RE = re.compile(rf"(?:\(\s*|/\s*)?({credits})(?![\u0621-\u064a])"
                                rf"(?:\s*(?:[/،,]|\s[-–—]|\sو)\s*(?:{credits})(?![\u0621-\u064a]))*"
                                rf"(?:\s*\)|\s*/)?", re.IGNORECASE)
    return _AGENCY_RE


def _read_agency(state: _State) -> bool:
    if state.agency:
        return False
    match = _agency_regex().match(state.folded, state.pos)
    if not match:
        return False
    agency = load_agencies().find(match.group(1))
    if agency is None:
        return False
    state.agency = agency
    state.agency_span = (match.start(1), match.end(1))
    state.pos = match.end()
    return True


def _read_latin_credit(state: _State) -> bool:
    match = LATIN_CREDIT_RE.match(state.folded, state.pos)
    if not match or state.outlet:
        return False
    state.outlet = match.group(1).strip()
    state.pos = match.end()
    return True


def _read_outlet(state: _State) -> None:
    """"القاهرة – مصراوي:" — an outlet credits itself; the credit is kept out of the body.
    "دبي – البيان – وام:" — an outlet's own credit, then the agency's."""
    if state.pos == 0:
        return
    dash = DASH_RE.match(state.folded, state.pos)
    if not dash or ":" in dash.group():
        return
    before_agency = OUTLET_BEFORE_AGENCY_RE.match(state.folded, dash.end())
    if before_agency and not state.agency and not load_agencies().find(before_agency.group(1)):
        state.pos = before_agency.end()
        if _read_agency(state):
            state.outlet = before_agency.group(1)
            _read_details(state)
            return
        state.pos = dash.start()
    match = OUTLET_CREDIT_RE.match(state.folded, dash.end())
    if match:
        state.outlet = match.group(1)
        state.pos = match.end()
        return
    rest = state.folded[dash.end():]
    alone = state.whole_line and not (state.agency or state.day or state.month)
    if alone and rest and len(rest.split()) <= MAX_CREDIT_WORDS:
        state.outlet = rest.strip()  # the whole (short) line: a credit standing alone
        state.pos = len(state.folded)


def _skip_separators(state: _State) -> int:
    return SEP_RE.match(state.folded, state.pos).end()


# The weekday of filing: "اليوم الاربعاء", "اليوم (الأحد)"; "أمس الثلاثاء" names the day before.
WEEKDAY_RE = re.compile(rf"(اليوم|امس)\s*\(?\s*({month_names_pattern(WEEKDAYS)})(?![\u0621-\u064a])")


def find_weekday(text: str) -> int | None:
    """The weekday a dispatch is filed on, as its lead states it, Monday = 0."""
    match = WEEKDAY_RE.search(fold(text[:400]))
    if not match:
        return None
    weekday = WEEKDAYS[match.group(2)]
    return weekday if match.group(1) == "اليوم" else (weekday + 1) % 7


def full_date(day: int | None, month: int | None, year: int | None, reference: dt.date | None,
              weekday: int | None) -> str | None:
    """The ISO date when the text (or a reference date, checked against a stated weekday) allows it."""
    if not (day and month):
        return None
    if year is None and reference is not None:
        year = resolve_year(day, month, reference, weekday) or resolve_year(day, month, reference)
    if year is None:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
