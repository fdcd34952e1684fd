"""TREC-style documents: several per file, fields, dateline credits, empty text, oversized documents."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khabar.sources import iter_pages, trec
from khabar.sources.dates import parse_date
from tests.sources.sources_samples import ARABIC, ARABIC_2


def _doc(
    docno: str, title: str, text: str, author: str = "", time: str = "Sun, 18 Feb 2018 21:35:43 +0400"
) -> str:
    return (
        f"<DOC>\n<DOCNO>{docno}</DOCNO>\n<URL>http://example.org/{docno}</URL>\n<SRC>alarabia</SRC>\n"
        f"<CAT>culture</CAT>\n<TITLE>{title}</TITLE>\n<TIME>{time}</TIME>\n<AUTHOR>{author}</AUTHOR>\n"
        f"<ABSTRACT>\nملخص قصير للخبر\n</ABSTRACT>\n<TEXT>\n{text}\n</TEXT>\n</DOC>\n"
    )


def test_multi_document_file(write):
    content = (
        _doc("AL-1", "افتتاح معرض الكتاب", ARABIC, author="دبي - العربية.نت")
        + _doc("AL-2", "خبر ثان", ARABIC_2, author="فرانس 24", time="2017-01-26T08:31:00+01:00")
        + _doc("AL-3", "خبر بلا نص", "  \n")
    )
    pages = list(iter_pages([write("docs.trec", content)]))
    assert [p.id for p in pages] == ["AL-1", "AL-2", "AL-3"]
    first, second, empty = pages
    assert first.text == "افتتاح معرض الكتاب\nدبي - العربية.نت\n" + ARABIC
    assert first.title == "افتتاح معرض الكتاب" and first.outlet == "alarabia"
    assert first.url == "http://example.org/AL-1" and first.date == dt.date(2018, 2, 18)
    assert first.meta == {"cat": "culture", "author": "دبي - العربية.نت", "abstract": "ملخص قصير للخبر"}
    # "فرانس 24" is a name, not a place and a credit: it stays out of the text.
    assert second.text == "خبر ثان\n" + ARABIC_2 and second.date == dt.date(2017, 1, 26)
    assert second.origin.endswith("docs.trec#doc 2") and second.position == 1
    assert empty.error == "no article text" and empty.title == "خبر بلا نص"


def test_txt_starting_with_doc_is_trec(write):
    page = next(iter_pages([write("AL-culture-1.txt", "\ufeff" + _doc("AL-culture-1", "عنوان", ARABIC))]))
    assert page.id == "AL-culture-1" and page.title == "عنوان"
    assert page.text.startswith("عنوان\n" + ARABIC.split("\n")[0])


@pytest.mark.parametrize(
    "author, shown",
    [
        ("أبوظبي - سكاي نيوز عربية", True),
        ("دبي ـ العربية.نت", True),
        ("القاهرة - أحمد محمود", True),
        ("لندن: مراسلنا", True),
        ("العربية.نت", False),
        ("فرانس 24", False),
        ("", False),
    ],
)
def test_author_line_only_when_it_reads_like_a_dateline(write, author, shown):
    page = next(iter_pages([write("a.txt", _doc("A", "عنوان", ARABIC, author=author))]))
    assert (page.text.split("\n")[1] == author) is shown


def test_gigaword_style_doc_with_attributes_and_paragraph_tags(write):
    content = (
        '<DOC id="AFA_ARB_1.0001" type="story" >\n<HEADLINE>\nعنوان الخبر\n</HEADLINE>\n'
        "<DATELINE>\nعمان 5-1 (اف ب) -\n</DATELINE>\n"
        f"<TEXT>\n<P>\n{ARABIC_2}\n</P>\n<P>\nفقرة &amp; ثانية\n</P>\n"
        "</TEXT>\n</DOC>\n"
    )
    page = next(iter_pages([write("afa.sgml", content)]))
    assert page.id == "AFA_ARB_1.0001"
    assert page.text.split("\n") == ["عنوان الخبر", "عمان 5-1 (اف ب) -", ARABIC_2, "فقرة & ثانية"]


def test_oversized_document_is_refused_and_the_next_one_read(write):
    content = _doc("BIG", "كبير", ARABIC * 200) + _doc("SMALL", "صغير", ARABIC_2)
    pages = list(iter_pages([write("big.txt", content)], max_bytes=10_000))
    assert pages[0].error.startswith("larger than 10 kB")
    assert pages[1].id == "SMALL" and pages[1].error is None


def test_trec_file_without_documents(write):
    page = next(iter_pages([write("none.trec", "لا توجد وثائق هنا " * 5)]))
    assert page.error == "no <DOC> documents found"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("Sun, 18 Feb 2018 21:35:43 +0400", dt.date(2018, 2, 18)),
        ("Tue, 20 Feb 2018 01:44:01 GMT", dt.date(2018, 2, 20)),
        ("2017-01-26T08:31:00+01:00", dt.date(2017, 1, 26)),
        ("2017-01-22T171800", dt.date(2017, 1, 22)),
        ("01/07/2016", dt.date(2016, 7, 1)),
        ("12/25/2016", dt.date(2016, 12, 25)),
        ("2015-07-21 02:51:32", dt.date(2015, 7, 21)),
        ("20180218", dt.date(2018, 2, 18)),
        ("yesterday", None),
        ("", None),
        (None, None),
        ("2018-02-31", None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    sizes=st.lists(st.sampled_from([0, 1, 30, 500, 3000]), max_size=12),
    separator=st.sampled_from([b"", b"\n", b"junk <DO\n"]),
    chunk=st.sampled_from([5, 16, 64, 4096]),
    limit=st.sampled_from([40, 600, 100_000]),
)
def test_documents_are_cut_exactly_whatever_the_chunk_size(monkeypatch, sizes, separator, chunk, limit):
    monkeypatch.setattr(trec, "_CHUNK", chunk)
    docs = [f"<DOC><DOCNO>D{i}</DOCNO><TEXT>{'x' * n}</TEXT></DOC>".encode() for i, n in enumerate(sizes)]
    got = list(trec._documents(io.BytesIO(b"".join(separator + doc for doc in docs)), limit))
    assert [size for _, _, size in got] == [len(doc) for doc in docs]
    assert [data for _, data, _ in got] == [doc if len(doc) <= limit else None for doc in docs]


def test_utf16_trec_file_without_bom(write):
    content = _doc("W-1", "عنوان", ARABIC) + _doc("W-2", "عنوان ثان", ARABIC_2)
    pages = list(iter_pages([write("wide.txt", content.encode("utf-16-le"))]))
    assert [p.id for p in pages] == ["W-1", "W-2"]
    assert pages[1].text == "عنوان ثان\n" + ARABIC_2
