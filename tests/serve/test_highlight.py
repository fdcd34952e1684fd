"""Marks over text: nesting, cutting marks that cross, escaping, no link inside a link."""

from __future__ import annotations

from khabar.serve.highlight import Mark, article_marks, render


def test_highlight_nested_marks_stay_nested():
    # a quotation holding an entity: «الكويت ترحب»
    html = render("قال: الكويت ترحب", [Mark(5, 16, "quote"), Mark(5, 11, "entity", href="/entities/Q817")])
    assert html == ('قال: <span class="m quote"><a class="m entity" href="/entities/Q817">الكويت</a> ترحب</span>')


def test_highlight_crossing_mark_is_cut_at_the_holder_end():
    html = render("abcdefghij", [Mark(0, 5, "quote"), Mark(3, 8, "entity")])
    assert html == ('<span class="m quote">abc<span class="m entity">de</span></span>'
                    '<span class="m entity">fgh</span>ij')


def test_highlight_escapes_text_and_attributes():
    html = render("<b>&x", [Mark(0, 3, "entity", attrs=(("title", '"><script>'),), href="/e/<1>")])
    assert "<b>" not in html and "<script>" not in html
    assert "&lt;b&gt;" in html and "&amp;x" in html and 'href="/e/&lt;1&gt;"' in html


def test_highlight_no_link_inside_a_link():
    html = render("abcdef", [Mark(0, 6, "entity", href="/a"), Mark(2, 4, "entity", href="/b")])
    assert html.count("<a ") == 1 and 'href="/b"' not in html


def test_highlight_marks_outside_the_text_are_dropped():
    assert render("abc", [Mark(2, 9, "entity"), Mark(3, 3, "event"), Mark(-1, 1, "quote")]) == "abc"


def test_highlight_article_marks_split_headline_and_body():
    doc = {"entities": [{"start": 0, "end": 6, "type": "LOC", "id": "Q817", "in": "headline"},
                        {"start": 4, "end": 10, "type": "LOC", "id": "Q817"}],
           "events": [{"sentence": -1, "trigger_start": 7, "trigger_end": 11, "type": "REQUEST"},
                      {"sentence": 0, "trigger_start": 0, "trigger_end": 3, "type": "REQUEST"}],
           "quotes": [{"start": 20, "end": 30, "speaker": "x"}]}
    headline, body = article_marks(doc, "headline"), article_marks(doc, "body")
    assert [(m.kind, m.start) for m in headline] == [("entity", 0), ("event", 7)]
    assert [(m.kind, m.start) for m in body] == [("entity", 4), ("event", 0), ("quote", 20)]
    assert body[0].href == "/entities/Q817"
