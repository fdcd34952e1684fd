"""The named-entity taggers: shipped model, span decoding, feature cache, CRF training round trip."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import shared_path
from tests.entities.tiny import TINY

from khabar.entities.features import FeatureExtractor, strip_clitics
from khabar.entities.tagger import NerTagger, default_model_path, spans_from_tags, to_bio
from khabar.training.evaluate import score, spans

SHIPPED = default_model_path()
needs_model = pytest.mark.skipif(not SHIPPED.exists(), reason="shipped NER model not built yet")


def test_spans_from_tags_plain_bio() -> None:
    tags = ["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-LOC"]
    assert spans_from_tags(tags) == [(0, 2, "PER"), (3, 4, "LOC"), (4, 6, "LOC")]


def test_spans_from_tags_orphan_i_opens_entity() -> None:
    assert spans_from_tags(["O", "I-ORG", "I-ORG", "O", "I-LOC"]) == [(1, 3, "ORG"), (4, 5, "LOC")]
    # A type change inside a run of I- tags starts a new entity.
    assert spans_from_tags(["I-PER", "I-LOC"]) == [(0, 1, "PER"), (1, 2, "LOC")]
    assert spans_from_tags([]) == []


def test_to_bio_repairs_and_renames() -> None:
    assert to_bio(["I-PERS", "I-PERS", "O", "I-LOC"]) == ["B-PER", "I-PER", "O", "B-LOC"]


def test_score_matches_conll_rules() -> None:
    gold = [["B-PERS", "I-PERS", "O", "B-LOC"]]
    pred = [["B-PER", "I-PER", "O", "B-ORG"]]
    res = score(gold, pred)
    assert res["pers_f1"] == 1.0 and res["loc_f1"] == 0.0 and res["micro_f1"] == 0.5
    assert spans(["I-MISC", "O"]) == {(0, 1, "MISC")}


def test_features_same_for_same_word() -> None:
    fx = FeatureExtractor()
    a = fx.sentence(["قال", "الرئيس", "إن", "الرئيس"])
    assert fx.word_features("الرئيس") == fx.word_features("الرئيس")
    # Own features of both occurrences are identical; only the context differs.
    own = {f.encode() for f in fx.word_features("الرئيس")}
    assert own <= set(a[1]) and own <= set(a[3])
    assert FeatureExtractor().word_features("الرئيس") == fx.word_features("الرئيس")


def test_strip_clitics() -> None:
    assert strip_clitics("والرييس") == ("وال", "رييس")
    assert strip_clitics("للحكومه") == ("لل", "حكومه")
    assert strip_clitics("في") == ("", "في")
    # Frequencies keep a word whole when its first letter is not a clitic.
    assert strip_clitics("وزير", {"وزير": 100, "زير": 3}) == ("", "وزير")


def test_training_tiny_corpus_tags_its_own_sentence(tmp_path: Path) -> None:
    from khabar.training.ner import train_ner

    conll = tmp_path / "tiny.txt"
    conll.write_text("\n\n".join("\n".join(f"{t} {g}" for t, g in s) for s in TINY) + "\n", encoding="utf-8")
    params = {"c1": 0.0, "c2": 0.01, "max_iterations": 200, "feature.possible_transitions": True}
    scores = train_ner(conll, tmp_path, test_path=conll, params=params, algorithm="lbfgs", name="tiny")
    assert scores["micro_f1"] == 1.0
    tagger = NerTagger.load(tmp_path / "tiny.crfsuite")
    assert tagger.tag([t for t, _ in TINY[0]]) == ["O", "B-PER", "I-PER", "O", "B-LOC", "O"]
    # Same data, same parameters: the same model bytes.
    first = (tmp_path / "tiny.crfsuite").read_bytes()
    train_ner(conll, tmp_path, params=params, algorithm="lbfgs", name="tiny")
    assert (tmp_path / "tiny.crfsuite").read_bytes() == first


def test_own_decoder_agrees_with_crfsuite(tmp_path: Path) -> None:
    import pycrfsuite

    from khabar.training.ner import train_ner

    conll = tmp_path / "tiny.txt"
    conll.write_text("\n\n".join("\n".join(f"{t} {g}" for t, g in s) for s in TINY) + "\n", encoding="utf-8")
    train_ner(conll, tmp_path, params={"max_iterations": 5}, algorithm="ap", name="ap")
    ours = NerTagger.load(tmp_path / "ap.crfsuite")
    theirs = pycrfsuite.Tagger()
    theirs.open(str(tmp_path / "ap.crfsuite"))
    probes = [[t for t, _ in s] for s in TINY] + [["قال", "سمير", "إن", "النور", "في", "حلب"], ["حلب"]]
    for tokens in probes:
        assert ours.tag(tokens) == to_bio(theirs.tag(ours.features.sentence(tokens)))


@needs_model
def test_shipped_model_tags_hand_written_sentence() -> None:
    tagger = NerTagger.load()
    tokens = "التقى الرئيس الأمريكي جو بايدن رئيس الوزراء الياباني فوميو كيشيدا في واشنطن .".split()
    found = {(tokens[a], tokens[b - 1], t) for a, b, t in spans_from_tags(tagger.tag(tokens))}
    assert ("جو", "بايدن", "PER") in found
    assert ("فوميو", "كيشيدا", "PER") in found
    assert ("واشنطن", "واشنطن", "LOC") in found


@needs_model
def test_shipped_model_second_sentence_and_batch() -> None:
    tagger = NerTagger.load()
    tokens = "وقال وزير الخارجية الفرنسي في باريس إن شركة توتال ستفتتح مكتبا في القاهرة .".split()
    tags = tagger.tag(tokens)
    assert len(tags) == len(tokens)
    found = {(tokens[a], t) for a, b, t in spans_from_tags(tags) if b - a == 1}
    assert ("باريس", "LOC") in found and ("القاهرة", "LOC") in found
    assert tagger.tag_many([tokens, []]) == [tags, []]


@needs_model
def test_shipped_model_test_split_score() -> None:
    from khabar.training.evaluate import evaluate_file

    test_split = shared_path("data", "anercorp-camellab", "ANERCorp_CamelLab_test.txt")
    res = evaluate_file(test_split, NerTagger.load(), quiet=True)
    assert res["micro_f1"] >= 0.73
