"""Classes of attachment added for issue 13, in wording composed for these tests (never the
development sentences): a verb that describes the act named before it, and properties (clause
order, passive and active, one more member in a list)."""

from __future__ import annotations

import pytest

from khabar.pipeline import read
from tests.events.conftest import code, dyads


def _events(text: str):
    return read(text, plain=True).events


# -- a verb describing an act noun before it ("هجوم … استهدف X"): the act is its subject, X its object
def test_verb_describing_an_attack_takes_the_actor_after_it_as_object():
    events = code("وأصيب خمسة أشخاص في هجوم انتحاري بسيارة مفخخة استهدف دورية للجيش الفرنسي شمال مالي.")
    assert all(e.source != "FRA" for e in events if e.type == "ASSAULT")
    assert any(e.target == "FRA" for e in events if e.type == "ASSAULT")


def test_verb_describing_a_bombing_does_not_make_the_hit_patrol_its_doer():
    events = code("قتل ثلاثة جنود أتراك في انفجار عبوة ناسفة استهدفت دوريتهم قرب الحدود.")
    assert all(e.source != "TUR" for e in events if e.type == "ASSAULT")
    assert any(e.target == "TUR" for e in events if e.type == "ASSAULT")


def test_named_actor_before_the_verb_stays_its_subject():
    events = code("قالت مصادر محلية إن طائرات إسرائيلية استهدفت موقعا للجيش السوري قرب دمشق.")
    assert ("ISR", "SYR") in dyads(events, "ASSAULT")


# -- a call for something in a state is addressed to that state
def test_call_for_change_in_a_state_targets_that_state():
    events = code("ودعت فرنسا أمس إلى إجراء انتخابات حرة ونزيهة في فنزويلا.")
    assert ("FRA", "VEN") in dyads(events, "REQUEST")


def test_call_made_from_a_city_does_not_target_its_state():
    events = code("ودعت فرنسا أمس في بروكسل إلى وقف القتال.")
    assert all(e.target is None for e in events if e.type == "REQUEST")


# -- a state body named in full, then by its bare noun, is the same body
FULL = "أعلنت وزارة الخارجية التركية استدعاء السفير السويدي. "
BARE = "ونددت الوزارة بحرق المصحف في ستوكهولم واتهمت الحكومة السويدية بالتقاعس."


def test_bare_body_noun_is_the_body_named_in_full_before():
    assert ("TUR", "SWE") in dyads(code(FULL + BARE), "ACCUSE")


def test_bare_body_noun_alone_stays_uncoded():
    assert all(e.source is None for e in code(BARE) if e.type == "ACCUSE")


def test_bare_body_noun_after_a_name_without_nationality_also_resolves():
    text = "أعلنت حكومة تركيا استدعاء السفير السويدي. ونددت الحكومة بحرق المصحف واتهمت السويد بالتقاعس."
    assert ("TUR", "SWE") in dyads(code(text), "ACCUSE")


def test_body_named_later_in_the_same_sentence_does_not_code_the_bare_noun_before_it():
    text = "ونددت الوزارة بالهجوم الذي استهدف سفارة وزارة الخارجية التركية."
    assert all(e.source != "TUR" for e in code(text) if e.type == "ACCUSE")


def test_gunmen_are_not_remembered_as_a_state_body():
    text = "اعتقلت الشرطة الباكستانية مسلحين أفغان. وقال مسؤول إن المسلحين هاجموا مركزا للشرطة."
    assert all(e.source != "AFG" for e in code(text) if e.type == "ASSAULT")


# -- "أنه/إنها" before a verb: the pronoun is the subject, the actor after the verb its object
def test_pronoun_of_that_clause_is_the_speaker_and_the_actor_after_is_the_object():
    assert ("TUR", "SWE") in dyads(code("وقالت الخارجية التركية إنها تطالب السويد بوقف الاستفزازات."), "REQUEST")
    assert ("EGY", "SAU") in dyads(code("وأكد الرئيس المصري أنه يدعم السعودية في مواجهة الضغوط."), "SUPPORT")


def test_that_clause_keeps_the_dyad_of_the_plain_clause():
    plain = dyads(code("ويدين وزير الخارجية الفرنسي إسرائيل بشدة."), "ACCUSE")
    reported = dyads(code("وقال وزير الخارجية الفرنسي إنه يدين إسرائيل بشدة."), "ACCUSE")
    assert plain == reported == {("FRA", "ISR")}


def test_coordinated_that_clause_continues_the_subject_of_the_first():
    text = "وقال سكان سوريون إن جنودا أتراكا قصفوا القرية وإنهم اعتقلوا مواطنين سوريين."
    events = code(text)
    assert all(e.source != "SYR" for e in events if e.type in ("ASSAULT", "COERCE"))
    assert ("TUR", "SYR") in dyads(events, "COERCE")


# -- people of a place: a direction word after a place noun stays inside the phrase
def test_residents_of_districts_of_a_city_protest_as_its_state():
    text = "وخرج سكان أحياء شرق بغداد أمس في مظاهرة احتجاجا على انقطاع الكهرباء، وفق ما أفاد شهود."
    assert any(e.source == "IRQ" for e in code(text) if e.type == "PROTEST")


def test_direction_word_keeps_the_dyad_of_the_plain_place():
    plain = "وخرج سكان بغداد أمس في مظاهرة احتجاجا على انقطاع الكهرباء، وفق ما أفاد شهود."
    with_direction = plain.replace("سكان بغداد", "سكان أحياء شرق بغداد")
    assert dyads(code(plain), "PROTEST") == dyads(code(with_direction), "PROTEST")


# -- a long subject between a support verb and its verbal noun counts as one word
def test_long_subject_of_a_support_verb_still_does_the_act():
    short = "وقال مصدر أمني إن القوات الأمريكية نفذت فجر أمس غارة أسفرت عن مقتل 12 مسلحا صوماليا."
    long = "وقال مصدر أمني إنه خلال الليل نفذت وحدات من القوات الخاصة الأمريكية فجر أمس غارة أسفرت عن مقتل 12 " \
        "مسلحا صوماليا."
    assert ("USA", "SOM") in dyads(code(short), "ASSAULT")
    assert ("USA", "SOM") in dyads(code(long), "ASSAULT")


# -- "بين X و Y" right after a verbal noun names its parties, not the one who speaks of it
def test_agreement_between_two_states_welcomed_by_a_third():
    events = code("ورحبت الجامعة العربية بالاتفاق بين السودان وجنوب السودان.")
    agree = dyads(events, "AGREE")
    assert ("SDN", "SSD") in agree
    assert all("ARL" not in pair for pair in agree)


# -- a nationality adjective of the trigger's own noun names whom the act is done to
def test_summoned_envoy_is_the_target_and_the_announcer_the_source():
    assert ("TUR", "SWE") in dyads(code("أعلنت وزارة الخارجية التركية استدعاء السفير السويدي في أنقرة."), "ACCUSE")


def test_announced_summons_keeps_the_dyad_of_the_plain_verb():
    plain = dyads(code("استدعت وزارة الخارجية التركية السفير السويدي في أنقرة."), "ACCUSE")
    announced = dyads(code("أعلنت وزارة الخارجية التركية استدعاء السفير السويدي في أنقرة."), "ACCUSE")
    assert plain == announced


# -- "من" right after an act noun names its doer
def test_attack_from_gunmen_names_the_doer():
    events = code("وتعرضت دورية للجيش اللبناني لهجوم من مسلحين سوريين قرب الحدود أسفر عن مقتل جنديين.")
    assert ("SYR", "LBN") in dyads(events, "ASSAULT")


def test_passive_with_from_keeps_the_dyad_of_the_active():
    active = code("وهاجم مسلحون سوريون دورية للجيش اللبناني قرب الحدود وقتلوا جنديين.")
    passive = code("وتعرضت دورية للجيش اللبناني لهجوم من مسلحين سوريين قرب الحدود أسفر عن مقتل جنديين.")
    assert ("SYR", "LBN") in dyads(active, "ASSAULT") & dyads(passive, "ASSAULT")


# -- an act noun as the subject after a verb: its adjective names the verb's doer
def test_strikes_of_a_state_as_subject_make_that_state_the_doer():
    events = code("واستهدفت غارات إسرائيلية مواقع في ريف دمشق أسفرت عن مقتل خمسة جنود سوريين.")
    assert ("ISR", "SYR") in dyads(events, "ASSAULT")
    assert all(e.target != "ISR" for e in events)


# -- an international body as the target: the state where the act happens is not the target
def test_protest_against_an_international_court_does_not_target_the_host_state():
    base = "واحتشد مئات المحتجين أمس في نيروبي للتنديد بقرار {}، وفق ما أفاد شهود."
    assert any(e.target == "KEN" for e in code(base.format("الحكومة")) if e.type == "PROTEST")
    assert all(e.target != "KEN" for e in code(base.format("المحكمة الجنائية الدولية")) if e.type == "PROTEST")


# -- verbs of deciding and renewing a measure take a verbal noun whose doer is their subject
def test_renewed_ban_has_the_renewing_government_as_source():
    vso = code("جددت الحكومة الهولندية أمس حظر بيع الأسلحة إلى الحكومة المصرية لعام آخر.")
    svo = code("الحكومة الهولندية تجدد حظر بيع الأسلحة إلى الحكومة المصرية.")
    assert ("NLD", "EGY") in dyads(vso, "SANCTION") & dyads(svo, "SANCTION")


# -- one act told twice in a sentence: the partial telling is part of the whole one
def test_second_mention_of_the_same_strikes_is_not_a_separate_one_sided_event():
    events = [e for e in code("وشنت الطائرات الإسرائيلية غارات على جنوب لبنان، وقالت مصادر إن الغارات الإسرائيلية "
                              "أسفرت عن مقتل خمسة أشخاص.") if e.type == "ASSAULT"]
    assert ("ISR", "LBN") in dyads(events)
    assert all(e.source and e.target for e in events)


def test_one_sided_event_of_another_source_is_kept():
    events = code("وشنت الطائرات الإسرائيلية غارات على جنوب لبنان، فيما أطلقت حركة حماس صواريخ.")
    sources = {e.source for e in events if e.type == "ASSAULT"}
    assert {"ISR", "HAMAS"} <= sources


# -- a city after من right after the speaker is where the speaker speaks from
def test_city_the_speaker_speaks_from_is_not_the_target():
    assert all(e.target != "BEL" for e in code("ودعت فرنسا أمس من بروكسل إلى وقف القتال."))
    assert ("IRN", "IRQ") not in dyads(code("وطالب وزير الخارجية الإيراني من بغداد بانسحاب القوات الأجنبية."))


def test_withdrawal_from_a_capital_still_targets_its_state():
    assert ("USA", "IRQ") in dyads(code("وانسحبت القوات الأمريكية من بغداد."), "RETREAT")


# -- killed in an act of someone: the doer of the act killed them
def test_killed_in_an_attack_carried_out_by_gunmen_names_them_the_doer():
    events = code("وقتل خمسة جنود باكستانيين في هجوم نفذه مسلحون أفغان على موقع عسكري قرب الحدود.")
    assert ("AFG", "PAK") in dyads(events, "ASSAULT")


def test_killed_by_a_strike_of_a_state_names_it_the_doer():
    assert ("ISR", "SYR") in dyads(code("وقتل ثلاثة جنود سوريين بغارة إسرائيلية قرب دمشق، بحسب مصادر عسكرية."), "ASSAULT")


def test_killed_in_an_attack_of_no_named_doer_has_no_source():
    events = code("وقتل خمسة جنود باكستانيين في هجوم على موقع عسكري قرب الحدود.")
    assert all(e.source is None for e in events if e.type == "ASSAULT")


# -- a secretary-general "of" an organisation is one actor, a member of a list of condemners
def test_secretary_general_of_an_organisation_condemns_and_is_not_condemned():
    events = code("ودانت الأردن والكويت، والأمين العام لمجلس التعاون الخليجي، الهجوم الإيراني على السفارة السعودية.")
    accused = dyads(events, "ACCUSE")
    assert {("JOR", "IRN"), ("KWT", "IRN")} <= accused
    assert all(target != "GCC" for _, target in accused)


def test_adding_a_member_to_the_list_of_condemners_adds_its_pair():
    two = dyads(code("ودانت الأردن والكويت الهجوم الإيراني على السفارة السعودية."), "ACCUSE")
    three = dyads(code("ودانت الأردن والكويت وقطر الهجوم الإيراني على السفارة السعودية."), "ACCUSE")
    assert three == two | {("QAT", "IRN")}


def test_capital_asked_with_the_trigger_own_preposition_stays_the_target():
    assert ("JPN", "USA") in dyads(code("وقالت اليابان إنها ستطلب من واشنطن إعفاءها من الرسوم."), "REQUEST")


@pytest.mark.parametrize(("scene", "meeting"), [
    ("على هامش مؤتمر باريس", "التقى وزير الخارجية الكويتي نظيره الأردني"),
    ("وفي ختام قمة القاهرة", "بحث الرئيس التونسي مع نظيره الجزائري العلاقات"),
])
def test_a_fronted_scene_phrase_names_no_subject_wherever_it_stands(scene, meeting):
    """The place at the end of a prepositional phrase before the verb is where, not who: the dyad is
    the same with the phrase before the verb or after the clause."""
    fronted = {(e.type, e.source, e.target) for e in code(f"{scene} {meeting}.")}
    after = {(e.type, e.source, e.target) for e in code(f"{meeting} {scene}.")}
    assert fronted == after and fronted
    assert all(s not in ("FRA", "EGY") for _, s, _ in fronted)


def test_a_new_clause_after_a_place_keeps_its_own_subject():
    events = code("وقال شهود في المدينة إن طائرات روسية قصفت مواقع للمعارضة.")
    assert any(e.source == "RUS" for e in events)
