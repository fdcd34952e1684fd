"""Month and weekday names (Gregorian in their Egyptian/Gulf, Levantine and Maghrebi forms; Hijri)
and the arithmetic Hijri calendar.

Names are stored folded (see normalize.fold) so that lookups work on folded text.
"""

from __future__ import annotations

import datetime as dt

from khabar.lang.normalize import fold

_GREGORIAN = {
    1: "يناير|كانون الثاني|جانفي|جانفييه|يناير كانون الثاني",
    2: "فبراير|شباط|فيفري|فبراير شباط",
    3: "مارس|آذار|اذار|مارس آذار",
    4: "أبريل|ابريل|إبريل|نيسان|أفريل|افريل|ابريل نيسان",
    5: "مايو|أيار|ايار|ماي|مايو أيار",
    6: "يونيو|حزيران|جوان|يونيه|يونيو حزيران",
    7: "يوليو|تموز|جويلية|يوليه|يوليو تموز",
    8: "أغسطس|اغسطس|آب|اب|أوت|اوت|غشت|أغسطس آب",
    9: "سبتمبر|أيلول|ايلول|شتنبر|سبتمبر أيلول",
    10: "أكتوبر|اكتوبر|تشرين الأول|تشرين الاول|أكتوبر تشرين الأول",
    11: "نوفمبر|تشرين الثاني|نونبر|نوفمبر تشرين الثاني",
    12: "ديسمبر|كانون الأول|كانون الاول|دجنبر|ديسمبر كانون الأول",
}
_HIJRI = {
    1: "محرم|المحرم",
    2: "صفر",
    3: "ربيع الأول|ربيع الاول|ربيع أول",
    4: "ربيع الآخر|ربيع الثاني|ربيع الاخر|ربيع ثاني",
    5: "جمادى الأولى|جمادى الاولى|جمادى الأول",
    6: "جمادى الآخرة|جمادى الثانية|جمادى الاخرة",
    7: "رجب",
    8: "شعبان",
    9: "رمضان",
    10: "شوال",
    11: "ذو القعدة|ذي القعدة",
    12: "ذو الحجة|ذي الحجة",
}
# Python's weekday(): Monday is 0.
_WEEKDAYS = {0: "الاثنين|الإثنين|الأثنين|اثنين", 1: "الثلاثاء|ثلاثاء", 2: "الأربعاء|الاربعاء|أربعاء",
             3: "الخميس|خميس", 4: "الجمعة|جمعة", 5: "السبت|سبت", 6: "الأحد|الاحد|أحد"}


def _index(table: dict[int, str]) -> dict[str, int]:
    return {fold(name): num for num, names in table.items() for name in names.split("|")}


GREGORIAN_MONTHS: dict[str, int] = _index(_GREGORIAN)
HIJRI_MONTHS: dict[str, int] = _index(_HIJRI)
WEEKDAYS: dict[str, int] = _index(_WEEKDAYS)


def month_names_pattern(table: dict[str, int]) -> str:
    """Regex alternation of folded month names, longest first (for use on folded text)."""
    return "|".join(sorted((n.replace(" ", r"\s+") for n in table), key=len, reverse=True))


def hijri_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """Tabular (arithmetic) Islamic calendar; may differ by a day or two from sighting-based dates."""
    month_start = (59 * (month - 1) + 1) // 2  # months alternate 30 and 29 days
    julian_day = day + month_start + (year - 1) * 354 + (3 + 11 * year) // 30 + 1948438
    return dt.date.fromordinal(julian_day - 1721425)


def resolve_year(day: int, month: int, reference: dt.date, weekday: int | None = None) -> int | None:
    """The year of day/month nearest before `reference` (a little after allowed), agreeing with a
    stated weekday when one is given. None when the day/month pair is impossible."""
    candidates = []
    for year in range(reference.year - 6, reference.year + 2):
        try:
            date = dt.date(year, month, day)
        except ValueError:
            continue
        lag = (reference - date).days
        if weekday is not None and date.weekday() != weekday:
            continue
        # Dispatches are read after they are filed; allow a month of clock skew the other way.
        penalty = lag if lag >= -31 else 10_000 - lag
        candidates.append((penalty if penalty >= 0 else -penalty + 0.5, year))
    if not candidates:
        return None
    return min(candidates)[1]
