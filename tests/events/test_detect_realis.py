"""Detection: the features the realis model weighs, and cases met on real news (in wording composed for
these tests) where a sentence names an act without reporting one, or reports one that was coded wrongly."""

from __future__ import annotations

import pytest

from khabar.events.coder import SentenceCoder, _passages
from khabar.events.tables import event_tables
from khabar.resources import Resources
from tests.events.conftest import article_of, code, dyads, types

POLITICAL = {"CONSULT", "CONCEDE", "AGREE", "COOPERATE", "SUPPORT", "AID", "REQUEST", "REJECT", "ACCUSE", "THREATEN",
             "SANCTION", "COERCE", "ASSAULT", "RETREAT", "MOBILIZE"}


def realis(events, plover: str) -> list:
    return [e for e in events if e.type == plover and not (e.negated or e.future or e.hypothetical)]


def features(text: str, plover: str) -> frozenset[str]:
    """The realis features the coder computed for the sentence's triggers of `plover` (all sentences)."""
    resources = Resources()
    tables = resources.get(event_tables)
    seen: list[frozenset[str]] = []
    coder = SentenceCoder(tables)
    coder.observe = lambda t, f: seen.append(f) if t == plover else None
    for passage in _passages(article_of(text), tables, resources):
        coder.code(passage)
    return frozenset().union(*seen)


# -- features of the realis model

def test_detect_protesters_without_a_protest_are_marked():
    """The people of a protest doing something else name no protest themselves; a protest verb does."""
    assert "participants_only" in features("رفع المتظاهرون الأعلام الوطنية وصور القتلى.", "PROTEST")
    assert "participants_only" not in features("تظاهر آلاف الطلاب أمام الوزارة.", "PROTEST")


def test_detect_claims_and_series_are_features():
    assert "@claims" in features("زعم المتحدث أن الحزب نفذ عمليات اغتيال.", "ASSAULT")
    assert "@claims" not in features("قال المتحدث إن الحزب نفذ عمليات اغتيال.", "ASSAULT")
    assert "@generic" in features("تحدث التقرير عن سلسلة تفجيرات وقعت في العاصمة.", "ASSAULT")


def test_detect_nominative_plurals_count_as_people():
    """"قتل مقاتلون …" and "قتل مقاتلين …" give the same casualty evidence."""
    accusative = features("أصيب خمسة مقاتلين في القصف.", "ASSAULT")
    nominative = features("أصيب خمسة مقاتلون في القصف.", "ASSAULT")
    assert {f for f in accusative if f.startswith("evidence")} == {f for f in nominative if f.startswith("evidence")}


# -- purpose, traffic, disasters

@pytest.mark.parametrize("text", [
    "جندت الجماعة عشرات الشبان لتنفيذ هجمات انتحارية في العاصمة.",
    "حشد الجيش دباباته على الحدود لشن غارات على المدينة.",
])
def test_detect_purpose_on_the_support_noun_reports_no_attack(text):
    assert not realis(code(text), "ASSAULT")


def test_detect_support_noun_without_purpose_keeps_the_attack():
    assert realis(code("شنت الطائرات غارات على المدينة أمس فقتلت عشرة مدنيين."), "ASSAULT")


@pytest.mark.parametrize("text", [
    "تجمعت مئات السيارات والشاحنات عند المعبر الحدودي بسبب الازدحام.",
    "احتشدت آلاف المركبات في طوابير طويلة أمام محطات الوقود.",
])
def test_detect_a_queue_of_vehicles_is_no_protest(text):
    assert "PROTEST" not in types(code(text))


def test_detect_crowd_of_people_near_no_vehicle_is_still_a_protest():
    assert "PROTEST" in types(code("تجمع مئات المحتجين أمام مبنى البرلمان أمس."))


def test_detect_deaths_in_a_tsunami_are_no_attack():
    assert "ASSAULT" not in types(code("قتل آلاف الأشخاص في كارثة تسونامي التي ضربت السواحل."))


# -- cases met on real news, in composed wording

def test_ant_denied_arms_supply_is_no_aid():
    """A state denying that it armed another is no aid (at most a negated one)."""
    events = code("نفت روسيا تزويد الحكومة السورية بأسلحة كيميائية.")
    assert not realis(events, "AID")
    events = code("نفت وزارة الدفاع البريطانية أن تكون قد أرسلت أسلحة إلى المتمردين.")
    assert not realis(events, "AID")


@pytest.mark.parametrize("text", [
    "يخشى المراقبون أن يؤدي استمرار المعارك إلى كارثة إنسانية.",
    "تهدد موجة الجفاف بمجاعة واسعة في شرق أفريقيا.",
])
def test_ant_fear_is_no_threat_and_no_attack(text):
    events = code(text)
    assert "THREATEN" not in types(events)
    assert not realis(events, "ASSAULT")


def test_ant_call_for_aid_access_is_a_request():
    events = code("طالبت منظمة الصحة العالمية بفتح ممرات آمنة لإيصال المساعدات إلى سوريا.")
    assert "REQUEST" in types(events)
    assert "AID" not in types(events)


@pytest.mark.parametrize("text", [
    "أحيت المطربة المصرية حفلا موسيقيا في باريس وسط حضور كبير.",
    "أطلقت شركة الإنتاج الأمريكية فيلمها الجديد في دور العرض المصرية.",
    "قدمت الفرقة الروسية عرضا مسرحيا في دار الأوبرا المصرية.",
])
def test_ant_culture_stories_give_no_political_event(text):
    assert not POLITICAL & types(code(text))


def test_ant_states_condemning_air_strikes_accuse_the_attacker():
    events = code("استنكرت قطر والكويت والبحرين الغارات الإسرائيلية على لبنان.")
    accused = dyads(events, "ACCUSE")
    assert {("QAT", "ISR"), ("KWT", "ISR"), ("BHR", "ISR")} <= accused
    assert not [d for d in accused if {d[0], d[1]} <= {"QAT", "KWT", "BHR"}]


def test_ant_rejected_demand_keeps_its_direction():
    """Tehran rejecting Washington's demands: Tehran rejects, and asks nothing of Washington."""
    events = code("رفضت طهران مطالب واشنطن بوقف تخصيب اليورانيوم.")
    assert ("IRN", "USA") in dyads(events, "REJECT")
    assert ("IRN", "USA") not in dyads(events, "REQUEST")


def test_ant_militia_attack_is_not_its_state():
    events = code("هاجمت قوات سوريا الديمقراطية مواقع تنظيم الدولة في الرقة أمس وقتلت عشرة مسلحين.")
    assault = [e for e in events if e.type == "ASSAULT"]
    assert assault and all(e.source != "SYR" for e in assault)


def test_ant_summit_city_before_the_verb_is_no_actor():
    events = code("على هامش قمة الدوحة التقى وزير الخارجية السعودي نظيره الإيراني.")
    assert all("QAT" not in (e.source, e.target) for e in events)


def test_ant_city_spoken_from_is_not_the_target():
    events = code("نفى وزير الخارجية السوري من موسكو الاتهامات التركية.")
    assert all(e.target != "RUS" for e in events)


def test_strike_by_a_states_forces_on_a_named_side_is_reported_without_casualty_counts():
    events = code("قصفت المدفعية التركية مواقع في شمال العراق.")
    assert ("TUR", "IRQ") in dyads(events, "ASSAULT")
    assert not [e for e in code("لو قصفت المدفعية التركية مواقع في شمال العراق لردت بغداد.") if e.type == "ASSAULT"
                and not e.hypothetical]
