"""html_to_text: main content, headline first, furniture named by markup dropped, one block per line."""

from __future__ import annotations

import pytest

from khabar.errors import InputError
from khabar.sources import html_to_text, iter_pages
from khabar.sources.html import extract
from tests.sources.sources_samples import ARABIC_2

HEADLINE = "وزير الزراعة يعلن خطة لدعم المزارعين"
PARA_1 = "القاهرة - أعلن وزير الزراعة اليوم خطة جديدة لدعم صغار المزارعين في الريف."
PARA_2 = "وقال الوزير إن الخطة تبدأ في الربيع المقبل وتستمر ثلاث سنوات."

NEWS_PAGE = f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head>
<meta charset="utf-8"><title>{HEADLINE} | موقع الأخبار</title>
<meta property="og:title" content="{HEADLINE}">
<link rel="canonical" href="https://example.org/news/1">
<meta property="article:published_time" content="2024-03-05T10:00:00+03:00">
<style>.x {{ color: red }}</style><script>var tracking = "لا تظهر";</script>
</head><body>
<header class="site-header"><a class="logo">موقع الأخبار</a>
  <nav class="main-menu"><ul><li><a href="/">الرئيسية</a></li><li><a href="/p">سياسة</a></li></ul></nav>
</header>
<div class="breadcrumb"><a>الرئيسية</a> &gt; <a>اقتصاد</a></div>
<h1 class="headline">{HEADLINE}</h1>
<div class="content">
  <article>
    <div class="share-buttons"><a>شارك على فيسبوك</a><a>غرد</a></div>
    <p>{PARA_1}</p>
    <p>وقال <b>الوزير</b> إن الخطة&nbsp;تبدأ   في الربيع
       المقبل وتستمر ثلاث سنوات.</p>
    <div class="ad-slot">إعلان</div>
    <section class="related-articles"><h3>أخبار ذات صلة</h3><ul><li>خبر آخر عن الزراعة</li></ul></section>
    <div id="comments">أضف تعليقك</div>
  </article>
  <aside><h3>الأكثر قراءة</h3><p>خبر جانبي عن الطقس والأمطار في البلاد كلها اليوم</p></aside>
</div>
<footer><p>جميع الحقوق محفوظة</p></footer>
</body></html>"""


def test_news_page_keeps_headline_and_story_lines_only():
    text, title = html_to_text(NEWS_PAGE)
    assert text.split("\n") == [HEADLINE, PARA_1, PARA_2]
    assert title == f"{HEADLINE} | موقع الأخبار"


def test_news_page_metadata():
    doc = extract(NEWS_PAGE)
    assert doc.url == "https://example.org/news/1"
    assert str(doc.date) == "2024-03-05"


def test_inline_elements_join_without_spaces_and_blocks_break_lines():
    html = "<div><p>كلم<b>ة</b> <i>واحدة</i></p><div>سطر<br>آخر</div><ul><li>أ</li><li>ب</li></ul></div>"
    text, _ = html_to_text(html)
    assert text.split("\n") == ["كلمة واحدة", "سطر", "آخر", "أ", "ب"]


def test_entities_are_decoded():
    text, _ = html_to_text("<p>&#1593;&#1604;&#1605; &amp; &quot;نور&quot;</p>")
    assert text == 'علم & "نور"'


def test_og_title_when_there_is_no_title_element():
    html = '<html><head><meta property="og:title" content="عنوان المقال"></head><body><p>نص</p></body></html>'
    assert html_to_text(html)[1] == "عنوان المقال"


def test_teaser_article_does_not_win_over_the_story():
    html = f"""<body><article class="teaser"><p>عنوان قصير</p></article>
    <div id="story"><p>{PARA_1}</p><p>{PARA_2}</p><p>{ARABIC_2}</p></div></body>"""
    text, _ = html_to_text(html)
    assert text.split("\n") == [PARA_1, PARA_2, ARABIC_2]


def test_without_article_the_densest_paragraph_block_is_used():
    html = f"""<body><div class="menu-list"><p>قائمة</p></div><div class="col">
    <p>{PARA_1}</p><p>{PARA_2}</p></div><div class="col2"><p>سطر قصير</p></div></body>"""
    text, _ = html_to_text(html)
    assert text.split("\n") == [PARA_1, PARA_2]


def test_content_wrapper_with_a_furniture_like_class_is_kept():
    html = f"""<article><div class="post-body related-enabled"><p>{PARA_1}</p><p>{PARA_2}</p></div>
    <div class="related"><p>رابط</p></div></article>"""
    assert html_to_text(html)[0].split("\n") == [PARA_1, PARA_2]


@pytest.mark.parametrize(
    "broken",
    [
        f"<html><body><div><p>{PARA_1}<p>{PARA_2}<div><span>",
        f"<<<p>>{PARA_1}</b></i></div></div></html></html><p",
        f"\x00garbage<html><p>{PARA_1}",
        f"<div>{'<div>' * 5000}{PARA_1}",
    ],
)
def test_broken_html_yields_the_text_it_has(broken):
    text, _ = html_to_text(broken)
    assert PARA_1 in text


@pytest.mark.parametrize(
    "empty", ["", "<html><head><title>عنوان</title></head><body></body></html>", "<!-- تعليق فقط --><br><hr>"]
)
def test_no_text_raises_input_error(empty):
    with pytest.raises(InputError, match="no text found in HTML"):
        html_to_text(empty)


def test_html_file_becomes_a_page(write):
    page = next(iter_pages([write("story.html", NEWS_PAGE)]))
    assert page.error is None
    assert page.id == "story"
    assert page.text.startswith(HEADLINE + "\n")
    assert page.title and page.url == "https://example.org/news/1"
    assert str(page.date) == "2024-03-05"


def test_html_file_without_text_is_an_error_page(write):
    page = next(iter_pages([write("empty.htm", "<html><body><script>x()</script></body></html>")]))
    assert page.error == "no text found in HTML"
    assert page.text == ""


def test_html_in_a_txt_file_is_sniffed(write):
    page = next(iter_pages([write("saved.txt", NEWS_PAGE)]))
    assert page.text.split("\n")[0] == HEADLINE


def test_story_with_each_paragraph_in_its_own_div_is_found_whole():
    paras = [PARA_1, PARA_2, ARABIC_2]
    html = (
        '<body><div class="sidebar-x"><p>خبر قصير جانبي</p></div><div class="story">'
        + "".join(f'<div class="para"><p>{p}</p></div>' for p in paras)
        + "</div></body>"
    )
    assert html_to_text(html)[0].split("\n") == paras


def test_page_wrapped_in_one_form_keeps_its_text():
    # No <p> at all, so the body is the container and the <form> holds everything.
    html = f'<body><form id="aspnetForm"><nav>قائمة</nav><div>{PARA_1}<br>{PARA_2}</div></form></body>'
    assert html_to_text(html)[0].split("\n") == [PARA_1, PARA_2]


def test_deeply_nested_headlines_are_read_in_one_walk():
    # Every <h1> once walked its ancestors and read its descendants' text: quadratic on deep nesting.
    depth = 5_000
    page = ("<html><body>" + "<div><h1>عنوان الخبر</h1>" * depth + f"<p>{ARABIC_2}</p>" + "</div>" * depth
            + "</body></html>")
    doc = extract(page)
    assert doc.text.splitlines()[0] == "عنوان الخبر"
    assert ARABIC_2 in doc.text


def test_headline_in_furniture_is_passed_over_for_the_story_s():
    page = (f"<html><body><nav><h1>القائمة الرئيسية للموقع</h1></nav><article><h1>عنوان الخبر</h1>"
            f"<p>{ARABIC_2}</p></article></body></html>")
    assert extract(page).text.splitlines()[0] == "عنوان الخبر"
