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


# -- what an accusation charges ("اتهمت X Y بدعم Z") is the act of the one accused, never the accuser's
def test_the_charge_is_the_act_of_the_one_accused():
    events = read("واتهمت روسيا الولايات المتحدة بدعم الجماعات المسلحة في سوريا.", plain=True).events
    assert any(e.type == "ACCUSE" and (e.source, e.target) == ("RUS", "USA") for e in events)
    assert all(e.source != "RUS" for e in events if e.type == "SUPPORT")
    assert any(e.source == "USA" for e in events if e.type == "SUPPORT")


def test_a_charge_against_someone_unnamed_is_not_the_accusers_act():
    events = read("واتهمت الحكومة الأردنية الشركة بدعم جماعات مسلحة.", plain=True).events
    assert all(e.source != "JOR" for e in events if e.type == "SUPPORT")


# -- a definite title takes no state's name after it: in VSO the state is the object
def test_a_state_after_a_definite_title_is_the_object():
    events = read("واتهم الوزير إسرائيل بخرق الاتفاق.", plain=True).events
    assert any(e.type == "ACCUSE" and e.target == "ISR" for e in events)
    assert all(e.source != "ISR" for e in events if e.type == "ACCUSE")


# -- armed forces after ل right after an attack noun are who attack ("غارات لطيران X")
@pytest.mark.parametrize("text", [
    "وقتل عشرة مسلحين في غارات لطيران التحالف العربي على مواقع في صعدة.",
    "وقتل عشرة مسلحين في غارات جوية مكثفة للقوات السعودية على مواقع في صعدة.",
])
def test_forces_after_lam_are_the_attackers(text):
    events = [e for e in read(text, plain=True).events if e.type == "ASSAULT"]
    assert any(e.source == "SAU" for e in events)
    assert all(e.target != "SAU" for e in events)


# -- a trigger noun between a title and an adjective splits them: the adjective is the act's
def test_a_condemned_act_keeps_its_adjective():
    events = read("وأدان الوزير القصف الإسرائيلي لغزة.", plain=True).events
    accuse = [e for e in events if e.type == "ACCUSE"]
    assert accuse and all(e.source != "ISR" for e in accuse)
    assert any(e.target == "ISR" for e in accuse)


# -- "سبق لـX أن <verb>": the actor after ل before أن is the verb's subject
def test_the_actor_after_lam_before_an_is_the_subject():
    events = read("وسبق للجزائر أن استدعت السفير الفرنسي احتجاجا على القرار.", plain=True).events
    assert any(e.type == "ACCUSE" and (e.source, e.target) == ("DZA", "FRA") for e in events)


# -- the genitive of a noun of deciding does the act named after it with ب
@pytest.mark.parametrize("text,plover,doer", [
    ("ويأتي ذلك ردا على إعلان اليابان الأخير بفرض رسوم على الواردات الكورية.", "SANCTION", "JPN"),
    ("وأيد المؤتمر قرار الجيش الباكستاني الخاص بإرسال وحدة من قواته إلى السعودية.", "MOBILIZE", "PAK"),
    ("وكان الرئيس الكوري الجنوبي قد أعاد التأكيد على عزمه فرض رسوم على الواردات اليابانية.", "SANCTION", "KOR"),
])
def test_the_genitive_of_a_decision_does_the_act(text, plover, doer):
    assert any(e.type == plover and e.source == doer for e in read(text, plain=True).events)
