"""Natural features named by a head word and a place's name or a name of their own ("نهر", "بحيرة",
"جبال"; data/place_heads.tsv, `feature`): the head is part of the mention, and the feature is not
the place it is named after."""

from __future__ import annotations

from tests.entities.spans import tagged_mentions


def names(text: str, tagged: list[tuple[str, str]] = ()) -> list[tuple[str, str, str | None, str | None]]:
    """Mentions of `text` given tagger spans as (words, type)."""
    return [(m.text, m.type, m.name_en, m.id) for m in tagged_mentions(text, tagged)]


def test_feature_head_before_an_unknown_name_the_tagger_found_is_part_of_it():
    found = names("ويمر الطريق بمحاذاة نهر كوراندا في الشمال", [("كوراندا", "LOC")])
    assert [(text, type_) for text, type_, _, _ in found] == [("نهر كوراندا", "LOC")]
    assert found[0][2].endswith("River")


def test_feature_head_english_name_has_no_arabic_article():
    found = names("غرق قارب في بحيرة الفارندا أمس", [("الفارندا", "LOC")])
    assert found[0][0] == "بحيرة الفارندا"
    assert found[0][2].startswith("Lake ") and "Al" not in found[0][2]


def test_feature_head_before_a_state_is_not_the_state():
    found = names("يعتمد الصيادون على مياه بحيرة تشاد منذ قرون", [("تشاد", "LOC")])
    assert found == [("بحيرة تشاد", "LOC", "Lake Chad", None)]
    # a head before a name with a preposition is no part of it ("a mountain in Yemen")
    assert [f[0] for f in names("صعد المتسلقون جبلا باليمن", [("باليمن", "LOC")])] == ["اليمن"]
    assert [f[0] for f in names("شاهدنا جبل باليمن", [("باليمن", "LOC")])] == ["اليمن"]


def test_feature_head_before_a_city_is_not_the_city():
    found = names("سيطرت القوات على جبل القاهرة شرق المدينة", [("القاهرة", "LOC")])
    assert found[0][0] == "جبل القاهرة" and found[0][3] is None
    # a province's head still makes the town's province, as before
    assert ("محافظة أربيل", "LOC", "Erbil Governorate", None) in names("قصفت الطائرات قرى في محافظة أربيل شمالي العراق")
