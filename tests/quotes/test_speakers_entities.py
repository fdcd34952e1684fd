"""Speakers through the entity layer: resolved titles, names in apposition, nested reporting, and
names with a preposition that are not speakers (texts read by the whole pipeline)."""

from __future__ import annotations

import datetime as dt

import pytest

from khabar.pipeline import read

QUOTE = '"لن نقبل بأي تصعيد في المنطقة مهما كانت الأسباب"'


def speakers(text: str, on: dt.date = dt.date(2023, 5, 1)) -> list[tuple[str | None, str | None]]:
    return [(q.speaker, q.speaker_en) for q in read(text, date=on).quotes]


@pytest.mark.parametrize(("title", "on", "who"), [
    ("الرئيس الأمريكي", dt.date(2023, 5, 1), "Joe Biden"),
    ("الرئيس الأمريكي", dt.date(2019, 5, 1), "Donald Trump"),
    ("وزير الخارجية الأمريكي", dt.date(2023, 5, 1), "Antony Blinken"),
])
def test_speaker_title_resolved_on_the_article_date(title, on, who):
    found = speakers(f"وقال {title} إن {QUOTE}.", on)
    assert found and found[0][1] == who


def test_speaker_title_in_apposition_names_the_person():
    found = speakers(f"وقال وزير الخارجية، أنتوني بلينكن، إن {QUOTE}.")
    assert found == [("أنتوني بلينكن", "Antony Blinken")]


def test_speaker_apposition_gives_an_unknown_person_a_romanised_name():
    found = speakers(f"وقال المتحدث باسم الوزارة، سامر الحداد، إن {QUOTE}.")
    assert found and found[0][0] == "سامر الحداد" and found[0][1]


def test_speaker_nested_report_is_the_one_reported():
    found = speakers(f"وذكرت وكالة الأنباء الرسمية أن وزير الخارجية فيصل بن فرحان قال {QUOTE}.")
    assert found and found[0][1] == "Faisal bin Farhan Al Saud"


def test_speaker_person_with_a_preposition_is_addressed_not_speaking():
    found = speakers(f"وقال الوزير لترمب إن {QUOTE}.", dt.date(2019, 5, 1))
    assert found and found[0][1] != "Donald Trump"
    # the same name without the preposition speaks
    found = speakers(f"وقال ترمب إن {QUOTE}.", dt.date(2019, 5, 1))
    assert found and found[0][1] == "Donald Trump"


def test_speaker_dropped_subject_continues_the_previous_one():
    found = speakers(f"وقال جو بايدن إن الوضع صعب. وأضاف {QUOTE}.")
    assert found and found[-1][1] == "Joe Biden"


@pytest.mark.parametrize(("before", "said", "who"), [
    ("التقى وزير الخارجية الأمريكي أنتوني بلينكن نظيره الأردني في عمان.", "وقال الوزير", "Antony Blinken"),
    ("وصل الرئيس الروسي فلاديمير بوتين إلى القاهرة.", "وقال الرئيس", "Vladimir Putin"),
    ("وصل رئيس الوزراء الياباني فوميو كيشيدا إلى القاهرة.", "وقال الرئيس", None),  # another office
])
def test_speaker_office_noun_is_the_person_named_with_that_office(before, said, who):
    found = speakers(f"{before} {said} إن {QUOTE}.")
    assert found and found[-1][1] == who


@pytest.mark.parametrize(("named", "who"), [
    ("نفت السفارة الفرنسية في بيروت الأنباء عن إغلاقها.", "French Embassy spokesperson"),
    ("أعلنت السفارة الأمريكية في عمان تعليق بعض خدماتها.", "US Embassy spokesperson"),
    ("ردت وزارة الدفاع الروسية على التقارير.", "Russian Defence Ministry spokesperson"),
])
def test_speaker_unnamed_spokesperson_of_an_institution_named_before(named, who):
    found = speakers(f"{named} وقال متحدث باسم {_head(named)} إن {QUOTE}.")
    assert found and found[-1][1] == who


def _head(sentence: str) -> str:
    """The institution's head noun of a composed sentence, as the article refers back to it."""
    for head in ("السفارة", "وزارة الدفاع"):
        if head in sentence:
            return head
    raise ValueError(sentence)


def test_speaker_bare_spokesperson_continues_the_spokesperson_before():
    text = (f"وقال متحدث باسم السفارة الفرنسية إن {QUOTE}. وأضاف المتحدث أن "
            '"الموظفين باقون في أماكنهم حتى إشعار آخر".')
    found = speakers(text)
    assert len(found) == 2 and found[0][1] == found[1][1] == "French Embassy spokesperson"


def test_speaker_bare_spokesperson_is_not_a_spokesperson_never_named():
    found = speakers(f"وقال المتحدث إن {QUOTE}.")
    assert found and found[0][1] in (None, "the spokesperson")


def test_speaker_the_ministry_is_the_ministry_named_before():
    text = (f"استدعت وزارة الخارجية الألمانية السفير الروسي. وأضافت الوزارة أن {QUOTE}.")
    found = speakers(text)
    assert found and found[-1][1] == "Ministry of Foreign Affairs (Germany)"


@pytest.mark.parametrize("first", [0, 1])
def test_speaker_the_ministry_is_the_last_ministry_named_whatever_came_between(first):
    named = ["استدعت وزارة الخارجية الألمانية السفير الروسي.", "ردت وزارة الدفاع الروسية على التقارير."]
    between = " ".join(f"وقال مروان حداد إن {QUOTE}." for _ in range(5))  # speakers that do not fit
    text = f"{named[first]} {named[1 - first]} {between} وأضافت الوزارة أن {QUOTE}."
    found = speakers(text)
    last = "Ministry of Defence (Russia)" if first == 0 else "Ministry of Foreign Affairs (Germany)"
    assert found and found[-1][1] == last


def test_speaker_knowledge_base_institution_keeps_its_own_name():
    text = f"وقال متحدث باسم الحكومة الألمانية إن {QUOTE}."
    found = speakers(text)
    assert found and found[-1][1] == "Federal Government of Germany spokesperson"


def test_speaker_a_government_described_by_its_state_still_speaks():
    # the entity layer keeps "الحكومة البريطانية" out of the entities (a descriptor); it still speaks
    found = speakers(f"وقالت الحكومة البريطانية في بيان: {QUOTE}.")
    assert found == [("الحكومة البريطانية", "Government of the United Kingdom")]
