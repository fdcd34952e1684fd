"""How far an act reaches for its parties and objects: "بين X و Y" belongs to the nearest act before it,
a mediator acts on both sides, a verb's plain object is the one addressed, a backer is no object, and
the doer of a rejected act is the rejection's target. Wording composed for these tests."""

from __future__ import annotations

import pytest

from khabar.pipeline import read
from tests.events.conftest import dyads


def _events(text: str):
    return read(text, plain=True).events


def _pairs(text: str) -> set[tuple[str | None, str | None, str]]:
    return {(e.source, e.target, e.type) for e in _events(text)}


# -- "بين X و Y" names the parties of the nearest act before it, not of an act further back
@pytest.mark.parametrize("text,far", [
    ("وقال الوزير إن الزعيمين اتفقا على مواصلة التشاور بعد مناقشة نتائج القمة بين مصر والأردن.", "اتفقا"),
    ("وطلبت فرنسا عقد الجلسة لمناقشة التقارير المتعلقة بالحادث الذي أدى إلى سلسلة خطوات متبادلة بين تركيا "
     "واليونان.", "عقد"),
])
def test_between_after_another_act_or_far_off_is_not_this_acts(text, far):
    sides = {"EGY", "JOR", "TUR", "GRC"}
    assert not any(far in e.trigger and e.target in sides for e in _events(text))


@pytest.mark.parametrize("text", [
    "وعقدت أمس في جنيف محادثات بين إيران وفرنسا.",
    "ووقع الجانبان اتفاقية للتعاون الاقتصادي بين مصر والأردن.",
])
def test_between_close_after_its_act_names_both_sides(text):
    pairs = {(s, t) for s, t, _ in _pairs(text)}
    sides = {s for s, t in pairs if s and t}
    assert len(sides) == 2 and all((t, s) in pairs for s, t in pairs if s in sides and t in sides)


def test_between_of_a_later_act_is_no_object_of_the_earlier_one():
    # the summit's sides are not what the two leaders agreed with
    events = _events("وذكرت الوكالة أن الزعيمين توصلا إلى تفاهم حول نزع السلاح بعد مناقشة نتائج القمة بين "
                     "كوريا الشمالية والولايات المتحدة.")
    assert all(e.target is None for e in events if e.type == "AGREE")


# -- a mediator acts on each side (CAMEO 045); the sides are not coded as meeting each other
@pytest.mark.parametrize("text,mediator", [
    ("وتوسطت مصر بين إسرائيل وحركة حماس للتوصل إلى هدنة.", "EGY"),
    ("ويقوم الدبلوماسي الأميركي بالوساطة بين لبنان وإسرائيل منذ أشهر.", "USA"),
    ("وعرضت قطر وساطتها بين السعودية وإيران.", "QAT"),
])
def test_mediator_acts_on_both_sides(text, mediator):
    consult = dyads(_events(text), "CONSULT")
    assert len({t for s, t in consult if s == mediator}) == 2
    assert all(s == mediator for s, t in consult)


# -- a verb's plain object is the one addressed: a state named in what it is asked or backed to do is not
@pytest.mark.parametrize("text", [
    "دعا وزير الخارجية البريطاني شركاء بلاده إلى المساعدة على تشديد القيود المفروضة على روسيا.",
    "وطالبت الحكومة اللبنانية المجتمع الدولي بالضغط على إسرائيل لوقف خروقاتها.",
    "وأيدت الرئاسة الروسية المقاربات الجادة، وذلك بعد سلسلة من التصريحات للرئيس الأميركي.",
])
def test_state_in_the_content_is_not_the_addressee(text):
    events = [e for e in _events(text) if e.type in ("REQUEST", "SUPPORT")]
    assert events and all(e.target is None for e in events)


@pytest.mark.parametrize("text,pair", [
    ("دعت مصر إسرائيل إلى وقف التصعيد.", ("EGY", "ISR")),
    ("وأيدت فرنسا الموقف السعودي من الأزمة.", ("FRA", "SAU")),
    ("ورفض الوزير الإسرائيلي الإقرار بحق الفلسطينيين في دولة مستقلة.", ("ISR", "PSE")),
    ('وطلب وفد الصين إجراء "مشاورات" مع واشنطن بشأن الرسوم.', ("CHN", "USA")),
])
def test_addressee_or_owner_in_the_objects_phrase_is_kept(text, pair):
    events = _events(text)
    assert pair in {(e.source, e.target) for e in events}


def test_verb_at_the_end_of_a_sentence_codes_without_error():
    events = _events("وطلبت مصر")
    assert [(e.type, e.source, e.target) for e in events] == [("REQUEST", "EGY", None)]


def test_phrase_after_a_preposition_is_not_a_subject_before_the_verb():
    # "في المقابل" is a phrase, not a noun subject: the president after the verb is the subject
    events = _events("في المقابل يدعو الرئيس الكوري الجنوبي إلى الحوار.")
    assert [e.source for e in events if e.type == "REQUEST"] == ["KOR"]


# -- a group's backer is not the object of the group's act
@pytest.mark.parametrize("backer", ["المدعومة من إيران", "الموالية لإيران"])
def test_backer_of_a_group_is_no_target(backer):
    events = _events(f"واقتحمت ميليشيات الحوثي {backer} بلدتين في ريف المحافظة.")
    assert events and all(e.target != "IRN" for e in events)


def test_what_belongs_to_a_state_is_still_hit_with_it():
    events = _events("وقصفت الطائرات الإسرائيلية مواقع تابعة للنظام السوري.")
    assert ("ISR", "SYR") in dyads(events, "ASSAULT")


# -- the doer of a rejected or condemned act, named after من قبل, is its target
@pytest.mark.parametrize("text,pair", [
    ("ورفض السفير التركي استدعاءه من قبل الخارجية اليونانية للاحتجاج على تصريحاته.", ("TUR", "GRC")),
    ("وأدانت الأردن اقتحام المسجد من قبل القوات الإسرائيلية.", ("JOR", "ISR")),
])
def test_doer_of_a_rejected_act_is_the_target(text, pair):
    assert pair in {(e.source, e.target) for e in _events(text)}


# -- a preposition with a pronoun after the verb is its object: the actor after it is the subject
@pytest.mark.parametrize("text,source", [
    ("وهو مقترح ترحب به فرنسا.", "FRA"),
    ("وهي خطة تحفظت عليها ألمانيا.", "DEU"),
])
def test_actor_after_a_pronoun_object_is_the_subject(text, source):
    events = _events(text)
    assert events and {e.source for e in events} == {source} and all(e.target is None for e in events)


def test_parties_after_a_pronoun_object_agree_jointly():
    events = _events("وقال إن خطة اتفقت عليها المستشارة الألمانية والرئيس الفرنسي ستحمي اليورو.")
    assert {("DEU", "FRA"), ("FRA", "DEU")} <= dyads(events, "AGREE")


def test_actor_after_fi_with_a_pronoun_is_still_the_object():
    events = _events("وكان الوزير الفلسطيني كتب مقالا اتهم فيه مسؤولين أميركيين بالانحياز.")
    assert ("PSE", "USA") in dyads(events, "ACCUSE")


def test_second_verb_joined_by_wa_opens_its_own_clause():
    # the welcome names no object: what follows the second verb is that verb's
    events = _events("وهو اهتمام ترحب به مصر وتتحفظ عليه إثيوبيا.")
    assert ("EGY", "ETH") not in dyads(events)
    assert {e.source for e in events if e.type == "REJECT"} == {"ETH"}


# -- an act given as the reason for another is not done by the other's subject
def test_act_named_as_a_reason_is_not_the_subjects():
    events = _events("وكان رئيس الوزراء البريطاني هدد بتوجيه ضربة إلى الحكومة السورية ردا على هجوم كيمياوي "
                     "استهدف بلدة في ريف دمشق.")
    assert ("GBR", "SYR") in dyads(events, "THREATEN")
    assert all(e.source != "GBR" for e in events if e.type == "ASSAULT")


# -- an arrest's plain object is who is arrested: a state named in what they did is not the target
def test_state_in_what_the_arrested_did_is_not_the_target():
    events = _events('وقال الجيش الأردني إنه يعتقل "متشددين" حاولا التسلل إلى سوريا.')
    assert events and all(e.target != "SYR" for e in events if e.type == "COERCE")


def test_arrest_in_a_state_still_has_it_as_where():
    events = _events("واعتقلت الشرطة شخصين في العراق.")
    assert [e.target for e in events if e.type == "COERCE"] == ["IRQ"]


# -- an attack named as the time or cause of another act is not done by that act's subject
def test_attack_after_a_framing_word_is_not_the_requesters():
    events = _events("وطلبت بريطانيا عقد اجتماع طارئ لمجلس الأمن الدولي بعد إطلاق صواريخ من جنوب لبنان على "
                     "شمال إسرائيل.")
    assert all(e.source != "GBR" for e in events if e.type == "ASSAULT")


def test_means_of_ones_own_act_keeps_its_doer():
    events = _events("وشن الرئيس الأميركي حربا تجارية من خلال فرض رسوم جمركية على منتجات كندية.")
    assert ("USA", "CAN") in dyads(events, "SANCTION")


# -- the place named right after the subject is where the subject is, not the object
def test_place_of_the_subject_is_not_the_object():
    events = _events("ورحبت السفارة الفلسطينية في الجزائر بالقرار.")
    assert [(e.source, e.target) for e in events if e.type == "SUPPORT"] == [("PSE", None)]


# -- two nationality words side by side are two adjectives of one noun only when both carry the article
def test_indefinite_people_after_a_definite_adjective_are_the_object():
    events = _events("اعتقلت القوات الإسرائيلية فلسطينيين في الضفة الغربية.")
    assert dyads(events, "COERCE") == {("ISR", "PSE")}


# -- a state's name with the accusative tanween is the adjective of the noun before it: who is acted on
def test_adjective_after_the_object_noun_is_the_target_not_the_doer():
    events = _events("وقال مسؤول إن الحكومة تدرس طرد 23 دبلوماسياً روسياً.")
    assert [e.target for e in events if e.type == "SANCTION"] == ["RUS"]
    assert all(e.source != "RUS" for e in events)


# -- the one whose decision a pronoun names does the act, before the sentence's speaker
def test_decider_comes_before_the_speaker():
    events = _events("وأبلغ الرئيس الفرنسي نظيره الأميركي بأن قراره فرض رسوم على استيراد الصلب من الاتحاد الأوروبي خطأ.")
    assert [e.source for e in events if e.type == "SANCTION"] == ["USA"]


# -- a currency's nationality adjective names the currency, not a party
def test_currency_adjective_is_no_party():
    events = _events("وأعلنت الإمارات تخصيص مبلغ 5 ملايين دولار أميركي لتوفير أدوية للمتضررين.")
    assert events and all(e.target != "USA" for e in events)


# -- the states a visit names are each visited; they do not meet one another
def test_states_listed_after_a_visit_verb_do_not_meet_each_other():
    events = _events("وسيكون الرئيس في جولة بأوروبا حيث سيزور فرنسا وإيطاليا وبلجيكا.")
    assert not any(e.source and e.target for e in events if e.type == "CONSULT")


# -- a clause opened by عندما holds its own places and objects
def test_place_in_a_when_clause_is_not_the_target():
    events = _events("وكان الرئيس الأميركي قد انتقد مستشاره عندما قال في منتدى بألمانيا إن التدخل كان ثابتا.")
    assert all(e.target != "DEU" for e in events)


# -- an accusation's plain object is the one accused; the subject's own adjective is not its object
def test_accused_is_the_plain_object_past_the_subjects_adjective():
    events = _events("اتهمت الحكومة اليمنية الشرعية، الجمعة، ميليشيات الحوثي بعرقلة عمل المنظمات الإغاثية.")
    assert ("YEM", "HOUTHI") in dyads(events, "ACCUSE")


def test_state_in_what_a_criticised_report_tells_is_not_the_target():
    events = _events("انتقد الرئيس الفرنسي تقارير إعلامية تحدثت عن مضمون لقائه مع نظيره الأميركي.")
    assert all(e.target != "USA" for e in events if e.type == "ACCUSE")


# -- a word whose hamza folding drops is no nationality adjective it folds into
def test_word_with_a_dropped_hamza_is_no_adjective():
    events = _events("واتهمت الحكومة الفلبينية 3 رؤساء بلديات بالتورط في تجارة المخدرات.")
    assert events and all(e.target != "RUS" for e in events)


# -- an organisation's one-word name codes only where the entity layer names it
def test_an_opening_is_no_party():
    events = _events("وطالبت المنظمة الحكومة المصرية بضرورة فتح تحقيقات فورية.")
    assert all("PF6233" not in (e.source, e.target) and "FATAH" not in (e.source, e.target) for e in events)


# -- a state's name spelled as the feminine adjective after a definite feminine noun is the adjective
def test_feminine_adjective_spelled_as_a_state_codes_its_noun():
    events = _events("وشكرت الناشطة السعودية، منال الشريف، كندا على موقفها.")
    assert ("SAU", "CAN") in dyads(events, "SUPPORT")


def test_state_after_a_masculine_title_is_the_object():
    events = _events("وزار الوزير الفرنسي السعودية أمس.")
    assert ("FRA", "SAU") in dyads(events, "CONSULT")


# -- a group's backer inside its own phrase does not make it the backer's
def test_backer_in_the_groups_phrase_does_not_code_the_group():
    events = _events("واتهمت الفصائل الموالية لتركيا الحكومة السورية بخرق الهدنة.")
    assert [e.target for e in events if e.type == "ACCUSE"] == ["SYR"]
    assert all(e.source != "TUR" for e in events)


def test_supreme_leader_is_his_states_official():
    events = _events("وندد المرشد الأعلى الإيراني بشدة بالضربات التي شنتها الدول الغربية على سوريا.")
    assert [e.source for e in events if e.type == "ACCUSE"] == ["IRN"]


def test_object_after_a_subject_closed_by_a_comma_is_still_the_addressee():
    events = _events("دعا الأمين العام للأمم المتحدة أنطونيو غوتيريس، الأطراف الموقعة على الاتفاق مع إيران إلى "
                     "الالتزام بتعهداتها.")
    assert all(e.target != "IRN" for e in events if e.type == "REQUEST")


# -- what a condemnation is timed by is not what it condemns; its cause is
def test_state_after_a_time_reason_is_not_condemned():
    events = _events("وتعرض الرئيس لعاصفة انتقادات أمريكية إثر تودده لبوتين في القمة.")
    assert all(e.target != "RUS" for e in events if e.type == "ACCUSE")


# -- a final ta marbuta is no pronoun: the noun is read as the noun
@pytest.mark.parametrize("text", [
    "إنقاذ طالبة باكستانية وإعادتها إلى إيطاليا بعد احتجازها",  # a student, not "he asked him"
    "واعتقلت الشرطة طالبة سورية في تركيا.",
    "وقال إن دعاة الحرب في واشنطن يخططون لضربة جديدة.",  # advocates, not "he called him"
])
def test_noun_ending_in_ta_marbuta_is_no_verb_with_a_pronoun(text):
    assert all(e.type != "REQUEST" for e in _events(text))


def test_verbal_noun_with_ta_marbuta_keeps_its_adjective_as_the_doer():
    events = _events("وصدرت إشادة أميركية بما وصفته واشنطن بضبط النفس الإسرائيلي.")
    assert [e.source for e in events if e.type == "SUPPORT"] == ["USA"]


# -- the people listed as a protest's participants are none of them its target
def test_participants_listed_with_and_are_not_the_target():
    events = _events("وتجمع المحتجون من سوريين ومتضامنين أوروبيين وأتراك أمام السفارة ضد القرار.")
    assert [e.source for e in events if e.type == "PROTEST"] == ["SYR"]
    assert all(e.target != "TUR" for e in events if e.type == "PROTEST")


# -- the pronoun on a noun of wounding or arrest is the one wounded or arrested
def test_possessive_of_a_wounding_noun_is_the_victim():
    events = _events("وقال المتحدث إن الفتى الفلسطيني توفي متأثرا بإصابته برصاصة في الصدر.")
    assert all(e.source != "PSE" for e in events if e.type == "ASSAULT")


# -- a public authority, committee or commission named with a nationality acts for its state
def test_authority_with_a_nationality_is_its_states_official():
    events = _events("ونفت هيئة الطيران المدني الإماراتي، الأحد، ما تداولته وسائل إعلام تابعة لجماعة الحوثي.")
    assert [e.source for e in events if e.type == "REJECT"] == ["ARE"]


# -- unnamed sources of a state tell of an act; they are not its actor
def test_sources_named_by_a_nationality_are_no_speaker_acting():
    events = _events("مصادر أردنية: هدنة تمهد لمصالحة جنوبي سوريا")
    assert all(e.source != "JOR" for e in events)


def test_a_ministry_before_a_colon_still_speaks():
    events = _events("الخارجية الأردنية: ندعو إلى وقف فوري لإطلاق النار في الجنوب السوري")
    assert {e.source for e in events if e.type == "REQUEST"} == {"JOR"}


# -- a condemned act's doer named in a relative clause past the act's own words, after "في بيان"
def test_doer_of_a_condemned_act_past_its_adjectives():
    events = _events("ودان البيت الأبيض في بيان الهجمات الاستفزازية بالصواريخ التي قام بها النظام الإيراني من سوريا.")
    assert [e.target for e in events if e.type == "ACCUSE"] == ["IRN"]
    quoted = _events('ودان البيت الأبيض في بيان "الهجمات الاستفزازية بالصواريخ التي قام بها النظام الإيراني من سوريا".')
    assert [e.target for e in quoted if e.type == "ACCUSE"] == ["IRN"]
