"""Speech words found through the set of their written forms, and sentences of tokens by one walk."""

from __future__ import annotations

import bisect

import pytest

from khabar.quotes.context import _sentence_of
from khabar.quotes.lexicon import PRONOUN_SUFFIXES, cue_surfaces, cue_word, cue_words


def test_cue_surfaces_hold_every_form_cue_word_knows():
    surfaces = cue_surfaces()
    for form, word in cue_words().items():
        written = [form, "و" + form, "ف" + form]
        if word.kind == "noun":
            written += [form + s for s in PRONOUN_SUFFIXES] + ["و" + form + s for s in PRONOUN_SUFFIXES]
        for norm in written:
            if cue_word(norm) is not None:
                assert norm in surfaces, norm


@pytest.mark.parametrize("norm", ["وقال", "فاضاف", "قولها", "وتصريحاته", "مشيرا"])
def test_cue_word_on_common_forms(norm):
    if cue_word(norm) is not None:
        assert norm in cue_surfaces()


def test_sentence_of_matches_bisect():
    starts = [0, 3, 9, 10, 15, 22, 30]
    for sentence_starts in ([0], [0, 10, 22], [5, 10, 10, 28], [0, 31]):
        wanted = [max(bisect.bisect_right(sentence_starts, s) - 1, 0) for s in starts]
        assert _sentence_of(starts, sentence_starts) == wanted
