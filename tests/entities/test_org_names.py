"""Organisation names of a head noun, a state's adjective and qualifying words (entities/orgnames.py,
data/org_names.tsv): one ORG mention with an English name put together from the table."""

from __future__ import annotations

from khabar.entities.gazetteer import default_gazetteer
from khabar.entities.link import find_mentions
from khabar.text.tokens import tokenize


def names(text: str) -> list[tuple[str, str, str | None, str | None]]:
    tokens = tokenize(text)
    found, _ = find_mentions(text, tokens, [], default_gazetteer())
    return [(m.text, m.type, m.name_en, m.country) for m in found]


def test_org_name_with_a_genitive_after_the_state_adjective():
    assert names("أعلنت الجمعية البحرينية لحقوق الإنسان أمس أنها تتابع القضية") == [
        ("الجمعية البحرينية لحقوق الإنسان", "ORG", "Bahrain Society for Human Rights", "BHR")]
    # genitive parts joined by "و", each in English order
    found = names("ونظم المركز التونسي للدراسات الاستراتيجية والبحوث ندوة")
    assert found == [("المركز التونسي للدراسات الاستراتيجية والبحوث", "ORG",
                      "Tunisia Center for Strategic Studies and Research", "TUN")]


def test_org_name_with_an_adjective_before_the_state_adjective():
    assert names("تبرعت المؤسسة الخيرية القطرية بمبلغ كبير") == [
        ("المؤسسة الخيرية القطرية", "ORG", "Qatar Charity Foundation", "QAT")]
    # a head without the article before it names the kind of body, and is part of the mention
    assert names("وفاز حزب الرابطة الإسلامية الباكستانية بالانتخابات")[0][:2] == (
        "حزب الرابطة الإسلامية الباكستانية", "ORG")


def test_org_name_is_not_read_when_it_is_a_descriptor_or_goes_on_with_unknown_words():
    # a head and a state's adjective alone describe a body named before; the state is no mention either
    assert [n for n in names("وقالت الشركة الفرنسية إن العقد وقع") if n[1] == "ORG"] == []
    # a word the table lacks goes on with the name: not read rather than cut short
    assert [n for n in names("أعلنت الجمعية المغربية للتنمية الريفية برنامجا") if n[1] == "ORG"] == []
    # a relative pronoun ends the name
    assert names("إن المركز المصري للدراسات الاقتصادية الذي أصدر التقرير")[0][:3] == (
        "المركز المصري للدراسات الاقتصادية", "ORG", "Egypt Center for Economic Studies")
