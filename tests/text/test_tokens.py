from __future__ import annotations

import pytest

from khabar.text.clitics import segment
from khabar.text.tokens import tokenize


@pytest.mark.parametrize(("word", "prefix", "stem", "suffix"), [
    ("والولايات", "و", "الولايات", ""),      # and + the states
    ("وبالولايات", "وب", "الولايات", ""),    # and in the states
    ("للتعاون", "ل", "لتعاون", ""),          # for the cooperation (ل + ال with the alef dropped)
    ("شراكتنا", "", "شراكت", "نا"),          # our partnership
    ("سيقوم", "س", "يقوم", ""),              # will do
    ("وزير", "", "وزير", ""),                # minister: و is part of the word
    ("بايدن", "", "بايدن", ""),              # a name, not ب + ايدن
    ("لبنان", "", "لبنان", ""),
    ("ولبنان", "و", "لبنان", ""),
])
def test_clitics_segment(word, prefix, stem, suffix):
    p, s, _ = segment(word)
    assert (word[:p], word[p:len(word) - s], word[len(word) - s:]) == (prefix, stem, suffix)


def test_clitics_key_restores_article_and_ta_marbuta():
    assert segment("للتعاون")[2] == "التعاون"
    assert segment("شراكتنا")[2] == "شراكه"


def test_clitics_diacritics_stay_with_their_letters():
    word = "وَالوِلايات"
    p, s, _ = segment(word)
    assert word[:p] == "وَ"


def test_tokens_offsets_and_punctuation():
    text = 'وقال بايدن: "نعمل معا"، 2.5 مليار.'
    tokens = tokenize(text)
    assert [t.text for t in tokens] == ["وقال", "بايدن", ":", '"', "نعمل", "معا", '"', "،", "2.5", "مليار", "."]
    for t in tokens:
        assert text[t.start:t.end] == t.text
        assert text[t.stem_start:t.stem_end] == t.text[t.prefix:len(t.text) - t.suffix]
    assert tokens[0].prefix == 1 and tokens[0].key == "قال"


def test_tokens_keep_the_strings_they_were_cut_into_but_do_not_pickle_them():
    import pickle

    from khabar.article import Tokens

    tokens = tokenize("قال الرئيس الأمريكي، جو بايدن")
    words = tokens.words()
    assert words == ["قال", "الرئيس", "الأمريكي", "،", "جو", "بايدن"]
    assert tokens.words() is words  # handed over by the tokenizer, not cut again
    back = pickle.loads(pickle.dumps(tokens))
    assert back._words is None and back.words() == words and back.splits == tokens.splits
    made = Tokens(tokens.text, tokens.spans, tokens.splits)  # without strings: cut from the text
    assert made.words() == words


def test_the_split_of_an_empty_word_is_empty():
    # callers outside the tokenizer (export names, lexicon lookups) may pass what a split left empty
    from khabar.text.clitics import split_of

    assert split_of("") == (0, 0, "")


def _texts(text: str) -> list[str]:
    tokens = tokenize(text)
    return [text[s:e] for s, e in tokens.spans]


@pytest.mark.parametrize(("hashtag", "words"), [
    ("#ولي_العهد_السعودي", ["ولي", "العهد", "السعودي"]),
    ("#الولايات_المتحدة", ["الولايات", "المتحدة"]),
    ("#Donald_Trump", ["Donald", "Trump"]),
])
def test_a_hashtag_reads_as_its_words(hashtag, words):
    assert _texts(f"وقال {hashtag} اليوم") == ["وقال", *words, "اليوم"]


def test_hashtag_marks_that_join_no_words_stay_marks():
    assert _texts("العدد # 5 و __ و 3_4") == ["العدد", "#", "5", "و", "_", "_", "و", "3", "_", "4"]


def test_a_hashtag_spans_point_into_the_text():
    text = "التقى #محمد_بن_سلمان الرئيس"
    tokens = tokenize(text)
    assert [text[s:e] for s, e in tokens.spans][1:4] == ["محمد", "بن", "سلمان"]
    assert text[tokens.spans[1][0] - 1] == "#"
