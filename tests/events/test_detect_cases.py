"""Detection: does a sentence report an event that happened? Sentences composed for the tests, and
properties (negation, denial, fear, a call, the future) that turn a report into a mention."""

from __future__ import annotations

import pytest

from tests.events.conftest import code, types


def realis(events, plover: str) -> list:
    """The events of a type reported as having happened."""
    return [e for e in events if e.type == plover and not (e.negated or e.future or e.hypothetical)]


REPORTS = {
    "ASSAULT": ["قتل مسلحون خمسة جنود في هجوم على نقطة تفتيش أمس.",
                "فجر انتحاري نفسه في سوق شعبي مما أدى إلى مقتل عشرة أشخاص."],
    "PROTEST": ["تظاهر آلاف الطلاب أمس أمام مقر الحكومة احتجاجا على رفع الرسوم.",
                "احتشد مئات المحتجين في الساحة الرئيسية للمطالبة باستقالة الوزير."],
}


@pytest.mark.parametrize(("plover", "text"), [(p, t) for p, ts in REPORTS.items() for t in ts])
def test_detect_report_is_found(plover, text):
    assert realis(code(text), plover)


@pytest.mark.parametrize("text", [
    "نفى المتحدث باسم الجيش أن تكون قواته قد قصفت القرية.",
    "نفت وزارة الدفاع في بيان أصدرته مساء أمس أن تكون طائراتها قد شنت غارات على المدينة.",
])
def test_detect_denied_attack_is_not_reported(text):
    assert not realis(code(text), "ASSAULT")


def test_detect_denial_keeps_the_act_flagged():
    """A denied supply of arms is coded, if at all, as negated."""
    events = code("نفت الحكومة أن تكون قد زودت المتمردين بأسلحة.")
    assert not realis(events, "AID")


@pytest.mark.parametrize("text", [
    "يخشى السكان أن تقصف الطائرات القرية.",
    "حذر المسؤول من أن الجيش قد يقصف المدينة.",
    "يهدد استمرار الجفاف بكارثة إنسانية في البلاد.",
])
def test_detect_fear_and_warning_report_no_act(text):
    events = code(text)
    assert not realis(events, "ASSAULT")
    assert "THREATEN" not in types(events)  # a risk named, no threat made by an actor


@pytest.mark.parametrize("text", [
    "دعا الصليب الأحمر إلى إرسال مساعدات غذائية عاجلة إلى اللاجئين.",
    "ناشدت الأمم المتحدة الدول المانحة تقديم مساعدات عاجلة للمتضررين.",
])
def test_detect_call_for_aid_is_a_request(text):
    events = code(text)
    assert "REQUEST" in types(events)
    assert "AID" not in types(events)


@pytest.mark.parametrize("text", [
    "احتشد آلاف الزوار في مهرجان الموسيقى السنوي في المدينة.",
    "خرج آلاف المشجعين إلى الشوارع احتفالا بفوز المنتخب الوطني.",
    "نظمت البلدية تجمعا فنيا في الساحة بمشاركة عشرات الفنانين.",
    "افتتح وزير الثقافة معرضا للكتاب في العاصمة بمشاركة مئات الناشرين.",
])
def test_detect_culture_and_celebration_are_no_protest(text):
    assert "PROTEST" not in types(code(text))


def test_detect_crowd_of_protesters_is_a_protest():
    """The same crowd entry as the festival case, with a protest named: the constraint is the
    festival, not the crowd."""
    assert realis(code("احتشد آلاف المحتجين في الساحة الرئيسية أمس."), "PROTEST")


@pytest.mark.parametrize("text", [
    "من المقرر أن ينظم العمال إضرابا عاما الأسبوع المقبل.",
    "نفى الاتحاد أن يكون العمال قد أضربوا عن العمل.",
])
def test_detect_planned_or_denied_strike_is_not_reported(text):
    assert not realis(code(text), "PROTEST")


NEGATED = [("ASSAULT", "قتل", "لم يقتل"), ("ASSAULT", "فجر", "لم يفجر"), ("PROTEST", "تظاهر", "لم يتظاهر"),
           ("PROTEST", "احتشد", "لم يحتشد")]


@pytest.mark.parametrize(("plover", "verb", "negated"), NEGATED)
def test_detect_negation_removes_the_report(plover, verb, negated):
    """Property: the report whose main verb is negated with "لم" reports nothing."""
    text = next(t for t in REPORTS[plover] if t.startswith(verb + " "))
    assert realis(code(text), plover)
    assert not realis(code(negated + text[len(verb):]), plover)


@pytest.mark.parametrize(("text", "plover", "other"), [
    ("اعتقلت الشرطة عشرة ناشطين في المدينة أمس.", "COERCE", "ASSAULT"),
    ("داهمت قوات الأمن منزل الناشط واعتقلته.", "COERCE", "ASSAULT"),
    ("اشتبكت قوات الجيش مع مسلحين في المنطقة الحدودية.", "ASSAULT", "COERCE"),
])
def test_detect_arrest_and_raid_are_coercion_clash_is_assault(text, plover, other):
    found = types(code(text))
    assert plover in found
    assert other not in found


@pytest.mark.parametrize(("with_party", "without_party"), [
    ("دعت الأمم المتحدة إلى إرسال مساعدات غذائية إلى اللاجئين.", "دعت إلى إرسال مساعدات غذائية إلى اللاجئين."),
    ("بحث وزير الخارجية المصري مع نظيره الأردني الأوضاع في المنطقة.", "جرى بحث الأوضاع في المنطقة."),
    ("أعربت فرنسا عن دعمها للحكومة الجديدة.", "أعرب عن دعمه للحكومة الجديدة."),
])
def test_a_communicative_act_needs_a_party(with_party, without_party):
    """A request, a meeting, support: an event only with someone named in it (PETRARCH's rule too)."""
    assert code(with_party)
    assert not code(without_party)


@pytest.mark.parametrize("text", [
    "قتل عشرة أشخاص في انفجار سيارة مفخخة وسط المدينة أمس.",
    "خرج آلاف المتظاهرين إلى الشوارع أمس احتجاجا على رفع الأسعار.",
])
def test_force_and_protest_count_with_no_one_named(text):
    """Material conflict and protest are news where they happen: kept with no party named."""
    assert types(code(text)) & {"ASSAULT", "PROTEST"}
