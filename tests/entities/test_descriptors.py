"""A state's institution described by its head and the state's adjective is a descriptor (the
annotation policy): a reference, not an entity's mention; quotations still find it."""

from __future__ import annotations

import datetime as dt

from khabar.pipeline import read


def test_presidency_with_a_state_is_a_descriptor():
    article = read("وأعلنت الرئاسة التونسية في بيان أن الرئيس سيزور الجزائر الأسبوع المقبل.",
                   date=dt.date(2019, 3, 1))
    assert not [m for m in article.mentions if "الرئاسة" in m.text]
    assert [(r.text, r.name_en) for r in article.references if r.kind == "descriptor"] == [
        ("الرئاسة التونسية", "Presidency of Tunisia")]


def test_a_word_standing_for_a_state_alone_is_no_entity():
    article = read("وناقش المنتدى سبل تعزيز التبادل التجاري بين المملكة والاتحاد الأوروبي، وبين السلطنة"
                   " والهند، قبل زيارة الوفد للمملكة المتحدة.", date=dt.date(2018, 3, 1))
    texts = [m.text for m in article.mentions]
    assert "المملكة" not in texts and "السلطنة" not in texts
    assert "للمملكة المتحدة" in texts  # the name with its "ل" (of "للأمم", lām with the article)
