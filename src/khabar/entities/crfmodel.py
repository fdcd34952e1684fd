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
import threading
from collections.abc import Sequence
from itertools import repeat
from pathlib import Path

import numpy as np

from khabar.entities.features import pair_features


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

    def save_npz(self, path: str | Path) -> None:
        """A compact copy: attribute names, non-zero state weights (float32), transitions."""
        rows, cols = np.nonzero(self.state[:-1])
        names = sorted(self.attrs, key=self.attrs.__getitem__)
        np.savez_compressed(
            path, labels=np.frombuffer("\n".join(self.labels).encode(), dtype=np.uint8),
            attrs=np.frombuffer(b"\n".join(names), dtype=np.uint8), rows=rows.astype(np.int32),
            cols=cols.astype(np.int8), vals=self.state[rows, cols].astype(np.float32),
            trans=self.trans.astype(np.float32))

    @classmethod
    def from_npz(cls, path: str | Path) -> CrfWeights:
        """Weights written by `save_npz`."""
        with np.load(path, allow_pickle=False) as z:
            labels = z["labels"].tobytes().decode().split("\n")
            names = z["attrs"].tobytes().split(b"\n")
            state = np.zeros((len(names) + 1, len(labels)))
            state[z["rows"].astype(np.int64), z["cols"].astype(np.int64)] = z["vals"]
            trans = z["trans"].astype(np.float64)
        return cls(labels, {a: i for i, a in enumerate(names)}, state, trans)

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


def viterbi_many(mats: Sequence[np.ndarray], trans: np.ndarray, group: int = 64) -> list[list[int]]:
    """`viterbi` for many score matrices at once: sentences of similar length share numpy steps."""
    out: list[list[int]] = [[] for _ in mats]
    order = sorted(range(len(mats)), key=lambda i: len(mats[i]))
    for g in range(0, len(order), group):
        ids = [i for i in order[g:g + group] if len(mats[i])]
        if ids:
            for i, path in zip(ids, _viterbi_padded([mats[i] for i in ids], trans), strict=True):
                out[i] = path
    return out


def _viterbi_padded(mats: Sequence[np.ndarray], trans: np.ndarray) -> list[list[int]]:
    """Viterbi over sentences padded together, longest first: at step t only the first k(t) are active."""
    order = sorted(range(len(mats)), key=lambda i: -len(mats[i]))
    lengths = np.asarray([len(mats[i]) for i in order])
    b, t_max, n_lab = len(mats), int(lengths[0]), trans.shape[0]
    scores = np.zeros((b, t_max, n_lab))
    for r, i in enumerate(order):
        scores[r, :len(mats[i])] = mats[i]
    active = np.searchsorted(-lengths, -np.arange(t_max), side="left")  # sentences longer than t
    back = np.zeros((b, t_max, n_lab), dtype=np.int64)
    delta = scores[:, 0].copy()
    # Flat positions of cand[r, best[r, j], j]: a gather cheaper than take_along_axis.
    flat = np.arange(b)[:, None] * (n_lab * n_lab) + np.arange(n_lab)[None, :]
    for t in range(1, t_max):
        k = active[t]
        cand = delta[:k, :, None] + trans
        best = cand.argmax(axis=1)
        back[:k, t] = best
        delta[:k] = cand.ravel()[flat[:k] + best * n_lab] + scores[:k, t]
    cur = delta.argmax(axis=1)
    path = np.zeros((b, t_max), dtype=np.int64)
    for t in range(t_max - 1, -1, -1):
        k = active[t]
        path[:k, t] = cur[:k]
        if t:
            cur[:k] = back[np.arange(k), t, cur[:k]]
    out: list[list[int]] = [[] for _ in mats]
    for r, i in enumerate(order):
        out[i] = path[r, :lengths[r]].tolist()
    return out


class CachedScorer:
    """Score matrices for sentences, from vectors cached per property, word type and word pair.

    A word type's block (own features, and what it gives to neighbours at -2, -1, +1, +2) is the
    sum of the blocks of its properties (suffix, cluster, ...), which most words share; so a new
    word costs a few dictionary lookups, and the new types of a batch are summed in one numpy call.
    """

    ROW = {-2: 1, -1: 2, 1: 3, 2: 4}  # block rows after the own-features row

    def __init__(self, weights: CrfWeights, extractor, max_cache: int = 300_000):
        self.w = weights
        self.fx = extractor
        self.max_cache = max_cache
        pad = extractor.pad()
        self._pad = weights.vectors([[], pad.ctx[-2], pad.ctx[-1], pad.ctx[1], pad.ctx[2]])
        self._bias = weights.vector([b"bias"])
        self._lock = threading.Lock()  # the caches grow together: one writer at a time
        self._clear()

    def _clear(self) -> None:
        self._types: dict[str, np.ndarray] = {}
        self._keys: dict[str | None, tuple[bytes, bytes]] = {None: (self.fx.pad().key, self.fx.pad().ckey)}
        self._pairs: dict[tuple[str | None, str | None], np.ndarray] = {}
        self._props: dict[tuple[str, str], int] = {}
        self._offsets: dict[str, tuple[int, ...]] = {}
        self._blocks = np.zeros((1024, 5, len(self.w.labels)))
        # The same vectors as rows of matrices, for scoring many sentences in one gather (`score_many`).
        self._type_row: dict[str | None, int] = {None: 0}
        self._type_mat = np.zeros((1024, 5, len(self.w.labels)))
        self._type_mat[0] = self._pad
        self._pair_row: dict[tuple[str | None, str | None], int] = {}
        self._pair_mat = np.zeros((1024, 2, len(self.w.labels)))

    def prepare(self, sents: Sequence[Sequence[str]]) -> None:
        """Compute (in bulk) the vectors of the word types and pairs of `sents` not yet cached."""
        with self._lock:
            self._prepare(sents)

    def _prepare(self, sents: Sequence[Sequence[str]]) -> None:
        if len(self._types) >= self.max_cache or len(self._pairs) >= self.max_cache:
            self._clear()
        new = [t for t in dict.fromkeys(t for s in sents for t in s) if t not in self._types]
        for i in range(0, len(new), 1000):
            self._add_types(new[i:i + 1000])
        pairs = [p for p in dict.fromkeys(p for s in sents for p in _pairs_of(s)) if p not in self._pairs]
        if pairs:
            self._add_pairs(pairs)

    def _add_pairs(self, pairs: Sequence[tuple[str | None, str | None]]) -> None:
        get, keys = self.w.attrs.get, self._keys
        where: list[tuple[int, int]] = []
        attrs: list[int] = []
        for j, (a, b) in enumerate(pairs):
            for side, feats in enumerate(pair_features(*keys[a], *keys[b])):
                for x in map(get, feats):
                    if x is not None:
                        where.append((j, side))
                        attrs.append(x)
        vecs = self._scatter(where, attrs, len(pairs), 2)
        self._pairs.update(zip(pairs, vecs, strict=True))
        self._pair_mat = _put_rows(self._pair_mat, self._pair_row, pairs, vecs)

    # Word identity properties: unique to a type, so never worth a shared row.
    IDENTITY = ("w", "f", "st")

    def _add_types(self, words: Sequence[str]) -> None:
        ids: list[int] = []
        starts: list[int] = []
        fresh: list[tuple[str, str]] = []
        ident: list[tuple[str, str]] = []
        owner: list[int] = []
        index = self._props
        for j, word in enumerate(words):
            props = self.fx.final_props(word)
            self._keys[word] = self.fx.keys(word, props)
            for k in self.IDENTITY:
                if k in props:
                    ident.append((k, props.pop(k)))
                    owner.append(j)
            starts.append(len(ids))
            ids.append(0)  # the all-zero row: no word sums nothing
            got = list(map(index.get, props.items()))
            if None in got:  # properties never seen: give them rows
                for k, item in enumerate(props.items()):
                    if got[k] is None:
                        got[k] = index.get(item)
                        if got[k] is None:
                            got[k] = index[item] = len(index) + 1
                            fresh.append(item)
            ids.extend(got)
        if fresh:
            n = len(index) + 1
            if n > len(self._blocks):
                grown = np.zeros((2 * n, *self._blocks.shape[1:]))
                grown[:len(self._blocks)] = self._blocks
                self._blocks = grown
            self._blocks[n - len(fresh):n] = self._prop_blocks(fresh, range(len(fresh)), len(fresh))
        sums = np.add.reduceat(self._blocks[ids], starts, axis=0)
        sums += self._prop_blocks(ident, owner, len(words))
        sums[:, 0] += self._bias
        self._types.update(zip(words, sums, strict=True))
        self._type_mat = _put_rows(self._type_mat, self._type_row, words, sums)

    def _prop_blocks(self, items: Sequence[tuple[str, str]], owner: Sequence[int], n: int) -> np.ndarray:
        """(n, 5, L): each property's own and context weights, summed into the block of its owner."""
        get, row, offsets = self.w.attrs.get, self.ROW, self._offsets
        where: list[tuple[int, int]] = []
        attrs: list[int] = []
        for j, (key, value) in zip(owner, items, strict=True):
            a = get(f"{key}={value}".encode())
            if a is not None:
                where.append((j, 0))
                attrs.append(a)
            offs = offsets.get(key)
            if offs is None:
                offs = offsets[key] = self.fx.ctx_offsets(key)
            for off in offs:
                a = get(f"{off}{key}={value}".encode())
                if a is not None:
                    where.append((j, row[off]))
                    attrs.append(a)
        return self._scatter(where, attrs, n, 5)

    def _scatter(self, where: Sequence[tuple[int, int]], attrs: Sequence[int], n: int, rows: int) -> np.ndarray:
        """(n, rows, L) sums of the state weights of `attrs` at positions `where` (bincount per label)."""
        n_lab = len(self.w.labels)
        if not attrs:
            return np.zeros((n, rows, n_lab))
        pos = np.asarray(where)
        target = pos[:, 0] * rows + pos[:, 1]
        vals = self.w.state[attrs]
        cols = [np.bincount(target, weights=vals[:, c], minlength=n * rows) for c in range(n_lab)]
        return np.stack(cols, axis=1).reshape(n, rows, n_lab)

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


    def score_many(self, sents: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """`scores` of many sentences, computed together (one gather for all their tokens)."""
        flat = self.score_flat(sents)
        out, start = [], 0
        for sent in sents:
            out.append(flat[start:start + len(sent)])
            start += len(sent)
        return out

    def score_flat(self, sents: Sequence[Sequence[str]]) -> np.ndarray:
        """The scores of all tokens of `sents`, one row per token in order."""
        try:
            return self._score_flat(sents)
        except KeyError:  # word types or pairs not cached yet
            self.prepare(sents)
            return self._score_flat(sents)

    def _score_flat(self, sents: Sequence[Sequence[str]]) -> np.ndarray:
        trow, prow = self._type_row, self._pair_row
        idx: list[int] = []
        pidx: list[int] = []
        tok_pos: list[int] = []
        pair_pos: list[int] = []
        for sent in sents:
            base = len(idx) + 2
            tok_pos.extend(range(base, base + len(sent)))
            idx.extend((0, 0))
            idx.extend(map(trow.__getitem__, sent))
            idx.extend((0, 0))
            pbase = len(pidx)
            pair_pos.extend(range(pbase, pbase + len(sent)))
            pidx.extend(map(prow.__getitem__, _pairs_of(sent)))
        blocks = self._type_mat[np.asarray(idx, dtype=np.int64)]
        at = np.asarray(tok_pos, dtype=np.int64)
        s = blocks[at, 0] + blocks[at - 2, 1] + blocks[at - 1, 2] + blocks[at + 1, 3] + blocks[at + 2, 4]
        pv = self._pair_mat[np.asarray(pidx, dtype=np.int64)]
        pp = np.asarray(pair_pos, dtype=np.int64)
        s += pv[pp, 1] + pv[pp + 1, 0]
        if self.fx.has_multiword_gazetteers:
            start = 0
            for sent in sents:
                for i, feat in self.fx.gazetteer_marks(sent):
                    s[start + i] += self.w.vector([feat])
                start += len(sent)
        return s


def _put_rows(mat: np.ndarray, rows: dict, keys: Sequence, vecs: np.ndarray) -> np.ndarray:
    """Append `vecs` as rows of `mat` (grown when full) and record each key's row; returns the matrix."""
    n = len(rows)
    end = n + len(keys)
    if end > len(mat):
        grown = np.zeros((max(end, 2 * len(mat)), *mat.shape[1:]))
        grown[:n] = mat[:n]
        mat = grown
    mat[n:end] = vecs
    rows.update(zip(keys, range(n, end), strict=True))
    return mat


def _pairs_of(tokens: Sequence[str]) -> list[tuple[str | None, str | None]]:
    """Adjacent word pairs of a sentence, the edges included: (None, first) ... (last, None)."""
    seq: list[str | None] = [None, *tokens, None]
    return list(zip(seq[:-1], seq[1:], strict=True))
