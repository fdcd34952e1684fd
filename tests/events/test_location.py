"""Where events happened (khabar.events.location), on articles composed here: the mentions and events
are given, so that the rules are tested apart from the tagger and the coder; then end to end."""

from __future__ import annotations

import datetime as dt

import pytest

from khabar.article import Article, Dateline, Event, Mention, Sentence, Span
from khabar.events.location import locate, place_coordinates, place_points
from khabar.kb import load_kb
from khabar.lang.normalize import fold
from khabar.resources import Resources, data_path, read_tsv

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


def test_places_of_the_coordinates_table_carry_coordinates_and_others_do_not():
    tehran = place_of(article("تظاهر مئات في طهران", [("PROTEST", "تظاهر", None, None)]))
    assert tehran.lat == pytest.approx(35.7, abs=0.5) and tehran.lon == pytest.approx(51.4, abs=0.5)
    unknown = place_of(article("تظاهر مئات في جنوب لبنان", [("PROTEST", "تظاهر", None, None)]))
    assert unknown.kind == "region" and unknown.lat is None  # an id the knowledge base does not have


def _table_point(place_id: str) -> tuple[float, float, str]:
    rows = read_tsv(data_path("khabar.kb", "data/coordinates.tsv"), ("id", "lat", "lon"))
    return next((float(r["lat"]), float(r["lon"]), r["adm1_code"]) for _, r in rows if r["id"] == place_id)


def test_every_kind_of_place_gets_its_point_a_state_its_capitals():
    points = place_points(Resources())
    kb = load_kb()
    for kind in ("city", "region"):
        entry = next(e for e in kb.entries(kind) if e.country and e.id in points and not e.is_capital)
        assert points[entry.id] == _table_point(entry.id)
    iraq = kb.state("IRQ")
    assert points[iraq.id][:2] == _table_point(iraq.capital)[:2] and points[iraq.id][2] == ""
    # A dateline carries no id: its city is found by country and name.
    mosul = next(e for e in kb.entries("city") if e.country == "IRQ" and e.name_en == "Mosul")
    assert place_coordinates(Resources())[f"IRQ:{fold(mosul.names_ar[0])}"] == _table_point(mosul.id)[:2]
    yemen = kb.state("YEM")  # a dateline naming the country itself: its capital's point
    assert points[f"YEM:{fold(yemen.names_ar[0])}"] == points[yemen.id]


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


def _city_sentence() -> tuple[str, str]:
    """A dispatch whose attack happens in a city of the knowledge base that is no capital, and that
    city's id (the text is composed; the city is the table's, not a page's)."""
    text = ("بغداد 5 مايو (رويترز) -- قال مسؤولون عراقيون إن مسلحين هاجموا نقطة تفتيش للجيش العراقي "
            "في مدينة الموصل وقتلوا ثلاثة جنود.")
    return text, "khabar:city:mosul-irq"


def test_an_event_in_a_city_of_the_knowledge_base_gets_its_coordinates():
    import khabar

    text, city = _city_sentence()
    record = khabar.read(text, date=dt.date(2024, 5, 5)).to_dict()
    placed = [e["location"] for e in record["events"] if e.get("location") and e["location"]["id"] == city]
    assert placed, record["events"]
    lat, lon, _ = _table_point(city)
    assert all((p["lat"], p["lon"]) == (lat, lon) for p in placed)


def test_the_gdelt_export_fills_lat_long_and_adm1_of_such_an_event(tmp_path):
    import csv
    import json
    import sqlite3

    from khabar.store import docs
    from khabar.store.db import open_store
    from khabar.store.export import export
    from tests.store.corpus import ingest_all

    text, city = _city_sentence()
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "mosul.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "k.db"
    ingest_all([tmp_path / "in"], db)
    lat, lon, adm1 = _table_point(city)

    def rows() -> list[dict[str, str]]:
        conn = open_store(db)
        try:
            export(conn, "gdelt", tmp_path / "events.tsv")
        finally:
            conn.close()
        with (tmp_path / "events.tsv").open(encoding="utf-8", newline="") as handle:
            return [r for r in csv.DictReader(handle, delimiter="\t") if r["ActionGeo_FeatureID"] == city]

    found = rows()
    assert found and all((float(r["ActionGeo_Lat"]), float(r["ActionGeo_Long"])) == (lat, lon) for r in found)
    assert adm1.startswith("IZ") and all(r["ActionGeo_ADM1Code"] == adm1 and r["ActionGeo_Type"] == "4"
                                         for r in found)
    # A store read before the table had the city: the export finds the point by the place's id.
    conn = sqlite3.connect(db)
    with conn:
        for article_id, doc in conn.execute("SELECT id, doc FROM articles").fetchall():
            record = docs.load(doc)  # compressed since schema 4
            for event in record["events"]:
                if event.get("location"):
                    event["location"].update(lat=None, lon=None)
            conn.execute("UPDATE articles SET doc = ? WHERE id = ?", (json.dumps(record, ensure_ascii=False),
                                                                      article_id))
    kept = conn.execute("SELECT count(*) FROM articles, json_each(doc, '$.events') e "
                        "WHERE json_extract(e.value, '$.location.lat') IS NOT NULL").fetchone()[0]
    conn.close()
    assert kept == 0
    again = rows()
    assert again and all((float(r["ActionGeo_Lat"]), float(r["ActionGeo_Long"])) == (lat, lon) for r in again)
