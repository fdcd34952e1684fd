"""The entity step without the tagger: knowledge-base names, clitics, spelling variants, titles
resolved on the article's date, nationality adjectives, institutions, short names."""

from __future__ import annotations

import datetime as dt

import pytest

from khabar.article import Mention
from khabar.entities.gazetteer import default_gazetteer
from khabar.entities.link import find_mentions, group_entities, link_entities
from khabar.pipeline import read
from khabar.resources import Resources
from khabar.text.tokens import tokenize


def mentions_of(text: str, spans=()):
    tokens = tokenize(text)
    found, _ = find_mentions(text, tokens, list(spans), default_gazetteer())
    return found


def names(text: str, spans=()):
    return [(m.text, m.type, m.name_en, m.country) for m in mentions_of(text, spans)]


@pytest.mark.parametrize(("text", "surface", "name_en"), [
    ("وصل الوفد إلى الولايات المتحدة الأمريكية", "الولايات المتحدة الأمريكية", "United States"),
    ("وقعت والولايات المتحدة الاتفاق", "الولايات المتحدة", "United States"),   # و attached
    ("سافر بالسعودية أمس", "السعودية", "Saudi Arabia"),                           # ب attached
    ("قدمت للأمم المتحدة تقريرا", "للأمم المتحدة", "United Nations"),           # لل kept whole
    ("انضمت أستراليا واستراليا", "أستراليا", "Australia"),                        # hamza variants
    ("عقد مجلس الأمن الدولي جلسة", "مجلس الأمن الدولي", "United Nations Security Council"),
])
def test_link_names_with_clitics_and_variants(text, surface, name_en):
    found = {m.text: m.name_en for m in mentions_of(text)}
    assert found.get(surface) == name_en


def test_link_spelling_variants_share_one_entity():
    text = "زار ترامب الرياض ثم عاد ترمب إلى واشنطن"
    mentions, entities = group_entities(mentions_of(text))
    trump = [e for e in entities if e.name_en == "Donald Trump"]
    assert len(trump) == 1 and len(trump[0].mentions) == 2


def test_link_single_word_city_needs_evidence():
    # "الزاوية" is a Libyan city and also "corner": alone it is not trusted
    assert not [m for m in mentions_of("يظل حجر الزاوية للسلام في المنطقة") if m.text == "الزاوية"]
    assert names("وقع انفجار في مدينة الزاوية") == [("الزاوية", "LOC", "Zawiya", "LBY")]


def test_link_a_city_with_ba_glued_before_it_is_in_a_place():
    # "ب" glued to a city's name without the article reads "in": as good a trigger as "في"
    assert [n[:3] for n in names("وعقد الوزيران اجتماعهما أمس بجدة")] == [("جدة", "LOC", "Jeddah")]
    assert [n[:3] for n in names("وعقد الوزيران اجتماعهما أمس في جدة")] == [("جدة", "LOC", "Jeddah")]
    assert not names("وعقد الوزيران اجتماعهما أمس جدة")  # no trigger: one word may be a common noun


def test_link_tagger_span_beats_a_surname_in_the_kb():
    text = "استقبل الوزير السفيرة ليزا جونسون"
    tokens = tokenize(text)
    first = [t.text for t in tokens].index("ليزا")
    found = names(text, [(first, first + 2, "PER")])
    lisa = [m for m in mentions_of(text, [(first, first + 2, "PER")]) if m.text == "ليزا جونسون"]
    assert lisa and lisa[0].id is None and lisa[0].name_from == "romanised"
    assert not any(n[0] == "جونسون" for n in found)


@pytest.mark.parametrize(("text", "org", "name_en", "country"), [
    ("قالت وزارة الخارجية الروسية في بيان", "وزارة الخارجية الروسية", "Ministry of Foreign Affairs (Russia)", "RUS"),
    ("وأعلنت الحكومة البريطانية اليوم", "الحكومة البريطانية", "Government of the United Kingdom", "GBR"),
    ("وقعت حكومة سريلانكا الاتفاقية", "حكومة سريلانكا", "Government of Sri Lanka", "LKA"),
])
def test_link_institutions(text, org, name_en, country):
    assert (org, "ORG", name_en, country) in names(text)


@pytest.mark.parametrize(("text", "org", "name_en"), [
    ("وقالت الخارجية العراقية في بيان", "الخارجية العراقية", "Ministry of Foreign Affairs (Iraq)"),
    ("أكد المتحدث باسم الداخلية المصرية", "الداخلية المصرية", "Ministry of Interior (Egypt)"),
    ("أعلنت وزارة الخارجية والمغتربين السورية", "وزارة الخارجية والمغتربين السورية",
     "Ministry of Foreign Affairs and Emigrants (Syria)"),
])
def test_link_a_ministry_by_its_short_or_long_name(text, org, name_en):
    assert (org, "ORG", name_en) in [n[:3] for n in names(text)]


@pytest.mark.parametrize("text", ["انتقد السياسة الخارجية العراقية", "تراجعت التجارة الخارجية المصرية",
                                  "ارتفعت الديون الداخلية المصرية"])
def test_link_an_adjective_after_a_noun_is_no_ministry(text):
    assert not [m for m in mentions_of(text) if m.type == "ORG"]


def test_link_an_institution_without_its_state_is_the_one_named_before():
    found = mentions_of("استدعت وزارة الدفاع التركية السفير. وقالت وزارة الدفاع إن القرار نهائي.")
    ministries = [m for m in found if m.type == "ORG"]
    assert len(ministries) == 2 and ministries[1].text == "وزارة الدفاع"
    assert ministries[1].name_en == ministries[0].name_en == "Ministry of Defence (Turkey)"
    assert ministries[1].country == "TUR"


def test_link_title_is_not_a_institution():
    assert not [m for m in mentions_of("قال وزير الخارجية الإيراني") if m.type == "ORG"]


def test_link_an_official_of_a_ministry_names_the_ministry():
    # "وكيل وزارة": the ministry's own noun follows, so it is named (unlike "وزير الخارجية")
    found = [m.text for m in mentions_of("وحضر وكيل وزارة الصحة الاجتماع") if m.type == "ORG"]
    assert found == ["وزارة الصحة"]


def test_link_a_ministry_known_whole_is_one_mention():
    # the knowledge base's whole name wins; the head inside it is no second, shorter mention
    found = [(m.start, m.text) for m in mentions_of("وقالت وزارة الدفاع الأميركية ، أمس ، إن") if m.type == "ORG"]
    assert found == [(6, "وزارة الدفاع الأميركية")]


@pytest.mark.parametrize(("date", "person"), [
    (dt.date(2024, 4, 10), "Joe Biden"),
    (dt.date(2025, 3, 1), "Donald Trump"),
    (dt.date(2019, 6, 1), "Donald Trump"),
    (dt.date(2016, 6, 1), "Barack Obama"),
])
def test_resolve_title_to_person_by_date(date, person):
    article = read("وأكد الرئيس الامريكي دعم بلاده للاتفاق.", plain=True, date=date)
    titles = [m for m in article.references if m.kind == "title"]
    assert [m.name_en for m in titles] == [person]
    assert titles[0].text == "الرئيس الامريكي"


def test_resolve_prime_minister_of_japan_in_april_2024():
    article = read("اختتم رئيس الوزراء الياباني زيارته إلى واشنطن.", plain=True, date=dt.date(2024, 4, 10))
    assert [m.name_en for m in article.references if m.kind == "title"] == ["Fumio Kishida"]


def test_resolve_title_with_a_state_name_and_nationality_adjectives():
    article = read("التقى وزير خارجية الإمارات نظيره الأميركي.", plain=True, date=dt.date(2024, 1, 10))
    refs = {(m.kind, m.name_en) for m in article.references}
    assert ("title", "Abdullah bin Zayed Al Nahyan") in refs
    assert ("demonym", "United States") in refs


def test_short_name_takes_the_entity_of_the_full_name():
    earlier = Mention(0, 12, "سمير الحسيني", "PER")
    later = Mention(30, 37, "الحسيني", "PER")
    mentions, entities = group_entities([earlier, later])
    assert len(entities) == 1 and entities[0].mentions == (0, 1)


def test_link_entities_on_an_article_uses_the_dateline_date_and_headline():
    text = ("بايدن يستقبل كيشيدا في البيت الأبيض\n\nواشنطن - 10 - 4 (كونا) -- استقبل الرئيس الامريكي جو بايدن "
            "اليوم الاربعاء رئيس الوزراء الياباني فوميو كيشيدا في البيت الأبيض.\n")
    article = read(text, date=dt.date(2025, 1, 1))
    link_entities(article, Resources())
    head = [m for m in article.mentions if m.where == "headline"]
    assert {m.name_en for m in head} >= {"Joe Biden", "Fumio Kishida", "White House"}
    titles = {m.name_en for m in article.references if m.kind == "title"}
    assert titles == {"Joe Biden", "Fumio Kishida"}  # on 2024-04-10, the dateline's date
    ids = {e.id for e in article.entities}
    assert len(ids) == len(article.entities)


@pytest.mark.parametrize(("surface", "type_", "name_en"), [
    ("واسنطن", "LOC", "Washington, D.C."),     # ش written as س
    ("بوريال", "PER", "Josep Borrell"),         # an extra long vowel
    ("نيوأورليانز", "LOC", "New Orleans"),
])
def test_link_fuzzy_transliteration_variants(surface, type_, name_en):
    text = f"قال {surface} إن الاجتماع مهم"
    found = names(text, [(1, 2, type_)])
    assert (surface, type_, name_en) in [(n[0], n[1], n[2]) for n in found]


def test_link_fuzzy_refuses_distant_names():
    from khabar.entities.fuzzy import FuzzyNames
    from khabar.kb import load_kb

    assert FuzzyNames(load_kb()).closest("سمارا تونغا", "PER") is None


def test_link_short_acronym_needs_its_hamza():
    # "بناء" (building) and "وفاء" (loyalty) fold to the acronyms of two news agencies
    assert names("أعلنت الحكومة بناء مستشفى جديد وفاء بوعدها") == [] or \
        not [n for n in names("أعلنت الحكومة بناء مستشفى جديد وفاء بوعدها") if n[1] == "ORG"]
    assert ("وفا", "ORG", "WAFA", "PSE") in names("نقلت وكالة وفا الخبر")


def test_link_a_common_noun_alone_is_not_a_name():
    text = "انضمت اليابان إلى حلف اوكوس"
    first = [t.text for t in tokenize(text)].index("حلف")
    found = names(text, [(first, first + 1, "LOC")])
    assert not [n for n in found if n[0] == "حلف"]
    assert ("اوكوس", "ORG", "AUKUS", None) in found


@pytest.mark.parametrize(("text", "word"), [
    ("وقالت الميليشيات إنها انسحبت من المدينة", "ميليشيات"),
    ("وأعلنت المتحدة عن خطتها الجديدة", "المتحدة"),
    ("وقال بي إن الخطة جاهزة", "بي"),
])
def test_link_a_common_word_or_a_lone_letter_is_no_name(text, word):
    tokens = [t.text for t in tokenize(text)]
    first = next(i for i, t in enumerate(tokens) if word in t)
    assert not [n for n in names(text, [(first, first + 1, "ORG")]) if word in n[0]]


def test_link_spelled_out_letters_together_are_an_acronym():
    text = "وبثت قناة إم بي سي البرنامج"
    tokens = [t.text for t in tokenize(text)]
    first = tokens.index("إم")
    assert [n[0] for n in names(text, [(first, first + 3, "ORG")])] == ["إم بي سي"]


@pytest.mark.parametrize(("name", "not_en"), [
    ("عبد الفتاح القصري", "Abdel Fattah el-Sisi"),   # same given names, another family name
    ("كيم جونغ إيل", "Kim Jong Un"),                 # one short word differs
    ("محمد السلمان", "Mohammed bin Salman"),          # words that are not the name's words
    ("محمد عباس", "Mahmoud Abbas"),                   # a given name a long vowel apart is another one
    ("سعيد الحريري", "Saad Hariri"),
    ("عبدالله الباروني", "Abdullah II of Jordan"),
])
def test_link_person_words_are_not_fuzzed_into_another_person(name, not_en):
    text = f"وقال {name} إن الاجتماع مهم"
    found = names(text, [(1, 1 + len(name.split()), "PER")])
    assert found and all(n[2] != not_en for n in found)
    assert all(m.id is None for m in mentions_of(text, [(1, 1 + len(name.split()), "PER")]))


def test_link_person_words_agree_with_a_spelling_variant():
    from khabar.entities.fuzzy import words_agree
    from khabar.kb import load_kb, match_key

    putin = next(e for e in load_kb().entries("person") if e.name_en == "Vladimir Putin")
    assert words_agree(match_key("فلاديمير بوتن"), putin)
    assert not words_agree(match_key("فلاديمير سولوفيوف"), putin)


@pytest.mark.parametrize(("name", "name_en"), [
    ("كيم جون أون", "Kim Jong Un"),     # a final ng written "ن"
    ("كيم جونج اون", "Kim Jong Un"),
    ("تشي جينبنغ", "Xi Jinping"),       # "تش" for "ش", a long vowel left out
])
def test_link_transliteration_variants_of_foreign_names(name, name_en):
    text = f"وقال {name} إن الاجتماع مهم"
    found = names(text, [(1, 1 + len(name.split()), "PER")])
    assert [n[2] for n in found] == [name_en]


def test_spelling_variant_keeps_the_ends_and_the_letters():
    from khabar.entities.fuzzy import spelling_variant

    assert spelling_variant("جونغ", "جون") and spelling_variant("تشي", "شي")
    assert spelling_variant("بوريال", "بوريل")
    assert not spelling_variant("بوتينا", "بوتين")   # another ending
    assert not spelling_variant("كونغ", "جونغ")      # another first letter
    assert not spelling_variant("إيل", "أون")


@pytest.mark.parametrize(("text", "word"), [
    ("ارتفع سعر الدولار اليوم", "الدولار"),          # a currency
    ("بلغ سعر الريال السعودي مستوى جديدا", "الريال السعودي"),  # a currency with its state
    ("جرت الانتخابات في كانون الثاني", "كانون الثاني"),  # a month
    ("قطع الموكب عشرين كيلومترا", "كيلومترا"),        # a unit
])
def test_link_currencies_units_and_months_are_not_entities(text, word):
    tokens = tokenize(text)
    first = [t.text for t in tokens].index(word.split()[0])
    spans = [(first, first + len(word.split()), "ORG"), (first, first + len(word.split()), "PER")]
    for span in spans:
        assert not [m for m in mentions_of(text, [span]) if m.text == word]


def test_link_a_given_name_cut_by_a_hashtag_joins_its_name():
    text = "قال دونالد #ترمب إن الاتفاق سيئ"
    tokens = tokenize(text)
    words = [t.text for t in tokens]
    given = words.index("دونالد")
    found = mentions_of(text, [(given, given + 1, "PER")])
    assert len([m for m in found if m.type == "PER"]) == 1
    joined = next(m for m in found if m.type == "PER")
    assert joined.text.startswith("دونالد") and joined.text.endswith("ترمب")
    assert joined.name_en == "Donald Trump"


def test_link_a_given_name_alone_is_no_entity():
    article = read("وقال محمد إن الاجتماع كان مثمرا.", date=dt.date(2024, 1, 1))
    assert not [m for m in article.mentions if m.text == "محمد"]
    # the same word as the start of a full name earlier is that person
    article = read("قال محمد بن سلمان إن الاتفاق مهم. وأضاف محمد أن البلدين شريكان.",
                   date=dt.date(2024, 1, 1))
    assert all(m.name_en == "Mohammed bin Salman" for m in article.mentions if m.text.startswith("محمد"))


def test_link_a_lone_family_name_needs_the_full_name_a_title_or_the_office():
    text = "وقال أوباما إن الاتفاق مهم."
    obama = "Barack Obama"
    in_office = read(text, date=dt.date(2012, 6, 1))
    assert [m.name_en for m in in_office.mentions if m.text == "أوباما"] == [obama]
    recently = read(text, date=dt.date(2018, 6, 1))  # news go on naming a past leader by surname
    assert [m.name_en for m in recently.mentions if m.text == "أوباما"] == [obama]
    later = read(text, date=dt.date(2022, 6, 1))
    alone = [m for m in later.mentions if m.text == "أوباما"]
    assert alone and alone[0].id is None and alone[0].name_from == "romanised"
    named = read("قال باراك أوباما إن الاتفاق مهم. وأضاف أوباما أن الحوار ضروري.", date=dt.date(2022, 6, 1))
    assert all(m.name_en == obama for m in named.mentions if "أوباما" in m.text)


def test_link_a_person_of_another_nationality_is_not_linked():
    same = read("وقال الرئيس الروسي فلاديمير بوتين إن المحادثات مفيدة.", date=dt.date(2023, 1, 1))
    assert [m.name_en for m in same.mentions if m.type == "PER"] == ["Vladimir Putin"]
    other = read("وقال الرئيس الفرنسي فلاديمير بوتين إن المحادثات مفيدة.", date=dt.date(2023, 1, 1))
    assert all(m.id is None for m in other.mentions if m.type == "PER")


@pytest.mark.parametrize(("text", "surface", "name_en"), [
    ("قال آية الله علي خامنئي إن الاتفاق مهم", "علي خامنئي", "Ali Khamenei"),    # a title of two words
    ("وقال الملك عبد الله الثاني إن السلام ضروري", "عبد الله الثاني", "Abdullah II of Jordan"),
])
def test_link_a_persons_mention_leaves_out_honorifics(text, surface, name_en):
    article = read(text, date=dt.date(2023, 1, 1))
    assert [(m.text, m.name_en) for m in article.mentions if m.type == "PER"] == [(surface, name_en)]


def test_link_a_proclitic_the_tokeniser_kept_is_no_part_of_the_mention():
    text = "قال الوزير لبايدن إن الوقت حان"
    tokens = tokenize(text)
    at = [t.text for t in tokens].index("لبايدن")
    found = names(text, [(at, at + 1, "PER")])
    assert [(n[0], n[2]) for n in found] == [("بايدن", "Joe Biden")]


@pytest.mark.parametrize("tail", ["للصحفيين", "بالقرار"])
def test_link_a_persons_span_ends_before_a_noun_with_a_preposition(tail):
    text = f"قال سامر الخطيب {tail} إن الوقت حان"
    found = [m.text for m in mentions_of(text, [(1, 4, "PER")])]
    assert found == ["سامر الخطيب"]


def test_link_an_entity_shows_the_knowledge_base_name_not_the_form_read():
    article = read("قال ترمب إن الاتفاق سيئ. وأضاف دونالد ترامب أن المفاوضات انتهت.", date=dt.date(2019, 1, 1))
    trump = next(e for e in article.entities if e.name_en == "Donald Trump")
    assert trump.name_ar == "دونالد ترامب"  # the first Arabic name of the knowledge base
    unknown = read("وقال سامر الخطيب إن الاتفاق سيئ.", date=dt.date(2019, 1, 1))
    assert all(e.name_ar is None for e in unknown.entities if e.type == "PER")


def test_link_a_place_head_makes_the_province_of_the_town():
    found = [m for m in mentions_of("قصفت الطائرات قرى في محافظة أربيل شمالي العراق") if m.type == "LOC"]
    province = next(m for m in found if m.text == "محافظة أربيل")
    assert province.name_en == "Erbil Governorate" and province.id is None  # not the town's id


def test_link_a_camp_the_knowledge_base_knows_is_that_camp():
    found = [m for m in mentions_of("اقتحمت القوات مخيم طولكرم فجر اليوم") if m.type == "LOC"]
    assert [(m.text, m.name_en) for m in found] == [("مخيم طولكرم", "Tulkarm Camp")]


def test_link_a_place_without_a_head_stays_the_town():
    found = mentions_of("وصل الوفد إلى أربيل أمس")
    assert [(m.text, m.name_en) for m in found if m.type == "LOC"] == [("أربيل", "Erbil")]


def test_link_two_unknown_names_side_by_side_are_one_person():
    found = [m for m in mentions_of("واستقبل الوزير سيمونا ماريانا لوان، السفيرة الجديدة", [(2, 3, "PER"), (3, 5, "PER")])
             if m.type == "PER"]
    assert [m.text for m in found] == ["سيمونا ماريانا لوان"]


def test_link_a_short_name_keeps_a_first_letter_that_is_no_proclitic():
    text = "واستقبل الوزير سيمونا لوان أمس. وسبق لوان أن شغلت منصب سفيرة."
    found = [m.text for m in mentions_of(text, [(2, 4, "PER"), (7, 8, "PER")]) if m.type == "PER"]
    assert found == ["سيمونا لوان", "لوان"]
    # a real proclitic before a name met whole stays out of the mention
    text = "واستقبل الوزير سيمونا وان أمس. وقال لوان إن الزيارة مهمة."
    found = [m.text for m in mentions_of(text, [(2, 4, "PER"), (7, 8, "PER")]) if m.type == "PER"]
    assert found[-1] == "وان"


@pytest.mark.parametrize(("text", "name_en"), [
    ("وصل الوفد إلى العاصمة الأردنية عمان أمس", "Amman"),   # "the capital" before it: the city
    ("وقعت عمان والهند اتفاقا للتعاون", "Oman"),               # else the state
])
def test_link_a_city_named_like_a_state(text, name_en):
    found = [m.name_en for m in mentions_of(text) if m.text == "عمان"]
    assert found == [name_en]


def test_link_a_capital_descriptor_is_a_reference_not_a_mention():
    article = read("وصل الوفد إلى العاصمة الأردنية أمس في زيارة رسمية.", date=dt.date(2018, 5, 1))
    assert not [m for m in article.mentions if "العاصمة" in m.text]
    assert [(r.text, r.name_en) for r in article.references if r.kind == "descriptor"] == [
        ("العاصمة الأردنية", "Amman")]
    # a capital's proper name with the word stays a name
    article = read("انتقلت الوزارات إلى العاصمة الإدارية الجديدة.", date=dt.date(2023, 5, 1))
    assert [m.text for m in article.mentions] == ["العاصمة الإدارية الجديدة"]


@pytest.mark.parametrize(("name", "not_en"), [
    ("الاتحاد الآسيوي", "European Union"),     # another word of the same shape
    ("حزب الأمة", "Hezbollah"),
    ("الاتحاد السوفيتي", "African Union"),
    ("بريكست", "BRICS"),                       # one letter more is another word
])
def test_link_organisation_words_are_not_fuzzed_into_another_organisation(name, not_en):
    text = f"وأعلن {name} موقفه أمس"
    n = len(name.split())
    found = names(text, [(1, 1 + n, "ORG")])
    assert all(f[2] != not_en for f in found)


def test_link_organisation_spelling_variant_still_links():
    text = "وقالت منظمة اليونيسيف إن الأطفال بحاجة إلى مساعدة"
    found = names(text, [(2, 3, "ORG")])
    assert any(f[2] == "UNICEF" for f in found)


@pytest.mark.parametrize(("name", "not_en"), [
    ("العذراء", "Iraq"),            # an Arabic word with the article is no variant
    ("بروكلين", "Berlin"),          # a longer word is another place
    ("سالزبري", "Salzburg"),
])
def test_link_place_names_are_not_fuzzed_into_another_place(name, not_en):
    found = names(f"قال {name} إن الاجتماع مهم", [(1, 2, "LOC")])
    assert all(f[2] != not_en for f in found)


@pytest.mark.parametrize(("text", "name"), [
    ("وقال فريد زكريا إن الخطة ناجحة.", "فريد زكريا"),     # "ف" is the name's letter, "ريد" a rarer name
    ("وحضرت كارا ديليفين العرض في المدينة.", "كارا ديليفين"),  # "ك" too
    ("وقال وسامر الخطيب إن الخطة ناجحة.", "سامر الخطيب"),    # و + "سامر", not و + س + "امر"
    ("والتقى الوزير ومحمد العلي في المدينة.", "محمد العلي"),  # و is the conjunction
])
def test_link_person_name_keeps_or_drops_its_first_letter(text, name):
    article = read(text, plain=True, date=dt.date(2024, 1, 1))
    people = [m.text for m in article.mentions if m.type == "PER"]
    assert name in people



def test_words_agree_a_short_variant_word_is_an_answer_not_an_error():
    from khabar.entities.fuzzy import words_agree
    from khabar.kb import load_kb, match_key

    # "غاني" is "غني" a vowel apart but too short to tell: the words do not agree (and raise nothing)
    ghani = next(e for e in load_kb().entries("person") if "أشرف غني" in e.names_ar)
    assert words_agree(match_key("أشرف غني"), ghani)
    assert not words_agree(match_key("اشرف غاني"), ghani)


def test_link_two_people_joined_by_wa_are_two_mentions():
    # a tagger span "هاري وميغان" over two people is cut at "و" + a known name word
    text = "وحضر هاري وميغان الحفل"
    assert [n[0] for n in names(text, [(1, 3, "PER")])] == ["هاري", "ميغان"]
    # a name word that starts with و stays in its name ("أحمد وليد")
    text = "وحضر أحمد وليد الحفل"
    assert [n[0] for n in names(text, [(1, 3, "PER")])] == ["أحمد وليد"]


@pytest.mark.parametrize("title", ["الملكة", "للملكة", "الأمير", "الشيخ"])
def test_link_a_place_name_after_a_persons_title_is_a_person(title):
    # the tagger found the name (as a person or as a place): the title decides
    text = f"وأشار إلى {title} فيكتوريا في الحفل"
    at = [t.text for t in tokenize(text)].index("فيكتوريا")
    for tag in ("PER", "LOC"):
        found = names(text, [(at, at + 1, tag)])
        assert [(n[0], n[1]) for n in found] == [("فيكتوريا", "PER")]
    # without the title it stays the place
    text = "وسافر إلى فيكتوريا في الحفل"
    at = [t.text for t in tokenize(text)].index("فيكتوريا")
    assert [n[1] for n in names(text, [(at, at + 1, "LOC")])] == ["LOC"]


def test_link_a_one_word_name_never_used_as_a_name_needs_the_tagger():
    # "بنا" ("with us") is also the Bahrain News Agency's acronym: alone, a word the news never
    # uses as a name is no mention; the agency's full name still is
    article = read("وكان بنا أن ننتظر. وقالت وكالة أنباء البحرين إن الوضع هادئ.", plain=True,
                   date=dt.date(2024, 1, 1))
    texts = [m.text for m in article.mentions]
    assert "بنا" not in texts and "وكالة أنباء البحرين" in texts


def test_name_prior_reads_the_lexicon_buckets():
    from khabar.entities.link import NamePrior

    prior = NamePrior({"بنا": ("0", "0", "0", "0"), "حماس": ("0", "1", "2", "0"), "فريد": ("3", "0", "0", "0")},
                      ("tpPER", "tpLOC", "tpORG", "tpMISC"), {"فريد": 398})
    assert prior.never_a_name("بنا") and not prior.never_a_name("حماس")
    assert not prior.never_a_name("كلمة")  # not in the lexicon: nothing known
    assert prior("فريد") == (3, 398) and prior("كلمة") == (-1, 0)


def test_link_two_people_side_by_side_are_two_mentions():
    # verb, subject, object: the tagger's one span over two people is cut before the known one
    text = "واتهم الوزير سامي فريدمان حسن نصر الله بالمسؤولية"
    at = [t.text for t in tokenize(text)].index("سامي")
    found = names(text, [(at, at + 5, "PER")])
    assert [(n[0], n[2]) for n in found] == [("سامي فريدمان", "Sami Friedman"), ("حسن نصر الله", "Hassan Nasrallah")]


def test_link_a_name_bound_by_a_particle_is_not_cut():
    text = "واستقبل الملك سلمان بن عبد العزيز آل سعود الوفد"
    at = [t.text for t in tokenize(text)].index("سلمان")
    found = names(text, [(at, at + 6, "PER")])
    assert [n[0] for n in found] == ["سلمان بن عبد العزيز آل سعود"]


@pytest.mark.parametrize(("text", "word", "name"), [
    # the head "جبال" is part of the mountains' name (data/place_heads.tsv, feature)
    ("وسيطرت القوات على جبال أبو النار الاستراتيجية", "أبو", "جبال أبو النار"),
    ("والتقى الوفد محمد بن سالم في المدينة", "محمد", "محمد بن سالم"),
])
def test_link_a_span_ending_on_a_name_particle_runs_on(text, word, name):
    at = [t.text for t in tokenize(text)].index(word)
    end = at + 1 if word == "أبو" else at + 2
    found = names(text, [(at, end, "LOC" if word == "أبو" else "PER")])
    assert [n[0] for n in found] == [name]


def test_link_a_lone_word_that_starts_other_peoples_names_is_nobody():
    from khabar.entities.link import lone_surnames_checked, person_first_words
    from khabar.kb import load_kb

    kb = load_kb()
    starts = person_first_words(Resources())
    # a person in office, named by one word that also starts another person's name
    on = dt.date(2024, 1, 1)
    word, person = next((w, p) for w, ids in sorted(starts.items()) if len(ids) > 1
                        for p in sorted(ids) if kb.in_office(p, on))
    mention = Mention(0, len(word), word, "PER", "x", person, where="body", how="kb")
    kept = lone_surnames_checked([mention], [], kb, on, starts)
    assert kept[0].id is None
    # named in full in the article, it keeps the link
    full = Mention(10, 20, "اسم كامل", "PER", "x", person, where="body", how="kb")
    assert lone_surnames_checked([mention, full], [], kb, on, starts)[0].id == person


def test_link_one_word_is_no_sound_variant():
    from khabar.entities.fuzzy import words_agree
    from khabar.kb import load_kb

    putin = next(e for e in load_kb().entries("person") if e.name_en == "Vladimir Putin")
    assert not words_agree("بواتينغ", putin)   # Boateng: a final ng is no variant of a lone word
    assert words_agree("بوتن", putin)


def test_link_a_name_cut_by_a_hashtag_or_underscores():
    # one tagger span over "مايك #بومبيو" (the hashtag is white space to the tokenizer): the knowledge
    # base reads it without the hashtag
    text = "وقال الوزير مايك #بومبيو إن الاتفاق سيئ"
    at = [t.text for t in tokenize(text)].index("مايك")
    assert [n[2] for n in names(text, [(at, at + 2, "PER")])] == ["Mike Pompeo"]
    # two spans, the given names before the hashtag: one mention, the whole name's
    text = "والتقى رجب طيب #أردوغان نظيره"
    toks = [t.text for t in tokenize(text)]
    at, after = toks.index("رجب"), toks.index("أردوغان")
    found = names(text, [(at, at + 2, "PER"), (after, after + 1, "PER")])
    assert [(n[0], n[2]) for n in found] == [("رجب طيب #أردوغان", "Recep Tayyip Erdoğan")]
    # an unknown name with underscores is romanised as words
    text = "وقال #سامي_حداد إنه بريء"
    at = [t.text for t in tokenize(text)].index("سامي")
    assert names(text, [(at, at + 2, "PER")])[0][2] == "Sami Haddad"


def test_uncut():
    from khabar.entities.link import uncut

    assert uncut("مايك #بومبيو") == "مايك بومبيو"
    assert uncut("زياد_عيتاني") == "زياد عيتاني"
    assert uncut("جو بايدن") == "جو بايدن"


def test_link_a_name_particle_is_told_as_written():
    # "آبي" (Abe) folds like the particle "أبي" but is a name: its span does not run on
    text = "وأضاف آبي إن الاقتصاد ينمو"
    at = [t.text for t in tokenize(text)].index("آبي")
    assert [n[0] for n in names(text, [(at, at + 1, "PER")])] == ["آبي"]


def test_link_a_title_before_a_lone_word_keeps_its_link():
    article = read("وحضرت الملكة إليزابيث الحفل في لندن.", plain=True, date=dt.date(2018, 10, 4))
    assert [m.name_en for m in article.mentions if m.type == "PER"] == ["Elizabeth II"]


def test_link_a_verbal_noun_with_its_object_is_no_organisation():
    # "فتح المجمع" ("opening the complex") is not Fatah; "وأكدت فتح أن" still is
    article = read("وناقشت القمة إعادة فتح المجمع الصناعي. وأكدت فتح أن الوحدة ضرورية.", plain=True,
                   date=dt.date(2018, 1, 1))
    body = article.body
    starts = [m.start for m in article.mentions if m.name_en == "Fatah"]
    assert starts == [body.index("فتح أن")]


SPAIN_2018 = dt.date(2018, 6, 20)  # Pedro Sánchez heads Spain's government since 2 June 2018


def _people(text: str, on: dt.date = SPAIN_2018):
    return [(m.text, m.name_en, m.id) for m in read(text, plain=True, date=on).mentions if m.type == "PER"]


def test_link_a_common_surname_alone_is_not_the_head_of_government():
    # a footballer's surname in a match report: many people bear "سانشيز", the office is not enough
    found = _people("ولعب سانشيز مباراة قوية أمام الفريق الضيف وسجل هدفين.")
    assert [(text, id_) for text, _, id_ in found] == [("سانشيز", None)]
    assert found[0][1]  # still a person, with a romanised name


def test_link_a_common_surname_with_the_full_name_or_a_title_is_linked():
    said = "وقال سانشيز إن المحادثات مفيدة."
    assert [id_ for _, _, id_ in _people(said)] == [None]  # alone, nobody
    full = _people("وصل بيدرو سانشيز إلى بروكسل. " + said)
    assert [name for _, name, _ in full] == ["Pedro Sánchez", "Pedro Sánchez"]
    titled = _people(said.replace("سانشيز", "رئيس الوزراء الإسباني سانشيز"))
    assert [name for _, name, _ in titled] == ["Pedro Sánchez"]
    honorific = _people(said.replace("سانشيز", "السيد سانشيز"))
    assert [name for _, name, _ in honorific] == ["Pedro Sánchez"]


def test_link_a_distinctive_surname_alone_in_office_is_linked():
    # the same sentence: the office links a name few people bear, not a common one
    said = "وأبلغ {} الصحفيين أن الخطة جاهزة."
    assert [name for _, name, _ in _people(said.format("ماكرون"))] == ["Emmanuel Macron"]
    assert [id_ for _, _, id_ in _people(said.format("سانشيز"))] == [None]


def test_link_the_surname_table_holds_what_the_tool_counts():
    import importlib.util
    from pathlib import Path

    from khabar.entities.link import COMMON_SURNAME, surname_persons
    from khabar.kb import load_kb

    path = Path(__file__).resolve().parents[2] / "tools" / "surname_persons.py"
    spec = importlib.util.spec_from_file_location("surname_persons_tool", path)
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    # spellings folding alike add up, whatever the English; a bad line is skipped
    counts = tool.name_word_counts(["sanchez\tس ا ن ش ي ز\t5\n", "sanches\tس ا ن ش ي ز\t2\n",
                                    "macron\tم ا ك ر و ن\t1\n", "broken line\n", "ahmed\tأ ح م د\t3\n"])
    assert counts == {"سانشيز": 7, "ماكرون": 1, "احمد": 3}
    table = surname_persons(Resources())
    assert table["سانشيز"] >= COMMON_SURNAME > table["ماكرون"]
    assert set(table) == set(tool.one_word_names(load_kb()))


# a match report long enough for its section to be judged (text/section.py)
SPORT = ("وخاض الفريق المباراة على ملعبه في الدوري، وقال مدرب النادي إن اللاعبين قدموا أداء جيدا "
         "وإن المنتخب يستعد للبطولة. وسجل المهاجم هدف الفوز في الدقيقة الثمانين من ركلة جزاء بعد أن "
         "تعادل الفريقان في الشوط الأول، ويحتل النادي صدارة الترتيب برصيد عشرين نقطة قبل مواجهة "
         "الجولة المقبلة خارج أرضه أمام حامل اللقب في نصف نهائي الكأس. {} ")


def test_link_a_leaders_lone_surname_in_a_sport_article_is_nobody():
    # players and coaches bear leaders' surnames: in a sport article the office is not enough
    said = "وأبلغ {} الصحفيين أن الخطة جاهزة."
    assert [name for _, name, _ in _people(said.format("ماكرون"))] == ["Emmanuel Macron"]
    sport = _people(SPORT.format(said.format("ماكرون")))
    assert [(text, id_) for text, _, id_ in sport] == [("ماكرون", None)]


def test_link_a_rank_keeps_the_leaders_link_in_a_sport_article_a_courtesy_does_not():
    ranked = _people(SPORT.format("وهنأ الرئيس ماكرون الفريق."))
    assert [name for _, name, _ in ranked] == ["Emmanuel Macron"]
    courtesy = _people(SPORT.format("وهنأ السيد ماكرون الفريق."))
    assert [id_ for _, _, id_ in courtesy] == [None]


def test_link_a_given_name_before_a_leaders_surname_makes_another_person():
    # the surname alone linked (the tagger left the given name out): "محمد" is no name of the
    # president, so the two words are someone else, unlinked
    from khabar.entities.link import given_name_test, lone_surnames_checked, name_prior
    from khabar.entities.tagger import default_tagger
    from khabar.kb import load_kb

    kb = load_kb()
    macron = next(e for e in kb.entries("person") if e.name_en == "Emmanuel Macron")
    text = "وقال محمد ماكرون للصحفيين"
    at = text.index("ماكرون")
    mention = Mention(at, at + 6, "ماكرون", "PER", macron.name_en, macron.id, "FRA", where="body", how="kb")
    given = given_name_test(name_prior(default_tagger()))
    assert not given("على")  # a preposition folding like the name "علي"
    found = lone_surnames_checked([mention], [], kb, SPAIN_2018, texts={"body": text}, given=given)
    assert (found[0].text, found[0].start, found[0].id) == ("محمد ماكرون", 5, None)
    ranked = lone_surnames_checked([mention], [], kb, SPAIN_2018, texts={"body": text.replace("محمد", "الرئيس")},
                                   given=given)
    assert ranked[0].id == macron.id  # a title is no given name
    # the last word of another person's name is no given name of the word after it
    text = "وقال المدرب خالد محمد ماكرون للصحفيين"
    at = text.index("ماكرون")
    mention = Mention(at, at + 6, "ماكرون", "PER", macron.name_en, macron.id, "FRA", where="body", how="kb")
    coach = Mention(text.index("خالد"), at - 1, "خالد محمد", "PER", "Khaled Mohamed", where="body", how="ner")
    kept = lone_surnames_checked([coach, mention], [], kb, SPAIN_2018, texts={"body": text}, given=given)
    assert kept[1].id == macron.id
    # a given name the tagger found alone is joined to the name, not left beside it
    text = "وقال محمد ماكرون للصحفيين"
    alone = Mention(5, 9, "محمد", "PER", "Mohamed", where="body", how="ner")
    mention = Mention(10, 16, "ماكرون", "PER", macron.name_en, macron.id, "FRA", where="body", how="kb")
    joined = lone_surnames_checked([alone, mention], [], kb, SPAIN_2018, texts={"body": text}, given=given)
    assert [(m.text, m.id) for m in joined] == [("محمد ماكرون", None)]


def test_link_an_organisation_or_place_never_starts_with_a_word_never_in_a_name():
    from khabar.entities.link import name_prior
    from khabar.entities.tagger import default_tagger

    prior = name_prior(default_tagger())

    def found(text, word, length, tag):
        tokens = tokenize(text)
        at = tokens.words().index(word)
        mentions, _ = find_mentions(text, tokens, [(at, at + length, tag)], default_gazetteer(), prior=prior)
        return [m.text for m in mentions]

    # "تعزيز" ("strengthening") is never a name's word in the news: no organisation starts with it
    assert found("ودعا البيان إلى تعزيز التعاون بين البلدين", "تعزيز", 2, "ORG") == []
    # a proclitic the tokeniser left on a place's name does not make it a common word
    assert found("وعينت سفيرة لرومانيا في البلاد", "لرومانيا", 1, "LOC") == ["رومانيا"]
    # a head of names starts them
    assert found("وأعلنت هيئة النزاهة في البلاد", "هيئة", 2, "ORG") == ["هيئة النزاهة"]


def test_link_a_government_named_by_its_state_is_a_descriptor_not_a_mention():
    # the annotation policy: "the British government" describes, it names no entity
    article = read("وأعلنت الحكومة البريطانية أمس أنها سترسل مساعدات إلى حكومة سريلانكا.", plain=True)
    assert not [m for m in article.mentions if m.type == "ORG"]
    described = [(r.text, r.kind, r.country) for r in article.references if r.kind == "descriptor"]
    assert described == [("الحكومة البريطانية", "descriptor", "GBR"), ("حكومة سريلانكا", "descriptor", "LKA")]
    # a ministry is named, not described
    assert [m.text for m in read("وقالت وزارة الخارجية البريطانية إن", plain=True).mentions] == ["وزارة الخارجية البريطانية"]


@pytest.mark.parametrize(("text", "name", "name_en"), [
    ('وذكرت قناة "سوريا 2" أن القصف استمر', "سوريا 2", "Syria 2"),        # a state's name and a number
    ("وبث تلفزيون «الأردن» صورا للحادث", "الأردن", "Jordan TV"),           # the head's English added
    ('ونقلت وكالة "رويترز" عن مصدر', "رويترز", "Reuters"),                  # the knowledge base's outlet
])
def test_link_an_outlet_named_in_quotes_after_a_media_noun_is_an_organisation(text, name, name_en):
    found = [(m.text, m.type, m.name_en) for m in mentions_of(text)]
    assert (name, "ORG", name_en) in found
    assert not [m for m in found if m[1] == "LOC"]  # no place named


def test_link_a_quotation_after_a_media_noun_is_no_outlet():
    # punctuation inside the marks: words quoted, not a name
    assert not [m for m in mentions_of('وقالت الصحيفة: "لن نتراجع، أبدا" في افتتاحيتها') if m.how == "outlet"]


@pytest.mark.parametrize("text", [
    "وطالبت المنظمة السلطات بضرورة فتح تحقيقات فورية في الحادث.",  # an opening with an indefinite object
    "وقتل عشرون شخصا عندما فتح طالب النار على زملائه.",  # the verb with its subject
    "وقال الرئيس إن بلاده بدأت بفتح الأبواب أمام المفاوضات.",  # after a preposition: the noun
])
def test_link_a_common_word_naming_an_organisation_is_the_word(text):
    assert not [m for m in read(text, plain=True).mentions if m.name_en == "Fatah"]


def test_link_a_one_word_organisation_before_a_conjunction_stays_a_name():
    article = read("ووقعت فتح وحماس اتفاق المصالحة في القاهرة.", plain=True, date=dt.date(2018, 1, 1))
    assert [m.text for m in article.mentions if m.name_en == "Fatah"] == ["فتح"]
