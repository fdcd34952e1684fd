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
])
def test_link_forms_check_flags_other_people(form, name_en):
    person = next(e for e in load_kb().entries("person") if e.name_en == name_en)
    assert not form_fits(form, person)
