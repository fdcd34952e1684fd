"""Weights of a trained crfsuite model, and Viterbi decoding with per-word-type score caches.

crfsuite is used to train; tagging reads the weights out of the model file once and scores tokens
itself. A token's score vector is the sum of a few cached vectors (its own features, each
neighbour's context features, the bigram features of its two word pairs), so a word type's
features are looked up once, not at every occurrence. Decoding gives the same best path as
crfsuite; `o_bias` (added to the O label's score) trades precision for recall.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np


class CrfWeights:
    """Labels, attribute → row of state weights, and label transition weights."""

    def __init__(self, labels: list[str], attrs: dict[bytes, int], state: np.ndarray, trans: np.ndarray):
        self.labels, self.attrs, self.state, self.trans = labels, attrs, state, trans

    @classmethod
    def from_crfsuite(cls, path: str | Path) -> CrfWeights:
        """Read a model through crfsuite's own text dump (no knowledge of the binary layout needed)."""
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        fd, tmp = tempfile.mkstemp(suffix=".txt")
        os.close(fd)
        try:
            tagger.dump(tmp)
            with open(tmp, "rb") as fh:
                return cls._parse_dump(fh.read())
        finally:
            tagger.close()
            os.unlink(tmp)

    @classmethod
    def _parse_dump(cls, raw: bytes) -> CrfWeights:
        sections: dict[bytes, list[bytes]] = {}
        name = b""
        for line in raw.split(b"\n"):
            if line.endswith(b" = {"):
                name = line[:-4]
                sections[name] = []
            elif line.startswith(b"  ") and name:
                sections[name].append(line)
        labels = [ln.split(b": ", 1)[1].decode() for ln in sections[b"LABELS"]]
        index = {lab: i for i, lab in enumerate(labels)}
        trans = np.zeros((len(labels), len(labels)))
        for ln in sections.get(b"TRANSITIONS", []):
            pair, w = ln.rsplit(b": ", 1)
            a, b = pair.split(b") ", 1)[1].split(b" --> ")
            trans[index[a.decode()], index[b.decode()]] = float(w)
        attrs: dict[bytes, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        for ln in sections.get(b"STATE_FEATURES", []):
            pair, w = ln.rsplit(b": ", 1)
            attr, lab = pair.split(b") ", 1)[1].rsplit(b" --> ", 1)
            rows.append(attrs.setdefault(attr, len(attrs)))
            cols.append(index[lab.decode()])
            vals.append(float(w))
        state = np.zeros((len(attrs) + 1, len(labels)))  # the last row stays zero: unknown attributes
        np.add.at(state, (np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)), vals)
        return cls(labels, attrs, state, trans)

    def vector(self, feats: Sequence[bytes]) -> np.ndarray:
        """Summed state weights of a list of (binary) attributes."""
        return self.vectors([feats])[0]

    def vectors(self, groups: Sequence[Sequence[bytes]]) -> np.ndarray:
        """One summed state-weight vector per list of attributes, in one gather."""
        get = self.attrs.get
        zero = len(self.state) - 1
        idx: list[int] = []
        starts: list[int] = []
        for feats in groups:
            starts.append(len(idx))
            idx.append(zero)  # keeps every group non-empty
            idx.extend(i for i in map(get, feats) if i is not None)
        return np.add.reduceat(self.state[idx], starts, axis=0)


def viterbi(scores: np.ndarray, trans: np.ndarray) -> list[int]:
    """Best label path for an (n, L) score matrix under additive transition weights."""
    n = scores.shape[0]
    back = np.empty((n, scores.shape[1]), dtype=np.int64)
    delta = scores[0]
    for i in range(1, n):
        m = delta[:, None] + trans
        back[i] = m.argmax(axis=0)
        delta = m[back[i], np.arange(m.shape[1])] + scores[i]
    path = [int(delta.argmax())]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    path.reverse()
    return path


class CachedScorer:
    """Score matrices for sentences, from vectors cached per word type and per adjacent word pair."""

    # Rows of a word type's block: own features, then its context lists -2, -1, +1, +2, i.e. what it
    # gives to the token two to its right, one to its right, one to its left, two to its left.
    def __init__(self, weights: CrfWeights, extractor, max_cache: int = 300_000):
        self.w = weights
        self.fx = extractor
        self.max_cache = max_cache
        self._types: dict[str, np.ndarray] = {}
        self._pairs: dict[tuple[str | None, str | None], np.ndarray] = {}
        self._pad = self._block(extractor.pad(), own=False)

    def _block(self, word, own: bool = True) -> np.ndarray:
        return self.w.vectors([[b"bias", *word.own] if own else [], word.ctx[-2], word.ctx[-1], word.ctx[1],
                               word.ctx[2]])

    def _type(self, token: str) -> np.ndarray:
        block = self._types.get(token)
        if block is None:
            if len(self._types) >= self.max_cache:
                self._types.clear()
            block = self._types[token] = self._block(self.fx.word(token))
        return block

    def _pair(self, a: str | None, b: str | None) -> np.ndarray:
        block = self._pairs.get((a, b))
        if block is None:
            if len(self._pairs) >= self.max_cache:
                self._pairs.clear()
            wa = self.fx.pad() if a is None else self.fx.word(a)
            wb = self.fx.pad() if b is None else self.fx.word(b)
            to_a, to_b = self.fx.pair_features(wa, wb)
            block = self._pairs[(a, b)] = self.w.vectors([to_a, to_b])
        return block

    def scores(self, tokens: Sequence[str]) -> np.ndarray:
        """(n, L) state scores: exactly the sum crfsuite computes for the extractor's features."""
        n = len(tokens)
        pad = self._pad
        blocks = np.stack([pad, pad, *map(self._type, tokens), pad, pad])
        s = blocks[2:-2, 0] + blocks[:-4, 1] + blocks[1:-3, 2] + blocks[3:-1, 3] + blocks[4:, 4]
        seq: list[str | None] = [None, *tokens, None]
        pairs = np.stack([self._pair(seq[k], seq[k + 1]) for k in range(n + 1)])
        s += pairs[:n, 1] + pairs[1:, 0]
        for i, feat in self.fx.gazetteer_marks(tokens):
            s[i] += self.w.vector([feat])
        return s
