"""Weights of a trained crfsuite model, and Viterbi decoding with per-word-type score caches.

crfsuite is used to train; tagging reads the weights out of the model file once and scores tokens
itself. A token's score vector is the sum of a few cached vectors (its own features, each
neighbour's context features, the bigram features of its two word pairs), so a word type's
features are looked up once, not at every occurrence. Decoding gives the same best path as
crfsuite; `o_bias` (added to the O label's score) trades precision for recall.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import threading
from collections.abc import Sequence
from itertools import chain, repeat
from pathlib import Path

import numpy as np

# pycrfsuite's Tagger.dump closes its file descriptor twice (fclose in C, then os.close): when another
# thread has opened a file or socket in between, that one is closed instead. Dask workers load the
# model beside their network threads and lost their scheduler connection that way, so the dump runs
# in a child process of its own.
_DUMP = "import sys, pycrfsuite\nt = pycrfsuite.Tagger()\nt.open(sys.argv[1])\nt.dump(sys.argv[2])\n"


def _dump_text(path: Path) -> bytes:
    """crfsuite's text dump of the model at `path`, made by a child process."""
    if not path.is_file():
        raise FileNotFoundError(f"no CRF model at {path}")
    fd, tmp = tempfile.mkstemp(suffix=".txt")
    os.close(fd)
    try:
        done = subprocess.run([sys.executable, "-c", _DUMP, str(path), tmp], capture_output=True, text=True)
        if done.returncode != 0:
            raise ValueError(f"crfsuite could not read the model {path}: {done.stderr.strip()[-500:]}")
        with open(tmp, "rb") as fh:
            return fh.read()
    finally:
        os.unlink(tmp)


class CrfWeights:
    """Labels, attribute → row of state weights, and label transition weights."""

    def __init__(self, labels: list[str], attrs: dict[bytes, int], state: np.ndarray, trans: np.ndarray):
        self.labels, self.attrs, self.state, self.trans = labels, attrs, state, trans

    @classmethod
    def from_crfsuite(cls, path: str | Path) -> CrfWeights:
        """Read a model through crfsuite's own text dump (no knowledge of the binary layout needed)."""
        return cls._parse_dump(_dump_text(Path(path)))

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

    @classmethod
    def from_npz(cls, path: str | Path) -> CrfWeights:
        """Weights in the compact form `khabar.training.network.save_crf_npz` writes: attribute names,
        non-zero state weights, transitions."""
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


def viterbi_many(mats: Sequence[np.ndarray], trans: np.ndarray) -> list[list[int]]:
    """`viterbi` for many score matrices at once (see `viterbi_flat`)."""
    if not mats:
        return []
    bounds = np.cumsum([0, *map(len, mats)])
    scores = np.concatenate(mats) if bounds[-1] else np.zeros((0, trans.shape[0]))
    path = viterbi_flat(scores, bounds, trans).tolist()
    return [path[a:b] for a, b in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True)]


MAX_DECODE_TOKENS = 512


def viterbi_flat(scores: np.ndarray, bounds: np.ndarray, trans: np.ndarray, group: int = 1024) -> np.ndarray:
    """The best label of every token of many sentences, sentence k being scores[bounds[k]:bounds[k+1]].

    Sentences are decoded together, padded longest first, `group` at a time: at step t only those
    longer than t move, so one numpy step serves them all. A sentence longer than MAX_DECODE_TOKENS
    (no news sentence is; a page of quotation marks or random text is one) is decoded in pieces of
    that length, which then move together too: one step per token of it took minutes."""
    if len(bounds) > 1 and int(np.diff(bounds).max(initial=0)) > MAX_DECODE_TOKENS:
        bounds = np.union1d(bounds, np.concatenate(
            [np.arange(a, b, MAX_DECODE_TOKENS) for a, b in zip(bounds[:-1], bounds[1:], strict=True)]))
    lengths = np.diff(bounds)
    n, n_lab = int(bounds[-1]), trans.shape[0]
    out = np.zeros(n, dtype=np.int64)
    order = np.argsort(-lengths, kind="stable")
    order = order[lengths[order] > 0]
    for g in range(0, len(order), group):
        ids = order[g:g + group]
        lens = lengths[ids]
        b, t_max = len(ids), int(lens[0])
        row = np.repeat(np.arange(b), lens)  # each token's row and step in the padded block
        col = np.arange(int(lens.sum())) - np.repeat(np.cumsum(lens) - lens, lens)
        tok = np.repeat(bounds[ids], lens) + col  # and its place in `scores`
        padded = np.zeros((b, t_max, n_lab))
        padded[row, col] = scores[tok]
        out[tok] = _viterbi_padded(padded, lens, trans)[row, col]
    return out


def _viterbi_padded(scores: np.ndarray, lengths: np.ndarray, trans: np.ndarray) -> np.ndarray:
    """Best paths (b, t_max) of padded sentences sorted longest first; past its length a row is junk."""
    b, t_max, n_lab = scores.shape
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
    return path


# New word types summed in one gather: about 26 property rows of 45 numbers each, so a group's rows
# (2.4 MB) stay in the processor's caches; 2,000 at once (18 MB) took three times as long.
TYPES_AT_ONCE = 256
SCORE_AT_ONCE = 65_536  # tokens scored at once


class CachedScorer:
    """Score matrices for sentences, from one cached vector block per word type.

    A word type's block (own features, and what it gives to neighbours at -2, -1, +1, +2) is the
    sum of the blocks of its properties (suffix, cluster, ...), each read once from the model's
    attributes; so a new word costs a few dictionary lookups, and the new types of a batch are
    summed in one numpy call. Bigram features need no cache: they are looked up per token pair in
    tables of the model's bigram attributes, for all tokens of a batch at once.
    """

    ROW = {0: 0, -2: 1, -1: 2, 1: 3, 2: 4}  # block rows: own features, then as a neighbour at each offset

    def __init__(self, weights: CrfWeights, extractor, max_cache: int = 300_000):
        self.w = weights
        self.fx = extractor
        self.max_cache = max_cache
        self._index, self._prop_mat = _property_blocks(weights, extractor, self.ROW)
        self._prop_rows = self._prop_mat.reshape(len(self._prop_mat), -1)  # a property's five blocks in one row
        self._bigrams = _BigramTables(weights)
        pad = extractor.pad()
        self._pad = weights.vectors([[], pad.ctx[-2], pad.ctx[-1], pad.ctx[1], pad.ctx[2]])
        self._pad_ids = self._bigrams.ids(pad.key, pad.ckey)
        self._bias = weights.vector([b"bias"])
        self._lock = threading.Lock()  # the caches grow together: one writer at a time
        self._chars: set[str] | None = None  # made on first need (see _known_chars)
        self._clear()

    def _clear(self) -> None:
        # Row 0 of the type matrix is the sentence-edge pad; a type's row holds its five summed blocks.
        self._type_row: dict[str, int] = {}
        self._type_mat = np.zeros((1024, 5, len(self.w.labels)))
        self._type_mat[0] = self._pad
        self._type_ids = np.zeros((1024, 2), dtype=np.int64)  # (word bigram id, cluster bigram id)
        self._type_ids[0] = self._pad_ids
        self._n_types = 1
        self._plain_row: dict[str, int] = {}  # a shape's row for the one-character tokens nothing knows

    def _known_chars(self) -> set[str]:
        """The characters some property weight, bigram or table of the extractor names as a word:
        every other one-character token (that folds to itself) has its shape's properties alone,
        so all of a shape share one row (random text brings thousands, each one new)."""
        if self._chars is None:
            chars = self.fx.known_chars()
            chars.update(value for _, value in self._index if len(value) == 1)
            chars.update(w.decode("utf-8", "replace") for w in self._bigrams.words if len(w) <= 4)
            self._chars = chars
        return self._chars

    def prepare(self, sents: Sequence[Sequence[str]]) -> None:
        """Compute (in bulk) the vectors of the word types of `sents` not yet cached."""
        with self._lock:
            if len(self._type_row) >= self.max_cache:
                self._clear()
            rows = self._type_row
            new = [t for t in dict.fromkeys(chain.from_iterable(sents)) if t not in rows]
            new = self._add_plain(new)
            for i in range(0, len(new), TYPES_AT_ONCE):
                self._add_types(new[i:i + TYPES_AT_ONCE])

    def _add_plain(self, words: list[str]) -> list[str]:
        """Give the plain one-character tokens of `words` their shape's row (summed for the first of
        each shape); the other words, left to `_add_types`."""
        rest: list[str] = []
        rows, plain = self._type_row, self._plain_row
        known, plain_shape = self._known_chars(), self.fx.plain_char_shape
        for word in words:
            shape = plain_shape(word, known) if len(word) == 1 else None
            if shape is None:
                rest.append(word)
            elif shape in plain:
                rows[word] = plain[shape]
            else:
                self._add_types([word])
                plain[shape] = rows[word]
        return rest

    def _add_types(self, words: Sequence[str]) -> None:
        get = self._index.get
        ids: list[int] = []
        starts: list[int] = []
        pair_ids: list[tuple[int, int]] = []
        for word in words:
            props = self.fx.final_props(word)
            pair_ids.append(self._bigrams.ids(*self.fx.keys(word, props)))
            starts.append(len(ids))
            ids.append(0)  # the all-zero row: a word with no known property sums nothing
            ids.extend(filter(None, map(get, props.items())))
        # A word's rows are summed in its properties' order, whatever the number of words at once.
        flat = self._prop_rows.take(np.asarray(ids, dtype=np.int64), axis=0)
        sums = np.add.reduceat(flat, np.asarray(starts, dtype=np.int64), axis=0).reshape(len(words), 5, -1)
        sums[:, 0] += self._bias
        n, end = self._n_types, self._n_types + len(words)
        if end > len(self._type_mat):
            size = max(end, 2 * len(self._type_mat))
            self._type_mat = _grown(self._type_mat, size, n)
            self._type_ids = _grown(self._type_ids, size, n)
        self._type_mat[n:end] = sums
        self._type_ids[n:end] = pair_ids
        self._type_row.update(zip(words, range(n, end), strict=True))
        self._n_types = end

    def scores(self, tokens: Sequence[str]) -> np.ndarray:
        """(n, L) state scores: exactly the sum crfsuite computes for the extractor's features."""
        return self.score_flat([tokens])

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
        # New types first: most batches bring some, and a gather stopped by a missing type is lost work.
        self.prepare(sents)
        return self._score_flat(sents)

    def _score_flat(self, sents: Sequence[Sequence[str]]) -> np.ndarray:
        row = self._type_row.__getitem__
        idx: list[int] = [0, 0]
        tok_pos: list[int] = []
        for sent in sents:
            if sent:
                tok_pos.extend(range(len(idx), len(idx) + len(sent)))
                idx.extend(map(row, sent))
                idx.extend((0, 0))
        if not tok_pos:
            return np.zeros((0, len(self.w.labels)))
        rows = np.asarray(idx, dtype=np.int64)
        del idx
        every = np.asarray(tok_pos, dtype=np.int64)
        del tok_pos
        mat, type_ids = self._type_mat, self._type_ids
        s = np.empty((len(every), len(self.w.labels)))
        # In pieces: the gathers of a whole long text (a page of random characters) held several
        # arrays of its size at once; each token's sum is the same, in the same order.
        for first in range(0, len(every), SCORE_AT_ONCE):
            at = every[first:first + SCORE_AT_ONCE]
            part = (mat[rows[at], 0] + mat[rows[at - 2], 1] + mat[rows[at - 1], 2] + mat[rows[at + 1], 3]
                    + mat[rows[at + 2], 4])
            part += self._bigrams.scores(type_ids[rows[at - 1]], type_ids[rows[at]], type_ids[rows[at + 1]])
            s[first:first + len(at)] = part
        if self.fx.has_multiword_gazetteers:
            start = 0
            for sent in sents:
                for i, feat in self.fx.gazetteer_marks(sent):
                    s[start + i] += self.w.vector([feat])
                start += len(sent)
        return s


def _grown(mat: np.ndarray, size: int, keep: int) -> np.ndarray:
    grown = np.zeros((size, *mat.shape[1:]), dtype=mat.dtype)
    grown[:keep] = mat[:keep]
    return grown


_OWN_ATTR = re.compile(rb"(-?[12])?([A-Za-z][A-Za-z0-9]*)=(.*)", re.DOTALL)
_BIGRAM_PREFIXES = (b"b+=", b"b-=", b"cb+=", b"cb-=")


def _property_blocks(weights: CrfWeights, extractor, rows: dict[int, int]
                     ) -> tuple[dict[tuple[str, str], int], np.ndarray]:
    """Every word property the model has weights for, as (key, value) → row of a (n, 5, L) matrix
    holding its own weights and those it gives as a neighbour (only at the offsets the extractor
    uses, as in training). Row 0 stays zero."""
    index: dict[tuple[str, str], int] = {}
    where: list[int] = []
    attrs: list[int] = []
    offsets: dict[str, tuple[int, ...]] = {}
    for attr, a in weights.attrs.items():
        if attr.startswith(_BIGRAM_PREFIXES):
            continue
        m = _OWN_ATTR.fullmatch(attr)
        if m is None:
            continue
        off = int(m[1]) if m[1] else 0
        key = m[2].decode("utf-8")
        if off:
            wanted = offsets.get(key)
            if wanted is None:
                wanted = offsets[key] = extractor.ctx_offsets(key)
            if off not in wanted:
                continue
        item = (key, m[3].decode("utf-8"))
        r = index.get(item)
        if r is None:
            r = index[item] = len(index) + 1
        where.append(r * 5 + rows[off])
        attrs.append(a)
    n_lab = len(weights.labels)
    mat = np.zeros(((len(index) + 1) * 5, n_lab))
    if attrs:
        np.add.at(mat, np.asarray(where, dtype=np.int64), weights.state[attrs])
    return index, mat.reshape(len(index) + 1, 5, n_lab)


class _BigramTables:
    """The model's bigram attributes (`b±=left|right` over folded words, `cb±=left|right` over
    clusters) as lookup tables: a word type carries two ids, and the score a token gets from its
    pairs with the tokens before and after it is found for a whole batch with array operations."""

    def __init__(self, weights: CrfWeights):
        plus: dict[tuple[bytes, bytes], list[int]] = {}
        minus: dict[tuple[bytes, bytes], list[int]] = {}
        cplus: dict[tuple[bytes, bytes], list[int]] = {}
        cminus: dict[tuple[bytes, bytes], list[int]] = {}
        tables = {b"b+=": plus, b"b-=": minus, b"cb+=": cplus, b"cb-=": cminus}
        for attr, a in weights.attrs.items():
            prefix = attr[:attr.find(b"=") + 1]
            table = tables.get(prefix)
            if table is None:
                continue
            rest = attr[len(prefix):]
            # A key may itself hold "|" (the token "|"): every split spells the same attribute.
            cut = rest.find(b"|")
            while cut >= 0:
                table.setdefault((rest[:cut], rest[cut + 1:]), []).append(a)
                cut = rest.find(b"|", cut + 1)
        self.words = {w: i for i, w in enumerate(sorted({w for t in (plus, minus) for pair in t for w in pair}))}
        # Cluster id 0 is "no attribute has this cluster".
        self.clusters = {c: i for i, c in enumerate(
            sorted({c for t in (cplus, cminus) for pair in t for c in pair}), 1)}
        self._n_words = len(self.words)
        self._n_clusters = len(self.clusters) + 1
        self._word_tables = [self._table(t, weights, self.words, self._n_words, dense=False) for t in (plus, minus)]
        self._cluster_tables = [self._table(t, weights, self.clusters, self._n_clusters, dense=True)[1]
                                for t in (cplus, cminus)]

    @staticmethod
    def _table(table: dict[tuple[bytes, bytes], list[int]], weights: CrfWeights, ids: dict[bytes, int], n: int,
               dense: bool) -> tuple[np.ndarray, np.ndarray]:
        """(sorted pair keys, summed weights per key); dense: one row for every possible pair key."""
        keys: list[int] = []
        attrs: list[int] = []
        for (x, y), found in table.items():
            keys.extend([ids[x] * n + ids[y]] * len(found))
            attrs.extend(found)
        flat = np.asarray(keys, dtype=np.int64)
        if dense:
            uniq, rows = np.arange(n * n), flat
        else:
            uniq, rows = np.unique(flat, return_inverse=True)
        vecs = np.zeros((len(uniq), len(weights.labels)))
        if attrs:
            np.add.at(vecs, rows, weights.state[attrs])
        return uniq, vecs

    def ids(self, key: bytes, ckey: bytes) -> tuple[int, int]:
        """A word type's (word id, cluster id); -1 / 0 when no attribute names them."""
        return self.words.get(key, -1), self.clusters.get(ckey, 0)

    def scores(self, left: np.ndarray, cur: np.ndarray, right: np.ndarray) -> np.ndarray:
        """(n, L): each token's bigram scores, from the (n, 2) ids of the tokens before, at and after it."""
        nc = self._n_clusters
        cplus, cminus = self._cluster_tables
        s = cplus[cur[:, 1] * nc + right[:, 1]] + cminus[left[:, 1] * nc + cur[:, 1]]
        plus, minus = self._word_tables
        for table, a, b in ((plus, cur, right), (minus, left, cur)):
            keys, vecs = table
            if not len(keys):
                continue
            ok = np.flatnonzero((a[:, 0] >= 0) & (b[:, 0] >= 0))
            if not len(ok):
                continue
            want = a[ok, 0] * self._n_words + b[ok, 0]
            pos = np.minimum(np.searchsorted(keys, want), len(keys) - 1)
            hit = keys[pos] == want
            s[ok[hit]] += vecs[pos[hit]]
        return s
