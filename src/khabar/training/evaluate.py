"""CoNLL-style NER scoring: exact span and type, per type and micro over PERS, LOC, ORG, MISC.

Same rules as the shared scorer: an I- tag without an open entity of its type opens one, and
predicted PER is read as PERS.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

TYPES = ("PERS", "LOC", "ORG", "MISC")
_TYPE_ALIASES = {"PER": "PERS"}


class _Tagger(Protocol):
    def tag_many(self, sents: Sequence[Sequence[str]]) -> list[list[str]]: ...


def read_conll(path: str | Path) -> list[list[tuple[str, str]]]:
    """Sentences of (token, tag) from a `TOKEN TAG` file with blank lines between sentences."""
    sents: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    with open(path, encoding="utf-8-sig") as fh:
        for line in fh:
            line = line.rstrip("\r\n")
            if not line.strip():
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            tok, _, tag = line.rpartition(" ")
            cur.append((tok, tag))
    if cur:
        sents.append(cur)
    return sents


def spans(tags: Sequence[str]) -> set[tuple[int, int, str]]:
    """Entity spans (start, end exclusive, type) of a BIO/IOB1 tag sequence; types aliased to PERS etc."""
    out: set[tuple[int, int, str]] = set()
    start: int | None = None
    typ = ""
    for i, tag in enumerate([*tags, "O"]):
        pre, _, t = tag.partition("-")
        t = _TYPE_ALIASES.get(t, t)
        if start is not None and (pre in ("O", "B") or t != typ):
            out.add((start, i, typ))
            start = None
        if pre in ("B", "I") and start is None:
            start, typ = i, t
    return out


def _prf(tp: int, np_: int, ng: int) -> tuple[float, float, float]:
    p = tp / np_ if np_ else 0.0
    r = tp / ng if ng else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(gold: Iterable[Sequence[str]], pred: Iterable[Sequence[str]]) -> dict[str, float]:
    """Per type P/R/F1 and micro P/R/F1 (keys like `loc_f1`, `micro_f1`) over aligned tag sequences."""
    tp: Counter[str] = Counter()
    npred: Counter[str] = Counter()
    ngold: Counter[str] = Counter()
    for g, p in zip(gold, pred, strict=True):
        gs = spans(g)
        ps = {s for s in spans(p) if s[2] in TYPES}
        npred.update(s[2] for s in ps)
        ngold.update(s[2] for s in gs)
        tp.update(s[2] for s in gs & ps)
    res: dict[str, float] = {}
    for typ in TYPES:
        p, r, f = _prf(tp[typ], npred[typ], ngold[typ])
        res.update({f"{typ.lower()}_p": p, f"{typ.lower()}_r": r, f"{typ.lower()}_f1": f})
    p, r, f = _prf(sum(tp.values()), sum(npred[t] for t in TYPES), sum(ngold[t] for t in TYPES))
    res.update(micro_p=p, micro_r=r, micro_f1=f)
    return {k: round(v, 4) for k, v in res.items()}


def format_scores(res: dict[str, float]) -> str:
    lines = [f"{'type':<6} {'P':>7} {'R':>7} {'F1':>7}"]
    for typ in (*TYPES, "micro"):
        k = typ.lower()
        lines.append(f"{typ:<6} {res[k + '_p']:>7.4f} {res[k + '_r']:>7.4f} {res[k + '_f1']:>7.4f}")
    return "\n".join(lines)


def evaluate_file(conll_path: str | Path, tagger: _Tagger | None = None, quiet: bool = False) -> dict:
    """Tag the tokens of a CoNLL file, print per type P/R/F1 and micro, and return the scores.

    Without `tagger`, the shipped model is used. Also reports tagging speed in tokens per second.
    """
    if tagger is None:
        from khabar.entities.tagger import NerTagger

        tagger = NerTagger.load()
    sents = read_conll(conll_path)
    toks = [[t for t, _ in s] for s in sents]
    t0 = time.perf_counter()
    pred = tagger.tag_many(toks)
    secs = time.perf_counter() - t0
    res: dict = score([[g for _, g in s] for s in sents], pred)
    ntok = sum(len(s) for s in toks)
    res.update(sentences=len(sents), tokens=ntok, tokens_per_s=round(ntok / secs) if secs else 0)
    if not quiet:
        print(format_scores(res))
        print(f"sentences {len(sents)} tokens {ntok} tokens/s {res['tokens_per_s']}")
    return res
