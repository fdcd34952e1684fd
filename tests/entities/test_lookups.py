"""The shortcuts of the entity step give the answers of the long way: folded words, fuzzy names,
titles by first word."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from khabar.entities.fuzzy import MIN_SCORE, FuzzyNames
from khabar.entities.resolve import TITLES, _title_at
from khabar.kb import load_kb
from khabar.lang.normalize import fold
from khabar.text.tokens import tokenize
from khabar.text.words import folded_words


def test_folded_words_are_the_folded_tokens_made_once():
    tokens = tokenize("وقال رئيسُ الوزراء اليابانيّ إنّ بلاده ستتعاون")
    found = folded_words(tokens)
    assert found.norms == [fold(w) for w in tokens.words()]
    assert found.keys == [key for _, _, key in tokens.splits]
    assert found.norms is tokens.norms()  # made by the text stage, not folded again


def test_fuzzy_names_skip_only_names_that_cannot_reach_the_cutoff():
    names = FuzzyNames(load_kb())
    for key in ("واسنطن", "بوريال", "موسكوو", "جوبايدن", "انقره", "القاهرهه", "سمارا تونغا"):
        wanted = process.extractOne(key, names._keys["LOC"], scorer=fuzz.ratio, score_cutoff=MIN_SCORE)
        found = process.extractOne(key, names._near_in_length("LOC", len(key), MIN_SCORE), scorer=fuzz.ratio,
                                   score_cutoff=MIN_SCORE)
        assert (wanted and wanted[:2]) == (found and found[:2])
        assert names.closest(key, "LOC") is names.closest(key, "LOC")  # remembered


def test_fuzzy_closest_is_the_best_name_overall_kept_only_when_it_looks_like_the_key():
    kb = load_kb()
    names = FuzzyNames(kb)

    def plain_rule(key: str, type_: str):  # the definition: best of all names, then the checks
        cutoff = MIN_SCORE if len(key) > 5 else 88.0
        found = process.extractOne(key, names._keys[type_], scorer=fuzz.ratio, score_cutoff=cutoff)
        if found is None or found[0][0] != key[0] or abs(len(found[0]) - len(key)) > 2:
            return None
        return names._entries[type_][found[0]]

    keys = []
    for type_ in ("PER", "LOC", "ORG"):
        for name in names._keys[type_][:: max(1, len(names._keys[type_]) // 60)]:
            keys += [(name[:-1] + "ه", type_), (name[1:], type_), (name + "ي", type_), ("ا" + name[2:], type_),
                     (name[:3] + name[4:], type_)]
    assert sum(plain_rule(k, t) is not None for k, t in keys) > 50  # the probes do reach names
    for key, type_ in keys:
        if len(key) >= 5:
            assert names.closest(key, type_) is plain_rule(key, type_), key


def test_title_at_takes_the_first_title_in_order():
    def title(text: str) -> str | None:
        tokens = tokenize(text)
        found = _title_at(folded_words(tokens).norms, 0, folded_words(tokens).keys)
        return found[1] if found else None

    assert title("رئيس الوزراء الياباني") == "head_of_government"  # before "رئيس" alone
    assert title("ورئيس الوزراء الياباني") == "head_of_government"  # the stem after و
    assert title("الرئيس الأمريكي") == "head_of_state"
    assert title("وزيرة خارجية فرنسا") == "foreign_minister"
    assert title("المعلم") is None
    assert len({words[0] for words, _ in TITLES}) < len(TITLES)  # first words are shared
