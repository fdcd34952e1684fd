"""A charge denied is no new charge by the one who denies it; a hostile act rejected is condemned.
Wording composed for these tests."""

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
