"""Actor attachment: word orders, passives, "بين", joint subjects, adjectives, carried subjects, mentions."""

from __future__ import annotations

from tests.events.conftest import code, dyads, mention


def test_actors_vso_subject_then_object():
    # met (verb) – the Saudi foreign minister (subject) – his French counterpart (object)
    events = code("التقى وزير الخارجية السعودي نظيره الفرنسي في باريس.")
    assert dyads(events, "CONSULT") == {("SAU", "FRA")}


def test_actors_svo_subject_before_verb():
    # the United States imposes sanctions on Russia
    events = code("الولايات المتحدة تفرض عقوبات جديدة على روسيا.")
    assert ("USA", "RUS") in dyads(events, "SANCTION")


def test_actors_passive_doer_after_ala_yad():
    # five Palestinians were killed at the hands of the Israeli army
    events = code("قتل خمسة فلسطينيين أمس على يد الجيش الإسرائيلي في نابلس.")
    assault = [e for e in events if e.type == "ASSAULT"]
    assert ("ISR", "PSE") in dyads(assault)
    assert next(e for e in assault if e.source == "ISR").source_sector == "MIL"


def test_actors_passive_doer_after_birasas():
    # a policeman was killed by the bullets of gunmen: the victim is the target
    events = code("قتل شرطي عراقي أمس برصاص مسلحين مجهولين في الموصل.")
    assault = [e for e in events if e.type == "ASSAULT"]
    assert assault and all(e.target == "IRQ" for e in assault)


def test_actors_between_x_and_y_both_ways():
    # talks were held between Egypt and Sudan
    events = code("جرت محادثات بين مصر والسودان في القاهرة أمس.")
    assert {("EGY", "SDN"), ("SDN", "EGY")} <= dyads(events, "CONSULT")


def test_actors_joint_subject_acts_towards_each_other():
    # the United States and Japan announce a joint strategy
    events = code("أعلنت الولايات المتحدة واليابان استراتيجية مشتركة للدفاع.")
    assert {("USA", "JPN"), ("JPN", "USA")} <= dyads(events, "AGREE")


def test_actors_three_joint_subjects_give_every_pair():
    events = code("قال الرئيس إن الولايات المتحدة واليابان وأستراليا ستقيم شبكة دفاع جوي مشتركة.")
    cooperate = dyads(events, "COOPERATE")
    assert {("USA", "JPN"), ("USA", "AUS"), ("JPN", "AUS")} <= cooperate


def test_actors_demonym_adjective_codes_its_noun():
    # Israeli aircraft launched raids on southern Lebanon
    events = code("شنت طائرات إسرائيلية غارات جوية على جنوب لبنان فجر اليوم.")
    assault = next(e for e in events if e.type == "ASSAULT")
    assert (assault.source, assault.target, assault.source_sector) == ("ISR", "LBN", "MIL")


def test_actors_american_forces_are_usa_military():
    events = code("اعتقلت القوات الأمريكية قياديا عراقيا في بغداد.")
    coerce = next(e for e in events if e.type == "COERCE")
    assert (coerce.source, coerce.source_sector, coerce.target) == ("USA", "MIL", "IRQ")


def test_actors_pronoun_dropped_subject_from_previous_sentence():
    # s1: the Egyptian president met the French president; s2: "and he condemned …" (no subject); the
    # condemnation is aimed at who made the attack when it is named, not at the embassy it hit
    body = "التقى الرئيس المصري نظيره الفرنسي في القاهرة. وأدان الهجوم الإيراني على السفارة الفرنسية في بغداد."
    events = code(body)
    accuse = [e for e in events if e.type == "ACCUSE"]
    assert [(e.sentence, e.source, e.target) for e in accuse] == [(1, "EGY", "IRN")]


def test_actors_host_receives_the_visitor():
    # "استقبل": the visitor is the source of the visit
    events = code("استقبل ملك الأردن وزير الخارجية الياباني في عمان.")
    assert ("JPN", "JOR") in dyads(events, "CONSULT")


def test_actors_person_mention_with_country():
    body = "استقبل زيد الفلاني السفير الياباني أمس."
    events = code(body, [mention(body, "زيد الفلاني", "PER", "OMN", "person")])
    assert ("JPN", "OMN") in dyads(events, "CONSULT")


def test_actors_city_mention_stands_for_its_state():
    body = "أعلنت واشنطن فرض عقوبات على طهران."
    mentions = [mention(body, "واشنطن", "LOC", "USA", "city"), mention(body, "طهران", "LOC", "IRN", "city")]
    assert ("USA", "IRN") in dyads(code(body, mentions), "SANCTION")


def test_actors_international_organisation_code():
    events = code("طالب مجلس الأمن الدولي إيران بالتعاون مع المفتشين.")
    assert ("UNSC", "IRN") in dyads(events, "REQUEST")


def test_actors_relations_between_two_adjectives():
    # described Iranian-Kuwaiti relations as friendly
    events = code("ووصف وزير الخارجية الإيراني العلاقات الإيرانية الكويتية بأنها ودية.")
    assert ("IRN", "KWT") in dyads(events, "SUPPORT")


def test_actors_headline_speaker_before_colon():
    events = code("نص.", headline="بريطانيا: نختلف مع القرار الأمريكي")
    assert ("GBR", "USA") in dyads(events, "REJECT")


def test_actors_speaker_accuses_the_aggressor():
    # stressed the need to stop the Israeli aggression: Kuwait accuses Israel (not Israel → Palestine)
    events = code("وأكد وزير الخارجية الكويتي ضرورة وقف العدوان الإسرائيلي على غزة.")
    assert dyads(events, "ACCUSE") == {("KWT", "ISR")}


def test_actors_noun_takes_the_subject_of_its_verb():
    # the fund signed a loan agreement with Sri Lanka: the fund is also the source of the loan
    events = code("وقع الصندوق الكويتي للتنمية اتفاقية قرض مع جمهورية سريلانكا.")
    assert ("KWT", "LKA") in dyads(events, "AGREE")
    assert ("KWT", "LKA") in dyads(events, "AID")


def test_actors_verbal_noun_after_preposition_takes_its_adjective_as_doer():
    # "في قصف إسرائيلي": in an Israeli shelling (a noun, not "he shelled an Israeli")
    events = code("قتل 11 مواطنا أمس في قصف إسرائيلي استهدف منزلا في بلدة جباليا.")
    assert ("ISR", "PSE") in dyads(events, "ASSAULT")
    assert all(e.target != "ISR" for e in events)


def test_actors_family_name_is_no_actor():
    body = "قتل ثلاثة أشخاص أمس في قصف إسرائيلي لمنزل عائلة الزيان في غزة."
    events = code(body, [mention(body, "الزيان", "PER", "BHR", "person")])
    assert all("BHR" not in (e.source, e.target) for e in events)
