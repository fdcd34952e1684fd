"""Tagging speed of the NER tagger on one core, feature extraction included.

    OPENBLAS_NUM_THREADS=1 PYTHONPATH=src python tools/ner_bench.py [CONLL_FILE] [--model PATH]

"cold" is a fresh tagger (every word type's features built on first sight), "warm" the same
text again with the per-type caches filled; "stream" tags the file's sentences repeated with
their order shuffled, closer to a long run over news where word types keep recurring.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from khabar.entities.tagger import NerTagger
from khabar.training.evaluate import read_conll

DEFAULT = Path("/work/shared/data/anercorp-camellab/ANERCorp_CamelLab_test.txt")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", nargs="?", default=str(DEFAULT))
    ap.add_argument("--model", default=None)
    ap.add_argument("--repeat", type=int, default=4)
    ap.add_argument("--news", type=int, default=0, metavar="N",
                    help="also tag the first N articles of the ANT corpus (surface tokens, never seen before)")
    args = ap.parse_args()
    t0 = time.perf_counter()
    tagger = NerTagger.load(args.model)
    print(f"load {time.perf_counter() - t0:.2f}s")
    sents = [[t for t, _ in s] for s in read_conll(args.file)]
    n = sum(map(len, sents))
    for label in ("cold", "warm"):
        t0 = time.perf_counter()
        tagger.tag_many(sents)
        secs = time.perf_counter() - t0
        print(f"{label:6} {n} tokens {secs:.2f}s {n / secs:,.0f} tokens/s")
    fresh = NerTagger.load(args.model)
    stream = [s for _ in range(args.repeat) for s in sents]
    random.Random(0).shuffle(stream)
    t0 = time.perf_counter()
    fresh.tag_many(stream)
    secs = time.perf_counter() - t0
    print(f"stream {n * args.repeat} tokens {secs:.2f}s {n * args.repeat / secs:,.0f} tokens/s")
    if args.news:
        news = news_sentences(args.news)
        fresh = NerTagger.load(args.model)
        m = sum(map(len, news))
        t0 = time.perf_counter()
        fresh.tag_many(news)
        secs = time.perf_counter() - t0
        print(f"news   {m} tokens {secs:.2f}s {m / secs:,.0f} tokens/s (fresh tagger, {args.news} articles)")


def news_sentences(n_articles: int) -> list[list[str]]:
    """Surface-token sentences (punctuation split off) of the first ANT corpus articles."""
    import itertools
    import re

    from khabar.training.lexicon import ant_texts

    split = re.compile(r"[^\W\d_]+|\d+|[^\w\s]")
    out: list[list[str]] = []
    for text in itertools.islice(ant_texts(DEFAULT.parents[1] / "ant-corpus"), n_articles):
        for line in text.split("\n"):
            for sent in re.split(r"(?<=[.!?؟])\s+", line):
                toks = split.findall(sent)
                if toks:
                    out.append(toks)
    return out


if __name__ == "__main__":
    main()
