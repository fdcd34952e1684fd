"""A final ta marbuta folds to ه but is no pronoun suffix. Wording composed for these tests."""

from __future__ import annotations

import pytest

from khabar.text.clitics import split_of


@pytest.mark.parametrize("word", ["إشادة", "طالبة", "دعاة", "قاتلة"])
def test_final_ta_marbuta_is_no_pronoun(word):
    prefix, suffix, _ = split_of(word)
    assert suffix == 0


@pytest.mark.parametrize("word,stem", [("زيارته", "زياره"), ("قتله", "قتل")])
def test_pronoun_ha_is_still_split(word, stem):
    _, suffix, key = split_of(word)
    assert suffix == 1 and key == stem
