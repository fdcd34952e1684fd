"""Training the CRF named-entity tagger, and the whole recipe that builds the shipped model.

    export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
    PYTHONPATH=src python -m khabar.entities.train /work/shared/data src/khabar/entities/models

One BLAS thread keeps the SVD and k-means bit-for-bit repeatable. About 20 minutes on two cores.

`main_train` learns a word lexicon from unlabelled news (clusters and entity-type priors, seeded,
deterministic), builds the person-name list, trains the CRF on the ANERcorp CamelLab train split,
tunes the O-label bias on the last tenth of that split, scores the test split and records data,
parameters and scores in the model's JSON file.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from khabar.entities.evaluate import read_conll, score
from khabar.entities.tagger import MODEL_NAME, NerTagger, load_resources, to_bio

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


def train_crf(sents: Sentences, model_path: Path, meta: Mapping, params: Mapping[str, object] | None = None,
              algorithm: str = "lbfgs") -> None:
    """Fit a CRF on (token, tag) sentences; features come from the resources named in `meta`."""
    import pycrfsuite

    from khabar.entities.features import FeatureExtractor

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

    `lexicon` names a lexicon TSV in out_dir (see `khabar.entities.clusters`), `gazetteers` the
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
    import numpy as np

    from khabar.entities.crfmodel import viterbi

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


def build_lexicon(shared_data_dir: str | Path, out_dir: Path, cfg: NerConfig, seed: int = 0) -> dict:
    """Lexicon TSV (frequency, clusters, type priors) and person-name list, learned from the data."""
    import numpy as np

    from khabar.entities import clusters as cl
    from khabar.entities.lexicons import NAMES_FILE, build_name_list
    from khabar.entities.typeprior import learn_type_priors

    shared = Path(shared_data_dir)
    train = read_conll(shared / TRAIN_REL)
    texts = cl.corpus_texts(shared, cfg.cluster_sources)
    vocab, ids = cl.encode_corpus(texts, extra=[[t for t, _ in s] for s in train])
    n_unlabelled = len(ids) - sum(len(s) + 1 for s in train)  # train tokens come last
    columns = cl.learn_clusters(vocab, ids, n_words=cfg.n_words, n_ctx=cfg.n_ctx, dim=cfg.dim, ks=cfg.ks,
                                seed=seed)
    n_out = len(next(iter(columns.values())))
    tables = [columns[k] for k in ("k256", "k1024") if k in columns]
    columns.update(learn_type_priors(vocab, ids, n_unlabelled, train, tables, n_out, n_ctx=cfg.prior_ctx,
                                     l2=cfg.prior_l2))
    freq = np.bincount(ids[ids >= 0], minlength=len(vocab))
    lexicon = f"{MODEL_NAME}.lexicon.tsv"
    cl.write_lexicon(out_dir / lexicon, vocab[:n_out], freq, columns)
    n_names = build_name_list(shared / NAMES_REL, set(vocab[:2000]), out_dir / NAMES_FILE)
    return {"file": lexicon, "corpus_tokens": n_unlabelled - int((ids[:n_unlabelled] < 0).sum()),
            "vocabulary": len(vocab), "words": n_out, "person_names": n_names}


def main_train(shared_data_dir: str | Path, out_dir: str | Path, seed: int = 0,
               config: NerConfig | None = None) -> dict:
    """The recipe of the shipped model: lexicon, CRF on the train split, scores on the test split."""
    cfg = config or NerConfig()
    shared, out = Path(shared_data_dir), Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    info = build_lexicon(shared, out, cfg, seed=seed)
    extra = {"lexicon": {**info, "seconds": round(time.perf_counter() - t0, 1)},
             "config": {k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(cfg).items()},
             "command": "OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 PYTHONPATH=src python -m khabar.entities.train "
                        "/work/shared/data src/khabar/entities/models"}
    return train_ner(shared / TRAIN_REL, out, seed=seed, test_path=shared / TEST_REL, lexicon=info["file"],
                     params=cfg.params, algorithm=cfg.algorithm, gazetteers=cfg.gazetteers,
                     tune_bias=cfg.tune_bias, extra_meta=extra)


if __name__ == "__main__":
    print(json.dumps(main_train(sys.argv[1], sys.argv[2]), indent=2))
