"""The place a visit goes to names its host; nationality adjectives of two words; holding a rank is
no occupation. Wording composed for these tests."""

from __future__ import annotations

import pytest

from khabar.pipeline import read
from tests.events.conftest import code, dyads


def _events(text: str):
    return read(text, plain=True).events


# -- a visit to a town or a capital is a visit to its state (CAMEO 042: the host is the target)
@pytest.mark.parametrize("place", ["مدينة حلب", "العاصمة دمشق", "دمشق"])
def test_visit_to_a_place_targets_its_state(place):
    events = _events(f"وزار وزير الخارجية الإيراني {place} يوم الأحد في جولة إقليمية.")
    assert ("IRN", "SYR") in dyads(events, "CONSULT")


def test_visit_by_a_pronoun_subject_after_a_relative_targets_the_place_visited():
    events = _events("وقال المبعوث الأممي الخاص الذي يزور بغداد حاليا إن المحادثات مثمرة.")
    assert any(e.target == "IRQ" for e in events if e.type == "CONSULT")


def test_visit_to_a_town_of_ones_own_state_has_no_target():
    events = _events("وزار الرئيس المصري مدينة أسوان يوم الأحد.")
    assert all(e.target is None for e in events if e.type == "CONSULT")


def test_meeting_held_in_a_town_is_not_with_its_state():
    events = _events("والتقى وزير الخارجية الأميركي نظيره الروسي في مدينة جنيف.")
    assert dyads(events, "CONSULT") <= {("USA", "RUS"), ("RUS", "USA")}
    assert ("USA", "RUS") in dyads(events, "CONSULT")


# -- nationality adjectives of two words ("الكوري الجنوبي") code their noun
@pytest.mark.parametrize("adjective,state", [("الكوري الجنوبي", "KOR"), ("الكوري الشمالي", "PRK"),
                                             ("الجنوب سوداني", "SSD")])
def test_two_word_nationality_adjective_codes_the_counterpart(adjective, state):
    events = code(f"والتقى وزير الخارجية الياباني نظيره {adjective} في طوكيو أمس.")
    assert ("JPN", state) in dyads(events, "CONSULT")


def test_two_word_adjective_codes_a_subject_in_either_order():
    vso = code("واستقبل الرئيس الكوري الجنوبي وزير الدفاع الأميركي في سيول.")
    svo = code("الرئيس الكوري الجنوبي يستقبل وزير الدفاع الأميركي في سيول.")
    assert ("USA", "KOR") in dyads(vso, "CONSULT")
    assert dyads(vso, "CONSULT") == dyads(svo, "CONSULT")


def test_first_word_of_a_two_word_adjective_alone_names_no_state():
    events = code("والتقى وزير الخارجية الياباني نظيره الكوري في طوكيو أمس.")
    assert all(e.target not in ("KOR", "PRK") for e in events)


# -- holding a rank in a table ("يحتل الفريق المركز الثالث") is not the occupation of anything
@pytest.mark.parametrize("text", [
    "ويحتل المنتخب الياباني المركز الثالث في المجموعة برصيد أربع نقاط.",
    "واحتلت ألمانيا المرتبة الثانية بين أكبر المصدرين إلى الصين.",
    "وتحتل فرنسا حاليا صدارة الترتيب.",
])
def test_holding_a_rank_is_no_occupation(text):
    assert all(e.type != "COERCE" for e in code(text))


def test_occupying_a_town_stays_an_occupation():
    events = code("واحتلت القوات التركية مدينة عفرين في شمال سوريا.")
    assert any(e.type == "COERCE" and e.source == "TUR" for e in events)


# -- a coalition of forces led by a state (kb kind "military") acts as that state's forces
def test_coalition_led_by_a_state_strikes_as_its_forces():
    events = _events("وشنت مقاتلات التحالف العربي غارات جوية على مواقع لجماعة أنصار الله في محافظة صعدة.")
    assert ("SAU", "HOUTHI") in dyads(events, "ASSAULT")


def test_support_named_inside_the_coalitions_name_is_no_event():
    events = _events("وأعلن تحالف دعم الشرعية في اليمن اعتراض صاروخ باليستي فوق مدينة جازان.")
    assert all(e.type != "SUPPORT" for e in events)


# -- a place noun right after an attack noun is what is hit, not who attacks
def test_sites_after_an_attack_noun_are_hit_not_attacking():
    events = code("واستهدفت الطائرات الإسرائيلية بعدة غارات مواقع لحركة حماس في قطاع غزة.")
    assert all(e.source != "HAMAS" for e in events if e.type == "ASSAULT")


# -- a noun of support or aid with its giver after من: the giver is the source, the actor before it the target
@pytest.mark.parametrize("text", [
    "وتقدم الجيش العراقي، بدعم من الطيران الأميركي، نحو وسط المدينة.",
    "وتقدم الجيش العراقي بدعم جوي مباشر من الطيران الأميركي نحو وسط المدينة.",
])
def test_support_named_with_its_giver_goes_from_the_giver(text):
    events = _events(text)
    assert ("USA", "IRQ") in {(e.source, e.target) for e in events if e.type == "SUPPORT"}
    assert ("IRQ", "USA") not in {(e.source, e.target) for e in events if e.type == "SUPPORT"}


def test_aid_received_from_a_state_goes_from_that_state():
    events = _events("وحصلت الأردن على مساعدات مالية من الاتحاد الأوروبي الشهر الماضي.")
    assert ("EU", "JOR") in {(e.source, e.target) for e in events if e.type == "AID"}


def test_an_uncoded_actor_before_the_support_is_no_reason_to_reach_further_back():
    events = _events("وقالت تركيا إن الهجمات نفذتها الميليشيات بدعم من إيران.")
    assert all(e.target != "TUR" for e in events if e.type == "SUPPORT" and e.source == "IRN")


def test_adjectives_of_a_later_meeting_noun_are_its_sides_not_those_of_a_visit_before_it():
    events = code("وتأتي زيارته لبغداد قبل يومين من اجتماع تركي إيراني في أنقرة حول المياه.")
    assert {e.trigger for e in events if {e.source, e.target} == {"TUR", "IRN"}} == {"اجتماع"}


def test_a_trigger_phrase_inside_an_agencys_name_is_no_event():
    events = _events("وقال الجهاز المركزي للتعبئة العامة والإحصاء إن معدل البطالة تراجع في الربع الأخير.")
    assert all(e.type != "MOBILIZE" for e in events)
    called = _events("وأعلنت الحكومة التعبئة العامة في البلاد بعد الهجوم على الحدود.")
    assert any(e.type == "MOBILIZE" for e in called)


# -- a noun ending in hamza writes it on ي or و before a pronoun ("لقائه", "لقاؤه" of لقاء)
@pytest.mark.parametrize("noun", ["لقائه", "لقاءه"])
def test_a_meeting_noun_with_a_pronoun_after_its_hamza_is_a_meeting(noun):
    events = _events(f"وأكد وزير الخارجية الياباني في {noun} مع نظيره الهندي أهمية التعاون.")
    assert ("JPN", "IND") in dyads(events, "CONSULT")
