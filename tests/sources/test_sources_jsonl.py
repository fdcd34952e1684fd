"""JSON Lines and JSON files (arrays of article objects, single objects)."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

from khabar.sources import iter_pages
from khabar.sources import jsonarray as jsonarray_module
from tests.sources.sources_samples import ARABIC, ARABIC_2, ENGLISH


def _line(**fields) -> str:
    return json.dumps(fields, ensure_ascii=False)


def test_bad_lines_in_the_middle_do_not_stop_the_others(write):
    lines = [
        _line(id="a1", text=ARABIC, date="2023-05-01", url="https://x.test/1", title="عنوان"),
        '{"id": "a2", "text": "نص" ',  # cut short
        "",
        _line(id="a4", body="لا يوجد حقل نص"),
        "[1, 2]",
        _line(text=ARABIC_2, layout="plain", source="وكالة", section="محليات"),
        _line(id="a7", text=ENGLISH),
    ]
    pages = list(iter_pages([write("feed.jsonl", "\n".join(lines) + "\n")]))
    assert [p.id for p in pages] == ["a1", "feed-2", "a4", "feed-5", "feed-6", "a7"]
    first, cut, no_text, not_object, plain, english = pages
    assert first.error is None and first.text == ARABIC
    assert first.date == dt.date(2023, 5, 1) and first.url == "https://x.test/1" and first.title == "عنوان"
    assert first.origin.endswith("feed.jsonl#line 1") and first.position == 1
    assert cut.error.startswith("invalid JSON on line 2: ")
    assert cut.origin.endswith("#line 2") and cut.text == ""
    assert no_text.error == 'no "text" field on line 4'
    assert not_object.error == "line 5 is not a JSON object"
    assert plain.error is None and plain.layout == "plain" and plain.outlet == "وكالة"
    assert plain.meta == {"section": "محليات"}
    assert english.error.startswith("not Arabic text")


def test_lines_without_a_date_take_the_file_date(write):
    page = next(iter_pages([write("d.jsonl", _line(text=ARABIC))]))
    assert page.date == dt.date.today()


def test_crlf_inside_json_text_becomes_newlines(write):
    page = next(iter_pages([write("crlf.jsonl", _line(text="سطر أول\r\nسطر ثان"))]))
    assert page.text == "سطر أول\nسطر ثان"


def test_a_too_long_line_is_refused_alone(write):
    lines = [_line(text=ARABIC), _line(text=ARABIC * 20), _line(text=ARABIC_2)]
    pages = list(iter_pages([write("long.jsonl", "\n".join(lines))], max_bytes=2000))
    assert [p.error is None for p in pages] == [True, False, True]
    assert pages[1].error.startswith("line 2 is larger than 2 kB")
    assert pages[2].text == ARABIC_2


def test_plain_flag_forces_plain_layout(write):
    page = next(iter_pages([write("p.jsonl", _line(text=ARABIC))], plain=True))
    assert page.layout == "plain"


ARTICLES = [
    {
        "source": "okaz",
        "url": "https://x.test/a",
        "date_extracted": "2015-07-21 02:51:32",
        "title": "عنوان الخبر الأول",
        "author": "الرياض: محرر",
        "content": ARABIC,
    },
    {
        "source": "alyaum",
        "url": "https://x.test/b",
        "date_extracted": "2015-07-22 08:00:00",
        "title": "",
        "author": "",
        "content": ARABIC_2,
    },
    {
        "source": "sabq",
        "url": "https://x.test/c",
        "date_extracted": "2015-07-22 09:00:00",
        "title": "خبر بلا نص",
        "author": "",
        "content": " ",
    },
]


def test_json_array_items_become_pages(write):
    pages = list(iter_pages([write("2015-07-21.json", json.dumps(ARTICLES, ensure_ascii=False, indent=2))]))
    assert [p.id for p in pages] == ["2015-07-21-0", "2015-07-21-1", "2015-07-21-2"]
    first, untitled, empty = pages
    assert first.text == "عنوان الخبر الأول\n\n" + ARABIC
    assert first.title == "عنوان الخبر الأول" and first.outlet == "okaz"
    assert first.date == dt.date(2015, 7, 21) and first.meta == {"author": "الرياض: محرر"}
    assert first.origin.endswith("2015-07-21.json#item 0")
    assert untitled.text == ARABIC_2 and untitled.title is None
    assert empty.error == "no article text" and empty.title == "خبر بلا نص"


def test_json_array_is_read_in_small_pieces(write, monkeypatch):
    # Start with a tiny buffer so items and strings are cut at every possible place.
    original = jsonarray_module._ArrayReader.__init__

    def tiny(self, stream, source_id, max_bytes):
        original(self, stream, source_id, max_bytes)
        self._chunk = 7

    monkeypatch.setattr(jsonarray_module._ArrayReader, "__init__", tiny)
    many = [dict(ARTICLES[0], title=f"عنوان {i}") for i in range(30)]
    pages = list(iter_pages([write("many.json", json.dumps(many, ensure_ascii=False))]))
    assert [p.title for p in pages] == [f"عنوان {i}" for i in range(30)]
    assert all(p.error is None for p in pages)


def test_broken_json_array_keeps_the_items_before_the_break(write):
    good = json.dumps(ARTICLES[0], ensure_ascii=False)
    pages = list(iter_pages([write("broken.json", f'[{good}, {good}, {{"title": oops}}, {good}]')]))
    assert [p.error is None for p in pages] == [True, True, False]
    assert pages[-1].error.startswith("invalid JSON in item 2")
    assert pages[-1].id == "broken"


def test_single_json_object_file(write):
    page = next(
        iter_pages([write("one.json", json.dumps({"title": "عنوان", "text": ARABIC}, ensure_ascii=False))])
    )
    assert page.id == "one" and page.text == "عنوان\n\n" + ARABIC


def test_json_lines_under_a_json_name(write):
    pages = list(iter_pages([write("lines.json", _line(text=ARABIC) + "\n" + _line(text=ARABIC_2))]))
    assert [p.text for p in pages] == [ARABIC, ARABIC_2]


def test_zip_holding_one_json_array(tmp_path):
    path = tmp_path / "2015-07-22.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("2015-07-22.json", json.dumps(ARTICLES, ensure_ascii=False))
    pages = list(iter_pages([path]))
    assert len(pages) == 3
    assert pages[0].origin == f"{path}!2015-07-22.json#item 0"


def test_stdin_jsonl(monkeypatch):
    data = "\n" + _line(text=ARABIC) + "\n" + "{bad\n" + _line(id="x", text=ARABIC_2) + "\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data.encode("utf-8"))))
    pages = list(iter_pages(["-"]))
    assert [p.id for p in pages] == ["stdin-2", "stdin-3", "x"]
    assert pages[1].error.startswith("invalid JSON on line 3")
    assert pages[0].date is None and pages[0].origin == "<stdin>#line 2"


def test_utf16_jsonl_is_recoded_before_reading_lines(write):
    data = (_line(text=ARABIC) + "\r\n" + _line(text=ARABIC_2) + "\r\n").encode("utf-16")
    pages = list(iter_pages([write("wide.jsonl", data)]))
    assert [p.text for p in pages] == [ARABIC, ARABIC_2]


def test_cp1256_line_in_a_jsonl_file(write):
    data = _line(text=ARABIC).encode("utf-8") + b"\n" + _line(text=ARABIC_2).encode("cp1256")
    pages = list(iter_pages([write("mixed.jsonl", data)]))
    assert [p.text for p in pages] == [ARABIC, ARABIC_2]
