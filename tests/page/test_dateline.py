"""Datelines of the Arab and international wire services, and the dates they give."""

from __future__ import annotations

import datetime as dt

import pytest

from khabar.page.dateline import find_weekday, full_date, parse_dateline
from khabar.page.places import known_place


def parse(text: str):
    return parse_dateline(text, known_place)


# (line, place as written, day, month, year, agency) — each line composed for the test, in the
# house style of the service it names.
CASES = [
    ("واشنطن - 10 - 4 (كونا) -- اعلنت الحكومة الامريكية اليوم", "واشنطن", 10, 4, None, "KUNA"),
    ("أبوظبي في 15 يناير / وام / استقبل سمو الشيخ وفدا رسميا", "أبوظبي", 15, 1, None, "WAM"),
    ("بريدة 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس", "بريدة", 10, 8, 2015, "SPA"),
    ("الدوحة في 3 مارس /قنا/ بحث معالي وزير الدولة مع السفير", "الدوحة", 3, 3, None, "QNA"),
    ("القاهرة في 12 مايو /أ ش أ/ أكد وزير الخارجية المصري اليوم", "القاهرة", 12, 5, None, "MENA"),
    ("عمان 10 نيسان (بترا) - التقى رئيس الوزراء اليوم وفدا", "عمان", 10, 4, None, "PETRA"),
    ("المنامة في 7 يونيو / بنا / استقبل وزير الداخلية اليوم", "المنامة", 7, 6, None, "BNA"),
    ("مسقط في 2 فبراير /العُمانية/ وقّعت سلطنة عُمان اليوم اتفاقية", "مسقط", 2, 2, None, "ONA"),
    ("دمشق-سانا أكد وزير الخارجية والمغتربين اليوم أن", "دمشق", None, None, None, "SANA"),
    ("رام الله 10-4-2024 وفا- قال الرئيس الفلسطيني اليوم", "رام الله", 10, 4, 2024, "WAFA"),
    ("الجزائر - 5 - 11 (واج) - أشرف الوزير الأول اليوم على", "الجزائر", 5, 11, None, "APS"),
    ("الرباط 14 أكتوبر 2023 (ومع) - أجرى وزير الشؤون الخارجية مباحثات", "الرباط", 14, 10, 2023, "MAP"),
    ("تونس (وات) - أعلنت وزارة الصحة اليوم عن تسجيل حالات", "تونس", None, None, None, "TAP"),
    ("صنعاء - سبأ : بحث نائب وزير الخارجية اليوم مع المنسق", "صنعاء", None, None, None, "SABA"),
    ("بغداد / واع / أعلنت وزارة الداخلية اليوم عن اعتقال", "بغداد", None, None, None, "INA"),
    ("بيروت - وطنية - استقبل رئيس مجلس النواب في عين التينة", "بيروت", None, None, None, "NNA"),
    ("باريس (أ ف ب) - أعلنت الرئاسة الفرنسية أمس أن", "باريس", None, None, None, "AFP"),
    ("لندن (رويترز) - قالت الحكومة البريطانية يوم الخميس إنها", "لندن", None, None, None, "REUTERS"),
    ("واشنطن (أ ب) - قال مسؤولون أمريكيون إن الإدارة", "واشنطن", None, None, None, "AP"),
    ("برلين (د ب أ) - أعلنت الحكومة الألمانية اليوم الاثنين", "برلين", None, None, None, "DPA"),
    ("بكين 7 مارس 2025 (شينخوا) قال وزير الخارجية الصيني", "بكين", 7, 3, 2025, "XINHUA"),
    ("أنقرة (الأناضول) - بحث وزير الخارجية التركي مع نظيره", "أنقرة", None, None, None, "AA"),
    ("موسكو - سبوتنيك. قالت وزارة الخارجية الروسية في بيان", "موسكو", None, None, None, "SPUTNIK"),
    ("موسكو (آر تي) - أعلن الكرملين اليوم أن الرئيس", "موسكو", None, None, None, "RT"),
]


@pytest.mark.parametrize(("line", "place", "day", "month", "year", "agency"), CASES,
                         ids=[c[5] for c in CASES])
def test_dateline_parses_each_service(line, place, day, month, year, agency):
    parsed = parse(line)
    assert parsed is not None, line
    assert parsed.place == place
    assert (parsed.day, parsed.month, parsed.year) == (day, month, year)
    assert parsed.agency is not None and parsed.agency.code == agency
    rest = line[parsed.end:].strip()
    assert not rest or rest[0] not in "-–—(/:)"  # the body starts after the credit


def test_dateline_paired_month_names():
    parsed = parse("بيروت 3 أبريل/نيسان (أ ف ب) - قال مصدر")
    assert (parsed.day, parsed.month) == (3, 4)
    assert parsed.agency.code == "AFP"


def test_dateline_maghrebi_month_name():
    parsed = parse("الجزائر 9 جوان (واج) - أعلن وزير")
    assert (parsed.day, parsed.month) == (9, 6)


def test_dateline_arabic_indic_digits():
    parsed = parse("الكويت - ٢١ - ١ (كونا) -- أعربت وزارة الخارجية")
    assert (parsed.day, parsed.month) == (21, 1)
    assert parsed.agency.code == "KUNA"


def test_dateline_hijri_only_is_converted():
    parsed = parse("مكة المكرمة 1 رمضان 1445 هـ واس")
    assert parsed.hijri == "1445-09-01"
    assert (parsed.year, parsed.month) == (2024, 3)


def test_dateline_outlet_crediting_itself():
    parsed = parse("القاهرة – مصراوي:")
    assert parsed.place == "القاهرة"
    assert parsed.agency is None
    assert parsed.outlet == "مصراوي"


def test_dateline_place_with_country_and_latin_outlet():
    parsed = parse("دبي، الإمارات العربية المتحدة (CNN)-- قال وزير الخارجية")
    assert parsed.place == "دبي"
    assert parsed.outlet == "CNN" and parsed.agency is None


def test_dateline_agency_without_place():
    parsed = parse("كونا- بحث النائب الأول لرئيس مجلس الوزراء")
    assert parsed.place is None and parsed.agency.code == "KUNA"


def test_dateline_truncated_kuna_keeps_month():
    parsed = parse("3 (كونا) — وقع الصندوق الكويتي للتنمية اتفاقية")
    assert parsed.month == 3 and parsed.day is None and parsed.agency.code == "KUNA"


@pytest.mark.parametrize("line", [
    "بريطانيا: لن ننقل سفارتنا إلى القدس",  # a headline with a colon is not a dateline
    "الولايات المتحدة واليابان تعلنان استراتيجية جديدة",
    "قال وزير الخارجية إن بلاده ترحب",
])
def test_dateline_refuses_lines_without_evidence(line):
    assert parse(line) is None


def test_full_date_checks_stated_weekday():
    # 10 April was a Wednesday in 2024, not in 2025.
    assert full_date(10, 4, None, dt.date(2025, 6, 1), weekday=2) == "2024-04-10"
    assert full_date(10, 4, None, dt.date(2024, 5, 1), weekday=2) == "2024-04-10"
    assert full_date(10, 4, None, None, weekday=2) is None
    assert full_date(10, 4, 2023, None, weekday=None) == "2023-04-10"


def test_find_weekday_reads_the_lead():
    assert find_weekday("اعلنت الحكومة اليوم الاربعاء عن") == 2
    assert find_weekday("قُتل 35 فلسطينياً اليوم (الأحد)") == 6
    assert find_weekday("لا يوم هنا") is None
    assert find_weekday("وصل الوفد أمس الثلاثاء إلى") == 2  # yesterday was Tuesday: filed on Wednesday
    assert find_weekday("يصل الوفد بعد غد الخميس") is None  # a day to come says nothing of the filing
