"""The HTML benchmark's pages: every template wraps a story in furniture that the reader leaves out."""

from __future__ import annotations

import pytest

from khabar.bench_html import TEMPLATES, Story, khabar_body, token_f1

PARAGRAPHS = (
    "أعلنت وزارة الخارجية اليوم عن زيارة رسمية يقوم بها الوزير إلى عدد من الدول المجاورة لبحث التعاون.",
    "وقال المتحدث باسم الوزارة إن الجولة تشمل لقاءات مع كبار المسؤولين لبحث الملفات الإقليمية.",
    "وأضاف أن الوزير سيوقع خلال الجولة اتفاقيات في مجالات التجارة والطاقة والنقل بين البلدان.",
)
STORY = Story("s1", "وزير الخارجية يبدأ جولة إقليمية لبحث التعاون", PARAGRAPHS,
              ("افتتاح معرض الكتاب الدولي في العاصمة", "ارتفاع أسعار النفط في الأسواق العالمية",
               "المنتخب الوطني يتأهل إلى نهائيات البطولة"), 7)


def test_token_f1():
    assert token_f1("a b c", "a b c") == 1.0
    assert token_f1("", "a") == 0.0
    assert token_f1("a b", "a b c d") == pytest.approx(2 * 1 * 0.5 / 1.5)


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_html_bench_templates_read_back_to_the_story(name):
    page = TEMPLATES[name](STORY)
    body = khabar_body(page, STORY.id)
    assert token_f1(body, "\n".join(PARAGRAPHS)) >= 0.97
    for furniture in ("شارك", "الرئيسية", "جميع الحقوق", "GMT", "معرض الكتاب"):
        assert furniture not in body
