"""Attachment from clause structure, in composed wording: support verbs, possessive pronouns,
places with ب, envoys' posts, recalls, the host of a visit and clauses that apposition does not cross."""

from __future__ import annotations

from tests.events.conftest import code, dyads


def test_support_verb_subject_does_the_act_of_the_verbal_noun():
    events = code("ونفذت القوات الروسية والقوات البيلاروسية أمس غارات على أوكرانيا أسفرت عن مقتل 12 شخصا.")
    assert {("RUS", "UKR"), ("BLR", "UKR")} <= dyads(events, "ASSAULT")
    how = next(e for e in events if e.type == "ASSAULT" and e.source == "RUS").to_dict()["how"]
    assert how["source"] == "support"


def test_support_verb_in_either_word_order():
    vso = code("شنت الطائرات الإسرائيلية غارات جوية على لبنان.")
    svo = code("الطائرات الإسرائيلية شنت غارات جوية على لبنان.")
    assert ("ISR", "LBN") in dyads(vso, "ASSAULT") and ("ISR", "LBN") in dyads(svo, "ASSAULT")


def test_possessive_agent_points_back_to_its_owner():
    events = code("أعلن الجيش الفرنسي مقتل أحد جنوده في انفجار.")
    assert any(e.type == "ASSAULT" and e.target == "FRA" for e in events)
    how = next(e for e in events if e.target == "FRA").to_dict()["how"]
    assert how["target_by"] == "pronoun"


def test_place_with_ba_is_where_not_whom():
    events = code("التقى وزير الخارجية المصري بالقاهرة نظيره الأردني.")
    assert ("EGY", "JOR") in dyads(events, "CONSULT")


def test_recall_of_own_envoy_is_a_sanction_against_the_state_he_serves():
    events = code("استدعت البرازيل سفيرها في لندن للتشاور.")
    assert ("BRA", "GBR") in dyads(events, "SANCTION")
    assert ("BRA", "GBR") not in dyads(events, "ACCUSE")


def test_summons_of_a_foreign_envoy_is_an_accusation():
    events = code("استدعت وزارة الخارجية البرازيلية السفير البريطاني.")
    assert ("BRA", "GBR") in dyads(events, "ACCUSE")


def test_host_of_a_visit_is_the_state_it_takes_place_in():
    events = code("واستقبل وزير الشؤون الخارجية يوم الخميس بالرباط السفير الجديد لجمهورية البيرو.")
    assert ("PER", "MAR") in dyads(events, "CONSULT")
    how = next(e for e in events if e.source == "PER").to_dict()["how"]
    assert how["target"] == "located"


def test_apposition_does_not_cross_another_act():
    events = code("وأسفر هجوم انتحاري استهدف دورية للجيش البريطاني عن مقتل جنديين.")
    attack = next(e for e in events if e.trigger == "هجوم")
    assert attack.source != "GBR"  # the bomber is no title of the patrol named after the verb


def test_definite_noun_with_no_actor_names_the_event_just_coded():
    events = code("التقى وزير الخارجية المصري نظيره الأردني أمس في عمان. وتناول اللقاء العلاقات الثنائية.")
    later = [e for e in events if e.type == "CONSULT" and e.sentence == 1]
    assert later and {later[0].source, later[0].target} == {"EGY", "JOR"}
    assert later[0].to_dict()["how"]["source"] == "continued"
    alone = code("وتناول اللقاء العلاقات الثنائية.")  # nothing before: no sides to take
    assert all(e.source is None and e.target is None for e in alone)


def test_cancelled_visit_is_a_sanction_not_a_visit():
    events = code("ألغت الحكومة الهندية زيارة وزير الدفاع الصيني إلى نيودلهي.")
    assert ("IND", "CHN") in dyads(events, "SANCTION")
    assert "CONSULT" not in {e.type for e in events}
