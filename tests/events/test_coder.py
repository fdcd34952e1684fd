"""One hand-written sentence per PLOVER type, with the dyad the coder should read from it."""

from __future__ import annotations

import pytest

from khabar.events import EVENT_CODER
from tests.events.conftest import code, dyads, types

CASES = [
    # (PLOVER type, sentence, a (source, target) the coder must give; gloss)
    ("AGREE", "وقعت مصر والأردن أمس اتفاقية للتعاون في مجال الطاقة.", ("EGY", "JOR")),  # signed an agreement
    ("CONSULT", "التقى وزير الخارجية السعودي نظيره الفرنسي في باريس اليوم.", ("SAU", "FRA")),  # met his counterpart
    ("SUPPORT", "أشاد الرئيس الفرنسي بدور المغرب في تحقيق الاستقرار.", ("FRA", "MAR")),  # praised
    ("CONCEDE", "أفرجت السلطات الإيرانية عن صحفي بريطاني بعد عامين من احتجازه.", ("IRN", "GBR")),  # released
    ("COOPERATE", "أجرت القوات المصرية والسعودية مناورات عسكرية مشتركة في البحر الأحمر.", ("EGY", "SAU")),  # joint drills
    ("AID", "قدمت الكويت مساعدات إنسانية عاجلة إلى اليمن.", ("KWT", "YEM")),  # gave humanitarian aid
    ("RETREAT", "انسحبت القوات الروسية من مواقعها قرب الحدود مع أوكرانيا.", ("RUS", "UKR")),  # withdrew
    ("REQUEST", "دعت الأمم المتحدة إسرائيل إلى وقف الاستيطان.", ("UN", "ISR")),  # called on
    ("ACCUSE", "أدانت وزارة الخارجية السعودية الهجوم الإيراني على السفارة الأمريكية.", ("SAU", "IRN")),  # condemned
    ("REJECT", "رفضت الحكومة العراقية الطلب التركي.", ("IRQ", "TUR")),  # rejected
    ("THREATEN", "هددت كوريا الشمالية اليابان بضربة عسكرية.", ("PRK", "JPN")),  # threatened
    ("PROTEST", "تظاهر آلاف الطلاب أمس أمام السفارة الأمريكية في عمان احتجاجا على القرار.", (None, "USA")),  # protested
    ("SANCTION", "فرضت الولايات المتحدة عقوبات جديدة على إيران.", ("USA", "IRN")),  # imposed sanctions
    ("MOBILIZE", "نشرت تركيا قوات إضافية على الحدود مع سوريا.", ("TUR", "SYR")),  # deployed troops
    ("COERCE", "اعتقلت الشرطة الإسرائيلية ثلاثة فلسطينيين في القدس.", ("ISR", "PSE")),  # arrested
    ("ASSAULT", "قصفت الطائرات الإسرائيلية منزلا في غزة أمس ما أدى إلى مقتل خمسة أشخاص.", ("ISR", "PSE")),  # shelled
]


@pytest.mark.parametrize(("plover", "sentence", "dyad"), CASES, ids=[c[0] for c in CASES])
def test_coder_one_sentence_per_type(plover, sentence, dyad):
    events = code(sentence)
    assert plover in types(events)
    assert dyad in dyads(events, plover)


def test_coder_all_sixteen_types_covered():
    assert len({c[0] for c in CASES}) == 16


@pytest.mark.parametrize(("plover", "cameo", "quad", "goldstein"), [
    ("CONSULT", "04", 1, 1.0),    # verbal cooperation
    ("AID", "07", 2, 7.0),        # material cooperation
    ("ACCUSE", "11", 3, -2.0),    # verbal conflict
    ("SANCTION", "16", 4, -4.0),  # material conflict
])
def test_coder_cameo_quad_goldstein(plover, cameo, quad, goldstein):
    sentence = next(s for p, s, _ in CASES if p == plover)
    event = next(e for e in code(sentence) if e.type == plover)
    assert (event.cameo[:2], event.quad_class, event.goldstein) == (cameo, quad, goldstein)
    assert 2 <= len(event.cameo) <= 4 and event.cameo.isdigit()


def test_coder_gives_the_full_cameo_code_the_trigger_says():
    (event,) = [e for e in code("أجرى وزير الخارجية الكويتي اتصالا هاتفيا مع نظيره الأردني.") if e.type == "CONSULT"]
    assert event.cameo == "041"  # discuss by telephone, not only the root 04


def test_coder_says_how_the_trigger_and_actors_were_found():
    (first,) = [e for e in code("زار الرئيس الفرنسي الجزائر أمس.") if e.type == "CONSULT"]
    how = first.to_dict()["how"]
    assert how["trigger"] == "verb" and how["source"] == "subject" and how["target"] == "object"
    assert how["source_by"] == "title" and how["target_by"] == "name"
    later = code("زار الرئيس الفرنسي الجزائر أمس. وأدان الهجوم على السفارة الفرنسية في مالي.")
    carried = [e for e in later if e.type == "ACCUSE" and e.sentence == 1]
    assert carried and carried[0].to_dict()["how"]["source"] == "continued"


def test_coder_trigger_points_at_its_words():
    body = "قال مصدر إن الوزير وصل. ثم التقى وزير الخارجية السعودي نظيره الفرنسي."
    event = next(e for e in code(body) if e.type == "CONSULT")
    assert body[event.trigger_start:event.trigger_end] == event.trigger == "التقى"
    assert event.sentence == 1
    assert event.source_sector == "GOV"


def test_coder_headline_is_sentence_minus_one():
    events = code("نص الخبر.", headline="الكويت والأردن تبحثان التعاون في مجال الطاقة")
    headline = [e for e in events if e.sentence == -1]
    assert {("KWT", "JOR"), ("JOR", "KWT")} <= dyads(headline, "CONSULT")
    assert headline[0].trigger == "تبحثان"


def test_coder_one_event_per_sentence_type_and_dyad():
    events = code("التقى الرئيس المصري نظيره الفرنسي، والتقى الرئيس المصري نظيره الفرنسي مجددا.")
    assert len([e for e in events if e.type == "CONSULT" and (e.source, e.target) == ("EGY", "FRA")]) == 1


def test_coder_same_state_on_both_sides_keeps_no_target():
    events = code("اعتقلت الشرطة العراقية مسلحين عراقيين في بغداد أمس.")
    coerce = [e for e in events if e.type == "COERCE"]
    assert coerce and all(e.source != e.target for e in coerce if e.target)
    assert ("IRQ", None) in dyads(coerce)


def test_coder_step_declares_what_it_needs():
    assert EVENT_CODER.name == "events"
    assert {"sentences", "tokens", "mentions"} <= set(EVENT_CODER.requires)
    assert EVENT_CODER.provides == ("events",)


def test_coder_gives_each_event_a_confidence_between_0_and_1():
    events = code("زار الرئيس الفرنسي الجزائر أمس. وأدان الهجوم على السفارة الفرنسية في مالي.")
    assert events and all(0.0 <= e.confidence <= 1.0 for e in events)
    assert all(e.to_dict()["confidence"] == e.confidence for e in events)
