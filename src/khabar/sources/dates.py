"""Reference dates written by sources: RFC 2822 (TREC/RSS), ISO 8601, "YYYY-MM-DD hh:mm:ss", "DD/MM/YYYY"."""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime

_ISO_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_COMPACT_RE = re.compile(r"(\d{4})(\d{2})(\d{2})(?:\D|$)")
_DAY_FIRST_RE = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
# The usual RFC 2822 shape ("Sun, 18 Feb 2018 12:26:59 GMT"), read without the email parser.
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_RFC_RE = re.compile(rf"(?:[A-Za-z]{{3}},\s*)?(\d{{1,2}})\s+({'|'.join(_MONTHS)})[a-z]*\.?\s+(\d{{4}})\b",
                     re.IGNORECASE)


def parse_date(value: object) -> dt.date | None:
    """The calendar date as written (no time-zone shift), or None when the value is not a date."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if match := _ISO_RE.match(text) or _COMPACT_RE.match(text):
        return _date(*(int(g) for g in match.groups()))
    if match := _DAY_FIRST_RE.match(text):
        day, month, year = (int(g) for g in match.groups())
        # Arabic and European sources write the day first; only an impossible month means US order.
        if month > 12 >= day:
            day, month = month, day
        return _date(year, month, day)
    if match := _RFC_RE.match(text):
        return _date(int(match.group(3)), _MONTHS.index(match.group(2).lower()) + 1, int(match.group(1)))
    try:
        return _sane(parsedate_to_datetime(text).date())
    except (TypeError, ValueError, IndexError):
        return None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return _sane(dt.date(year, month, day))
    except ValueError:
        return None


def _sane(date: dt.date) -> dt.date | None:
    return date if 1900 <= date.year <= 2100 else None
