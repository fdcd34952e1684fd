"""Write how many Wikidata people bear each one-word name of the knowledge base's people
(src/khabar/entities/data/surname_persons.tsv).

    .venv/bin/python tools/surname_persons.py ../shared/data/wikidata-name-translit/data/wd_arabic.normalized.aligned.tokens

A leader named by one word ("سانشيز", "جونسون") is linked only with care: many footballers, actors
and coaches share a common surname. The entity layer asks this table how common the word is as a
name part; a word many people bear needs more than the office to stay linked (the cut-off is
COMMON_SURNAME in entities/link.py).

Input: English–Arabic name-word pairs mined from Wikidata person labels (Merhav & Ash, COLING 2018;
CC0), `english<TAB>Arabic letters spaced<TAB>count of person names with it`. A word's count is the
sum over its Arabic spellings that fold to the same key (hamzas, alef maqsura, ta marbuta), whatever
the English. Run again on the same input, it writes the same file.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar.kb import load_kb  # noqa: E402
from khabar.kb.base import match_key  # noqa: E402

OUT = ROOT / "src/khabar/entities/data/surname_persons.tsv"


def name_word_counts(lines: Iterable[str]) -> Counter[str]:
    """People per folded Arabic name word, from lines `english<TAB>letters spaced<TAB>count`."""
    counts: Counter[str] = Counter()
    for line in lines:
        cells = line.rstrip("\n").split("\t")
        if len(cells) != 3 or not cells[2].isdigit():
            continue
        counts[match_key(cells[1].replace(" ", ""))] += int(cells[2])
    return counts


def one_word_names(kb) -> list[str]:
    """Folded one-word names of the knowledge base's people ("ترمب", "سانشيز")."""
    keys = {match_key(name) for entry in kb.entries("person") for name in entry.names_ar}
    return sorted(key for key in keys if " " not in key)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pairs", type=Path, help="wd_arabic.normalized.aligned.tokens")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    with args.pairs.open(encoding="utf-8") as handle:
        counts = name_word_counts(handle)
    rows = [f"{word}\t{counts[word]}\n" for word in one_word_names(load_kb())]
    args.out.write_text("word\tpersons\n" + "".join(rows), encoding="utf-8")
    print(f"{len(rows)} words written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
