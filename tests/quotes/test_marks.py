from __future__ import annotations

import pytest

from khabar.quotes.marks import find_marked


def inside(text: str) -> list[str]:
    return [text[m.start:m.end] for m in find_marked(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ('قال المدير "سنفتتح الفرع الجديد الشهر المقبل" ثم غادر.', ["سنفتتح الفرع الجديد الشهر المقبل"]),
    ("وقالت الوزيرة “نعمل على خطة شاملة للمياه” أمام النواب.", ["نعمل على خطة شاملة للمياه"]),
    ("وأضاف المحافظ «الطرق ستفتح قبل الشتاء» في مؤتمر.", ["الطرق ستفتح قبل الشتاء"]),
    ("وقال اللاعب ‘سنعود أقوى في الموسم المقبل’ بعد المباراة.", ["سنعود أقوى في الموسم المقبل"]),
    ("قال الرئيس 'لن نتراجع عن الإصلاح' أمس.", ["لن نتراجع عن الإصلاح"]),
])
def test_marks_each_kind(text, expected):
    assert inside(text) == expected


def test_marks_straight_pairs_left_to_right():
    text = 'قال "الأول واضح" ثم قال "الثاني أوضح" وانصرف.'
    assert inside(text) == ["الأول واضح", "الثاني أوضح"]


def test_marks_nested_keeps_outer():
    text = "وقال السفير «إن ما يسمى “خطة السلام” لم يعد قائما» في كلمته."
    assert inside(text) == ["إن ما يسمى “خطة السلام” لم يعد قائما"]


def test_marks_nested_straight_inside_straight():
    text = 'وقالت الهيئة: إن "القرار الذي ألغى "قانون السير" القديم صدر أمس".'
    assert inside(text) == ['القرار الذي ألغى "قانون السير" القديم صدر أمس']


def test_marks_unclosed_ends_at_paragraph_end():
    text = 'وقال المتحدث: "لا نية لدينا لرفع الأسعار هذا العام.\nوفي خبر آخر افتتح معرض الكتاب.'
    found = find_marked(text)
    assert [text[m.start:m.end] for m in found] == ["لا نية لدينا لرفع الأسعار هذا العام."]
    assert found[0].close_at is None


def test_marks_stray_closing_mark_ignored():
    text = "انتهى الاجتماع» مبكرا ثم قال الوزير «سنجتمع مرة أخرى» غدا."
    assert inside(text) == ["سنجتمع مرة أخرى"]


def test_marks_quote_glued_to_full_stop():
    text = 'وقال البيان "نريد علاقات أمتن بين شعبينا".واضاف "نعمل معا من أجل السلام".'
    assert inside(text) == ["نريد علاقات أمتن بين شعبينا", "نعمل معا من أجل السلام"]


def test_marks_quote_across_sentences():
    text = "وقال الطبيب «الوضع مستقر. لكننا نراقب المريض بدقة» في المستشفى."
    assert inside(text) == ["الوضع مستقر. لكننا نراقب المريض بدقة"]


def test_marks_reversed_curly_marks():
    assert inside("وقال المدرب ”الفريق جاهز للمباراة“ للصحفيين.") == ["الفريق جاهز للمباراة"]


def test_marks_apostrophe_in_a_word_is_no_mark():
    assert inside("زار الوفد مدينة Land's End ثم عاد.") == []


def test_marks_offsets_inside_the_marks():
    text = 'قال: " نص مع مسافات "'
    (span,) = find_marked(text)
    assert text[span.open_at] == '"' and text[span.close_at] == '"'
    assert text[span.start:span.end] == "نص مع مسافات"
