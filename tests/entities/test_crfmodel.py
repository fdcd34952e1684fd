"""The CRF scorer: cached per-type blocks and bigram tables give exactly crfsuite's sums."""

from __future__ import annotations

import numpy as np
import pytest

from khabar.entities.crfmodel import CachedScorer, CrfWeights
from khabar.entities.features import FeatureExtractor, TaggerFeatures
from khabar.entities.tagger import NerTagger, default_model_path

SENTENCES = [
    ["قال", "الرئيس", "الأمريكي", "جو", "بايدن", "في", "واشنطن", "إن", "|", "الولايات", "المتحدة", "."],
    ["وزار", "رئيس", "الوزراء", "الياباني", "فوميو", "كيشيدا", "البيت", "الأبيض", "أمس"],
    ["حلب"],
    ["xyz-123", "<s>", "|", "|"],
]


def explicit_scores(weights: CrfWeights, extractor: FeatureExtractor, tokens: list[str]) -> np.ndarray:
    """What crfsuite sums: every attribute of every token's feature list, one at a time."""
    return np.stack([weights.vector(feats) for feats in extractor.sentence(tokens)])


def test_shipped_model_scores_equal_feature_sums() -> None:
    tagger = NerTagger.load(default_model_path())
    scorer = tagger._scorer
    flat = scorer.score_flat(SENTENCES)
    start = 0
    for tokens in SENTENCES:
        want = explicit_scores(tagger.weights, tagger.features, tokens)
        np.testing.assert_allclose(flat[start:start + len(tokens)], want, rtol=1e-9, atol=1e-9)
        np.testing.assert_allclose(scorer.scores(tokens), want, rtol=1e-9, atol=1e-9)
        start += len(tokens)


def test_bigram_keys_holding_the_separator() -> None:
    # The token "|" makes "b+=||x" readable two ways; only the true pair ("|", "x") may score.
    labels = ["O", "B-PER"]
    attrs = {b"bias": 0, b"b+=||x": 1, b"b-=||x": 2, b"w=x": 3, b"-1f=|": 4, b"b+=x|y": 5}
    state = np.array([[0.5, 0.0], [1.0, 2.0], [4.0, 8.0], [0.0, 16.0], [32.0, 0.0], [64.0, 64.0], [0.0, 0.0]])
    weights = CrfWeights(labels, attrs, state, np.zeros((2, 2)))
    extractor = FeatureExtractor(TaggerFeatures())
    scorer = CachedScorer(weights, extractor)
    for tokens in (["|", "x"], ["|", "|", "x"], ["x", "|"], ["x", "y", "|", "x"], ["y"]):
        np.testing.assert_allclose(scorer.scores(tokens), explicit_scores(weights, extractor, tokens))


def test_cache_clears_when_full_and_scores_stay_right() -> None:
    tagger = NerTagger.load(default_model_path())
    scorer = CachedScorer(tagger.weights, tagger.features, max_cache=5)
    for tokens in SENTENCES[:2] * 2:
        np.testing.assert_allclose(scorer.scores(tokens), explicit_scores(tagger.weights, tagger.features, tokens),
                                   rtol=1e-9, atol=1e-9)
    assert len(scorer._type_row) <= 5 + len(SENTENCES[1])


def test_empty_sentences_in_a_batch() -> None:
    tagger = NerTagger.load(default_model_path())
    mats = tagger._scorer.score_many([[], ["حلب"], []])
    assert [m.shape[0] for m in mats] == [0, 1, 0]
    assert tagger.tag_many([[], ["حلب"], []])[0] == []


def test_spans_of_paths_agree_with_bio_repair_and_span_reading() -> None:
    import random

    from khabar.entities.tagger import spans_from_tags, spans_of_paths, to_bio

    labels = ["B-LOC", "O", "B-ORG", "I-ORG", "B-PERS", "I-PERS", "I-LOC", "B-MISC", "I-MISC"]
    rng = random.Random(7)
    for _ in range(2000):
        lengths = [rng.randint(0, 6) for _ in range(rng.randint(1, 5))]
        paths = [[rng.randrange(len(labels)) for _ in range(n)] for n in lengths]
        flat = np.array([k for p in paths for k in p], dtype=np.int64)
        want = [spans_from_tags(to_bio([labels[k] for k in p])) for p in paths]
        assert spans_of_paths(flat, np.cumsum([0, *lengths]), labels) == want


def test_spans_many_equals_tagging_one_sentence_at_a_time() -> None:
    from khabar.entities.tagger import spans_from_tags

    tagger = NerTagger.load(default_model_path())
    sents = [*SENTENCES, [], ["حلب"]]
    assert tagger.spans_many(sents) == [spans_from_tags(tagger.tag(s)) for s in sents]
    assert any(tagger.spans_many(sents))


def test_model_read_without_pycrfsuite_dump_in_this_process(monkeypatch) -> None:
    # pycrfsuite's dump closes its descriptor twice and can close another thread's socket; the
    # weights must come out of a child process, so a broken Tagger here changes nothing.
    import pycrfsuite

    def refuse(*args, **kwargs):
        raise AssertionError("pycrfsuite.Tagger used in the reading process")

    monkeypatch.setattr(pycrfsuite, "Tagger", refuse)
    weights = CrfWeights.from_crfsuite(default_model_path())
    assert "O" in weights.labels and len(weights.attrs) > 1000


def test_unreadable_model_named_in_the_error(tmp_path) -> None:
    bad = tmp_path / "broken.crfsuite"
    bad.write_bytes(b"not a model at all")
    with pytest.raises(ValueError, match="broken.crfsuite"):
        CrfWeights.from_crfsuite(bad)


def test_new_word_types_summed_in_groups_score_bit_for_bit_as_one_by_one(monkeypatch) -> None:
    # New types are summed TYPES_AT_ONCE at a time: the grouping must not change a single bit.
    import khabar.entities.crfmodel as crfmodel

    tagger = NerTagger.load(default_model_path())
    words = [w for s in SENTENCES for w in s]
    sents = [words, [w + "ها" for w in words], ["و" + w for w in words]]
    scores = []
    for group in (1, 7, 4096):
        monkeypatch.setattr(crfmodel, "TYPES_AT_ONCE", group)
        scores.append(CachedScorer(tagger.weights, tagger.features).score_flat(sents))
    assert all(np.array_equal(scores[0], other) for other in scores[1:])


@pytest.mark.parametrize("word", ["", "حلب", "ﻻ", "ٱلله", "١٢٣", "abc", "ABC", "x-1", "حلب2", "؟", "é", "Ωз"])
def test_word_shape_is_the_set_of_its_character_kinds(word: str) -> None:
    from khabar.entities.features import _char_kind, shape

    kinds = sorted({_char_kind(ch) for ch in word})
    assert shape(word) == ("".join(kinds) or "e")


def _random_chars(seed: int, n: int) -> list[str]:
    """One-character tokens of every kind: marks and letters of any script, Arabic letters,
    digits, and characters the model knows as words (".", "،", "|", "و")."""
    import random

    rng = random.Random(seed)
    out = []
    while len(out) < n:
        roll = rng.random()
        code = rng.randint(0x600, 0x6FF) if roll < 0.4 else rng.randint(0x21, 0x10FFFF)
        char = rng.choice(".،|و") if roll > 0.95 else chr(code)
        if not (0xD800 <= ord(char) <= 0xDFFF or char.isspace()):
            out.append(char)
    return out


def test_one_character_tokens_nothing_knows_share_their_shapes_row_and_score_as_crfsuite() -> None:
    tagger = NerTagger.load(default_model_path())
    scorer = CachedScorer(tagger.weights, tagger.features)
    sents = [_random_chars(seed, 40) + ["قال", "الرئيس"] for seed in range(6)]
    flat = scorer.score_flat(sents)
    start = 0
    for tokens in sents:
        want = explicit_scores(tagger.weights, tagger.features, tokens)
        np.testing.assert_allclose(flat[start:start + len(tokens)], want, rtol=1e-9, atol=1e-9)
        start += len(tokens)
    # the plain characters took a few rows (one per shape), not one each
    assert scorer._n_types < len(scorer._type_row) / 4
    # and every one scores bit for bit as when each is worked out on its own
    whole = CachedScorer(tagger.weights, tagger.features)
    whole._chars = {t for s in sents for t in s}  # every character known: no shared row
    np.testing.assert_array_equal(whole.score_flat(sents), flat)
    assert whole._n_types == len(whole._type_row) + 1


def test_a_character_the_model_knows_keeps_its_own_row() -> None:
    tagger = NerTagger.load(default_model_path())
    scorer = CachedScorer(tagger.weights, tagger.features)
    known = scorer._known_chars()
    assert {".", "،"} <= known  # words of the training data: weights of their own
    scorer.score_flat([[".", "،", "\u4e00", "\u4e01"]])
    rows = scorer._type_row
    assert rows["."] != rows["،"] and rows["\u4e00"] == rows["\u4e01"]
