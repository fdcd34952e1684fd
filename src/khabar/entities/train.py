"""Training the CRF named-entity tagger, and the whole recipe that builds the shipped model.

    PYTHONPATH=src python -m khabar.entities.train /work/shared/data src/khabar/entities/models

`main_train` learns word clusters from the unlabelled news (seeded, deterministic), trains the CRF
on the ANERcorp CamelLab train split with L-BFGS (deterministic: same inputs, same model bytes),
scores the test split and records data, parameters and scores in the model's JSON file.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

from khabar.entities.evaluate import read_conll, score
from khabar.entities.tagger import MODEL_NAME, NerTagger, load_resources, to_bio

CRF_PARAMS: dict[str, object] = {"c1": 0.05, "c2": 0.01, "max_iterations": 400,
                                 "feature.possible_transitions": True, "epsilon": 1e-5}
CLUSTER_SETTINGS: dict[str, object] = {"sources": ["ant", "saudinewsnet"], "n_words": 60000, "n_ctx": 20000,
                                       "dim": 200, "ks": [64, 256, 1024]}
TRAIN_REL = "anercorp-camellab/ANERCorp_CamelLab_train.txt"
TEST_REL = "anercorp-camellab/ANERCorp_CamelLab_test.txt"


def train_crf(sents: Sequence[Sequence[tuple[str, str]]], model_path: Path, meta: Mapping,
              params: Mapping[str, object] | None = None, algorithm: str = "lbfgs") -> None:
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
        tokens = [t for t, _ in sent]
        trainer.append(pycrfsuite.ItemSequence(extractor.sentence(tokens)), to_bio([g for _, g in sent]))
    trainer.set_params(dict(params or CRF_PARAMS))
    model_path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_path))


def train_ner(train_path: str | Path, out_dir: str | Path, seed: int = 0, test_path: str | Path | None = None,
              clusters_file: str | None = None, params: Mapping[str, object] | None = None,
              name: str = MODEL_NAME, extra_meta: Mapping | None = None, rare_max_count: int = 0,
              gazetteers: Sequence[str] = ()) -> dict:
    """Train on a CoNLL file, write `<name>.crfsuite` and `<name>.json` in out_dir; return test scores.

    `clusters_file` is a cluster TSV already in out_dir (see `khabar.entities.clusters`). L-BFGS has
    no randomness; `seed` is recorded and used by the cluster step.
    """
    out = Path(out_dir)
    model_path = out / f"{name}.crfsuite"
    params = dict(params or CRF_PARAMS)
    meta: dict = {"model": model_path.name, "features": {"clusters": clusters_file, "freq_stem": True,
                                                         "rare_max_count": rare_max_count,
                                                         "gazetteers": list(gazetteers)},
                  "crf": {"algorithm": "lbfgs", "params": params}, "seed": seed}
    meta.update(extra_meta or {})
    t0 = time.perf_counter()
    train_crf(read_conll(train_path), model_path, meta, params)
    meta["train_seconds"] = round(time.perf_counter() - t0, 1)
    scores: dict = {}
    if test_path is not None:
        tagger = NerTagger(model_path, load_resources(model_path, meta), meta)
        scores = evaluate_tagger(tagger, test_path)
        meta["test_scores"] = scores
    meta["model_bytes"] = model_path.stat().st_size
    write_meta(out / f"{name}.json", meta)
    return scores


def evaluate_tagger(tagger: NerTagger, test_path: str | Path) -> dict:
    sents = read_conll(test_path)
    t0 = time.perf_counter()
    pred = tagger.tag_many([[t for t, _ in s] for s in sents])
    secs = time.perf_counter() - t0
    res: dict = score([[g for _, g in s] for s in sents], pred)
    res["tokens_per_s"] = round(sum(map(len, sents)) / secs)
    return res


def write_meta(path: Path, meta: Mapping) -> None:
    """Merge into an existing metadata file, keeping notes written by hand or by earlier runs."""
    old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    old.update(meta)
    path.write_text(json.dumps(old, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def build_clusters(shared_data_dir: str | Path, out_path: Path, seed: int = 0,
                   settings: Mapping[str, object] | None = None) -> dict:
    """Learn word clusters from the unlabelled news (plus the train split's tokens) into a TSV."""
    from khabar.entities import clusters as cl

    shared = Path(shared_data_dir)
    cfg = dict(settings or CLUSTER_SETTINGS)
    train_tokens = [[t for t, _ in s] for s in read_conll(shared / TRAIN_REL)]
    vocab, ids = cl.encode_corpus(cl.corpus_texts(shared, cfg["sources"]), extra=train_tokens)
    rows, _ = cl.learn_clusters(vocab, ids, n_words=cfg["n_words"], n_ctx=cfg["n_ctx"], dim=cfg["dim"],
                                ks=cfg["ks"], seed=seed)
    cl.write_clusters(out_path, rows, cfg["ks"])
    return {**cfg, "corpus_tokens": int((ids >= 0).sum()), "vocabulary": len(vocab)}


def main_train(shared_data_dir: str | Path, out_dir: str | Path, seed: int = 0) -> dict:
    """The recipe of the shipped model: clusters, CRF on the train split, scores on the test split."""
    shared, out = Path(shared_data_dir), Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    cfile = f"{MODEL_NAME}.clusters.tsv"
    t0 = time.perf_counter()
    info = build_clusters(shared, out / cfile, seed=seed)
    extra = {"clusters": {**info, "seconds": round(time.perf_counter() - t0, 1)},
             "command": f"python -m khabar.entities.train {shared} {out}"}
    scores = train_ner(shared / TRAIN_REL, out, seed=seed, test_path=shared / TEST_REL, clusters_file=cfile,
                       extra_meta=extra)
    return scores


if __name__ == "__main__":
    print(json.dumps(main_train(sys.argv[1], sys.argv[2]), indent=2))
