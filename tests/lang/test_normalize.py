from __future__ import annotations

import datetime as dt

import pytest

from khabar.lang.calendar import hijri_to_gregorian, resolve_year
from khabar.lang.normalize import fold, fold_chars, fold_map


@pytest.mark.parametrize(("text", "key"), [
    ("أإآٱا", "ااااا"),              # alef forms
    ("مستشفى", "مستشفي"),            # alef maqsura
    ("الأمريكية", "الامريكيه"),      # hamza on alef, ta marbuta
    ("مؤتمر شاطئ", "موتمر شاطي"),    # hamza seats
    ("مُحَمَّد", "محمد"),              # diacritics
    ("العـــربية", "العربيه"),       # tatweel
    ("کیف", "كيف"),                  # Persian kaf and yeh
    ("٢٠٢٤ ۱۲", "2024 12"),          # Arabic-Indic and Persian digits
    ("ﻻ", "لا"),                     # presentation form
])
def test_normalize_fold(text, key):
    assert fold(text) == key


def test_normalize_fold_chars_keeps_length():
    text = "الأمريكيةَ ٢٠"
    assert len(fold_chars(text)) == len(text)


def test_normalize_fold_map_points_back():
    text = "العُمانية أحمد"
    folded, offsets = fold_map(text)
    assert folded == "العمانيه احمد"
    start = folded.index("احمد")
    assert text[offsets[start]:offsets[start + 4]] == "أحمد"


def test_calendar_hijri():
    assert hijri_to_gregorian(1436, 10, 25) == dt.date(2015, 8, 10)
    assert abs((hijri_to_gregorian(1445, 9, 1) - dt.date(2024, 3, 11)).days) <= 1


def test_calendar_resolve_year():
    assert resolve_year(10, 4, dt.date(2025, 5, 1), weekday=2) == 2024
    assert resolve_year(10, 4, dt.date(2025, 5, 1)) == 2025
    assert resolve_year(31, 2, dt.date(2025, 5, 1)) is None
