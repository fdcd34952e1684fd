"""Search keys: every written form of a word gets the same key, in documents and in queries."""

from __future__ import annotations

import pytest

from khabar.store.keys import light_stem, text_keys


@pytest.mark.parametrize(("forms", "gloss"), [
    (("الولايات", "وبالولايات", "للولايات", "ولاية"), "the states / and in the states / for the states / state"),
    (("الحكومة", "حكومة", "والحكومات"), "the government / government / and the governments"),
    (("المصريون", "مصريين", "المصري"), "Egyptians (nominative, oblique) / the Egyptian"),
    (("إيران", "ايران"), "Iran with and without hamza"),
])
def test_keys_forms_share_one_key(forms, gloss):
    keys = {tuple(text_keys(form)) for form in forms}
    assert len(keys) == 1, (gloss, keys)


def test_keys_marks_and_short_words_kept_apart():
    assert text_keys("قال: «نعم»، 2024!") == ["قال", "نعم", "2024"]
    assert light_stem("بيان") == "بيان"  # "ان" stays when too little would be left (statement)


def test_keys_latin_words_lowercased():
    assert text_keys("OPEC أوبك") == ["opec", "اوبك"]
