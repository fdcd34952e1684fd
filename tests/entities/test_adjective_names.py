"""A place's name that is also an adjective ("مالي": financial, and Mali) names the place only where an
adjective cannot stand. Wording composed for these tests."""

from __future__ import annotations

import pytest

from khabar.pipeline import read


def _countries(text: str) -> list[str | None]:
    return [m.country for m in read(text, plain=True).mentions]


@pytest.mark.parametrize("text", [
    "وتعاني الشركة من عجز مالي كبير هذا العام.",
    "وقدمت المؤسسة دعما فنيا وماليا للمدارس.",
    "وحصل اللاعب على مبلغ مالي ضخم.",
])
def test_adjective_after_a_noun_is_no_place(text):
    assert "MLI" not in _countries(text)


@pytest.mark.parametrize("text", [
    "وقتل جنديان في مالي أمس.",
    "والتقى رئيس مالي نظيره السنغالي.",
    "وزار الوزير الفرنسي مالي والنيجر.",
    "وتشمل المنطقة النيجر ومالي وتشاد.",
])
def test_place_where_no_adjective_can_stand(text):
    assert "MLI" in _countries(text)
