"""Corpus-level label statistics: how often a first-stage tagger calls each word a name in the news.

A word's occurrences in unlabelled news are tagged by a first-stage CRF and the share tagged as
each entity type becomes a lexicon column (gPER, gLOC, gORG, gMISC), read by a second-stage CRF.
It lets a name met once in a weak context borrow the evidence of its clearer contexts elsewhere.
For the second stage's training sentences the statistics come from a first stage trained on the
other half of the train split (jackknife), so they are no more reliable there than on new text.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np

from khabar.entities.typeprior import BUCKETS

TYPES = ("PER", "LOC", "ORG", "MISC")


def corpus_sentences(vocab: Sequence[str], ids: np.ndarray, max_len: int = 60,
                     limit: int | None = None) -> Iterator[tuple[np.ndarray, list[str]]]:
    """(word ids, words) per sentence of the corpus: split at documents, full stops and `max_len`."""
    stops = {i for i, w in enumerate(vocab[:50]) if w in {".", "!", "?", "؟"}}
    start, n = 0, len(ids) if limit is None else min(limit, len(ids))
    for i in range(n + 1):
        at_end = i == n or ids[i] < 0
        if at_end or ids[i] in stops or i - start + 1 >= max_len:
            end = i if at_end else i + 1
            if end > start:
                chunk = ids[start:end]
                yield chunk, [vocab[k] for k in chunk]
            start = i + 1


def label_shares(tagger, vocab: Sequence[str], ids: np.ndarray, n_out: int,
                 limit: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Per word (first `n_out` of vocab): share of occurrences tagged with each type, and counts."""
    counts = np.zeros((n_out, len(TYPES) + 1))
    col = {t: k for k, t in enumerate(TYPES)}
    for wids, words in corpus_sentences(vocab, ids, limit=limit):
        tags = tagger.tag(words)
        keep = wids < n_out
        cls = np.asarray([col.get(t[2:], len(TYPES)) if t != "O" else len(TYPES) for t in tags])
        np.add.at(counts, (wids[keep], cls[keep]), 1.0)
    total = counts.sum(axis=1)
    return counts[:, :len(TYPES)] / np.maximum(total, 1)[:, None], total


def share_columns(shares: np.ndarray, total: np.ndarray, min_count: int = 2,
                  cuts: Sequence[float] = BUCKETS) -> dict[str, list[str]]:
    """Bucketed shares as lexicon columns; '-' for words seen fewer than `min_count` times."""
    digits = np.searchsorted(np.asarray(cuts), shares, side="right")
    out: dict[str, list[str]] = {}
    for k, t in enumerate(TYPES):
        out["g" + t] = [str(int(d)) if n >= min_count else "-" for d, n in zip(digits[:, k], total, strict=True)]
    return out
