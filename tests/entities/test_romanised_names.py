"""English names of people the knowledge base lacks, for names written with accents in their own
language: the word table keeps such spellings ("Jesús", "Gérard") where the letters would miss."""

from __future__ import annotations

from khabar.entities.gazetteer import default_gazetteer
from khabar.entities.link import find_mentions
from khabar.lang.romanise import romanise, train
from khabar.text.tokens import tokenize


def test_accented_spelling_of_an_unknown_person_name():
    text = "واستقبل الوزير السفير خيسوس مورينو في مكتبه"
    tokens = tokenize(text)
    words = [tokens.text[s:e] for s, e in tokens.spans]
    first = words.index("خيسوس")
    found, _ = find_mentions(text, tokens, [(first, first + 2, "PER")], default_gazetteer())
    assert found[0].name_en.split()[0] == "Jesús"
    assert romanise("جيرار") == "Gérard"
    # where the letters give the name but for its accents, they still do
    assert romanise("اريك") == "Eric"


def test_training_keeps_an_accented_spelling_only_when_no_plain_one_is_attested():
    pairs = [("خوسيه", "josé", 5), ("ماريا", "maría", 4), ("ماريا", "maria", 2), ("كارلوس", "carlos", 3),
             ("رامون", "ramón", 1)]
    model = train(pairs, rounds=1)
    assert model.words["خوسيه"] == "josé"
    assert model.words["ماريا"] == "maria"  # a plain spelling is attested: it is the table's
    assert "رامون" not in model.words  # one label with accents is no evidence
    assert all(chunk.isascii() for chunk, _ in model.chunks.values())  # the letters stay plain Latin
