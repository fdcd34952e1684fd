"""What callers rely on: lookups with clitics, dateline places, demonyms, office holders."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

from khabar.kb import KnowledgeBase, clitic_forms, load_kb, match_key
from khabar.kb.load import build_entries, package_sources
from khabar.lang.normalize import fold


def _first(kb: KnowledgeBase, text: str):
    found = kb.lookup(text)
    assert found, f"nothing for {text!r}"
    return found[0]


def test_lookup_strips_conjunction(kb):
    assert _first(kb, "والولايات المتحدة").code == "USA"


def test_lookup_strips_preposition_before_article(kb):
    assert _first(kb, "بالسعودية").code == "SAU"
    assert _first(kb, "وللسعودية").code == "SAU"
    assert _first(kb, "لمصر").code == "EGY"


def test_lookup_folds_hamza_and_ta_marbuta(kb):
    assert _first(kb, "الامارات العربيه المتحده").code == "ARE"
    assert _first(kb, "إيران").code == _first(kb, "ايران").code == "IRN"


def test_lookup_joins_detached_conjunction(kb):
    assert _first(kb, "البوسنة و الهرسك").code == "BIH"
    assert _first(kb, "ترينيداد و توباغو").code == "TTO"


def test_exact_name_is_not_broken_by_stripping(kb):
    # لبنان starts with ل and فلسطين with ف: the exact match must come first.
    assert _first(kb, "لبنان").code == "LBN"
    assert _first(kb, "فلسطين").code == "PSE"


def test_lookup_finds_organisations_and_acronyms(kb):
    assert _first(kb, "مجلس الأمن الدولي").code == "UNSC"
    assert _first(kb, "الناتو").code == "NATO"
    assert _first(kb, "وحلف شمال الأطلسي").code == "NATO"
    assert _first(kb, "أوكوس").code == "AUKUS"
    white_house = _first(kb, "البيت الأبيض")
    assert white_house.stands_for_state and white_house.country == "USA" and white_house.type == "ORG"


def test_lookup_finds_people(kb):
    trump = _first(kb, "ترمب")
    assert trump.name_en == "Donald Trump" and trump.type == "PER"
    assert _first(kb, "عبد الله بن زايد").id == _first(kb, "عبدالله بن زايد").id


def test_state_and_city_sharing_a_name(kb):
    names = [e.kind for e in kb.lookup("الكويت")]
    assert names[:2] == ["state", "city"]


def test_place_prefers_city(kb):
    washington = kb.place("واشنطن")
    assert washington is not None and washington.name_en == "Washington, D.C." and washington.country == "USA"
    kuwait = kb.place("الكويت")
    assert kuwait is not None and kuwait.name_en == "Kuwait City" and kuwait.kind == "city"
    assert kb.place("تونس").name_en == "Tunis"


def test_place_picks_most_populous_city_then_state_then_region(kb):
    assert kb.place("طرابلس").country == "LBY"
    assert kb.place("اليابان").kind == "state"
    assert kb.place("قطاع غزة").kind == "region"
    assert kb.place("حماس") is None  # an organisation is no place


def test_saudi_datelines(kb):
    for name, english in [("بريدة", "Buraidah"), ("خميس مشيط", "Khamis Mushait"), ("الأحساء", "Al-Ahsa"),
                          ("حفر الباطن", "Hafar Al-Batin"), ("وادي الدواسر", "Wadi ad-Dawasir"), ("أملج", "Umluj")]:
        place = kb.place(name)
        assert place is not None and place.name_en == english and place.country == "SAU"


def test_demonyms(kb):
    assert kb.demonym("الامريكي").code == "USA"
    assert kb.demonym("الأميركية").code == "USA"
    assert kb.demonym("الياباني").code == "JPN"
    assert kb.demonym("والأمريكيين").code == "USA"
    assert kb.demonym("الكورية الجنوبية").code == "KOR"
    assert kb.demonym("الأتراك").code == "TUR"
    assert kb.demonym("المالية") is None  # not Mali: "financial"


def test_holders_on_a_date(kb):
    assert [e.name_en for e in kb.holders("USA", "head_of_state", dt.date(2024, 4, 10))] == ["Joe Biden"]
    assert [e.name_en for e in kb.holders("USA", "head_of_state", dt.date(2025, 3, 1))] == ["Donald Trump"]
    assert [e.name_en for e in kb.holders("JPN", "head_of_government", dt.date(2024, 4, 10))] == ["Fumio Kishida"]


def test_holders_after_a_death_in_office(kb):
    assert [e.name_en for e in kb.holders("IRN", "head_of_state", dt.date(2025, 6, 1))] == ["Ali Khamenei"]
    assert kb.holders("IRN", "head_of_state", dt.date(2026, 3, 1)) == []  # interim council, no leader
    assert [e.name_en for e in kb.holders("IRN", "head_of_state", dt.date(2026, 6, 1))] == ["Mojtaba Khamenei"]


def test_holders_handover_day_belongs_to_successor(kb):
    assert [e.name_en for e in kb.holders("USA", "head_of_state", dt.date(2021, 1, 20))] == ["Joe Biden"]
    assert [e.name_en for e in kb.holders("KWT", "head_of_state", dt.date(2023, 12, 16))] == [
        "Mishal Al-Ahmad Al-Jaber Al-Sabah"]


def test_holders_without_date_lists_every_term(kb):
    terms = kb.holders("USA", "head_of_state")
    assert [t.name_en for t in terms] == ["Barack Obama", "Donald Trump", "Joe Biden", "Donald Trump"]
    assert terms == sorted(terms, key=lambda t: t.start)


def test_presidential_state_answers_head_of_government_with_president(kb):
    assert [e.name_en for e in kb.holders("USA", "head_of_government", dt.date(2024, 4, 10))] == ["Joe Biden"]


def test_organisation_posts(kb):
    assert [e.name_en for e in kb.holders("UN", "other", dt.date(2020, 1, 1)) if "الأمين العام" in e.title_ar] == [
        "António Guterres"]


def test_holders_by_title(kb):
    assert [e.name_en for e in kb.holders_by_title("IRN", "الرئيس", dt.date(2023, 1, 1))] == ["Ebrahim Raisi"]
    assert [e.name_en for e in kb.holders_by_title("DEU", "المستشار", dt.date(2023, 1, 1))] == ["Olaf Scholz"]
    assert [e.name_en for e in kb.holders_by_title("KWT", "ولي العهد", dt.date(2025, 1, 1))] == [
        "Sabah Al-Khalid Al-Hamad Al-Sabah"]


def test_by_id_and_state(kb):
    usa = kb.by_id("Q30")
    assert usa is not None and usa is kb.state("usa") and usa.code == "USA" and usa.iso2 == "US"
    capital = kb.by_id(usa.capital)
    assert capital is not None and capital.name_en == "Washington, D.C."
    assert kb.state("XXX") is None and kb.by_id("Q0") is None


def test_person_by_id_is_latest_term(kb):
    trump = kb.by_id("Q22686")
    assert trump is not None and trump.end is None and trump.start == dt.date(2025, 1, 20)


def test_names_are_folded_and_cover_every_kind(kb):
    pairs = list(kb.names())
    assert all(key == match_key(key) == fold(key) for key, _ in pairs)
    assert (fold("الولايات المتحدة"), kb.state("USA")) in pairs
    assert {e.kind for _, e in pairs} == {"state", "city", "region", "org", "person"}


def test_clitic_forms_order():
    forms = clitic_forms(fold("وبالسعودية"))
    assert forms[0] == fold("وبالسعودية")
    assert fold("السعودية") in forms and forms.index(fold("بالسعودية")) < forms.index(fold("السعودية"))
    assert clitic_forms("لل") == ["لل"]


def test_a_build_depends_on_its_sources_only():
    # Two builds from the same files are the same knowledge base: nothing carries over from the
    # first (its speed is a figure of `khabar bench kb`, not a test).
    sources = package_sources()
    first, second = KnowledgeBase(build_entries(sources)), KnowledgeBase(build_entries(sources))
    assert first is not second
    assert [(key, e.id) for key, e in first.names()] == [(key, e.id) for key, e in second.names()]
    for text in ("والولايات المتحدة", "بالسعودية", "الرياض", "مجلس التعاون"):
        assert [e.id for e in first.lookup(text)] == [e.id for e in second.lookup(text)] != []


def test_default_knowledge_base_is_built_once_per_process():
    from khabar.kb import default_kb

    assert default_kb() is default_kb()
    assert load_kb() is not load_kb()  # load_kb builds; the Resources keep what is built


def test_import_reads_nothing():
    code = "import khabar.kb; from khabar.resources import Resources; print(len(Resources().builds))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"


def test_bench_kb_reports_its_builds():
    from khabar.bench import bench_kb

    figures = bench_kb(repeat=2)
    assert figures["builds"] == 2 and figures["names"] == sum(1 for _ in load_kb().names())
    assert 0 < figures["best_seconds"] <= figures["median_seconds"]
