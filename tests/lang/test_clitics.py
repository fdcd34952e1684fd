"""The clitics table: one place for every stage's proclitics and pronoun suffixes."""

from __future__ import annotations

from khabar.lang import clitics
from khabar.text.clitics import segment


def test_clitic_table_gives_the_proclitics_in_stacking_order_and_suffixes_longest_first() -> None:
    assert clitics.CONJUNCTIONS == "وف" and clitics.PREPOSITIONS == "بلك" and clitics.FUTURE == "س"
    assert clitics.ARTICLE == "ال"
    lengths = [len(s) for s in clitics.SUFFIXES]
    assert lengths == sorted(lengths, reverse=True)
    assert set(clitics.suffixes("third")) <= set(clitics.suffixes("object")) == set(clitics.SUFFIXES)
    assert "ي" not in clitics.suffixes("lookup")  # "my" clashes with adjectives in ي


def test_every_suffix_of_the_table_is_split_from_a_common_noun() -> None:
    # A common noun with each suffix of the table: the segmenter takes off exactly that suffix.
    for suffix in clitics.SUFFIXES:
        word = "وزير" + suffix
        _, length, key = segment(word)
        assert (length, key) == (len(suffix), "وزير"), (word, length, key)
