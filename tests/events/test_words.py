"""The word table of a text gives each sentence the lookups it would make itself; the event tables
keep their answers in the pipeline's word table, one set per knowledge base."""

from __future__ import annotations

from khabar.events.tables import event_tables
from khabar.events.triggers import SentenceWords, find_triggers, has_trigger, lookup_word
from khabar.events.words import TextWords
from khabar.resources import Resources
from khabar.text.tokens import tokenize

TEXT = "أدانت وزارة الخارجية الهجوم. الطقس جميل اليوم. وقال الوزير إن بلاده ستقدم مساعدات."


def _tables():
    return Resources().get(event_tables)


def test_text_words_slices_are_the_sentence_lookups():
    tables = _tables()
    lexicon = tables.lexicon
    words = tokenize(TEXT).words()
    table = TextWords(words, tables)
    cut = words.index(".") + 1
    made = table.sentence(0, cut)
    own = SentenceWords(words[:cut], tables)
    assert made.texts == own.texts and made.forms == own.forms
    assert made.stop == own.stop and made.words == own.words
    assert made.hits[1] == [lookup_word(lexicon, tables.word_forms(t)) for t in words[:cut]]
    assert find_triggers(made, lexicon) == find_triggers(own, lexicon)


def test_text_words_live_only_where_a_word_starts_a_trigger_or_speaks():
    words = tokenize(TEXT).words()
    table = TextWords(words, _tables())
    first = words.index(".") + 1
    assert table.any_live(0, first)  # أدانت
    assert not table.any_live(first, first + 4)  # الطقس جميل اليوم .
    assert table.any_live(first + 4, len(words))  # وقال


def test_has_trigger_is_whether_find_triggers_finds_any():
    tables = _tables()
    for text in (TEXT, "قصفت الطائرات منزلا ثم أدانت الحكومة القصف", "الطقس جميل اليوم", "طالب بوقف إطلاق النار"):
        words = SentenceWords(tokenize(text).words(), tables)
        free = frozenset(range(len(words)))
        assert has_trigger(words, tables.lexicon, free) == bool(find_triggers(words, tables.lexicon, frozenset(), free))


def test_event_tables_are_built_once_per_resources_and_answer_from_its_word_table():
    private = Resources(shared=False)
    tables = private.get(event_tables)
    assert private.get(event_tables) is tables
    assert tables is not _tables()  # another shelf, other tables: no answer shared between them
    TextWords(tokenize(TEXT).words(), tables)
    assert "أدانت" in tables.records.known and tables.records.table is private.words
    assert _tables().records.table is not private.words
