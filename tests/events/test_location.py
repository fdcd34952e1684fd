"""Where events happened (khabar.events.location), on articles composed here: the mentions and events
are given, so that the rules are tested apart from the tagger and the coder; then end to end."""

from __future__ import annotations

import datetime as dt

import pytest

from khabar.article import Article, Dateline, Event, Mention, Sentence, Span
from khabar.events.location import locate, place_coordinates
from khabar.resources import Resources

PLACES = {  # text → (kind, id, English name, country)
    "طهران": ("city", "Q3616", "Tehran", "IRN"), "إيران": ("state", "Q794", "Iran", "IRN"),
    "الرياض": ("city", "Q3692", "Riyadh", "SAU"), "غزة": ("city", "khabar:city:gaza", "Gaza", "PSE"),
    "قطر": ("state", "Q846", "Qatar", "QAT"), "جنوب لبنان": ("region", "khabar:region:sl", "South Lebanon", "LBN"),
    "بلدة الخيام": ("city", "khabar:city:khiam", "Khiam", "LBN"), "الخرطوم": ("city", "Q1963", "Khartoum", "SDN"),
}


def article(body: str, events: list[tuple[str, str, str | None, str | None]], *,
            dateline: tuple[str, str, str] | None = None, headline: str | None = None) -> Article:
    """An article of one or more sentences (split at ". "), its place mentions found by name, and
    events given as (type, trigger, source text, target text) with codes from PLACES."""
    sentences, start = [], 0
    for part in body.split(". "):
        sentences.append(Sentence(start, start + len(part)))
        start += len(part) + 2
    mentions = []
    for text, (kind, place_id, name_en, country) in PLACES.items():
        at = body.find(text)
        while at >= 0:
            mentions.append(Mention(at, at + len(text), text, "LOC", name_en, place_id, country, kind=kind, how="kb"))
            at = body.find(text, at + 1)
    mentions.sort(key=lambda m: m.start)
    coded = []
    for type_, trigger, source_text, target_text in events:
        at = body.index(trigger)
        sentence = next(i for i, s in enumerate(sentences) if s.start <= at < s.end)
        code = {t: PLACES[t][3] for t in PLACES}
        coded.append(Event(type_, sentence, trigger, at, at + len(trigger), source=code.get(source_text or ""),
                           target=code.get(target_text or ""), source_text=source_text, target_text=target_text))
    place = Dateline(0, 10, dateline[0], dateline[1], dateline[2]) if dateline else None
    return Article(id="t", raw=body, body=body, sentences=sentences, mentions=mentions, events=coded,
                   dateline=place, headline=Span(headline, 0, len(headline)) if headline else None)


def place_of(a: Article, n: int = 0):
    return locate(a, n, place_coordinates(Resources()))


def test_a_locative_place_of_the_sentence():
    found = place_of(article("وتظاهر مئات الطلاب في طهران احتجاجا على الأسعار", [("PROTEST", "تظاهر", None, None)]))
    assert (found.place, found.how, found.country, found.kind) == ("طهران", "clause", "IRN", "city")


def test_the_place_does_not_depend_on_where_the_clause_stands():
    before = place_of(article("في طهران تظاهر مئات الطلاب احتجاجا على الأسعار", [("PROTEST", "تظاهر", None, None)]))
    after = place_of(article("تظاهر مئات الطلاب احتجاجا على الأسعار في طهران", [("PROTEST", "تظاهر", None, None)]))
    assert before.place == after.place == "طهران"


def test_negation_does_not_move_the_place():
    said = article("وتظاهر مئات في طهران", [("PROTEST", "تظاهر", None, None)])
    denied = article("ولم يتظاهر أحد في طهران", [("PROTEST", "يتظاهر", None, None)])
    assert place_of(said).place == place_of(denied).place == "طهران"


def test_a_clitic_preposition_counts_as_locative():
    found = place_of(article("واجتمع الوزيران بطهران أمس", [("CONSULT", "اجتمع", None, None)]))
    assert found and found.place == "طهران" and found.how == "clause"


def test_finer_places_win_at_equal_standing():
    found = place_of(article("وقتل شخصان في غارة على بلدة الخيام في جنوب لبنان",
                             [("ASSAULT", "غارة", None, None)]))
    assert found.place == "بلدة الخيام"


def test_an_actor_is_not_where_a_verbal_event_happened():
    found = place_of(article("وأدانت قطر القصف على غزة", [("ACCUSE", "أدانت", "قطر", None)]))
    assert found is None


def test_a_material_event_happens_at_its_target_place():
    found = place_of(article("وقصفت الطائرات غزة الليلة الماضية", [("ASSAULT", "قصفت", None, None)]))
    assert (found.place, found.how) == ("غزة", "sentence")
    assert place_of(article("وتحدث الوزير عن غزة", [("CONSULT", "تحدث", None, None)])) is None


def test_a_statement_is_not_placed_where_its_topic_is():
    found = place_of(article("وندد الوزير بالهجوم على السفارة في الخرطوم", [("ACCUSE", "ندد", None, None)]))
    assert found is None
    before = place_of(article("وفي الخرطوم ندد الوزير بالهجوم", [("ACCUSE", "ندد", None, None)]))
    assert before.place == "الخرطوم"


def test_the_dateline_only_when_the_story_is_local():
    local = article("واستقبل أمير قطر سفير إيران", [("CONSULT", "استقبل", "قطر", "إيران")],
                    dateline=("الدوحة", "Doha", "QAT"))
    found = place_of(local)
    assert (found.place, found.how, found.country) == ("الدوحة", "dateline", "QAT")
    assert found.lat is not None and found.lon is not None  # a capital: its coordinates are known
    house_credit = article("واستقبل رئيس إيران سفير قطر", [("CONSULT", "استقبل", "إيران", "قطر")],
                           dateline=("دبي", "Dubai", "ARE"))
    assert place_of(house_credit) is None


def test_capital_cities_carry_coordinates_and_regions_do_not():
    tehran = place_of(article("تظاهر مئات في طهران", [("PROTEST", "تظاهر", None, None)]))
    assert tehran.lat == pytest.approx(35.7, abs=0.5) and tehran.lon == pytest.approx(51.4, abs=0.5)
    region = place_of(article("تظاهر مئات في جنوب لبنان", [("PROTEST", "تظاهر", None, None)]))
    assert region.kind == "region" and region.lat is None


def test_each_event_of_a_sentence_gets_its_own_place():
    a = article("وتظاهر مئات في طهران. واجتمع الوزيران في الرياض",
                [("PROTEST", "تظاهر", None, None), ("CONSULT", "اجتمع", None, None)])
    assert [place_of(a, n).place for n in (0, 1)] == ["طهران", "الرياض"]


def test_end_to_end_locations_are_in_the_json():
    import khabar

    text = ("بيروت 5 مايو (أ ف ب) -- وتظاهر مئات الطلاب في طهران احتجاجا على رفع الأسعار. "
            "واجتمع وزير الخارجية المصري مع نظيره السعودي في الرياض.")
    record = khabar.read(text, date=dt.date(2024, 5, 5)).to_dict()
    placed = {e["type"]: e["location"] for e in record["events"]}
    assert placed["PROTEST"]["place"] == "طهران" and placed["PROTEST"]["how"] == "clause"
    assert placed["CONSULT"]["place"] == "الرياض" and placed["CONSULT"]["country"] == "SAU"
    body = record["body"]
    location = placed["CONSULT"]
    assert body[location["start"]:location["end"]] == "الرياض"
