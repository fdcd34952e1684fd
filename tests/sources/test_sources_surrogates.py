"""Text no encoder can write (lone surrogates) is replaced where pages are made: no stage, no
writer and no later line is lost to it."""

from __future__ import annotations

import json

from khabar.sources import iter_pages
from khabar.sources.page import RawPage, encodable, error_page
from tests.sources.sources_samples import ARABIC, ARABIC_2

# json.dumps writes a lone surrogate as the escape "\ud800", which json.loads turns back into one.
_LONE = "\ud800"


def test_lone_surrogates_become_replacement_characters_one_for_one():
    text = f"قال{_LONE}الوزير\udfff"
    clean = encodable(text)
    assert len(clean) == len(text)
    assert clean == "قال\ufffdالوزير\ufffd"
    clean.encode("utf-8")
    assert encodable("😀 قال") == "😀 قال"  # a real pair is kept


def test_every_field_of_a_page_is_encodable():
    page = RawPage(id=f"a{_LONE}", text=f"نص {_LONE}", origin=f"o{_LONE}", title=_LONE, url=_LONE,
                   outlet=_LONE, meta={f"k{_LONE}": f"v{_LONE}"})
    error = error_page(f"e{_LONE}", "o", f"why {_LONE}", 0, title=_LONE, meta={"k": _LONE})
    for p in (page, error):
        for value in (p.id, p.text, p.origin, p.title, p.error or "", *p.meta, *p.meta.values()):
            value.encode("utf-8")


def test_a_jsonl_line_with_a_lone_surrogate_does_not_stop_the_next_lines(write):
    lines = [json.dumps({"id": "a", "text": ARABIC}),
             json.dumps({"id": "b", "text": f"قال الوزير {_LONE}", "title": _LONE}),
             json.dumps({"id": "c", "text": ARABIC_2})]
    assert "\\ud800" in lines[1]
    pages = list(iter_pages([write("feed.jsonl", "\n".join(lines))]))
    assert [p.id for p in pages] == ["a", "b", "c"]
    assert pages[1].text == "قال الوزير \ufffd" and pages[1].title == "\ufffd"
    assert all(p.error is None for p in (pages[0], pages[2]))


def test_a_json_array_item_with_a_lone_surrogate_is_read(write):
    items = [{"title": "عنوان", "content": f"{ARABIC} {_LONE}"}, {"content": ARABIC_2}]
    pages = list(iter_pages([write("items.json", json.dumps(items))]))
    assert [p.error for p in pages] == [None, None]
    assert pages[0].text.endswith("\ufffd")
