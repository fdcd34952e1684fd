"""A speaker naming another's act with a noun of hostility criticises its doer (lexicon `speaker:
named`); with the speaker or the doer unnamed there is no event. Wording composed for these tests."""

from __future__ import annotations

import pytest

from khabar.pipeline import read


def _accusations(text: str) -> set[tuple[str | None, str | None]]:
    return {(e.source, e.target) for e in read(text, plain=True).events if e.type == "ACCUSE"}


@pytest.mark.parametrize("text", [
    "وقال وزير الخارجية الأردني إن الانتهاكات الإسرائيلية في القدس تهدد الاستقرار.",
    "وأكد وزير الخارجية الأردني أن التدخلات الإيرانية في شؤون المنطقة مرفوضة.",
    "وشدد وزير الخارجية الأردني على أن استفزازات روسيا في البحر الأسود خطيرة.",
])
def test_speaker_names_a_hostile_act_of_a_state(text):
    accused = {t for s, t in _accusations(text) if s == "JOR"}
    assert accused and accused <= {"ISR", "IRN", "RUS"}


def test_no_speaker_named_no_accusation():
    assert not _accusations("وتستمر الانتهاكات الإسرائيلية في القدس منذ أسابيع.")


def test_no_doer_named_no_accusation():
    assert not _accusations("وقال وزير الخارجية الأردني إن الانتهاكات مستمرة منذ أسابيع.")


def test_a_city_after_the_noun_is_where_not_who():
    assert not _accusations("وقال وزير الخارجية البلجيكي إن اعتداءات باريس غيرت أوروبا.")


def test_a_demonstrative_points_back_not_forward():
    assert not _accusations("وأكد وزير الخارجية الأردني أن هذه الممارسات تضر بالجميع في الصين.")


def test_the_order_of_clauses_keeps_the_accusation():
    fronted = _accusations("إن الانتهاكات الإسرائيلية في القدس تهدد الاستقرار، قال وزير الخارجية الأردني.")
    plain = _accusations("وقال وزير الخارجية الأردني إن الانتهاكات الإسرائيلية في القدس تهدد الاستقرار.")
    assert ("JOR", "ISR") in plain
    assert fronted <= plain
