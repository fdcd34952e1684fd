"""Which verbs of the CAMEO references does the event lexicon miss, and how often do news use them?

    .venv/bin/python tools/events_coverage.py [--top 60]

Reads the verb blocks of the UniversalPETRARCH Arabic dictionary
(../shared/data/upetrarch-arabic-dicts/CAMEO.ar.0.5.txt, MIT licence): each block lists lemmas and
patterns with CAMEO codes. For each single-word lemma whose codes fall in a PLOVER type, prints its
frequency in news (the word counts of text/data/lexicon.tsv, built from ANT by tools/build_lexicon.py;
the lemma as written plus its feminine past in ت), the CAMEO codes and PLOVER types the block gives, and
whether a word of that form already starts an entry of khabar's lexicon. Nothing is copied into the
repository: the list is for a reviewer, who writes the entries that news use in the lexicon's own form.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from khabar.events.scales import ROOTS_OF_TYPE
from khabar.events.tables import event_tables
from khabar.lang.normalize import fold
from khabar.resources import Resources

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DICT = SHARED / "data" / "upetrarch-arabic-dicts" / "CAMEO.ar.0.5.txt"
HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
CODE = re.compile(r"\[(\d{2,4})\]")
LETTERS = re.compile(r"^[\u0621-\u064a]+$")


def blocks(path: Path) -> list[tuple[list[str], set[str]]]:
    """(lemmas, CAMEO codes) of each verb block."""
    out: list[tuple[list[str], set[str]]] = []
    verbs = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if "VERB PATTERNS" in line:
            verbs = True
            continue
        if not verbs:
            continue
        header = HEADER.match(line)
        if header:
            out.append(([], {header.group(2)} if header.group(2).isdigit() else set()))
            continue
        if not out or not line.strip():
            continue
        if line.startswith("-"):
            out[-1][1].update(CODE.findall(line.split("#")[0]))
        else:
            out[-1][0].append(line.split("#")[0].strip())
    return out


def plover_types(codes: set[str]) -> list[str]:
    return sorted({t for c in codes for t, roots in ROOTS_OF_TYPE.items() if c[:2] in roots})


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--top", type=int, default=60)
    args = ap.parse_args(argv)
    if not DICT.exists():
        print(f"{DICT} is absent", file=sys.stderr)
        return 1
    tables = Resources().get(event_tables)
    first = tables.lexicon.first_forms
    rows: dict[str, tuple[int, set[str]]] = {}
    for lemmas, codes in blocks(DICT):
        if not codes:
            continue
        for lemma in lemmas:
            key = fold(lemma)
            if not LETTERS.match(key) or len(key) < 3:
                continue  # a phrase (+), a particle or a stray mark
            count = tables.counts.get(key, 0) + tables.counts.get(key + "ت", 0)
            seen = rows.get(key, (count, set()))
            rows[key] = (count, seen[1] | codes)
    # a lemma whose block gives codes of many types is a light verb ("قام", "وضع"): its type comes
    # from its object, so only lemmas of one type are listed
    missing = sorted(((n, k, c) for k, (n, c) in rows.items() if len(plover_types(c)) == 1 and k not in first),
                     reverse=True)
    covered = sum(1 for k, (_, c) in rows.items() if plover_types(c) and k in first)
    print(f"{len(rows)} lemmas with codes; {covered} start an entry of the lexicon; {len(missing)} do not. Most used:")
    for count, key, codes in missing[:args.top]:
        print(f"{count:>8}  {key:12} {','.join(sorted(codes)):24} {','.join(plover_types(codes))}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
