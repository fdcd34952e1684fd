"""The tagger's word lexicon: folded word → cluster numbers and type priors, and its corpus frequency.

Learned from unlabelled news by `khabar.training.lexicon` (PPMI of positional contexts, truncated
SVD, k-means). The file is a TSV (gzip-compressed when its name ends in .gz): a header line
`#word<TAB>freq<TAB>` and the column names, then one word per line.
"""

from __future__ import annotations

import gzip
import io
from pathlib import Path


def read_clusters(path: str | Path) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]], dict[str, int]]:
    """Column names, word → column values (strings, ready for feature names), word → frequency."""
    clusters: dict[str, tuple[str, ...]] = {}
    freq: dict[str, int] = {}
    with _open_text(path) as fh:
        names = tuple(fh.readline().rstrip("\n").split("\t")[2:])
        for line in fh:
            w, n, *cs = line.rstrip("\n").split("\t")
            clusters[w] = tuple(cs)
            freq[w] = int(n)
    return names, clusters, freq


def _open_text(path: str | Path) -> io.TextIOBase:
    """A UTF-8 text file to read, gunzipped when its name ends in .gz."""
    if str(path).endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8")
    return open(path, encoding="utf-8")  # the caller closes it
