"""The forms linked to each knowledge-base person over real news: none is another person's name.
Reads the first pages of the ANT multisource archive (skipped when the shared data is absent)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from khabar.entities.forms import another_persons_name, form_fits
from khabar.kb import load_kb

ANT = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "ant-corpus"
SAMPLE = 300  # pages: a few hundred person mentions


@pytest.fixture(scope="module")
def linked_forms() -> dict[str, set[str]]:
    archives = sorted(ANT.glob("antcorpus.multisource.data-*.tar.gz"))
    if not archives:
        pytest.skip(f"ANT archive not found under {ANT}")
    from khabar.pipeline import default_pipeline
    from khabar.sources.read import iter_pages

    forms: dict[str, set[str]] = {}
    pipeline = default_pipeline()
    for article in pipeline.read_pages(itertools.islice(iter_pages([str(archives[0])]), SAMPLE)):
        for mention in article.mentions:
            if mention.type == "PER" and mention.id:
                forms.setdefault(mention.id, set()).add(mention.text)
    return forms


def test_link_forms_of_a_person_are_never_another_persons_name(linked_forms):
    kb = load_kb()
    wrong = []
    for person_id, forms in linked_forms.items():
        person = kb.by_id(person_id)
        assert person is not None, person_id
        for form in forms:
            other = another_persons_name(form, person, kb)
            if other is not None:
                wrong.append((form, person.name_en, other.name_en))
    assert not wrong


def test_link_forms_mostly_fit_the_persons_names(linked_forms):
    # spelling variants of a surname met after a fuzzy full name may not fit word for word; the rest do
    kb = load_kb()
    pairs = [(form, kb.by_id(pid)) for pid, forms in linked_forms.items() for form in forms]
    assert pairs
    fitting = sum(form_fits(form, person) for form, person in pairs)
    assert fitting >= 0.9 * len(pairs)


@pytest.mark.parametrize(("form", "name_en"), [
    ("إيفانكا ترمب", "Donald Trump"), ("ماريا بوتينا", "Vladimir Putin"), ("عمرو دياب", "Hassan Diab"),
    ("كيم جونغ إيل", "Kim Jong Un"), ("محمد السلمان", "Mohammed bin Salman"),
    # an Arabic family name one letter or one long vowel away is another family
    ("أحمد الخطيب", "Ahmed el-Tayeb"), ("هادي العمري", "Hadi al-Amiri"), ("عادل الجابر", "Adel al-Jubeir"),
])
def test_link_forms_check_flags_other_people(form, name_en):
    person = next(e for e in load_kb().entries("person") if e.name_en == name_en)
    assert not form_fits(form, person)


@pytest.mark.parametrize(("text", "short", "not_en"), [
    # the father's name after "بن" is the father, not the son named in full before
    ("وقال محمد بن سلمان بن عبدالعزيز إن الاتفاق مهم. وأكد سلمان ذلك.", "سلمان", "Mohammed bin Salman"),
    ("وقال محمد بن راشد آل مكتوم إن المشروع مهم. وكان راشد آل مكتوم قد بدأه.", "راشد آل مكتوم",
     "Mohammed bin Rashid Al Maktoum"),
])
def test_link_a_fathers_name_is_not_the_son(text, short, not_en):
    import datetime as dt

    from khabar.pipeline import read

    article = read(text, date=dt.date(2018, 5, 1))
    found = [m for m in article.mentions if m.text == short]
    assert all(m.name_en != not_en for m in found)
    # the son named again in full is still him
    assert any(m.name_en == not_en for m in article.mentions)


def test_link_a_name_particle_alone_is_no_person():
    import datetime as dt

    from khabar.pipeline import read

    article = read("وقال مولود تشاووش أوغلو إن المحادثات مثمرة. وأضاف أوغلو أن الجانبين متفقان.",
                   date=dt.date(2018, 5, 1))
    assert not [m for m in article.mentions if m.text == "أوغلو"]


@pytest.mark.parametrize(("form", "name_en"), [
    ("محمد بن سلمان بن عبدالعزيز آل سعود", "Mohammed bin Salman"),  # the name and more of its lineage
    ("مون جاي-إن", "Moon Jae-in"),                                   # a hyphen inside the name
    ("#دونالد_ترمب", "Donald Trump"),
])
def test_link_forms_check_accepts_ways_of_writing_the_name(form, name_en):
    person = next(e for e in load_kb().entries("person") if e.name_en == name_en)
    assert form_fits(form, person)
