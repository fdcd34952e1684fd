"""Entity-type priors of words from their contexts in unlabelled news.

A multinomial logistic model learns, on the labelled train split, to guess a token's entity type
from its neighbours only (words and clusters at ±1, ±2; never the token itself). Run over every
occurrence in the unlabelled corpus and averaged per word, it tells how name-like the contexts of
a word are: a weak, automatic gazetteer for words the labelled data never shows. Train-split text
is left out of the averages so the tagger cannot learn to trust memorised contexts.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

CLASSES = ("O", "PER", "LOC", "ORG", "MISC")
_CLASS_OF = {"PERS": 1, "PER": 1, "LOC": 2, "ORG": 3, "MISC": 4}
OFFSETS = (-2, -1, 1, 2)
BUCKETS = (0.03, 0.1, 0.25, 0.5)


def token_classes(tags: Sequence[str]) -> np.ndarray:
    return np.asarray([_CLASS_OF.get(t.partition("-")[2], 0) if t != "O" else 0 for t in tags], dtype=np.int64)


class ContextModel:
    """Per-family weight tables (words and cluster ids at each offset) scoring the five classes."""

    def __init__(self, n_words: int, cluster_tables: Sequence[np.ndarray], l2: float = 1.0,
                 offsets: Sequence[int] = OFFSETS):
        self.offsets = tuple(offsets)
        # Index n_words is "unknown or outside the word list", n_words + 1 the sentence edge.
        self.n_words = n_words
        self.tables = [np.append(t[:n_words], [t.max() + 1, t.max() + 2]) for t in cluster_tables]
        self.sizes = [n_words + 2] + [int(t.max()) + 1 for t in self.tables]
        self.l2 = l2
        self.weights = [np.zeros((s, len(CLASSES))) for s in self.sizes for _ in self.offsets]
        self.bias = np.zeros(len(CLASSES))

    def families(self, ids: np.ndarray) -> list[np.ndarray]:
        """Index arrays, one per (family, offset), for every position of a -1 separated id stream."""
        n = self.n_words
        ids = np.where(ids >= n, n, ids)
        out = []
        for fam in range(len(self.sizes)):
            for off in self.offsets:
                nb = _shift(ids, off)
                nb = np.where(nb < 0, n + 1, nb)
                out.append(nb if fam == 0 else self.tables[fam - 1][nb])
        return out

    def logits(self, fams: list[np.ndarray], weights: list[np.ndarray] | None = None,
               bias: np.ndarray | None = None) -> np.ndarray:
        ws = self.weights if weights is None else weights
        z = np.tile(self.bias if bias is None else bias, (len(fams[0]), 1))
        for w, idx in zip(ws, fams, strict=True):
            z += w[idx]
        return z

    def fit(self, fams: list[np.ndarray], y: np.ndarray, iters: int = 200) -> None:
        """L2-regularised maximum likelihood with L-BFGS (deterministic)."""
        from scipy.optimize import minimize

        shapes = [w.shape for w in self.weights]

        def unpack(x: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
            ws, pos = [], 0
            for s in shapes:
                ws.append(x[pos:pos + s[0] * s[1]].reshape(s))
                pos += s[0] * s[1]
            return ws, x[pos:]

        def loss(x: np.ndarray) -> tuple[float, np.ndarray]:
            ws, b = unpack(x)
            p = _softmax(self.logits(fams, ws, b))
            nll = -np.log(p[np.arange(len(y)), y] + 1e-12).sum()
            p[np.arange(len(y)), y] -= 1.0
            grads = []
            for w, idx in zip(ws, fams, strict=True):
                g = np.zeros_like(w)
                np.add.at(g, idx, p)
                grads.append(g + self.l2 * w)
            reg = 0.5 * self.l2 * sum(float((w * w).sum()) for w in ws)
            return nll + reg, np.concatenate([g.ravel() for g in grads] + [p.sum(axis=0)])

        x0 = np.zeros(sum(a * b for a, b in shapes) + len(CLASSES))
        res = minimize(loss, x0, jac=True, method="L-BFGS-B", options={"maxiter": iters})
        self.weights, self.bias = unpack(res.x)

    def corpus_means(self, ids: np.ndarray, n_out: int, chunk: int = 1_000_000) -> tuple[np.ndarray, np.ndarray]:
        """Mean class probabilities over the occurrences of each of the first `n_out` words, and counts."""
        sums = np.zeros((n_out, len(CLASSES)))
        counts = np.zeros(n_out)
        for start in range(0, len(ids), chunk):
            reach = max(abs(o) for o in self.offsets)
            lo, hi = max(0, start - reach), min(len(ids), start + chunk + reach)
            fams = [f[start - lo:start - lo + min(chunk, len(ids) - start)] for f in self.families(ids[lo:hi])]
            center = ids[start:start + chunk]
            keep = (center >= 0) & (center < n_out)
            p = _softmax(self.logits([f[keep] for f in fams]))
            for c in range(len(CLASSES)):
                sums[:, c] += np.bincount(center[keep], weights=p[:, c], minlength=n_out)
            counts += np.bincount(center[keep], minlength=n_out)
        return sums / np.maximum(counts, 1)[:, None], counts


def _shift(ids: np.ndarray, off: int) -> np.ndarray:
    """ids[i + off] for each i, -1 past the ends; -1 separators make document edges."""
    out = np.full_like(ids, -1)
    if off > 0:
        out[:-off] = ids[off:]
    else:
        out[-off:] = ids[:off]
    if abs(off) > 1:
        # A separator between the token and a farther neighbour hides that neighbour too.
        mid = _shift(ids, off - (1 if off > 0 else -1))
        out[mid < 0] = -1
    return out


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def buckets(means: np.ndarray, counts: np.ndarray, min_count: int = 3,
            cuts: Sequence[float] = BUCKETS) -> list[tuple[str, ...]]:
    """Per word, one bucket digit per entity class (PER, LOC, ORG, MISC), or '-' when seen too rarely."""
    cut = np.searchsorted(np.asarray(cuts), means[:, 1:], side="right")
    out = []
    for row, n in zip(cut, counts, strict=True):
        out.append(tuple(str(int(v)) for v in row) if n >= min_count else ("-",) * (len(CLASSES) - 1))
    return out


def learn_type_priors(vocab: Sequence[str], ids: np.ndarray, n_unlabelled: int,
                      train_sents: Sequence[Sequence[tuple[str, str]]], cluster_tables: Sequence[np.ndarray],
                      n_out: int, n_ctx: int = 50_000, l2: float = 3.0, iters: int = 300) -> dict[str, list[str]]:
    """Bucketed type priors (columns tpPER, tpLOC, tpORG, tpMISC) for the first `n_out` words of `vocab`.

    `ids[:n_unlabelled]` is the unlabelled corpus (the averages are taken there only); words of
    the train sentences are looked up folded, unknown ones fall in the "other word" slot.
    """
    from khabar.lang.normalize import fold

    rank = {w: i for i, w in enumerate(vocab)}
    stream: list[int] = []
    labels: list[int] = []
    for sent in train_sents:
        stream.extend(rank.get(fold(t), len(vocab)) for t, _ in sent)
        stream.append(-1)
        labels.extend(token_classes([g for _, g in sent]))
        labels.append(0)
    ids_tr, y = np.asarray(stream, dtype=np.int64), np.asarray(labels, dtype=np.int64)
    model = ContextModel(min(n_ctx, len(vocab)), cluster_tables, l2=l2)
    keep = ids_tr >= 0
    model.fit([f[keep] for f in model.families(ids_tr)], y[keep], iters=iters)
    means, counts = model.corpus_means(ids[:n_unlabelled], n_out)
    rows = buckets(means, counts)
    return {f"tp{c}": [r[k] for r in rows] for k, c in enumerate(CLASSES[1:])}
