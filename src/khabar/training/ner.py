"""Training the named-entity taggers, and the whole recipes that build them.

    export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
    PYTHONPATH=src python -m khabar.training.ner /work/shared/data src/khabar/entities/models

(`khabar train ner` runs the same recipe.) One BLAS thread keeps the SVD and k-means bit-for-bit
repeatable. About 20 minutes on two cores.

`main_train` (the shipped model, CRF v1) learns a word lexicon from unlabelled news (clusters and
entity-type priors, seeded, deterministic), builds the person-name list, trains the CRF on the
ANERcorp CamelLab train split, tunes the O-label bias on the last tenth of that split, scores the
test split and records data, parameters and scores in the model's JSON file.

`main_train_neural` (`--neural`; needs PyTorch: `pip install 'khabar[train]'`) builds the
neural+CRF ensemble `ner-nn.v2` (word vectors, context model, networks trained by `network`, CRF
share and O bias chosen on the held-out tenth). It was measured and not shipped: on the test split it ties
the CRF (see the experiments in `ner-crf.v1.json`) and tags more slowly in the pipeline.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from khabar.entities import clusters
from khabar.entities.bio import to_bio
from khabar.entities.crfmodel import CrfWeights, viterbi, viterbi_many
from khabar.entities.features import FeatureExtractor
from khabar.entities.lexicons import NAMES_FILE
from khabar.entities.nnmodel import NeuralTagger
from khabar.entities.tagger import MODEL_NAME, NN_MODEL_NAME, NerTagger, load_resources
from khabar.training import lexicon as cl
from khabar.training.evaluate import read_conll, score
from khabar.training.network import (
    ContextConfig,
    NetConfig,
    pretrain_context,
    quantize_rows,
    save_arrays,
    save_crf_npz,
    split_arrays,
    train_network,
)
from khabar.training.typeprior import learn_type_priors

TRAIN_REL = "anercorp-camellab/ANERCorp_CamelLab_train.txt"
TEST_REL = "anercorp-camellab/ANERCorp_CamelLab_test.txt"
NAMES_REL = "wikidata-name-translit/data/wd_arabic.normalized.aligned.tokens"
Sentences = Sequence[Sequence[tuple[str, str]]]
# Light L1 keeps the model small (features with no use drop out); L2 does most of the smoothing.
LBFGS_PARAMS = {"c1": 0.01, "c2": 0.3, "max_iterations": 400, "epsilon": 1e-5, "feature.possible_transitions": True}


@dataclass(frozen=True)
class NerConfig:
    """Everything that decides the shipped model besides the data."""

    cluster_sources: tuple[str, ...] = ("ant", "saudinewsnet")
    n_words: int = 200_000  # lexicon size (most frequent folded words)
    n_ctx: int = 20_000  # context words of the PPMI matrix
    dim: int = 200
    ks: tuple[int, ...] = (64, 256, 1024, 4096)
    prior_ctx: int = 50_000
    prior_l2: float = 3.0
    gazetteers: tuple[str, ...] = ("names",)
    algorithm: str = "lbfgs"
    params: Mapping[str, object] = field(default_factory=lambda: dict(LBFGS_PARAMS))
    tune_bias: bool = True
    emb_words: int = 100_000  # word vectors: the most frequent folded words
    emb_dim: int = 128
    net: NetConfig = field(default_factory=lambda: NetConfig(
        feat_dim=32, min_feat_count=3, hidden=128, dilations=(1, 2), feat_drop=0.3, dropout_h=0.5, epochs=20,
        patience=20))
    n_nets: int = 1  # each network costs tagging time: one keeps the tagger faster than the v1 CRF
    context: ContextConfig = field(default_factory=ContextConfig)
    context_target: str = "k1024"  # lexicon column the context model learns to guess
    dev_fraction: float = 0.1


def train_crf(sents: Sentences, model_path: Path, meta: Mapping, params: Mapping[str, object] | None = None,
              algorithm: str = "lbfgs") -> None:
    """Fit a CRF on (token, tag) sentences; features come from the resources named in `meta`."""
    import pycrfsuite

    rare: frozenset[str] = frozenset()
    max_rare = int(meta.get("features", {}).get("rare_max_count", 0))
    if max_rare:
        counts = Counter(t for sent in sents for t, _ in sent)
        rare = frozenset(w for w, n in counts.items() if n <= max_rare)
    extractor = FeatureExtractor(load_resources(model_path, meta), rare=rare)
    trainer = pycrfsuite.Trainer(algorithm=algorithm, verbose=False)
    for sent in sents:
        xseq = pycrfsuite.ItemSequence(extractor.sentence([t for t, _ in sent]))
        trainer.append(xseq, to_bio([g for _, g in sent]))
    trainer.set_params(dict(params or {}))
    model_path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_path))


def train_ner(train_path: str | Path, out_dir: str | Path, seed: int = 0, test_path: str | Path | None = None,
              lexicon: str | None = None, params: Mapping[str, object] | None = None, algorithm: str = "ap",
              gazetteers: Sequence[str] = (), tune_bias: bool = False, rare_max_count: int = 0,
              name: str = MODEL_NAME, extra_meta: Mapping | None = None) -> dict:
    """Train on a CoNLL file, write `<name>.crfsuite` and `<name>.json` in out_dir; return test scores.

    `lexicon` names a lexicon TSV in out_dir (see `khabar.training.lexicon`), `gazetteers` the
    gazetteer sources (see `khabar.entities.lexicons`). crfsuite's trainers read the sequences in
    order and draw no random numbers, so the same inputs give the same model bytes; `seed` is
    recorded and used by the lexicon step.
    """
    out = Path(out_dir)
    model_path = out / f"{name}.crfsuite"
    params = dict(params or {"max_iterations": 20})
    meta: dict = {"model": model_path.name,
                  "features": {"clusters": lexicon, "freq_stem": True, "rare_max_count": rare_max_count,
                               "gazetteers": list(gazetteers)},
                  "crf": {"algorithm": algorithm, "params": params}, "seed": seed}
    meta.update(extra_meta or {})
    t0 = time.perf_counter()
    sents = read_conll(train_path)
    meta["decode"] = {"o_bias": 0.0}
    if tune_bias:
        meta["decode"] = tune_o_bias(sents, out / f"{name}.dev.crfsuite", meta, params, algorithm)
    train_crf(sents, model_path, meta, params, algorithm)
    meta["train_seconds"] = round(time.perf_counter() - t0, 1)
    scores: dict = {}
    if test_path is not None:
        scores = evaluate_tagger(NerTagger(model_path, load_resources(model_path, meta), meta), test_path)
        meta["test_scores"] = scores
    meta["model_bytes"] = model_path.stat().st_size
    write_meta(out / f"{name}.json", meta)
    return scores


def tune_o_bias(sents: Sentences, tmp_model: Path, meta: Mapping, params: Mapping[str, object], algorithm: str,
                dev_fraction: float = 0.1) -> dict:
    """The O-label bias with the best micro F1 on the last part of the train split (held out)."""
    cut = int(len(sents) * (1 - dev_fraction))
    train_crf(sents[:cut], tmp_model, meta, params, algorithm)
    tagger = NerTagger(tmp_model, load_resources(tmp_model, meta), meta)
    tmp_model.unlink()
    dev = sents[cut:]
    gold = [[g for _, g in s] for s in dev]
    mats = [tagger.scores([t for t, _ in s]) for s in dev]
    labels, o = tagger.weights.labels, tagger.weights.labels.index("O")
    results = []
    for bias in np.arange(0.0, -3.01, -0.125):
        shift = np.where(np.arange(len(labels)) == o, bias, 0.0)
        pred = [to_bio([labels[k] for k in viterbi(m + shift, tagger.weights.trans)]) for m in mats]
        results.append((score(gold, pred)["micro_f1"], float(bias)))
    best = max(results, key=lambda r: (r[0], r[1]))  # ties: the smaller shift
    return {"o_bias": best[1], "dev_micro_f1": best[0], "dev_micro_f1_no_bias": results[0][0],
            "dev_sentences": len(dev)}


def evaluate_tagger(tagger: NerTagger, test_path: str | Path) -> dict:
    sents = read_conll(test_path)
    t0 = time.perf_counter()
    pred = tagger.tag_many([[t for t, _ in s] for s in sents])
    secs = time.perf_counter() - t0
    res: dict = score([[g for _, g in s] for s in sents], pred)
    res["tokens_per_s_cold"] = round(sum(map(len, sents)) / secs)
    return res


def write_meta(path: Path, meta: Mapping) -> None:
    """Merge into an existing metadata file, keeping notes written by hand or by earlier runs."""
    old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    old.update(meta)
    path.write_text(json.dumps(old, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def encode_news(shared_data_dir: str | Path, cfg: NerConfig) -> tuple[list[str], np.ndarray]:
    """The unlabelled news, then the train split's sentences, as frequency-ranked word ids."""
    shared = Path(shared_data_dir)
    train = read_conll(shared / TRAIN_REL)
    texts = cl.corpus_texts(shared, cfg.cluster_sources)
    return cl.encode_corpus(texts, extra=[[t for t, _ in s] for s in train])


def build_lexicon(shared_data_dir: str | Path, out_dir: Path, cfg: NerConfig, seed: int = 0,
                  encoded: tuple[list[str], np.ndarray] | None = None, lexicon: str = f"{MODEL_NAME}.lexicon.tsv"
                  ) -> dict:
    """Lexicon TSV (frequency, clusters, type priors) and person-name list, learned from the data."""
    shared = Path(shared_data_dir)
    train = read_conll(shared / TRAIN_REL)
    vocab, ids = encoded if encoded is not None else encode_news(shared, cfg)
    n_unlabelled = len(ids) - sum(len(s) + 1 for s in train)  # train tokens come last
    columns = cl.learn_clusters(vocab, ids, n_words=cfg.n_words, n_ctx=cfg.n_ctx, dim=cfg.dim, ks=cfg.ks,
                                seed=seed)
    n_out = len(next(iter(columns.values())))
    tables = [columns[k] for k in ("k256", "k1024") if k in columns]
    columns.update(learn_type_priors(vocab, ids, n_unlabelled, train, tables, n_out, n_ctx=cfg.prior_ctx,
                                     l2=cfg.prior_l2))
    freq = np.bincount(ids[ids >= 0], minlength=len(vocab))
    cl.write_lexicon(out_dir / lexicon, vocab[:n_out], freq, columns)
    n_names = cl.build_name_list(shared / NAMES_REL, set(vocab[:2000]), out_dir / NAMES_FILE)
    return {"file": lexicon, "corpus_tokens": n_unlabelled - int((ids[:n_unlabelled] < 0).sum()),
            "vocabulary": len(vocab), "words": n_out, "person_names": n_names}


LEXICON_FILE = "ner.lexicon.tsv.gz"


def main_train_neural(shared_data_dir: str | Path, out_dir: str | Path, seed: int = 0,
                      config: NerConfig | None = None, reuse_lexicon: bool = False, log=print) -> dict:
    """The neural+CRF recipe (`ner-nn.v2`, not shipped: see below); returns its scores on the test split.

    Lexicon and name list; word vectors; the context model; `net.n_nets` networks (seeds
    seed, seed+1, ...) trained on the first 90% of the train split, each keeping its best epoch
    on the last 10%; a CRF on the same 90% to choose, on that held-out tenth, the CRF's share of
    the summed label scores and the O-label bias; then the CRF again on the whole train split,
    which is the one shipped. With `reuse_lexicon`, a lexicon and name list already in `out_dir`
    are kept (the recipe is deterministic: rebuilding them gives the same files).
    """
    cfg = config or NerConfig()
    shared, out = Path(shared_data_dir), Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    vocab, ids = encode_news(shared, cfg)
    if reuse_lexicon and (out / LEXICON_FILE).exists() and (out / NAMES_FILE).exists():
        info: dict = {"file": LEXICON_FILE, "reused": True}
    else:
        info = {**build_lexicon(shared, out, cfg, seed=seed, encoded=(vocab, ids), lexicon=LEXICON_FILE),
                "seconds": round(time.perf_counter() - t0, 1)}
    log({"lexicon": info})
    t1 = time.perf_counter()
    vectors = cl.learn_vectors(ids, n_words=cfg.emb_words, n_ctx=cfg.n_ctx, dim=cfg.emb_dim, seed=seed)
    emb_words = vocab[:len(vectors)]
    col_names, lex, _ = clusters.read_clusters(out / LEXICON_FILE)
    k = col_names.index(cfg.context_target)
    targets = np.asarray([int(lex[w][k]) if w in lex and lex[w][k] != "-" else -1 for w in vocab[:cfg.n_words]])
    q, scale = quantize_rows(vectors)
    ctx = pretrain_context(ids, q.astype(np.float32) * scale[:, None], targets, cfg.context, log=log)
    del ids
    vec_seconds = round(time.perf_counter() - t1, 1)
    name = NN_MODEL_NAME
    parts: dict = {"vectors": f"{name}.vectors.npz", "nets": [], "crf": f"{name}.crf.npz"}
    meta: dict = {"kind": "neural+crf", "parts": parts,
                  "features": {"clusters": LEXICON_FILE, "freq_stem": True, "gazetteers": list(cfg.gazetteers)},
                  "seed": seed, "lexicon": info,
                  "word_vectors": {"words": len(emb_words), "dim": int(vectors.shape[1]),
                                   "sources": list(cfg.cluster_sources), "seconds": vec_seconds,
                                   "method": "PPMI of ±2 positional contexts (20k context words), randomised "
                                             "SVD, unit rows, int8; context model: the k1024 cluster of a word "
                                             "from its ±3 neighbours' vectors"},
                  "config": {k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(cfg).items()},
                  "command": "OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 PYTHONPATH=src python -m "
                             "khabar.training.ner /work/shared/data src/khabar/entities/models"}
    model_path = out / f"{name}.json"
    resources = load_resources(model_path, meta)
    sents = read_conll(shared / TRAIN_REL)
    cut = int(len(sents) * (1 - cfg.dev_fraction))
    train, dev = sents[:cut], sents[cut:]
    t2 = time.perf_counter()
    reports = []
    for n in range(cfg.n_nets):
        net_cfg = NetConfig(**{**asdict(cfg.net), "seed": seed + n})
        arrays, report = train_network(train, dev, resources, emb_words, vectors, net_cfg, log=log, ctx=ctx)
        shared_arrays, own = split_arrays(arrays)
        if n == 0:
            save_arrays(out / parts["vectors"], shared_arrays)
        parts["nets"].append(f"{name}.net{n}.npz")
        save_arrays(out / parts["nets"][-1], own)
        reports.append({k: v for k, v in report.items() if k != "labels"})
    meta["nets"] = reports
    crf_meta = {"features": meta["features"]}
    tmp = out / f"{name}.tmp.crfsuite"
    train_crf(train, tmp, crf_meta, cfg.params, cfg.algorithm)
    save_crf_npz(CrfWeights.from_crfsuite(tmp), out / parts["crf"])
    meta["decode"] = tune_ensemble(NeuralTagger(model_path, resources, {**meta, "parts": {**parts, "crf_weight": 1.0}}),
                                   dev)
    parts["crf_weight"] = meta["decode"].pop("crf_weight")
    t3 = time.perf_counter()
    train_crf(sents, tmp, crf_meta, cfg.params, cfg.algorithm)
    save_crf_npz(CrfWeights.from_crfsuite(tmp), out / parts["crf"])
    tmp.unlink()
    meta["crf"] = {"algorithm": cfg.algorithm, "params": dict(cfg.params), "data": "whole train split",
                   "seconds": round(time.perf_counter() - t3, 1)}
    meta["train_seconds"] = round(time.perf_counter() - t2, 1)
    tagger = NeuralTagger(model_path, resources, meta)
    meta["test_scores"] = evaluate_tagger(tagger, shared / TEST_REL)
    files = [LEXICON_FILE, NAMES_FILE, parts["vectors"], parts["crf"], *parts["nets"]]
    meta["model_bytes"] = {f: (out / f).stat().st_size for f in files}
    meta["total_seconds"] = round(time.perf_counter() - t0, 1)
    write_meta(model_path, meta)
    return meta["test_scores"]


def tune_ensemble(tagger, dev: Sentences) -> dict:
    """The CRF's share and the O-label bias with the best micro F1 on held-out sentences.

    `tagger` is a `NeuralTagger` whose CRF part has weight 1 (its networks then weigh nothing):
    the networks' and the CRF's matrices are taken apart once and mixed for every candidate.
    """
    gold = [[g for _, g in s] for s in dev]
    tokens = [[t for t, _ in s] for s in dev]
    _, crf, perm = tagger._crf
    crf_mats = [m[:, perm] for m in crf.score_many(tokens)]
    crf_trans = crf.w.trans[np.ix_(perm, perm)]
    nets = [sc.score_many(tokens) for sc in tagger._scorers]
    net_mats = [sum(ms) / len(nets) for ms in zip(*nets, strict=True)]
    net_trans = sum(n.trans for n in tagger.nets) / len(tagger.nets)
    labels, o = tagger.labels, tagger.labels.index("O")
    results = []
    for w in (0.0, 0.2, 0.3, 0.4, 0.5, 0.6):
        trans = (1 - w) * net_trans + w * crf_trans
        mixed = [(1 - w) * a + w * b for a, b in zip(net_mats, crf_mats, strict=True)]
        for bias in np.arange(0.0, -2.01, -0.25):
            shifted = [m.copy() for m in mixed]
            for m in shifted:
                m[:, o] += bias
            pred = [to_bio([labels[k] for k in p]) for p in viterbi_many(shifted, trans)]
            results.append((score(gold, pred)["micro_f1"], -abs(w - 0.5), float(bias), w))
    best = max(results)
    return {"crf_weight": best[3], "o_bias": best[2], "dev_micro_f1": best[0],
            "dev_micro_f1_networks_alone": max(r[0] for r in results if r[3] == 0.0),
            "dev_sentences": len(dev)}


def main_train(shared_data_dir: str | Path, out_dir: str | Path, seed: int = 0,
               config: NerConfig | None = None) -> dict:
    """The recipe of the shipped model (CRF v1): lexicon, CRF on the train split, scores on the test split."""
    cfg = config or NerConfig()
    shared, out = Path(shared_data_dir), Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    info = build_lexicon(shared, out, cfg, seed=seed)
    extra = {"lexicon": {**info, "seconds": round(time.perf_counter() - t0, 1)},
             "config": {k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(cfg).items()},
             "command": "OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 PYTHONPATH=src python -m khabar.training.ner "
                        "/work/shared/data src/khabar/entities/models"}
    return train_ner(shared / TRAIN_REL, out, seed=seed, test_path=shared / TEST_REL, lexicon=info["file"],
                     params=cfg.params, algorithm=cfg.algorithm, gazetteers=cfg.gazetteers,
                     tune_bias=cfg.tune_bias, extra_meta=extra)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if "--neural" in sys.argv:
        print(json.dumps(main_train_neural(args[0], args[1], reuse_lexicon="--reuse-lexicon" in sys.argv), indent=2))
    else:
        print(json.dumps(main_train(args[0], args[1]), indent=2))
