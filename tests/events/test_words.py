"""The word table of a text gives each sentence the lookups it would make itself."""

from __future__ import annotations

from khabar.events.forms import word_forms
from khabar.events.lexicon import load_lexicon
from khabar.events.triggers import SentenceWords, find_triggers, lookup_word
from khabar.events.words import TextWords
from khabar.text.tokens import tokenize

TEXT = "أدانت وزارة الخارجية الهجوم. الطقس جميل اليوم. وقال الوزير إن بلاده ستقدم مساعدات."


def test_text_words_slices_are_the_sentence_lookups():
    lexicon = load_lexicon()
    words = tokenize(TEXT).words()
    table = TextWords(words, lexicon)
    cut = words.index(".") + 1
    made = table.sentence(0, cut)
    own = SentenceWords(words[:cut])
    assert made.texts == own.texts and made.forms == own.forms
    assert made.stop == own.stop and made.words == own.words
    assert made.hits[1] == [lookup_word(lexicon, t, word_forms(t)) for t in words[:cut]]
    assert find_triggers(made, lexicon) == find_triggers(own, lexicon)


def test_text_words_live_only_where_a_word_starts_a_trigger_or_speaks():
    words = tokenize(TEXT).words()
    table = TextWords(words, load_lexicon())
    first = words.index(".") + 1
    assert table.any_live(0, first)  # أدانت
    assert not table.any_live(first, first + 4)  # الطقس جميل اليوم .
    assert table.any_live(first + 4, len(words))  # وقال


def test_has_trigger_is_whether_find_triggers_finds_any():
    from khabar.events.triggers import has_trigger

    lexicon = load_lexicon()
    for text in (TEXT, "قصفت الطائرات منزلا ثم أدانت الحكومة القصف", "الطقس جميل اليوم", "طالب بوقف إطلاق النار"):
        words = SentenceWords(tokenize(text).words())
        free = frozenset(range(len(words)))
        assert has_trigger(words, lexicon, free) == bool(find_triggers(words, lexicon, frozenset(), free))
