"""Cases a new user meets on real news, in wording composed for the tests, and properties of the
coder (word order, negation) that hold whatever the sentence."""

from __future__ import annotations

import pytest

from tests.events.conftest import code, dyads, types


def test_cases_summit_venue_is_no_actor():
    events = code("اجتمع الرئيس الأمريكي مع الرئيس الروسي في قمة هلسنكي أمس.")
    assert ("USA", "RUS") in dyads(events, "CONSULT")
    assert all("FIN" not in (e.source, e.target) for e in events)


def test_cases_summit_named_after_its_city_gives_no_city_actor():
    events = code("عقدت قمة جنيف بين الرئيس الأمريكي والرئيس الروسي.")
    assert all("CHE" not in (e.source, e.target) for e in events)


def test_cases_demand_of_a_capital_is_made_by_its_state():
    events = code("رفضت دمشق مطالبات أنقرة بسحب القوات السورية من الحدود.")
    assert ("SYR", "TUR") not in dyads(events, "REQUEST")
    assert ("TUR", "SYR") in dyads(events, "REQUEST")


def test_cases_call_for_aid_is_a_request_not_aid():
    events = code("دعت الأمم المتحدة إلى السماح بإدخال المساعدات الإنسانية إلى غزة.")
    assert "REQUEST" in types(events)
    assert "AID" not in types(events)


def test_cases_threat_of_a_situation_is_no_threat():
    events = code("حذرت الأمم المتحدة من أن استمرار القتال في اليمن يهدد بكارثة إنسانية.")
    assert "THREATEN" not in types(events)


def test_cases_threat_by_an_official_is_kept():
    events = code("هدد وزير الدفاع الإسرائيلي بشن هجوم على غزة.")
    assert ("ISR", "PSE") in dyads(events, "THREATEN")
    assert "ASSAULT" not in types(events)  # the attack is threatened, not made


@pytest.mark.parametrize("group", ["وحدات حماية الشعب", "حركة طالبان", "حزب الله"])
def test_cases_armed_group_is_not_its_state(group):
    events = code(f"قتل مسلحون من {group} خمسة جنود أتراك في هجوم أمس.")
    assert not {"SYR", "AFG", "LBN"} & {e.source for e in events}


def test_cases_group_keeps_its_own_code():
    events = code("شنت طائرات أمريكية غارات على مواقع لحركة طالبان في ولاية قندهار.")
    assert any(e.source == "USA" and e.target and e.target not in ("AFG", "USA") for e in events
               if e.type == "ASSAULT")


@pytest.mark.parametrize("text", ["أحيا المطرب اللبناني حفلا غنائيا في القاهرة حضره آلاف المعجبين.",
                                  "عرضت دور السينما الفرنسية فيلما مصريا جديدا للمخرج الشاب.",
                                  "فاز المنتخب المغربي على نظيره التونسي في المباراة النهائية."])
def test_cases_culture_and_sport_give_no_state_event(text):
    assert not [e for e in code(text) if e.source and e.target]


def test_cases_states_condemning_an_attack_accuse_the_attacker_not_each_other():
    events = code("أدانت مصر والأردن والسعودية الهجوم الإسرائيلي على غزة.")
    accused = dyads(events, "ACCUSE")
    assert {("EGY", "ISR"), ("JOR", "ISR"), ("SAU", "ISR")} <= accused
    condemners = {"EGY", "JOR", "SAU"}
    assert not [d for d in accused if d[0] in condemners and d[1] in condemners]


def test_cases_victims_of_a_passive_killing_are_the_target():
    events = code("وقال متحدث باسم الجيش الإيطالي إن جنديين إيطاليين قتلا في انفجار عبوة ناسفة.")
    assault = [e for e in events if e.type == "ASSAULT"]
    assert assault and all(e.source != "ITA" for e in assault)
    assert any(e.target == "ITA" for e in assault)


def test_cases_speaker_city_is_not_the_target_of_his_denial():
    events = code("نفى وزير الخارجية التركي خلال مؤتمر صحفي في بيروت الاتهامات الإيرانية.")
    assert all(e.target != "LBN" for e in events)


# -- properties

SVO_VSO = [("قصفت القوات الإسرائيلية بلدات في جنوب لبنان وقتلت خمسة مدنيين.",
            "القوات الإسرائيلية قصفت بلدات في جنوب لبنان وقتلت خمسة مدنيين."),
           ("استقبل الرئيس المصري وزير الخارجية الفرنسي في القاهرة.",
            "الرئيس المصري استقبل وزير الخارجية الفرنسي في القاهرة.")]


@pytest.mark.parametrize(("vso", "svo"), SVO_VSO)
def test_property_word_order_keeps_the_dyad(vso, svo):
    state = {d for d in dyads(code(vso)) if d[0] and d[1]}
    assert state
    assert state == {d for d in dyads(code(svo)) if d[0] and d[1]}


@pytest.mark.parametrize("pair", [("زار وزير الخارجية الياباني الصين أمس.", "لم يزر وزير الخارجية الياباني الصين أمس."),
                                  ("أدانت فرنسا الهجوم على السفارة.", "لم تدن فرنسا الهجوم على السفارة.")])
def test_property_adding_lam_negates(pair):
    plain, negated = pair
    assert any(not e.negated for e in code(plain))
    found = code(negated)
    assert found and all(e.negated for e in found if e.source == code(plain)[0].source)
