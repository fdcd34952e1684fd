"""A person's name is never a trigger, whatever the lexicon reads in it; a spelling variant of a
trigger verb codes as the verb does."""

from __future__ import annotations

import pytest

import khabar


def _events(text: str) -> list[tuple[str, str, str | None]]:
    return [(e.type, e.trigger, e.source) for e in khabar.read(text, plain=True).events]


@pytest.mark.parametrize("name", ["دان براون", "دان كوتس"])
def test_a_name_that_reads_as_a_verb_is_no_trigger(name):
    text = f"وقال {name} إن الرواية الجديدة ستصدر في الربيع المقبل."
    assert [e for e in _events(text) if e[1].endswith("دان")] == []


@pytest.mark.parametrize("state,iso", [("مصر", "EGY"), ("الأردن", "JOR"), ("قطر", "QAT")])
def test_form_one_condemn_codes_as_form_four(state, iso):
    body = f"{state} التفجير الذي استهدف سوقا شعبية في العاصمة الأفغانية كابول."
    four, one = _events("أدانت " + body), _events("دانت " + body)
    assert [(t, s) for t, _, s in one] == [(t, s) for t, _, s in four]
    assert ("ACCUSE", iso) in [(t, s) for t, _, s in one]
