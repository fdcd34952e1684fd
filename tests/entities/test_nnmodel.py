"""The neural tagger: numpy inference matches the torch network it was exported from; BIO output."""

from __future__ import annotations

import numpy as np
import pytest
from tests.entities.tiny import TINY

from khabar.entities.bio import to_bio
from khabar.entities.features import FeatureExtractor, TaggerFeatures
from khabar.entities.nnmodel import NeuralScorer, NeuralWeights, WordTypeInputs, bio_table, split_strings
from khabar.training.network import join_strings, quantize_rows

LABELS = ["B-LOC", "B-PERS", "I-LOC", "I-PERS", "O"]
SENTS = [["زار", "سمير", "الخطيب", "مدينة", "حلب", "."], ["حلب"], ["التقى", "رامي", "نصار", "في", "عمان", "."]]


def test_strings_round_trip() -> None:
    words = ["حلب", "b-loc", "x=y", "تونس"]
    assert split_strings(join_strings(words)) == words
    assert split_strings(join_strings([])) == []


def test_quantize_rows_close() -> None:
    rng = np.random.default_rng(0)
    m = rng.standard_normal((20, 16)).astype(np.float32)
    q, scale = quantize_rows(m)
    assert q.dtype == np.int8
    assert np.abs(q * scale[:, None] - m).max() <= scale.max() / 2 + 1e-6


def test_bio_table_agrees_with_to_bio() -> None:
    table = bio_table(LABELS)
    rng = np.random.default_rng(1)
    for _ in range(50):
        path = rng.integers(0, len(LABELS), size=6).tolist()
        first = bio_table(["O", *LABELS])[0][1:]
        fast = [first[path[0]], *(table[a][b] for a, b in zip(path, path[1:], strict=False))]
        assert fast == to_bio([LABELS[k] for k in path])


@pytest.mark.parametrize("with_context", [False, True])
def test_numpy_scorer_matches_torch(with_context: bool) -> None:
    torch = pytest.importorskip("torch", reason="torch (the train extra) is needed to build a network")
    from khabar.training.network import CTX_OFFSETS, NetConfig, _Net

    rng = np.random.default_rng(2)
    extractor = FeatureExtractor(TaggerFeatures())
    words = sorted({t for s in SENTS for t in s})
    emb_words = words[:5]  # the others have no vector (the unknown row)
    emb_q, emb_scale = quantize_rows(rng.standard_normal((len(emb_words), 8)).astype(np.float32))
    emb = np.vstack([emb_q * emb_scale[:, None], np.zeros((1, 8), np.float32)]).astype(np.float32)
    feat_names = sorted({f"{k}={v}" for w in words for k, v in extractor.final_props(w).items()})
    cfg = NetConfig(feat_dim=6, hidden=10, dilations=(1, 2))
    ctx = None
    if with_context:
        ctx = {"ctx_w": rng.standard_normal((len(CTX_OFFSETS), 8, 4)).astype(np.float32),
               "ctx_b": rng.standard_normal(4).astype(np.float32),
               "ctx_offsets": np.asarray(CTX_OFFSETS, dtype=np.int64)}
    torch.manual_seed(0)
    net = _Net(emb, len(feat_names), len(LABELS), cfg, ctx_dim=4 if with_context else 0)
    for p in net.mod.parameters():
        if p.requires_grad:
            torch.nn.init.normal_(p, std=0.5)
    with torch.no_grad():  # the exported feature table is float16: compare on the same numbers
        net.mod.feat.weight.copy_(net.mod.feat.weight.half().float())
    net.mod.eval()
    net.drop_in.eval()
    net.drop_h.eval()
    inputs = WordTypeInputs(extractor, emb_words, feat_names, None)
    base = {"labels": join_strings(LABELS), "emb_words": join_strings(emb_words),
            "feat_names": join_strings(feat_names), "emb_q": emb_q, "emb_scale": emb_scale, **(ctx or {})}
    with torch.no_grad():
        weights = NeuralWeights(net.export(base))
        mats = NeuralScorer(weights, inputs).score_many(SENTS)
        for sent, mat in zip(SENTS, mats, strict=True):
            rows = [inputs.of(t) for t in sent]
            feats = [np.asarray(r[2], dtype=np.int64) for r in rows]
            offsets = np.cumsum([0] + [len(f) for f in feats[:-1]])
            h0 = net.type_vectors(torch.tensor([r[0] for r in rows]), torch.tensor([r[1] for r in rows]),
                                  torch.from_numpy(np.concatenate(feats)), torch.from_numpy(offsets))
            cx = None
            if ctx is not None:
                from khabar.training.network import context_vectors

                cx = torch.from_numpy(context_vectors([sent], ctx, emb[:-1], {w: i for i, w in enumerate(emb_words)})[0])
                cx = cx.unsqueeze(0)
            em = net.emissions(h0, torch.arange(len(sent)).unsqueeze(0), torch.ones(1, len(sent)), cx)[0].numpy()
            em = em.astype(np.float64)
            em[0] += weights.start
            em[-1] += weights.end
            np.testing.assert_allclose(mat, em, rtol=1e-4, atol=1e-4)


def test_padded_viterbi_agrees_with_plain_viterbi() -> None:
    from khabar.entities.crfmodel import viterbi, viterbi_many

    rng = np.random.default_rng(3)
    for _ in range(100):
        mats = [rng.standard_normal((int(rng.integers(0, 12)), 5)) for _ in range(int(rng.integers(1, 9)))]
        trans = rng.standard_normal((5, 5))
        assert viterbi_many(mats, trans) == [viterbi(m, trans) if len(m) else [] for m in mats]


def test_lexicon_gzip_round_trip(tmp_path) -> None:
    from khabar.entities.clusters import read_clusters
    from khabar.training.lexicon import write_lexicon

    cols = {"k64": ["3", "-", "7"], "tpPER": ["1", "0", "2"]}
    for name in ("lex.tsv", "lex.tsv.gz"):
        write_lexicon(tmp_path / name, ["حلب", "في", "سمير"], np.asarray([10, 500, 3]), cols)
    plain = read_clusters(tmp_path / "lex.tsv")
    assert read_clusters(tmp_path / "lex.tsv.gz") == plain
    assert plain[1]["سمير"] == ("7", "2") and plain[2]["في"] == 500
    first = (tmp_path / "lex.tsv.gz").read_bytes()
    write_lexicon(tmp_path / "lex.tsv.gz", ["حلب", "في", "سمير"], np.asarray([10, 500, 3]), cols)
    assert (tmp_path / "lex.tsv.gz").read_bytes() == first  # no timestamp inside


def _tiny_model(tmp_path, seed: int = 0):
    """A network trained on three sentences, saved as a shipped-style model folder with a CRF part."""
    import json

    from khabar.entities.crfmodel import CrfWeights
    from khabar.training.ner import train_crf
    from khabar.training.network import NetConfig, save_arrays, save_crf_npz, split_arrays, train_network

    words = sorted({t for s in TINY for t, _ in s})
    rng = np.random.default_rng(0)
    vectors = rng.standard_normal((len(words), 8)).astype(np.float32)
    cfg = NetConfig(feat_dim=8, hidden=16, dilations=(1, 2), epochs=40, batch=2, lr=0.01, min_feat_count=1,
                    dropout_in=0.0, dropout_h=0.0, feat_drop=0.0, patience=40, seed=seed)
    arrays, report = train_network(TINY, TINY, TaggerFeatures(), words, vectors, cfg, log=lambda _: None)
    shared, own = split_arrays(arrays)
    save_arrays(tmp_path / "vec.npz", shared)
    save_arrays(tmp_path / "net0.npz", own)
    train_crf(TINY, tmp_path / "crf.crfsuite", {"features": {}},
              {"c1": 0.0, "c2": 0.01, "max_iterations": 100, "feature.possible_transitions": True}, "lbfgs")
    save_crf_npz(CrfWeights.from_crfsuite(tmp_path / "crf.crfsuite"), tmp_path / "crf.npz")
    meta = {"parts": {"vectors": "vec.npz", "nets": ["net0.npz"], "crf": "crf.npz", "crf_weight": 0.4},
            "features": {"freq_stem": False}}
    (tmp_path / "model.json").write_text(json.dumps(meta), encoding="utf-8")
    return arrays, report


def test_tiny_network_learns_and_repeats(tmp_path) -> None:
    pytest.importorskip("torch", reason="torch (the train extra) is needed to train")
    from khabar.entities.tagger import NerTagger

    arrays, report = _tiny_model(tmp_path)
    assert report["dev_micro_f1"] == 1.0
    tagger = NerTagger.load(tmp_path / "model.json")
    assert type(tagger).__name__ == "NeuralTagger"
    assert tagger.tag([t for t, _ in TINY[0]]) == ["O", "B-PER", "I-PER", "O", "B-LOC", "O"]
    assert tagger.tag_many([[t for t, _ in TINY[1]], []])[1] == []
    # Same data, same seed: the same numbers.
    (tmp_path / "again").mkdir()
    again, _ = _tiny_model(tmp_path / "again")
    for key in ("feat_emb", "w0", "conv1_w", "out_w", "trans"):
        np.testing.assert_array_equal(arrays[key], again[key])


def test_crf_npz_round_trip_and_batched_scores(tmp_path) -> None:
    from khabar.entities.crfmodel import CachedScorer, CrfWeights
    from khabar.training.ner import train_crf
    from khabar.training.network import save_crf_npz

    train_crf(TINY, tmp_path / "crf.crfsuite", {"features": {}}, {"max_iterations": 5}, "ap")
    w = CrfWeights.from_crfsuite(tmp_path / "crf.crfsuite")
    save_crf_npz(w, tmp_path / "crf.npz")
    v = CrfWeights.from_npz(tmp_path / "crf.npz")
    assert v.labels == w.labels and v.attrs == w.attrs
    np.testing.assert_allclose(v.state, w.state, atol=1e-6)
    scorer = CachedScorer(v, FeatureExtractor(TaggerFeatures()))
    sents = [[t for t, _ in s] for s in TINY] + [["حلب"], [], ["غير", "معروف"]]
    batched = scorer.score_many(sents)
    for s, m in zip(sents, batched, strict=True):
        assert m.shape == (len(s), len(v.labels))
        if s:
            np.testing.assert_allclose(m, scorer.scores(s))


def test_tune_ensemble_picks_from_grid(tmp_path) -> None:
    pytest.importorskip("torch", reason="torch (the train extra) is needed to train")
    import json

    from khabar.entities.nnmodel import NeuralTagger
    from khabar.entities.tagger import load_resources
    from khabar.training.ner import tune_ensemble

    _tiny_model(tmp_path)
    meta = json.loads((tmp_path / "model.json").read_text(encoding="utf-8"))
    meta["parts"]["crf_weight"] = 1.0
    tagger = NeuralTagger(tmp_path / "model.json", load_resources(tmp_path / "model.json", meta), meta)
    choice = tune_ensemble(tagger, TINY)
    assert choice["crf_weight"] in (0.0, 0.2, 0.3, 0.4, 0.5, 0.6)
    assert -2.0 <= choice["o_bias"] <= 0.0
    assert choice["dev_micro_f1"] == 1.0 and choice["dev_sentences"] == len(TINY)
