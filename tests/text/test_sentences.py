from __future__ import annotations

import pytest

from khabar.text.sentences import split_sentences


def texts(text: str) -> list[str]:
    return [text[s.start:s.end] for s in split_sentences(text)]


def test_sentences_glued_full_stop():
    assert texts("في منطقة المحيطين الهندي والهادىء.جاء ذلك في بيان") == [
        "في منطقة المحيطين الهندي والهادىء.", "جاء ذلك في بيان"]


def test_sentences_quote_closing_after_stop_and_glued():
    text = 'وقال البيان "نعلن اليوم عن مبادرات جديدة".واضاف "نعمل معا".'
    assert texts(text) == ['وقال البيان "نعلن اليوم عن مبادرات جديدة".', 'واضاف "نعمل معا".']


@pytest.mark.parametrize(("text", "count"), [
    ("التقى د. محمد أحمد بالوفد في المقر الرئيسي.", 1),  # abbreviation, not a stop
    ("نقلت وكالة أ. ش. أ. الخبر اليوم.", 1),  # initials
    ("ارتفع المؤشر 2.5 في المئة اليوم.", 1),  # decimal
    ("نقل موقع العربية.نت الخبر صباحا.", 1),  # a site name
    ("هل وصل الوفد؟ نعم وصل صباحا!", 2),
    ("قال المتحدث.\nوأضاف أن الاجتماع مستمر", 2),  # a line break ends a sentence
])
def test_sentences_abbreviations_and_marks(text, count):
    assert len(split_sentences(text)) == count


@pytest.mark.parametrize("participle", ["مشيرا", "لافتاً", "مؤكدة", "مضيفين", "موضحتين"])
def test_sentences_participle_clause_continues_its_sentence(participle):
    text = (f"وأوضح ان البلدين الحليفين سيتعاونان معا في التصدي للاخطار المحدقة في المنطقة، "
            f"{participle} الى ان البلدين يشكلان تحالفا قويا في المنطقة.")
    assert len(split_sentences(text)) == 1
    # A stray full stop or a line break before the participle does not end the statement either.
    for mark in (". ", "\n"):
        assert len(split_sentences(text.replace("، ", mark, 1))) == 1


def test_sentences_a_new_statement_after_a_participle_sentence_still_splits():
    text = "قال الوزير إن الاجتماع مثمر، مشيرا إلى نتائجه. وأضاف أن الجانبين اتفقا على اللقاء مجددا."
    assert len(split_sentences(text)) == 2

def test_sentences_offsets_exclude_spaces():
    text = "  جملة أولى.   جملة ثانية.  "
    for s in split_sentences(text):
        assert text[s.start:s.end] == text[s.start:s.end].strip()
