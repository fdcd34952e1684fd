"""Statistical named-entity taggers: the shipped neural tagger (`nnmodel`, numpy) or a linear-chain CRF.

The shipped model lives in `khabar/entities/models/`; it is read on first use, never at import.
`NerTagger.load()` opens the neural model when it is there (`ner-nn.v2.json`), else the CRF.
Input tokens are surface tokens (punctuation split off, clitics attached), output BIO tags with
types PER, LOC, ORG, MISC.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from khabar.entities.bio import spans_from_tags, spans_of_paths, to_bio
from khabar.entities.crfmodel import CachedScorer, CrfWeights, viterbi, viterbi_flat, viterbi_many
from khabar.entities.features import FeatureExtractor, TaggerFeatures

if TYPE_CHECKING:
    from khabar.entities.nnmodel import NeuralTagger

MODEL_DIR = Path(__file__).resolve().parent / "models"
MODEL_NAME = "ner-crf.v1"  # the CRF (its lexicon and name list are shared with the neural model)
NN_MODEL_NAME = "ner-nn.v2"

__all__ = ["MODEL_DIR", "MODEL_NAME", "NN_MODEL_NAME", "NerTagger", "default_model_path", "default_tagger",
           "load_resources", "spans_from_tags", "spans_of_paths", "to_bio"]

# Optional extra gazetteers: a function returning {type: set of folded names} (e.g. from khabar.kb).
GazetteerSource = Callable[[], Mapping[str, frozenset[str]]]


def load_resources(model_path: Path, meta: Mapping, gazetteers: Mapping[str, frozenset[str]] | None = None
                   ) -> TaggerFeatures:
    """Feature resources named in a model's metadata: the lexicon beside the model and gazetteers.

    Without `gazetteers`, the sources recorded in the metadata are rebuilt (see `lexicons`).
    """
    from khabar.entities.clusters import read_clusters
    from khabar.entities.lexicons import load_gazetteers

    feats = meta.get("features", {})
    names: tuple[str, ...] = ()
    clusters = freq = None
    if feats.get("clusters"):
        names, clusters, freq = read_clusters(model_path.parent / feats["clusters"])
    if not feats.get("freq_stem", True):
        freq = None
    if gazetteers is None and feats.get("gazetteers"):
        gazetteers = load_gazetteers(feats["gazetteers"], model_path.parent)
    return TaggerFeatures(clusters=clusters, cluster_names=names, freq=freq, gazetteers=gazetteers or None)


class NerTagger:
    """CRF named-entity tagger; `NerTagger.load()` opens the shipped model."""

    def __init__(self, model_path: str | Path, resources: TaggerFeatures, meta: Mapping | None = None):
        self.model_path = Path(model_path)
        self.meta = dict(meta or {})
        self.features = FeatureExtractor(resources)
        self.weights = CrfWeights.from_crfsuite(self.model_path)
        self._scorer = CachedScorer(self.weights, self.features)
        # Added to the O label's score: below zero it trades precision for recall (tuned on held-out data).
        self.o_bias = float(self.meta.get("decode", {}).get("o_bias", 0.0))
        self._o = self.weights.labels.index("O") if "O" in self.weights.labels else -1

    @classmethod
    def load(cls, path: str | Path | None = None, gazetteers: GazetteerSource | None = None
             ) -> NerTagger | NeuralTagger:
        """Open a model file (default: the shipped one) and the resources named in its JSON metadata.

        A `.json` file is a neural model (`nnmodel.NeuralTagger`, same tagging methods), a
        `.crfsuite` file a CRF. `gazetteers`, a function returning {type: folded names}, replaces
        the gazetteer sources a CRF was trained with (same types expected); it is ignored by models
        trained without any.
        """
        model = Path(path) if path is not None else default_model_path()
        if not model.is_file():
            raise FileNotFoundError(f"no NER model at {model} (build it with `khabar train ner`)")
        if model.suffix == ".json":
            from khabar.entities.nnmodel import NeuralTagger

            meta = json.loads(model.read_text(encoding="utf-8"))
            return NeuralTagger(model, load_resources(model, meta), meta)
        meta_path = model.with_suffix(".json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        gaz = gazetteers() if gazetteers is not None and meta.get("features", {}).get("gazetteers") else None
        return cls(model, load_resources(model, meta, gaz), meta)

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """BIO tags for one sentence of surface tokens."""
        if not tokens:
            return []
        return to_bio([self.weights.labels[k] for k in viterbi(self.scores(tokens), self.weights.trans)])

    def scores(self, tokens: Sequence[str]) -> np.ndarray:
        """(tokens × labels) state scores, O bias included; labels in `self.weights.labels` order."""
        s = self._scorer.scores(tokens)
        if self.o_bias and self._o >= 0:
            s[:, self._o] += self.o_bias
        return s

    def spans_many(self, sents: Sequence[Sequence[str]]) -> list[list[tuple[int, int, str]]]:
        """`spans_from_tags(tag(s))` for every sentence, all scored and decoded together."""
        sents = list(sents)
        if not any(sents):
            return [[] for _ in sents]
        flat = self._scorer.score_flat(sents)
        if self.o_bias and self._o >= 0:
            flat[:, self._o] += self.o_bias
        bounds = np.cumsum([0, *map(len, sents)])
        return spans_of_paths(viterbi_flat(flat, bounds, self.weights.trans), bounds, self.weights.labels)

    def tag_many(self, sents: Sequence[Sequence[str]], batch: int = 256) -> list[list[str]]:
        """BIO tags for many sentences; new word types are featurised in bulk, `batch` sentences at a time."""
        out: list[list[str]] = []
        labels = self.weights.labels
        for i in range(0, len(sents), batch):
            part = sents[i:i + batch]
            mats = self._scorer.score_many(part)
            if self.o_bias and self._o >= 0:
                for m in mats:
                    m[:, self._o] += self.o_bias
            out.extend(to_bio([labels[k] for k in path]) for path in viterbi_many(mats, self.weights.trans))
        return out


def default_model_path() -> Path:
    """The shipped model: the neural one when present, else the CRF."""
    nn = MODEL_DIR / f"{NN_MODEL_NAME}.json"
    return nn if nn.is_file() else MODEL_DIR / f"{MODEL_NAME}.crfsuite"


_default: NerTagger | NeuralTagger | None = None


def default_tagger() -> NerTagger | NeuralTagger:
    """The shipped tagger, opened once per process."""
    global _default
    if _default is None:
        _default = NerTagger.load()
    return _default
