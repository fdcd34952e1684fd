"""The tagger's lexicon learned from unlabelled news: PPMI of positional contexts, truncated SVD,
k-means; word vectors for the neural tagger; the person-name list.

Clusters give the tagger word classes for words it never saw labelled (`khabar.entities.clusters`
reads them). Keys are folded words
(`khabar.lang.normalize.fold`). Every step is seeded, so the same corpus gives the same clusters.
The output is a TSV `word<TAB>id_k1<TAB>id_k2...` with a header line naming the granularities.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import re
import tarfile
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import numpy as np

from khabar.lang.letters import DIACRITICS, TATWEEL
from khabar.lang.normalize import fold

_STRIP = str.maketrans(dict.fromkeys(DIACRITICS + TATWEEL, None))
_TOKEN_RE = re.compile(r"\w+|[^\w\s]")
_TAG_RE = re.compile(r"<(TITLE|TEXT)>(.*?)</\1>", re.S)
WINDOW = (-2, -1, 1, 2)


def tokenize(text: str) -> list[str]:
    """Whitespace and punctuation split like ANERcorp (clitics attached), each token folded."""
    return [fold(t) for t in _TOKEN_RE.findall(text.translate(_STRIP))]


def saudinewsnet_texts(folder: Path) -> Iterator[str]:
    for zpath in sorted(folder.glob("*.zip")):
        with zipfile.ZipFile(zpath) as zf:
            for name in sorted(zf.namelist()):
                if name.endswith(".json"):
                    for art in json.loads(zf.read(name).decode("utf-8")):
                        yield f"{art.get('title') or ''}\n{art.get('content') or ''}"


def ant_texts(folder: Path) -> Iterator[str]:
    for tpath in sorted(folder.glob("*.tar.gz")):
        with tarfile.open(tpath, "r:gz") as tf:
            members = sorted((m for m in tf.getmembers() if m.isfile() and m.name.endswith(".txt")),
                             key=lambda m: m.name)
            for m in members:
                fh = tf.extractfile(m)
                if fh is None:
                    continue
                raw = io.TextIOWrapper(fh, encoding="utf-8", errors="replace").read()
                yield "\n".join(body for _, body in _TAG_RE.findall(raw))


def corpus_texts(shared_data: Path, sources: Sequence[str] = ("ant", "saudinewsnet")) -> Iterator[str]:
    """Article texts from the unlabelled news corpora, deduplicated by exact text."""
    seen: set[bytes] = set()
    readers = {"ant": lambda: ant_texts(shared_data / "ant-corpus"),
               "saudinewsnet": lambda: saudinewsnet_texts(shared_data / "saudinewsnet" / "dataset")}
    for src in sources:
        for text in readers[src]():
            key = hashlib.blake2b(text.encode('utf-8'), digest_size=16).digest()
            if key not in seen:
                seen.add(key)
                yield text


def encode_corpus(texts: Iterable[str], extra: Iterable[Sequence[str]] = ()) -> tuple[list[str], np.ndarray]:
    """Token ids (frequency ranked, ties by word) of all texts; -1 separates documents."""
    docs = [tokenize(t) for t in texts]
    docs.extend([fold(w) for w in s] for s in extra)
    counts = Counter(w for d in docs for w in d)
    vocab = sorted(counts, key=lambda w: (-counts[w], w))
    index = {w: i for i, w in enumerate(vocab)}
    ids: list[int] = []
    for d in docs:
        ids.extend(index[w] for w in d)
        ids.append(-1)
    return vocab, np.asarray(ids, dtype=np.int64)


def cooccurrence(ids: np.ndarray, n_words: int, n_ctx: int, bag: int = 0):
    """Sparse counts words × contexts, not crossing documents.

    Contexts are (position, word) over ±2 when `bag` is 0 (syntactic, name-like classes), else plain
    words anywhere within ±bag (topical classes: sport names apart from politicians).
    """
    import scipy.sparse as sp

    offsets = WINDOW if not bag else tuple(o for o in range(-bag, bag + 1) if o)
    rows, cols = [], []
    doc = np.cumsum(ids < 0)  # document number of each position
    for k, off in enumerate(offsets):
        if off > 0:
            w, c, same = ids[:-off], ids[off:], doc[:-off] == doc[off:]
        else:
            w, c, same = ids[-off:], ids[:off], doc[-off:] == doc[:off]
        keep = same & (w >= 0) & (w < n_words) & (c >= 0) & (c < n_ctx)
        rows.append(w[keep])
        cols.append(c[keep] + (0 if bag else k * n_ctx))
    r, c = np.concatenate(rows), np.concatenate(cols)
    data = np.ones(len(r), dtype=np.float64)
    width = n_ctx if bag else n_ctx * len(offsets)
    return sp.csr_matrix((data, (r, c)), shape=(n_words, width))


def ppmi(counts, alpha: float = 0.75):
    """Positive PMI with context-distribution smoothing (alpha), as a sparse matrix."""
    import scipy.sparse as sp

    counts = counts.tocoo()
    total = counts.sum()
    wsum = np.asarray(counts.sum(axis=1)).ravel()
    csum = np.asarray(counts.sum(axis=0)).ravel() ** alpha
    cprob = csum / csum.sum()
    pmi = np.log(counts.data / total) - np.log(wsum[counts.row] / total) - np.log(cprob[counts.col])
    keep = pmi > 0
    return sp.csr_matrix((pmi[keep], (counts.row[keep], counts.col[keep])), shape=counts.shape)


def svd_embed(mat, dim: int, seed: int = 0, iters: int = 4) -> np.ndarray:
    """Randomised truncated SVD (seeded), rows scaled by sqrt of singular values, unit length."""
    rng = np.random.default_rng(seed)
    q = mat @ rng.standard_normal((mat.shape[1], dim + 20))
    q, _ = np.linalg.qr(q)
    for _ in range(iters):
        z, _ = np.linalg.qr(mat.T @ q)
        q, _ = np.linalg.qr(mat @ z)
    b = (mat.T @ q).T
    u, s, _ = np.linalg.svd(b, full_matrices=False)
    emb = (q @ u[:, :dim]) * np.sqrt(s[:dim])
    # Sign of each axis fixed so the output does not depend on LAPACK's choice.
    emb *= np.sign(emb[np.abs(emb).argmax(axis=0), np.arange(dim)])
    return emb / np.maximum(np.linalg.norm(emb, axis=1, keepdims=True), 1e-9)


def kmeans(x: np.ndarray, k: int, seed: int = 0, iters: int = 25, weights: np.ndarray | None = None) -> np.ndarray:
    """Spherical k-means (cosine), k-means++-style seeding from the most frequent rows; returns labels."""
    rng = np.random.default_rng(seed)
    n = x.shape[0]
    w = np.ones(n) if weights is None else weights
    pool = min(n, max(4 * k, 2000))
    centers = x[rng.choice(pool, size=k, replace=False)].copy()
    labels = np.zeros(n, dtype=np.int64)
    for _ in range(iters):
        labels = _assign(x, centers)
        sums = np.zeros_like(centers)
        np.add.at(sums, labels, x * w[:, None])
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        empty = norms.ravel() == 0
        centers = np.where(empty[:, None], centers, sums / np.maximum(norms, 1e-12))
    return _assign(x, centers)


def _assign(x: np.ndarray, centers: np.ndarray, chunk: int = 8192) -> np.ndarray:
    out = np.empty(x.shape[0], dtype=np.int64)
    for i in range(0, x.shape[0], chunk):
        out[i:i + chunk] = (x[i:i + chunk] @ centers.T).argmax(axis=1)
    return out


def learn_clusters(vocab: list[str], ids: np.ndarray, n_words: int = 200_000, n_ctx: int = 20000,
                   dim: int = 200, ks: Sequence[int] = (64, 256, 1024, 4096), seed: int = 0
                   ) -> dict[str, np.ndarray]:
    """Cluster ids per granularity (columns `k<K>`) for the `n_words` most frequent words."""
    n_words = min(n_words, len(vocab))
    counts = cooccurrence(ids, n_words, min(n_ctx, len(vocab)))
    emb = svd_embed(ppmi(counts), dim, seed=seed)
    freq = np.bincount(ids[ids >= 0], minlength=len(vocab))[:n_words]
    weights = np.log1p(freq.astype(np.float64))
    return {f"k{k}": kmeans(emb, k, seed=seed + k, weights=weights) for k in ks}


def write_lexicon(path: Path, vocab: Sequence[str], freq: np.ndarray, columns: dict[str, Sequence]) -> None:
    """TSV: a header, then word, corpus frequency and one value per named column ('-' for none)."""
    names = list(columns)
    with _write_text(path) as fh:
        fh.write("#word\tfreq\t" + "\t".join(names) + "\n")
        for i, w in enumerate(vocab):
            fh.write(f"{w}\t{int(freq[i])}\t" + "\t".join(str(columns[n][i]) for n in names) + "\n")


def _write_text(path: str | Path):
    """A UTF-8 text file to write, gzip-compressed when its name ends in .gz; written whole on close
    (gzip without mtime, so the same lexicon gives the same bytes)."""
    gz = str(path).endswith(".gz")
    if not gz:
        return open(path, "w", encoding="utf-8", newline="\n")

    class _Writer(io.StringIO):
        def close(self) -> None:
            Path(path).write_bytes(gzip.compress(self.getvalue().encode("utf-8"), mtime=0))
            super().close()

    return _Writer()


def learn_vectors(ids: np.ndarray, n_words: int = 100_000, n_ctx: int = 20000, dim: int = 128, seed: int = 0
                  ) -> np.ndarray:
    """Unit word vectors (PPMI of ±2 positional contexts, truncated SVD) of the `n_words` most frequent words."""
    counts = cooccurrence(ids, n_words, n_ctx)
    return svd_embed(ppmi(counts), dim, seed=seed).astype(np.float32)


def build_name_list(pairs_path: Path, common: set[str], out_path: Path) -> int:
    """Person-name parts from Wikidata label transliterations (CC0), minus common news words.

    The pairs file holds `english<TAB>spaced Arabic letters<TAB>count`; alignment noise brings in
    function words, so folded forms found in `common` (the most frequent corpus words) are dropped.
    """
    names: set[str] = set()
    with open(pairs_path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2:
                continue
            word = fold(parts[1].replace(" ", ""))
            if len(word) > 1 and word not in common:
                names.add(word)
    out_path.write_text("# person-name parts, folded; derived from Wikidata labels (CC0)\n"
                        + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    return len(names)
