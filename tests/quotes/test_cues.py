"""Speech words found through the set of their written forms, and sentences of tokens by one walk."""

from __future__ import annotations

import bisect

import pytest

from khabar.quotes.context import _sentence_of
from khabar.quotes.lexicon import PRONOUN_SUFFIXES, cue_surfaces, cue_word, cue_words


def test_cue_surfaces_hold_every_form_cue_word_knows():
    surfaces = cue_surfaces()
    words = cue_words()
    assert words
    for form, word in words.items():
        written = [form, "و" + form, "ف" + form]
        if word.kind == "noun":
            written += [form + s for s in PRONOUN_SUFFIXES] + ["و" + form + s for s in PRONOUN_SUFFIXES]
        for norm in written:
            found = cue_word(norm)
            assert found is not None, norm
            assert found[0] == word, (norm, found)
            assert norm in surfaces, norm


# (folded token, the speech word's form, a conjunction before it, the pronoun after it)
@pytest.mark.parametrize(("norm", "form", "conj", "suffix"), [
    ("وقال", "قال", True, ""),
    ("فاضاف", "اضاف", True, ""),
    ("قولها", "قول", False, "ها"),
    ("وتاكيده", "تاكيد", True, "ه"),
    ("مشيرا", "مشيرا", False, ""),
])
def test_cue_word_on_common_forms(norm, form, conj, suffix):
    found = cue_word(norm)
    assert found is not None, norm
    word, has_conj, found_suffix = found
    assert (word.form, has_conj, found_suffix) == (form, conj, suffix)
    assert norm in cue_surfaces()


@pytest.mark.parametrize("norm", ["الكتاب", "مدينه", "وزير", "والمدينه", "قالب"])
def test_cue_word_is_none_for_other_words(norm):
    assert cue_word(norm) is None
    assert norm not in cue_surfaces()


def test_sentence_of_matches_bisect():
    starts = [0, 3, 9, 10, 15, 22, 30]
    for sentence_starts in ([0], [0, 10, 22], [5, 10, 10, 28], [0, 31]):
        wanted = [max(bisect.bisect_right(sentence_starts, s) - 1, 0) for s in starts]
        assert _sentence_of(starts, sentence_starts) == wanted
