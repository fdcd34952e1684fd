"""Triggers of detection, before the realis model: which words name an act of a type, and the
constraints that void them (an accident, a festival, a court appeal). Sentences composed for the tests."""

from __future__ import annotations

import textwrap

import pytest

from khabar.errors import DataFileError
from khabar.events.lexicon import compile_lexicon
from khabar.events.tables import event_tables
from khabar.events.triggers import SentenceWords, find_triggers
from khabar.resources import Resources
from khabar.text.tokens import tokenize


@pytest.fixture(scope="module")
def tables():
    return Resources().get(event_tables)


def trigger_types(tables, text: str) -> set[str]:
    words = SentenceWords(tokenize(text).words(), tables)
    return {m.entry.type for m in find_triggers(words, tables.lexicon)}


@pytest.mark.parametrize(("text", "plover"), [
    ("طعن شاب جنديا عند الحاجز.", "ASSAULT"),  # stabbing
    ("نفذ شاب عملية طعن عند الحاجز.", "ASSAULT"),
    ("أصيب جنديان بنيران قناص قرب الحدود.", "ASSAULT"),  # wounded by a weapon
    ("ألقت الطائرات قنابل على القرية.", "ASSAULT"),  # bombs dropped
    ("أحرق مستوطنون مسجدا في القرية.", "ASSAULT"),  # arson of a building
    ("رشق شبان دورية للشرطة بالحجارة.", "PROTEST"),  # stone throwing: a riot
    ("قتل ثلاثة أشخاص في انفجار سيارة مفخخة.", "ASSAULT"),
])
def test_detect_trigger_found(tables, text, plover):
    assert plover in trigger_types(tables, text)


@pytest.mark.parametrize(("text", "plover"), [
    ("طعن المحامي في الحكم أمام المحكمة العليا.", "ASSAULT"),  # an appeal in court
    ("ألقى الرئيس كلمة أمام البرلمان.", "ASSAULT"),  # a speech given
    ("قتل ثلاثة أشخاص في حادث سير على الطريق السريع.", "ASSAULT"),  # a road accident
    ("لقي عامل مصرعه إثر سقوطه من مبنى.", "ASSAULT"),  # a fall
    ("أصيب اللاعب بجروح خلال المباراة.", "ASSAULT"),  # hurt, by no weapon
    ("احتشد آلاف الزوار في مهرجان الموسيقى.", "PROTEST"),  # a festival crowd
])
def test_detect_trigger_voided(tables, text, plover):
    assert plover not in trigger_types(tables, text)


def test_detect_not_near_list_must_exist(tmp_path):
    path = tmp_path / "assault.yaml"
    path.write_text(textwrap.dedent("""\
        type: ASSAULT
        cameo: "19"
        entries:
          - {verb: [قتل/يقتل], not_near: ["@nosuchlist"]}
        """), encoding="utf-8")
    with pytest.raises(DataFileError, match="nosuchlist"):
        compile_lexicon([path])


def test_detect_not_near_takes_plain_words(tmp_path, tables):
    path = tmp_path / "protest.yaml"
    path.write_text(textwrap.dedent("""\
        type: PROTEST
        cameo: "14"
        entries:
          - {verb: [تظاهر/يتظاهر], not_near: [بأنه, تمثيلا], window: 2}
        """), encoding="utf-8")
    lexicon = compile_lexicon([path])
    found = [m.entry.type for text in ("تظاهر الطلاب أمس.", "تظاهر الطلاب تمثيلا في المسرحية.")
             for m in find_triggers(SentenceWords(tokenize(text).words(), tables), lexicon)]
    assert found == ["PROTEST"]
