"""Acts told before or only named: a charge denied, a deal named after a preposition; a pledge to strike
back is a threat. Wording composed for these tests."""

from __future__ import annotations

import pytest

from khabar.pipeline import read
from tests.events.conftest import dyads


def _events(text: str):
    return read(text, plain=True).events


@pytest.mark.parametrize("text", [
    "ونفت كوبا بشدة هذه الاتهامات.",
    "لكن كوبا رفضت الاتهامات، وقالت إنها بلا أساس.",
    "ونفت الحكومة الكوبية الاتهامات الأميركية جملة وتفصيلا.",
])
def test_denied_charge_is_not_an_accusation_by_the_denier(text):
    events = _events(text)
    assert all(e.source != "CUB" for e in events if e.type == "ACCUSE")
    assert any(e.source == "CUB" for e in events if e.type == "REJECT")


def test_rejected_hostile_act_is_still_condemned():
    events = _events("وأعلن وزير الخارجية الكولومبي رفض بلاده الكامل لتدخلات فنزويلا في شؤون كولومبيا.")
    assert ("COL", "VEN") in dyads(events, "ACCUSE")


def test_clause_after_idh_names_its_own_subjects():
    events = _events("وأثار القرار استنكارا واسعا، إذ دانت البرازيل والأرجنتين الخطوة في بيانين منفصلين.")
    assert all(e.target not in ("BRA", "ARG") for e in events if e.type == "ACCUSE")
    assert {"BRA", "ARG"} <= {e.source for e in events if e.type == "ACCUSE"}


# -- a pledge to strike back is a threat; a pledge to give is still a promise
def test_pledge_to_retaliate_is_a_threat():
    events = _events("وتعهد وزير الدفاع الفنزويلي بالرد على التحرك الكولومبي.")
    assert ("VEN", "COL") in dyads(events, "THREATEN")
    assert not dyads(events, "AGREE")


def test_pledge_to_give_is_a_promise():
    events = _events("وتعهدت كولومبيا بتقديم مساعدات إلى فنزويلا.")
    assert ("COL", "VEN") in dyads(events, "AGREE") | dyads(events, "AID")
    assert not dyads(events, "THREATEN")


# -- a deal named with the article after a preposition was made before: no agreement now
@pytest.mark.parametrize("text", [
    "وهدد الرئيس البرازيلي بالانسحاب من الاتفاق التجاري المبرم بين البرازيل والأرجنتين.",
    "وقال الوزير إن بلاده ملتزمة بما ورد في الاتفاق الموقع بين البرازيل والأرجنتين.",
])
def test_deal_named_after_a_preposition_is_no_new_agreement(text):
    assert not dyads(_events(text), "AGREE")


def test_deal_reached_now_is_an_agreement():
    events = _events("وتوصلت البرازيل والأرجنتين إلى اتفاق تجاري جديد أمس.")
    assert ("BRA", "ARG") in dyads(events, "AGREE")


@pytest.mark.parametrize("text", [
    "وناشدت كولومبيا فنزويلا عدم الانسحاب من الاتفاق.",
    "وهددت فنزويلا بالانسحاب من الاتفاق مع كولومبيا.",
])
def test_rejection_called_for_or_threatened_is_not_done(text):
    assert not dyads(_events(text), "REJECT")
