"""The HTML benchmark: articles of a corpus wrapped in news-site templates written for it (navigation,
breaking-news bar, byline and time stamp line, share bar, "read also" box, photo caption, tags,
newsletter box, comments, footer), read back by khabar (HTML extraction, then the page stage) and,
when it is installed, by trafilatura; each body is scored by token F1 against the article's text.

The templates differ in markup on purpose: semantic HTML5, class-named <div>s, and anonymous
markup where only the text shows what is furniture.
"""

from __future__ import annotations

import html
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from khabar.page.reader import read_page
from khabar.sources.html import read_html
from khabar.sources.page import Options, RawPage

MIN_PARAGRAPH_WORDS = 5  # shorter TEXT lines of a corpus page are its author or credit line
_TOKEN_RE = re.compile(r"\w+")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_AR_MONTHS = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
              "نوفمبر", "ديسمبر")


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    title: str
    paragraphs: tuple[str, ...]
    related: tuple[str, ...]  # titles of other stories, for the "read also" box and the side list
    n: int  # the story's number: varies dates, names and counters between pages


def stories(pages: Iterable[RawPage]) -> list[Story]:
    """Stories from corpus pages that carry a title and paragraphs (TREC, JSON): the page text
    without its title line and short author or credit lines."""
    pages = [p for p in pages if not p.error and p.title]
    titles = [p.title or "" for p in pages]
    out = []
    for n, page in enumerate(pages):
        lines = [line.strip() for line in page.text.split("\n")]
        paragraphs = tuple(line for line in lines[1:] if len(line.split()) >= MIN_PARAGRAPH_WORDS)
        if paragraphs:
            related = tuple(titles[(n + k) % len(titles)] for k in (1, 2, 3))
            out.append(Story(page.id, page.title or "", paragraphs, related, n))
    return out


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _stamp(story: Story) -> tuple[str, str]:
    """(English RFC-like stamp, Arabic date) that vary with the story."""
    day, month, hour, minute = 1 + story.n % 28, story.n % 12, story.n % 24, (story.n * 7) % 60
    english = f"{_DAYS[story.n % 7]}, {day:02d} {_MONTHS[month]} 2018 {hour:02d}:{minute:02d}:00 GMT"
    return english, f"{day} {_AR_MONTHS[month]} 2018"


def _split(story: Story) -> tuple[tuple[str, ...], tuple[str, ...]]:
    half = max(1, len(story.paragraphs) // 2)
    return story.paragraphs[:half], story.paragraphs[half:]


def semantic(story: Story) -> str:
    """HTML5 site: nav, header, article, aside, footer named by their elements."""
    english, arabic = _stamp(story)
    first, rest = _split(story)
    paras = "".join(f"<p>{_esc(p)}</p>" for p in first)
    more = "".join(f"<p>{_esc(p)}</p>" for p in rest)
    related = "".join(f'<li><a href="/n/{i}">{_esc(t)}</a></li>' for i, t in enumerate(story.related))
    return (f"<!doctype html><html lang='ar' dir='rtl'><head><meta charset='utf-8'><title>{_esc(story.title)}"
            f" | الموقع الإخباري</title></head><body><header><nav><a href='/'>الرئيسية</a> <a href='/p'>سياسة"
            f"</a> <a href='/e'>اقتصاد</a> <a href='/s'>رياضة</a> <a href='/c'>ثقافة وفنون</a></nav>"
            f"<div class='ticker'>عاجل: متابعة مستمرة لآخر التطورات على مدار الساعة</div></header>"
            f"<main><article><h1>{_esc(story.title)}</h1>"
            f"<p class='meta'>بقلم محرر الشؤون العامة · {english} · آخر تحديث: {arabic}</p>"
            f"<figure><img src='/i/{story.n}.jpg'><figcaption>صورة من موقع الحدث (أرشيفية)</figcaption></figure>"
            f"{paras}<aside><h3>اقرأ أيضا</h3><ul>{related}</ul></aside>{more}"
            f"<div class='share'>شارك الخبر: فيسبوك تويتر واتساب</div>"
            f"<p class='tags'>الوسوم: أخبار، تقارير، متابعات</p></article></main>"
            f"<section class='newsletter'><h3>النشرة البريدية</h3><p>اشترك ليصلك أهم الأخبار يوميا</p>"
            f"<form><input type='email'></form></section>"
            f"<section id='comments'><h3>التعليقات</h3><p>لا توجد تعليقات بعد، كن أول من يعلق</p></section>"
            f"<footer><p>جميع الحقوق محفوظة © 2018</p><a href='/about'>من نحن</a></footer></body></html>")


def named_divs(story: Story) -> str:
    """A site of <div>s whose classes name what they hold."""
    english, arabic = _stamp(story)
    first, rest = _split(story)
    paras = "".join(f"<div class='para'>{_esc(p)}</div>" for p in first)
    more = "".join(f"<div class='para'>{_esc(p)}</div>" for p in rest)
    related = "".join(f"<div class='item'><a href='/x/{i}'>{_esc(t)}</a></div>" for i, t in enumerate(story.related))
    return (f"<html><head><meta property='og:title' content='{_esc(story.title)}'></head><body>"
            f"<div class='top-menu'><a>الصفحة الرئيسية</a> | <a>محليات</a> | <a>عربي ودولي</a> | <a>منوعات</a></div>"
            f"<div class='breaking-bar'><span>الآن</span> تغطية خاصة للأحداث الجارية</div>"
            f"<div class='wrapper'><div class='post'><div class='post-title'><h1>{_esc(story.title)}</h1></div>"
            f"<div class='post-info'>{arabic} | {english} | {1000 + story.n * 13} مشاهدة</div>"
            f"<div class='post-body'>{paras}<div class='related-box'><b>اقرأ أيضاً</b>{related}</div>{more}</div>"
            f"<div class='img-caption'>الصورة: من موقع الحدث</div>"
            f"<div class='social-share'>شارك على فيسبوك | شارك على تويتر</div>"
            f"<div class='post-tags'>كلمات مفتاحية: سياسة اقتصاد مجتمع</div></div>"
            f"<div class='sidebar'><h3>الأكثر قراءة</h3>{related}</div></div>"
            f"<div class='comments-area'>أضف تعليق</div>"
            f"<div class='footer'>جميع الحقوق محفوظة للموقع 2018</div></body></html>")


def anonymous(story: Story) -> str:
    """Markup that names nothing: only the text shows the furniture."""
    english, arabic = _stamp(story)
    first, rest = _split(story)
    paras = "<br><br>".join(_esc(p) for p in first)
    more = "<br><br>".join(_esc(p) for p in rest)
    related = "<br>".join(_esc(t) for t in story.related)
    return (f"<html><body><table><tr><td><a>الرئيسية</a></td><td><a>أخبار</a></td><td><a>فيديو</a></td>"
            f"<td><a>صور</a></td></tr></table>"
            f"<div class='c1'><span>{_esc(story.title)}</span></div>"
            f"<div class='c2'>{english} · منذ {1 + story.n % 11} ساعات</div>"
            f"<div class='c3'>{paras}<br><br>اقرأ أيضا:<br>{related}<br><br>{more}</div>"
            f"<div class='c4'>صورة أرشيفية</div>"
            f"<div class='c5'>شارك الخبر</div><div class='c6'>تابعونا على تطبيق الأخبار {arabic}</div>"
            f"<div class='c7'>Copyright 2018 · جميع الحقوق محفوظة</div></body></html>")


TEMPLATES: dict[str, Callable[[Story], str]] = {"semantic": semantic, "named_divs": named_divs,
                                                 "anonymous": anonymous}


def token_f1(got: str, want: str) -> float:
    """F1 of the word tokens of `got` against those of `want` (as multisets)."""
    got_tokens, want_tokens = Counter(_TOKEN_RE.findall(got)), Counter(_TOKEN_RE.findall(want))
    common = sum((got_tokens & want_tokens).values())
    if not common:
        return 0.0
    precision, recall = common / sum(got_tokens.values()), common / sum(want_tokens.values())
    return 2 * precision * recall / (precision + recall)


def khabar_body(page_html: str, page_id: str) -> str:
    """khabar's reading of one page: HTML extraction, then the page stage's body."""
    page = read_html(page_html.encode("utf-8"), page_id, page_id, Options())
    return read_page(page.text, page_id).body


def trafilatura_body(favor_precision: bool) -> Callable[[str, str], str] | None:
    try:
        import trafilatura  # an optional benchmark dependency
    except ImportError:
        return None

    def body(page_html: str, page_id: str) -> str:
        return trafilatura.extract(page_html, favor_precision=favor_precision, include_comments=False,
                                   include_tables=False) or ""

    return body


def bench_html(story_list: Sequence[Story]) -> dict[str, float | int]:
    """Body token F1 and pages/s of each reader on every template, and over all pages."""
    readers: dict[str, Callable[[str, str], str] | None] = {
        "khabar": khabar_body, "trafilatura": trafilatura_body(False),
        "trafilatura_precision": trafilatura_body(True)}
    pages = [(name, s, template(s)) for name, template in TEMPLATES.items() for s in story_list]
    figures: dict[str, float | int] = {"pages": len(pages), "templates": len(TEMPLATES)}
    for reader_name, reader in readers.items():
        if reader is None:
            continue
        by_template: dict[str, list[float]] = {name: [] for name in TEMPLATES}
        started = time.perf_counter()
        for name, story, page_html in pages:
            by_template[name].append(token_f1(reader(page_html, story.id), "\n".join(story.paragraphs)))
        seconds = time.perf_counter() - started
        scores = [f for values in by_template.values() for f in values]
        figures[f"{reader_name}_f1"] = round(sum(scores) / max(len(scores), 1), 4)
        for name, values in by_template.items():
            figures[f"{reader_name}_f1_{name}"] = round(sum(values) / max(len(values), 1), 4)
        figures[f"{reader_name}_pages_per_s"] = round(len(pages) / seconds, 1) if seconds else 0.0
    return figures
