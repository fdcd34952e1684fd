"""Sentences that name violence or protest without reporting one."""

from __future__ import annotations

import pytest

from tests.events.conftest import code, types


@pytest.mark.parametrize("sentence", [
    "قتل ثلاثة جنود وأصيب خمسة آخرون أمس في انفجار عبوة ناسفة استهدفت دوريتهم شمال بغداد.",
    "فجر انتحاري نفسه وسط سوق شعبي ما أسفر عن مقتل عشرة أشخاص.",
    "أطلق مسلحون النار على سيارة الوزير في كمين أمس.",
])
def test_report_attacks_reported(sentence):
    assert "ASSAULT" in types(code(sentence))


@pytest.mark.parametrize("sentence", [
    "أحيا اللبنانيون أمس ذكرى اغتيال الرئيس الحريري.",  # an anniversary
    "قضت المحكمة بسجن المتهم عشر سنوات بتهمة قتل شرطي.",  # a trial
    "هدد الجيش بقصف المدينة إذا لم ينسحب المسلحون.",  # a threat
    "هل يجوز تبرير القتل والاغتيال السياسي؟",  # an essay
    "وأدانت الحكومة الهجوم الذي استهدف الكنيسة.",  # a reaction: the attack is reported elsewhere
])
def test_report_attacks_named_not_reported(sentence):
    assert "ASSAULT" not in types(code(sentence))


def test_report_threat_is_coded_threaten():
    assert "THREATEN" in types(code("هدد الجيش بقصف المدينة إذا لم ينسحب المسلحون."))


def test_report_protest_reported_and_named():
    assert "PROTEST" in types(code("خرج آلاف المتظاهرين أمس في شوارع العاصمة احتجاجا على رفع الأسعار."))
    assert "PROTEST" not in types(code("منعت السلطات التظاهر في العاصمة."))


def test_report_sports_pages_hold_no_meetings():
    assert "CONSULT" not in types(code("وستلعب البحرين في المجموعة الرابعة مع الفائز من لقاء السودان ولبنان."))


def test_report_bare_noun_killing_in_general_is_no_trigger():
    # "القتل" with the article is killing in general; "قتل 3 من مواطنيها" is a killing
    assert "ASSAULT" not in types(code("وأشار إلى أن القتل ظاهرة تنتشر في المدن الكبرى."))
