"""How the tagger's spans and the knowledge base's names are merged: the whole name wins over a
name inside it, the tagger's reading of a town's name stands, titles stay out of a person's name."""

from __future__ import annotations

from tests.entities.spans import tagged_mentions


def names(text: str, tagged: list[tuple[str, str]] = ()) -> list[tuple[str, str, str | None]]:
    """Mentions of `text` given tagger spans as (words, type)."""
    return [(m.text, m.type, m.name_en) for m in tagged_mentions(text, tagged)]


def test_link_a_place_inside_a_longer_name_of_another_type_is_part_of_it():
    found = names("تعادل ريال مدريد مع ضيفه", [("ريال مدريد", "ORG")])
    assert found == [("ريال مدريد", "ORG", None)]
    found = names("وصل إلى نهائي بطولة المكسيك المفتوحة", [("بطولة المكسيك المفتوحة", "MISC")])
    assert [n for n in found if n[0] == "المكسيك"] == []


def test_link_a_place_inside_a_longer_place_keeps_its_link():
    found = names("وقع انفجار في مدينة الزاوية", [("مدينة الزاوية", "LOC")])
    assert ("الزاوية", "LOC", "Zawiya") in found


def test_link_a_town_the_tagger_reads_as_a_club_is_a_club():
    assert names("فاز برشلونة على ضيفه", [("برشلونة", "ORG")]) == [("برشلونة", "ORG", None)]
    assert names("وصل الوفد إلى برشلونة", [("برشلونة", "LOC")]) == [("برشلونة", "LOC", "Barcelona")]


def test_link_a_capital_or_a_state_keeps_the_knowledge_base_reading():
    assert names("أعلنت واشنطن العقوبات", [("واشنطن", "ORG")])[0][1:] == ("LOC", "Washington, D.C.")
    assert names("هزمت فرنسا ضيفتها", [("فرنسا", "ORG")])[0][1:] == ("LOC", "France")


def test_link_a_title_is_no_part_of_a_person_name():
    assert names("أمر الملك عبد الله الثاني بتنفيذ المشروع") == [
        ("عبد الله الثاني", "PER", "Abdullah II of Jordan")]
    assert names("قررت الملكة إليزابيث الثانية تخصيص غرفة") == [("إليزابيث الثانية", "PER", "Elizabeth II")]
    assert names("افتتح المعرض في العاصمة الرياض") == [("الرياض", "LOC", "Riyadh")]
