"""The word table of a text gives each sentence the lookups it would make itself; the event tables
keep their answers in the pipeline's word table, one set per knowledge base."""

from __future__ import annotations

from khabar.events.tables import event_tables
from khabar.events.triggers import SentenceWords, find_triggers, has_trigger, lookup_word
from khabar.events.words import TextWords
from khabar.lang.normalize import fold
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


def _mixed_tokens() -> list[str]:
    """Arabic words and sentences mixed with marks, digits, Latin words and characters of any script."""
    import random

    rng = random.Random(7)
    chars = [chr(rng.randint(0x21, 0x10FFFF)) for _ in range(300)]
    chars = [c for c in chars if not 0xD800 <= ord(c) <= 0xDFFF]
    text = TEXT + " " + " ".join(chars) + " CNN 2024 ، . « » : " + TEXT
    return tokenize(text).words()


def test_a_quick_record_is_the_record_without_its_forms() -> None:
    tables = _tables()
    quick = 0
    for word in _mixed_tokens():
        found = tables.quick_record(word, fold(word))
        if found is not None:
            quick += 1
            assert found[0] is None and found[1:] == tables.record(word)[1:]
    assert quick > 200  # the marks and foreign characters


def test_text_words_with_quick_records_give_the_sentences_their_own_lookups() -> None:
    tables = _tables()
    words = _mixed_tokens()
    table = TextWords(words, tables)
    assert all(a[1:] == tables.record(w)[1:] for a, w in zip(table.records, words, strict=True))
    cut = len(words) // 2
    for first, last in ((0, cut), (cut, len(words))):
        made, own = table.sentence(first, last), SentenceWords(words[first:last], tables)
        assert made.forms == own.forms and made.stop == own.stop and made.words == own.words
        assert find_triggers(made, tables.lexicon) == find_triggers(own, tables.lexicon)
