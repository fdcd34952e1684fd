"""Which quoted spans are quotations: names, titles and scare words in marks are not."""

from __future__ import annotations

import pytest

from tests.quotes.helpers import mention, read


def texts(text: str) -> list[str]:
    return [q.text for q in read(text).quotes]


@pytest.mark.parametrize("text", [
    "وأعلنت حركة «حماس» مسؤوليتها عن العملية في بيان مقتضب.",
    'ونشر الوزير صورة على منصة "إكس" ثم حذفها بعد ساعات.',
    'وقال مدير الشركة في تغريدة على "تويتر" إن الأرباح ارتفعت.',
    'وقال المخرج إن فيلم "رحلة إلى الجنوب" سيعرض مساء الخميس.',
    'وأكد الوزير أن حركة «الشباب الوطني» ستشارك في الحوار.',
    'وقال الباحث إن تطبيق "إعلان مبادئ التعاون الإقليمي بين دول الحوض" يتطلب وقتا.',
    'وزار الوفد حيي «باب الحارة» و«السوق القديم» قبل أن يغادر المدينة.',
    'وقال "النعيمي"، إن المصفاة ستعمل بكامل طاقتها الشهر المقبل.',
    'وأكد «مرصد الحقوق الوطني» أن عدد المعتقلين ارتفع.',
    'وقال الخبير إن صاروخ "كي 9 إم" دخل الخدمة.',
])
def test_select_names_and_titles_are_not_quotations(text):
    assert texts(text) == []


def test_select_entity_in_marks_is_not_a_quotation():
    body = 'وقال المحلل إن "رابطة المزارعين" تضغط على الحكومة.'
    article = read(body, [mention("رابطة المزارعين", body, "ORG", "Farmers League")])
    assert article.quotes == []


def test_select_repeated_short_span_is_a_name():
    body = 'وقال المدير إن "سحاب تك" تتوسع. وأضاف أن "سحاب تك" توظف المئات.'
    assert texts(body) == []


def test_select_short_phrase_in_reported_speech_counts():
    body = 'وقال رئيس البلدية إن المجلس اتخذ "قرارات جريئة" لإنقاذ المدينة.'
    assert texts(body) == ["قرارات جريئة"]


def test_select_short_phrase_without_speech_is_a_scare_quote():
    assert texts('وانتشرت في المدينة ظاهرة "الأسواق الليلية" خلال الصيف.') == []


def test_select_colon_makes_even_one_word_speech():
    assert texts('وسأله الصحفي عن الاستقالة فقال: "أبدا".') == ["أبدا"]


def test_select_medium_before_colon_is_a_name():
    body = 'وقال الوزير لـ"الأخبار اليومية": "لن نرفع الضرائب هذا العام".'
    assert texts(body) == ["لن نرفع الضرائب هذا العام"]


def test_select_long_span_is_speech():
    body = 'وكان "الوضع في المدينة صعبا جدا ولا يحتمل مزيدا من الانتظار" كما ورد.'
    assert texts(body) == ["الوضع في المدينة صعبا جدا ولا يحتمل مزيدا من الانتظار"]


def test_select_short_phrase_after_bianna_counts():
    body = 'وقال المحافظ إن خطته توصف بأنها "جادة وذات مصداقية" في الأوساط.'
    assert texts(body) == ["جادة وذات مصداقية"]


def test_select_quoted_subject_right_after_the_verb():
    assert texts("وقال «أبو سامي» للحضور إنه سعيد بالعودة إلى الحي.") == []
