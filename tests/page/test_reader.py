"""Whole pages: headline, dateline, body, furniture, end markers and offsets."""

from __future__ import annotations

import datetime as dt

import pytest

from khabar.page.continuations import link_continuations
from khabar.page.headline import continuation_marker
from khabar.page.reader import read_page
from tests.conftest import load_gold

# A KUNA dispatch as the agency's site shows it, composed for the tests (furniture included).
KUNA_PAGE = """الرئيسية
شارك الخبر
عام / اليابان والولايات المتحدة تعلنان خطة للتعاون الدفاعي
واشنطن - 10 - 4 (كونا) -- اعلنت الولايات المتحدة واليابان اليوم الاربعاء خطة جديدة للتعاون الدفاعي بين البلدين تشمل تدريبات مشتركة.
واضاف البيان ان الجانبين سيعقدان اجتماعا في طوكيو الشهر المقبل لبحث تفاصيل الخطة وتمويلها على مدى خمس سنوات.
(النهاية) ا م م / ر ج
ذكر فى هذا الخبر
"""


def test_reader_wire_dispatch_with_furniture():
    article = read_page(KUNA_PAGE, "k", reference_date=dt.date(2025, 3, 1))
    assert article.headline.text == "اليابان والولايات المتحدة تعلنان خطة للتعاون الدفاعي"
    assert article.agency == "KUNA"
    d = article.dateline
    assert (d.place, d.country, d.day, d.month) == ("واشنطن", "USA", 10, 4)
    assert d.date == "2024-04-10"  # the lead says Wednesday: 2024, not 2025
    assert article.body.startswith("اعلنت الولايات المتحدة")
    assert article.body.endswith("خمس سنوات.")
    assert (article.end_marker.text, article.initials.text) == ("(النهاية)", "ا م م / ر ج")
    for furniture in ("الرئيسية", "شارك الخبر", "ذكر فى هذا الخبر", "(كونا)"):
        assert furniture not in article.body


def _dev_pages():
    try:
        return [pytest.param(d, id=d["id"]) for name in ("seed.jsonl", "dev-wire.jsonl", "dev-press.jsonl",
                                                           "dev-more.jsonl") for d in load_gold(name)]
    except BaseException:  # pytest.skip raised at collection: report one skipped case instead
        return [pytest.param(None, marks=pytest.mark.skip(reason="../shared/eval is absent"))]


@pytest.mark.parametrize("doc", _dev_pages())
def test_reader_offsets_point_into_raw(doc):
    raw = doc["raw"]
    article = read_page(raw, doc["id"])
    if article.headline:
        assert " ".join(raw[article.headline.start:article.headline.end].split()) == article.headline.text
    if article.agency_span:
        assert raw[article.agency_span.start:article.agency_span.end] == article.agency_span.text
    if article.end_marker:
        assert raw[article.end_marker.start:article.end_marker.end] == article.end_marker.text
    for body_start, raw_start, length in article.body_map.pieces:
        assert article.body[body_start:body_start + length] == raw[raw_start:raw_start + length] \
            or "<" in raw or "&" in raw  # markup blanked in the body, one character for one


PAGE = """الرئيسية
أخبار عربية
وزير الخارجية يبحث مع نظيره العماني العلاقات الثنائية
منذ 3 ساعات
كتب أحمد علي
صورة أرشيفية لوزير الخارجية (رويترز)
الرياض - بحث وزير الخارجية اليوم الأحد مع نظيره العماني في الرياض سبل تعزيز العلاقات الثنائية بين البلدين.
اقرأ أيضا
الأمطار تغلق الطرق في جدة
مباراة ودية بين المنتخبين غدا
وأكد الجانبان أهمية تنسيق المواقف في القضايا الإقليمية والدولية ذات الاهتمام المشترك.
شارك الخبر على فيسبوك
جميع الحقوق محفوظة 2024
"""


def test_reader_drops_furniture_wherever_it_stands():
    article = read_page(PAGE, "p")
    assert article.headline.text == "وزير الخارجية يبحث مع نظيره العماني العلاقات الثنائية"
    assert article.dateline.place == "الرياض" and article.dateline.country == "SAU"
    assert article.body.splitlines() == [
        "بحث وزير الخارجية اليوم الأحد مع نظيره العماني في الرياض سبل تعزيز العلاقات الثنائية بين البلدين.",
        "وأكد الجانبان أهمية تنسيق المواقف في القضايا الإقليمية والدولية ذات الاهتمام المشترك.",
    ]
    reasons = {d.reason for d in article.dropped}
    assert {"read_also", "share", "copyright", "byline", "caption", "timestamp"} <= reasons


def test_reader_drops_a_wire_credit_line_of_reporters():
    # the credit a wire service puts under its Arabic stories, reporters and editors by name
    page = ("عمان - أعلنت الحكومة اليوم الثلاثاء خطة جديدة لدعم المزارعين في المناطق الريفية.\n"
            "وقال الوزير إن الخطة تبدأ الشهر المقبل.\n"
            "(تغطية صحفية سامر حداد ولينا يوسف – إعداد رامي خليل للنشرة العربية – تحرير هالة أحمد)\n")
    article = read_page(page, "p")
    assert article.body.splitlines()[-1] == "وقال الوزير إن الخطة تبدأ الشهر المقبل."
    assert "byline" in {d.reason for d in article.dropped}


def test_reader_headline_after_body_and_credit_line():
    page = ("بحث وزير الخارجية الأردني مع المبعوث الأممي اليوم في عمان آخر التطورات في المنطقة "
            "وسبل دعم جهود السلام.\nمحليات\nالصفدي والمبعوث الأممي يبحثان جهود السلام في المنطقة\n–(بترا)\n")
    article = read_page(page, "p")
    assert article.headline.text == "الصفدي والمبعوث الأممي يبحثان جهود السلام في المنطقة"
    assert article.agency == "PETRA"
    assert article.body.endswith("جهود السلام.")


def test_reader_end_marker_with_initials_on_same_line():
    page = "الكويت - 2 - 5 (كونا) -- أعلنت وزارة الصحة اليوم الخميس عن حملة وطنية للتطعيم. (النهاية) ن م ع\n"
    article = read_page(page, "p")
    assert article.end_marker.text == "(النهاية)"
    assert article.initials.text == "ن م ع"
    assert article.body.endswith("للتطعيم.")


def test_reader_spa_end_marker_and_time_stamp():
    page = ("عام / افتتاح معرض الكتاب في المدينة\n\n المدينة المنورة 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس\n"
            " افتتح أمير المنطقة اليوم معرض الكتاب الدولي بمشاركة مئات الناشرين من الدول العربية.\n"
            " // انتهى //\n 18:33 ت م \n ")
    article = read_page(page, "p")
    assert article.headline.text == "افتتاح معرض الكتاب في المدينة"  # desk tag left out
    assert article.agency == "SPA"
    assert (article.dateline.year, article.dateline.month, article.dateline.day) == (2015, 8, 10)
    assert article.dateline.hijri == "1436-10-25"
    assert article.end_marker.text == "// انتهى //"
    assert article.body.endswith("الدول العربية.")


def test_reader_date_prefix_and_plain_layout():
    page = " date 2025-08-25 أجرى وزير الخارجية اليوم محادثات ثنائية مع نظيره السعودي في جدة حول العلاقات."
    assert read_page(page, "p").body.startswith("أجرى وزير الخارجية")
    plain = read_page(page, "p", layout="plain")
    assert plain.body == page and plain.headline is None


def test_reader_caption_credit_is_not_the_agency():
    page = ("البحرين تتأهل إلى النهائيات\nلاعبو المنتخب يحتفلون بالفوز (رويترز)\n"
            "بلغ منتخب البحرين نهائيات البطولة بعد فوزه على منافسه بهدف دون رد اليوم الأربعاء.\n")
    article = read_page(page, "p")
    assert article.agency is None
    assert article.headline.text == "البحرين تتأهل إلى النهائيات"


def test_continuation_part_takes_dateline_of_its_dispatch():
    lead = read_page("عام / أمير المنطقة يفتتح المعرض\n\n أبها 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس\n"
                     " افتتح أمير المنطقة اليوم المعرض السنوي للكتاب بحضور عدد من المسؤولين.\n", "lead")
    part = read_page("عام / أمير المنطقة يفتتح المعرض / إضافة أولى واخيرة\n\n"
                     " وأوضح المسؤول أن المعرض يستمر عشرة أيام ويضم أجنحة لدور النشر المحلية.\n", "part")
    assert part.continuation.text == "إضافة أولى واخيرة"
    assert part.dateline is None
    out = list(link_continuations([part, lead]))
    assert [a.id for a in out] == ["part", "lead"]
    assert out[0].continues == "lead"
    assert out[0].agency == "SPA" and out[0].dateline.place == "أبها"
    assert out[0].dateline.inherited_from == "lead"


def test_reader_headline_shares_words_with_the_lead():
    page = ("الرئيسية أخبار عربية ودولية اليوم\nاقتصاد وأعمال ومال\n"
            "السعودية والكويت توقعان اتفاقية للربط الكهربائي\n"
            "وقعت السعودية والكويت اليوم في الرياض اتفاقية للربط الكهربائي بين البلدين بقيمة مليار دولار.\n")
    assert read_page(page, "p").headline.text == "السعودية والكويت توقعان اتفاقية للربط الكهربائي"


def test_reader_source_credit_line_names_the_agency():
    page = ("بحث وزير الخارجية الأردني مع نظيره المصري اليوم في القاهرة آخر التطورات في المنطقة.\n"
            "المصدر: الأناضول\n")
    article = read_page(page, "p")
    assert article.agency == "AA"
    assert "الأناضول" not in article.body


def test_reader_dashed_end_marker():
    page = "الرياض - واس - افتتح الأمير اليوم المعرض الدولي للكتاب بمشاركة مئات الناشرين. --انتهى--\n"
    article = read_page(page, "p")
    assert article.end_marker.text == "--انتهى--"
    assert article.body.endswith("الناشرين.")


def test_reader_long_white_space_after_a_marker_word_reads_in_one_pass():
    # A run of white space after "اضافة" once cost a regex try per split of the run (cubic).
    text = "وزير الخارجية يستقبل نظيره" + " " * 20_000 + "اضافة" + " " * 20_000 + "جديدة"
    assert continuation_marker(text) is None
    marked = "وزير الخارجية يستقبل نظيره /" + " " * 20_000 + "إضافة أولى"
    assert marked[continuation_marker(marked).end() - 10:] == "إضافة أولى"


@pytest.mark.parametrize(("page", "agency", "place"), [
    # two agencies in one credit: the first is credited
    ("المنامة في 3 مايو (بنا/كونا) - أعلن وزير الخارجية اليوم عن زيارة رسمية إلى الكويت الأسبوع المقبل.",
     "BNA", "المنامة"),
    # an outlet's own credit, then the agency's
    ("دبي – البيان – وام: أعلنت الحكومة اليوم عن خطة جديدة لدعم الصادرات الوطنية خلال العام المقبل.",
     "WAM", "دبي"),
    # a story filed from two places: the first is the dateline's
    ("دمشق – نيويورك في 28 سبتمبر /أ ش أ/ أكد الأمين العام للأمم المتحدة حرصه على دعم جهود الإغاثة.",
     "MENA", "دمشق"),
    # credits that name no one agency show a dateline but give no code
    ("لندن (وكالات)\nاستدعت وزارة الخارجية البريطانية أمس السفير لدى المملكة المتحدة لبحث التطورات.",
     None, "لندن"),
])
def test_reader_credit_forms(page, agency, place):
    article = read_page("وزير الخارجية يبحث العلاقات الثنائية\n" + page, "p")
    assert article.agency == agency
    assert article.dateline.place == place
    assert article.body.startswith(("أعلن", "أكد", "استدعت"))


@pytest.mark.parametrize("where", ["before", "after teaser", "end", "source line"])
def test_reader_credit_line_wherever_it_stands(where):
    headline = "الحكومة تعلن خطة جديدة لدعم الصادرات"
    teaser = "أعلنت الحكومة اليوم خطة جديدة لدعم الصادرات الوطنية خلال العام المقبل بتمويل كبير."
    body = "وقال وزير التجارة إن الخطة تشمل إعفاءات ضريبية للمصدرين وتسهيلات في الموانئ والمطارات."
    lines = {"before": [headline, "أ ش أ", teaser, body], "after teaser": [headline, teaser, "أ ش أ", body],
             "end": [headline, teaser, body, "(أ ش أ)"], "source line": [headline, teaser, body, "المصدر: أ ش أ"]}
    article = read_page("\n".join(lines[where]), "p")
    assert article.agency == "MENA"
    assert article.headline.text == headline
    assert " ".join(article.body.split()) == f"{teaser} {body}"


def test_reader_cut_last_paragraph_stays_body():
    page = ("الحكومة تعلن خطة جديدة لدعم الصادرات\n"
            "أعلنت الحكومة اليوم خطة جديدة لدعم الصادرات الوطنية خلال العام المقبل بتمويل كبير.\n"
            "وأشار الوزير إلى أن «الخطة ستبدأ في")
    assert read_page(page, "p").body.endswith("«الخطة ستبدأ في")


def test_reader_timestamp_and_view_counter_between_headline_and_body():
    page = ("الحكومة تعلن خطة جديدة لدعم الصادرات\nالأربعاء 9 يونيو 2021 - 3:47 م\n1,234 مشاهدة\n"
            "أعلنت الحكومة اليوم خطة جديدة لدعم الصادرات الوطنية خلال العام المقبل بتمويل كبير.\n")
    article = read_page(page, "p")
    assert article.headline.text == "الحكومة تعلن خطة جديدة لدعم الصادرات"
    assert article.body.startswith("أعلنت الحكومة")


def test_reader_markup_left_in_the_text_is_blanked():
    page = ("وزير الخارجية يبحث العلاقات الثنائية\n<p dir=\"RTL\"><span>الرياض (<strong>واس</strong>) -&nbsp;"
            "بحث وزير الخارجية اليوم مع نظيره &laquo;العماني&raquo; العلاقات الثنائية بين البلدين.</span></p>")
    article = read_page(page, "p")
    assert article.agency == "SPA"
    assert article.body == "بحث وزير الخارجية اليوم مع نظيره «      العماني»       العلاقات الثنائية بين البلدين."
