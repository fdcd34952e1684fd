"""Build src/khabar/text/data/lexicon.tsv: folded Arabic word forms and their counts in the ANT
corpus (Apache-2.0), used by the clitic segmenter to tell "والولايات" (و + الولايات) from "وزير".

    python tools/build_lexicon.py ../shared/data/ant-corpus [--min-count 3] [--max-words 120000]
"""

from __future__ import annotations

import argparse
import re
import tarfile
from collections import Counter
from pathlib import Path

from khabar.lang.normalize import fold

TEXT_RE = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
TITLE_RE = re.compile(r"<TITLE>(.*?)</TITLE>", re.S)
WORD_RE = re.compile(r"[\u0621-\u064a\u0640\u064b-\u0652\u0670]+")


def count_words(corpus_dir: Path) -> Counter[str]:
    counts: Counter[str] = Counter()
    for archive in sorted(corpus_dir.glob("*.tar.gz")):
        with tarfile.open(archive) as tar:
            for member in tar:
                if not member.isfile() or not member.name.endswith(".txt"):
                    continue
                data = tar.extractfile(member).read().decode("utf-8", "replace")
                for part in TEXT_RE.findall(data) + TITLE_RE.findall(data):
                    counts.update(fold(w) for w in WORD_RE.findall(part))
    counts.pop("", None)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus_dir", type=Path)
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--max-words", type=int, default=120_000)
    parser.add_argument("--out", type=Path, default=Path("src/khabar/text/data/lexicon.tsv"))
    args = parser.parse_args()
    counts = count_words(args.corpus_dir)
    rows = [(w, c) for w, c in counts.most_common(args.max_words) if c >= args.min_count]
    rows.sort(key=lambda wc: (-wc[1], wc[0]))
    with args.out.open("w", encoding="utf-8") as out:
        out.write("word\tcount\n")
        for word, count in rows:
            out.write(f"{word}\t{count}\n")
    print(f"{len(rows)} words written to {args.out}")


if __name__ == "__main__":
    main()
