"""Negated, future and hypothetical events are reported with their flag and have not happened."""

from __future__ import annotations

import pytest

from tests.events.conftest import code


def first(sentence: str, plover: str):
    return next(e for e in code(sentence) if e.type == plover)


@pytest.mark.parametrize(("sentence", "plover"), [
    ("لم يلتق الرئيس الأمريكي نظيره الروسي خلال القمة.", "CONSULT"),  # did not meet
    ("نفت الحكومة أن تكون قد فرضت عقوبات على قطر.", "SANCTION"),  # denied that it imposed
    ("لا تدعم فرنسا هذا القرار.", "SUPPORT"),  # does not support
])
def test_modes_negated(sentence, plover):
    event = first(sentence, plover)
    assert event.negated and not event.happened


@pytest.mark.parametrize(("sentence", "plover"), [
    ("سيزور الرئيس الفرنسي الجزائر الأسبوع المقبل.", "CONSULT"),  # will visit
    ("سوف تفرض الولايات المتحدة عقوبات على كوريا الشمالية.", "SANCTION"),  # will impose
    ("من المقرر أن يلتقي وزير الخارجية المصري نظيره التركي.", "CONSULT"),  # is scheduled to meet
    ("يعتزم الرئيس التركي زيارة روسيا.", "CONSULT"),  # intends to visit
    ("ستقيم اليابان وأستراليا شبكة دفاع مشتركة.", "COOPERATE"),  # will set up
])
def test_modes_future(sentence, plover):
    event = first(sentence, plover)
    assert event.future and not event.happened


@pytest.mark.parametrize(("sentence", "plover"), [
    ("إذا فرضت أوروبا عقوبات على روسيا فإن الأسعار سترتفع.", "SANCTION"),  # if Europe imposes
    ("قد تفرض الصين قيودا على الصادرات اليابانية.", "SANCTION"),  # may impose
    ("في حال هاجمت إسرائيل إيران فإن المنطقة ستشتعل.", "ASSAULT"),  # in case Israel attacks
])
def test_modes_hypothetical(sentence, plover):
    events = [e for e in code(sentence) if e.type == plover]
    if plover == "ASSAULT":  # an attack that only may happen is not reported as an attack
        assert not events
        return
    assert events[0].hypothetical and not events[0].happened


def test_modes_plain_past_happened():
    event = first("فرضت الولايات المتحدة عقوبات على إيران.", "SANCTION")
    assert event.happened and not (event.negated or event.future or event.hypothetical)


def test_modes_ma_is_no_negation_in_ma_adda():
    # "ما أدى إلى مقتل": which led to the death of (not a negation)
    events = code("قصفت طائرات إسرائيلية منزلا في غزة أمس ما أدى إلى مقتل ثلاثة أشخاص.")
    assert all(e.happened for e in events if e.type == "ASSAULT")


def test_modes_led_to_is_no_purpose():
    # "ما أدى لاستشهاد": which led to the death of (ل after أدى is no purpose)
    events = code("استهدفت طائرات إسرائيلية منزلا في غزة أمس، ما أدى لاستشهاد خمسة مواطنين.")
    assert all(not e.hypothetical for e in events if e.type == "ASSAULT")


def test_modes_act_in_the_that_clause_of_a_denial_is_negated_however_far():
    events = code("نفى وزير الخارجية الإيراني في مؤتمر صحفي عقده في بيروت أن تكون بلاده أرسلت أسلحة إلى لبنان.")
    assert any(e.type == "AID" and e.negated for e in events)
    assert all(e.target != "LBN" or e.type != "REJECT" for e in events)  # the city he spoke from is no target


def test_modes_a_denial_does_not_reach_past_a_verb_of_saying():
    events = code("نفى الوزير الأمر، وقال إن بلاده أرسلت أسلحة إلى لبنان.")
    assert any(e.type == "AID" and not e.negated for e in events)
