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
from itertools import repeat
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
        zero = repeat(len(self.state) - 1)  # unknown attributes read the all-zero last row
        idx: list[int] = []
        starts: list[int] = []
        for feats in groups:
            starts.append(len(idx))
            idx.extend(map(get, feats, zero))
            if len(idx) == starts[-1]:
                idx.append(len(self.state) - 1)  # an empty group still needs a row
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
    """Score matrices for sentences, from vectors cached per word type and per adjacent word pair.

    New word types and pairs of a batch of sentences get their vectors in one numpy gather, so the
    cost of a first sight is a few dictionary lookups per feature, not a numpy call per word.
    """

    # Rows of a word type's block: own features, then its context lists -2, -1, +1, +2, i.e. what it
    # gives to the token two to its right, one to its right, one to its left, two to its left.
    def __init__(self, weights: CrfWeights, extractor, max_cache: int = 300_000):
        self.w = weights
        self.fx = extractor
        self.max_cache = max_cache
        self._types: dict[str, np.ndarray] = {}
        self._pairs: dict[tuple[str | None, str | None], np.ndarray] = {}
        pad = extractor.pad()
        self._pad = weights.vectors([[], pad.ctx[-2], pad.ctx[-1], pad.ctx[1], pad.ctx[2]])

    def prepare(self, sents: Sequence[Sequence[str]]) -> None:
        """Compute (in bulk) the vectors of the word types and pairs of `sents` not yet cached."""
        if len(self._types) >= self.max_cache or len(self._pairs) >= self.max_cache:
            self._types.clear()
            self._pairs.clear()
        new = [t for t in dict.fromkeys(t for s in sents for t in s) if t not in self._types]
        groups: list[Sequence[bytes]] = []
        for t in new:
            word = self.fx.word(t)
            groups += [[b"bias", *word.own], word.ctx[-2], word.ctx[-1], word.ctx[1], word.ctx[2]]
        if new:
            blocks = self.w.vectors(groups).reshape(len(new), 5, -1)
            self._types.update(zip(new, blocks, strict=True))
        pairs = [p for p in dict.fromkeys(p for s in sents for p in _pairs_of(s)) if p not in self._pairs]
        groups = []
        pad = self.fx.pad()
        for a, b in pairs:
            groups += self.fx.pair_features(pad if a is None else self.fx.word(a), pad if b is None else self.fx.word(b))
        if pairs:
            self._pairs.update(zip(pairs, self.w.vectors(groups).reshape(len(pairs), 2, -1), strict=True))

    def scores(self, tokens: Sequence[str]) -> np.ndarray:
        """(n, L) state scores: exactly the sum crfsuite computes for the extractor's features."""
        plist = _pairs_of(tokens)
        types, pairs, pad = self._types, self._pairs, self._pad
        if any(t not in types for t in tokens) or any(p not in pairs for p in plist):
            self.prepare([tokens])
        blocks = np.stack([pad, pad, *[types[t] for t in tokens], pad, pad])
        s = blocks[2:-2, 0] + blocks[:-4, 1] + blocks[1:-3, 2] + blocks[3:-1, 3] + blocks[4:, 4]
        pv = np.stack([pairs[p] for p in plist])
        s += pv[:-1, 1] + pv[1:, 0]
        for i, feat in self.fx.gazetteer_marks(tokens):
            s[i] += self.w.vector([feat])
        return s


def _pairs_of(tokens: Sequence[str]) -> list[tuple[str | None, str | None]]:
    """Adjacent word pairs of a sentence, the edges included: (None, first) ... (last, None)."""
    seq: list[str | None] = [None, *tokens, None]
    return list(zip(seq[:-1], seq[1:], strict=True))
