"""Tag sequences: BIO tags as the taggers give them, and the entity spans they mark.

Taggers (the CRF, the neural tagger) and their training share these, so they live below both.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

_TYPE_OUT = {"PERS": "PER"}  # ANERcorp's person type, as khabar names it


def spans_from_tags(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first token, end token exclusive, type) of each entity; an I- tag with no open entity opens one."""
    out: list[tuple[int, int, str]] = []
    start, typ = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        pre, _, t = tag.partition("-")
        if start >= 0 and (pre not in ("I",) or t != typ):
            out.append((start, i, typ))
            start = -1
        if pre in ("B", "I") and start < 0:
            start, typ = i, t
    return out


def spans_of_paths(path: np.ndarray, bounds: np.ndarray, labels: Sequence[str]) -> list[list[tuple[int, int, str]]]:
    """`spans_from_tags(to_bio(...))` of many label paths at once: `path` holds every token's label
    index, sentence k being path[bounds[k]:bounds[k + 1]]. A token continues a span when it is I- of
    the type before it in its sentence; any other B- or I- token opens one."""
    names: list[str] = []
    kinds = np.zeros(len(labels), dtype=np.int64)  # 0: O, else 1 + index into names
    inside = np.zeros(len(labels), dtype=bool)
    for i, label in enumerate(labels):
        pre, _, t = label.partition("-")
        if pre in ("B", "I"):
            t = _TYPE_OUT.get(t, t)
            if t not in names:
                names.append(t)
            kinds[i], inside[i] = names.index(t) + 1, pre == "I"
    typ, ins = kinds[path], inside[path]
    n = len(path)
    first_of_sentence = np.zeros(n, dtype=bool)
    first_of_sentence[bounds[:-1][bounds[:-1] < n]] = True
    before = np.concatenate(([0], typ[:-1]))
    cont = ins & (typ != 0) & (before == typ) & ~first_of_sentence
    starts = np.flatnonzero((typ != 0) & ~cont)
    breaks = np.append(np.flatnonzero(~cont), n)
    ends = breaks[np.searchsorted(breaks, starts, side="right")]
    sentence = np.searchsorted(bounds, starts, side="right") - 1
    out: list[list[tuple[int, int, str]]] = [[] for _ in range(len(bounds) - 1)]
    offset = bounds[sentence]
    for k, a, b, t in zip(sentence.tolist(), (starts - offset).tolist(), (ends - offset).tolist(),
                          typ[starts].tolist(), strict=True):
        out[k].append((a, b, names[t - 1]))
    return out


def to_bio(tags: Sequence[str]) -> list[str]:
    """Well-formed BIO (IOB2): an I- that does not continue an entity of its type becomes B-."""
    out, prev = [], "O"
    for tag in tags:
        pre, _, t = tag.partition("-")
        t = _TYPE_OUT.get(t, t)
        if pre == "I" and prev[2:] != t:
            pre = "B"
        tag = f"{pre}-{t}" if pre in ("B", "I") else "O"
        out.append(tag)
        prev = tag
    return out
