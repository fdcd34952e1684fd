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

from khabar.entities.evaluate import read_conll
from khabar.entities.tagger import NerTagger

DEFAULT = Path("/work/shared/data/anercorp-camellab/ANERCorp_CamelLab_test.txt")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", nargs="?", default=str(DEFAULT))
    ap.add_argument("--model", default=None)
    ap.add_argument("--repeat", type=int, default=4)
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


if __name__ == "__main__":
    main()
