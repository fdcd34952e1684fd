"""Neural named-entity tagger, inference in numpy only: word-type vectors, a dilated CNN, a CRF layer.

A token's input is a function of its word type alone: the project's pretrained word vector of the
folded word and of its clitic-stripped stem (PPMI/SVD over unlabelled news, int8 in the model file),
and the sum of learned embeddings of its sparse properties (affixes, shape, clusters, type priors,
cue words, name list: `features.FeatureExtractor.final_props`). A dense layer turns that into the
type vector `h0`, cached per word type. Convolutions over the sentence (width 3, residual, ReLU)
give every token its context, a linear layer scores the BIO labels and Viterbi decodes under the
learned transition, start and end scores.

The weights are an `.npz` archive written by `khabar.training.network` (training needs PyTorch;
tagging does not); `tagger.NerTagger.load` opens a model. Sentences of a batch are laid end to end with zero gaps between them, so each
layer is a few large matrix products over all tokens at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from khabar.entities.bio import to_bio
from khabar.entities.crfmodel import CachedScorer, CrfWeights, viterbi_many
from khabar.entities.features import FeatureExtractor, TaggerFeatures, strip_clitics
from khabar.lang.normalize import fold


def split_strings(arr: np.ndarray) -> list[str]:
    """Strings stored as one uint8 array, newline-separated (npz files are read without pickle)."""
    raw = arr.tobytes().decode("utf-8")
    return raw.split("\n") if raw else []


class WordTypeInputs:
    """What the network sees of one word type: pretrained-vector rows and sparse feature ids."""

    def __init__(self, extractor: FeatureExtractor, emb_words: Sequence[str], feat_names: Sequence[str],
                 freq: Mapping[str, int] | None):
        self.extractor = extractor
        self.emb_index = {w: i for i, w in enumerate(emb_words)}
        self.n_emb = len(emb_words)  # row n_emb is the unknown word (zeros)
        self.feat_index = {f: i for i, f in enumerate(feat_names)}
        self.freq = freq

    def feature_strings(self, word: str) -> list[str]:
        return [f"{k}={v}" for k, v in self.extractor.final_props(word).items()]

    def of(self, word: str) -> tuple[int, int, list[int]]:
        """(vector row of the folded word, vector row of its stem, ids of its known features)."""
        f = fold(word) or word
        stem = strip_clitics(f, self.freq)[1]
        unk = self.n_emb
        fi = self.feat_index
        feats = [fi[s] for s in self.feature_strings(word) if s in fi]
        return self.emb_index.get(f, unk), self.emb_index.get(stem, unk), feats


class NeuralWeights:
    """The arrays of a trained network (float32), read from an npz archive."""

    def __init__(self, arrays: Mapping[str, np.ndarray]):
        a = dict(arrays)
        self.labels: list[str] = split_strings(a["labels"])
        self.emb_words: list[str] = split_strings(a["emb_words"])
        self.feat_names: list[str] = split_strings(a["feat_names"])
        # int8 rows and their scales (the last row, all zeros, is the unknown word): rows are
        # turned into floats only when a new word type needs them.
        self.emb_q = np.vstack([a["emb_q"], np.zeros((1, a["emb_q"].shape[1]), np.int8)])
        self.emb_scale = np.append(a["emb_scale"].astype(np.float32), np.float32(0.0))
        self.feat_emb = a["feat_emb"].astype(np.float32)
        self.w0 = a["w0"].astype(np.float32)  # (input, hidden)
        self.b0 = a["b0"].astype(np.float32)
        self.dilations = [int(d) for d in a["dilations"]]
        self.conv_w = [a[f"conv{i}_w"].astype(np.float32) for i in range(len(self.dilations))]  # (3, H, H)
        self.conv_b = [a[f"conv{i}_b"].astype(np.float32) for i in range(len(self.dilations))]
        self.out_w = a["out_w"].astype(np.float32)  # (H, labels)
        self.out_b = a["out_b"].astype(np.float32)
        self.trans = a["trans"].astype(np.float64)
        self.start = a["start"].astype(np.float64)
        self.end = a["end"].astype(np.float64)
        # Optional context model: its hidden vector (from the neighbours' word vectors), projected and added after the first convolution.
        self.ctx_offsets = [int(o) for o in a.get("ctx_offsets", np.zeros(0, np.int64))]
        self.ctx_w = a["ctx_w"].astype(np.float32) if self.ctx_offsets else None  # (taps, vector, dim)
        self.ctx_b = a["ctx_b"].astype(np.float32) if self.ctx_offsets else None
        self.ctx_proj = a["ctx_proj"].astype(np.float32) if self.ctx_offsets else None  # (dim, H)

    def vectors(self, rows: Sequence[int]) -> np.ndarray:
        """Word vectors (float32) of vector rows; the row past the last word gives zeros."""
        r = np.asarray(rows, dtype=np.int64)
        return self.emb_q[r].astype(np.float32) * self.emb_scale[r, None]

    @classmethod
    def load(cls, path: str | Path) -> NeuralWeights:
        with np.load(path, allow_pickle=False) as z:
            return cls({k: z[k] for k in z.files})

    @property
    def gap(self) -> int:
        """Zero positions needed between sentences laid end to end (the widest layer's reach)."""
        return max([*self.dilations, *map(abs, self.ctx_offsets), 1])


class NeuralScorer:
    """Label score matrices for sentences.

    Per word type the cache holds `h0` and its products with the three taps of the first
    convolution, so that layer costs three row gathers per token instead of matrix products.
    """

    def __init__(self, weights: NeuralWeights, inputs: WordTypeInputs, max_cache: int = 60_000):
        self.w = weights
        self.inputs = inputs
        self.max_cache = max_cache
        self._row: dict[str, int] = {}
        self._hidden = weights.w0.shape[1]
        self._ctx_dim = 0 if weights.ctx_b is None else len(weights.ctx_b)
        self._width = 4 * self._hidden + len(weights.ctx_offsets) * self._ctx_dim
        self._cache = np.zeros((1024, self._width), np.float32)
        self._n = 1  # row 0: the zero gap between sentences

    def _add_types(self, words: Sequence[str]) -> None:
        w = self.w
        n = len(words)
        dim_e = w.emb_q.shape[1]
        x = np.zeros((n, 2 * dim_e + w.feat_emb.shape[1]), np.float32)
        rows_f, rows_s, owners, ids = [], [], [], []
        for i, word in enumerate(words):
            a, b, feats = self.inputs.of(word)
            rows_f.append(a)
            rows_s.append(b)
            owners.extend([i] * len(feats))
            ids.extend(feats)
        x[:, :dim_e] = w.vectors(rows_f)
        x[:, dim_e:2 * dim_e] = w.vectors(rows_s)
        if ids:
            np.add.at(x[:, 2 * dim_e:], np.asarray(owners), w.feat_emb[np.asarray(ids)])
        h0 = np.maximum(x @ w.w0 + w.b0, 0.0)
        end = self._n + n
        if end > len(self._cache):
            grown = np.zeros((max(end, 2 * len(self._cache)), self._cache.shape[1]), np.float32)
            grown[:self._n] = self._cache[:self._n]
            self._cache = grown
        hid = self._hidden
        block = self._cache[self._n:end]
        block[:, :hid] = h0
        if w.dilations:
            for k in range(3):
                block[:, (k + 1) * hid:(k + 2) * hid] = h0 @ w.conv_w[0][k]
        if w.ctx_w is not None:
            x = w.vectors(rows_f)
            cd = self._ctx_dim
            for k in range(len(w.ctx_offsets)):
                block[:, 4 * hid + k * cd:4 * hid + (k + 1) * cd] = x @ w.ctx_w[k]
        for i, word in enumerate(words):
            self._row[word] = self._n + i
        self._n = end

    def score_many(self, sents: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """One (tokens × labels) matrix per sentence (float64), start and end scores included."""
        return split_rows(self.score_flat(sents), sents)

    def score_flat(self, sents: Sequence[Sequence[str]]) -> np.ndarray:
        """The scores of all tokens of `sents`, one row per token in order (float64)."""
        try:
            index, starts = self._index(sents)
        except KeyError:  # word types not cached yet
            new = list(dict.fromkeys(t for s in sents for t in s if t not in self._row))
            if len(self._row) + len(new) > self.max_cache:
                self._row.clear()
                self._n = 1
                new = list(dict.fromkeys(t for s in sents for t in s))
            self._add_types(new)
            index, starts = self._index(sents)
        w = self.w
        idx = np.asarray(index, dtype=np.int64)
        mask = (idx > 0).astype(np.float32)[:, None]
        hid = self._hidden
        cache = self._cache
        rows = cache[idx]  # one gather: h0, its first-layer products, its context-model products
        h = rows[:, :hid].copy()
        for layer, (d, cw, cb) in enumerate(zip(w.dilations, w.conv_w, w.conv_b, strict=True)):
            if layer == 0:
                z = rows[:-2 * d, hid:2 * hid] + rows[d:-d, 2 * hid:3 * hid]
                z += rows[2 * d:, 3 * hid:4 * hid]
            else:
                z = h[:-2 * d] @ cw[0]
                z += h[d:-d] @ cw[1]
                z += h[2 * d:] @ cw[2]
            z += cb
            np.maximum(z, 0.0, out=z)
            z *= mask[d:-d]
            h[d:-d] += z
            if layer == 0 and w.ctx_w is not None:
                self._add_context(h, rows, mask)
        out = (h[idx > 0] @ w.out_w + w.out_b).astype(np.float64)
        lengths = np.fromiter(map(len, sents), dtype=np.int64, count=len(sents))
        ends = np.cumsum(lengths)
        full = lengths > 0
        out[(ends - lengths)[full]] += w.start
        out[ends[full] - 1] += w.end
        return out

    def _index(self, sents: Sequence[Sequence[str]]) -> tuple[list[int], list[int]]:
        """Cache rows of the sentences laid end to end with zero gaps, and where each starts."""
        gap = [0] * self.w.gap
        get = self._row.__getitem__
        index: list[int] = list(gap)
        starts = []
        for s in sents:
            starts.append(len(index))
            index.extend(map(get, s))
            index.extend(gap)
        return index, starts

    def _add_context(self, h: np.ndarray, rows: np.ndarray, mask: np.ndarray) -> None:
        w, cd, base = self.w, self._ctx_dim, 4 * self._hidden
        reach = max(map(abs, w.ctx_offsets))
        n = len(rows)
        z = np.tile(w.ctx_b, (n - 2 * reach, 1))
        for k, off in enumerate(w.ctx_offsets):
            z += rows[reach + off:n - reach + off, base + k * cd:base + (k + 1) * cd]
        np.maximum(z, 0.0, out=z)
        h[reach:n - reach] += (z @ w.ctx_proj) * mask[reach:n - reach]


def split_rows(flat: np.ndarray, sents: Sequence[Sequence[str]]) -> list[np.ndarray]:
    """Per-sentence views of token rows laid end to end."""
    out, start = [], 0
    for s in sents:
        out.append(flat[start:start + len(s)])
        start += len(s)
    return out


def _lookup(row: list[str], k: int) -> str:
    return row[k]


def bio_table(labels: Sequence[str]) -> list[list[str]]:
    """table[previous label][label] → the output tag (IOB2, PERS renamed PER), as `bio.to_bio`."""
    return [[to_bio([p, c])[1] for c in labels] for p in labels]


class NeuralTagger:
    """The shipped tagger: neural networks and optionally a CRF, their label scores summed with weights.

    Same tagging interface as `tagger.NerTagger` (`tag`, `tag_many`, `labels`). The model is a JSON
    file naming its parts (paths relative to it): `"vectors"` (word vectors and context model),
    `"nets"` (one npz per network), `"crf"` (a CRF in `CrfWeights.from_npz` form, optional) and
    `"crf_weight"` (its share; the networks share the rest equally).
    """

    def __init__(self, model_path: str | Path, resources: TaggerFeatures, meta: Mapping):
        self.model_path = Path(model_path)
        self.meta = dict(meta)
        folder = self.model_path.parent
        parts = self.meta["parts"]
        with np.load(folder / parts["vectors"], allow_pickle=False) as z:
            shared = {k: z[k] for k in z.files}
        self.features = FeatureExtractor(resources)
        self.nets: list[NeuralWeights] = []
        for name in parts["nets"]:
            with np.load(folder / name, allow_pickle=False) as z:
                self.nets.append(NeuralWeights({**shared, **{k: z[k] for k in z.files}}))
        first = self.nets[0]
        self.labels = first.labels
        inputs = WordTypeInputs(self.features, first.emb_words, first.feat_names, resources.freq)
        self._scorers = []
        for net in self.nets:
            own = inputs if net.feat_names == first.feat_names else WordTypeInputs(
                self.features, net.emb_words, net.feat_names, resources.freq)
            self._scorers.append(NeuralScorer(net, own))
        crf_w = float(parts.get("crf_weight", 0.0)) if parts.get("crf") else 0.0
        net_w = (1.0 - crf_w) / len(self.nets)
        self._weights = [net_w] * len(self.nets)
        self.trans = sum(net_w * n.trans for n in self.nets)
        self._crf = None
        if crf_w:
            crf = CrfWeights.from_npz(folder / parts["crf"])
            self._crf = (crf_w, CachedScorer(crf, self.features),
                         [crf.labels.index(_crf_label(lab)) for lab in self.labels])
            self.trans = self.trans + crf_w * crf.trans[np.ix_(self._crf[2], self._crf[2])]
        self.o_bias = float(self.meta.get("decode", {}).get("o_bias", 0.0))
        self._o = self.labels.index("O") if "O" in self.labels else -1
        self._table = bio_table(self.labels)
        self._first = bio_table(["O", *self.labels])[0][1:]

    def score_many(self, sents: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """Label score matrices (O bias included), labels in `self.labels` order."""
        flat = self._scorers[0].score_flat(sents)
        flat *= self._weights[0]
        for wt, scorer in zip(self._weights[1:], self._scorers[1:], strict=True):
            flat += wt * scorer.score_flat(sents)
        if self._crf is not None:
            wt, crf, perm = self._crf
            flat += wt * crf.score_flat(sents)[:, perm]
        if self.o_bias and self._o >= 0:
            flat[:, self._o] += self.o_bias
        return split_rows(flat, sents)

    def scores(self, tokens: Sequence[str]) -> np.ndarray:
        return self.score_many([tokens])[0]

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """BIO tags for one sentence of surface tokens."""
        return self.tag_many([tokens])[0]

    def tag_many(self, sents: Sequence[Sequence[str]], batch: int = 256) -> list[list[str]]:
        """BIO tags for many sentences, `batch` sentences per network pass."""
        out: list[list[str]] = []
        table, first = self._table, self._first
        for i in range(0, len(sents), batch):
            part = sents[i:i + batch]
            for path in viterbi_many(self.score_many(part), self.trans):
                if path:
                    out.append([first[path[0]], *map(_lookup, map(table.__getitem__, path), path[1:])])
                else:
                    out.append([])
        return out


def _crf_label(label: str) -> str:
    """The CRF's name of a label (trained on IOB2 tags with PERS renamed PER)."""
    pre, _, typ = label.partition("-")
    return f"{pre}-{'PER' if typ == 'PERS' else typ}" if typ else label

