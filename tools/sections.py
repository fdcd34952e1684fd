"""Learn src/khabar/text/data/sections.json: does a page belong to soft news (sport, culture,
technology), where a state's name stands for a team, a festival's host or a market, and an event
between states needs a state agent named in its role?

    python tools/sections.py ../shared/data/ant-corpus [--write]

Data: the ANT multisource corpus (Apache-2.0, see ../shared/data/ant-corpus/SOURCE.md), whose pages
are filed by their outlets under sections. Soft: sport, culture, technology; hard: international
news, Middle East, economy. The model is a naive Bayes over the distinct word stems of a page
(`Tokens.keys()`, as the event coder sees them), learned on four outlets (BBC, CNN, France24, Sky
News); the threshold is chosen by leaving one of those outlets out at a time, and the fifth outlet
(Alarabia) is held out and scored last. Nothing of a page is stored: only stems seen on at least
MIN_PAGES pages, each with its weight.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import tarfile
from collections import Counter
from pathlib import Path

from khabar.resources import Resources
from khabar.text.section import SectionModel, page_stems
from khabar.text.tokens import tokenize

SOFT = frozenset({"sport", "culture", "technology"})
HARD = frozenset({"internationalNews", "middleEast", "economy"})
HELD_OUT = "Alarabia"
MIN_PAGES = 20  # a stem on fewer pages of the training outlets gets no weight
KEEP = 6000  # stems kept, by how much they tell apart
MIN_WORDS = 40  # distinct stems a text needs before its section is judged (a sentence alone is not)
FIELD = {name: re.compile(f"<{name}>(.*?)</{name}>", re.S) for name in ("TITLE", "TEXT")}
OUT = Path(__file__).resolve().parent.parent / "src/khabar/text/data/sections.json"


def pages(corpus: Path) -> list[tuple[str, str, frozenset[str]]]:
    """(outlet, section, distinct stems) of each page of the multisource archive."""
    resources = Resources()
    out = []
    for archive in sorted(corpus.glob("antcorpus.multisource*.tar.gz")):
        with tarfile.open(archive) as tar:
            for member in tar:
                parts = member.name.split("/")
                if not member.isfile() or not member.name.endswith(".txt") or len(parts) < 4:
                    continue
                outlet, section = parts[1], parts[2]
                if section not in SOFT | HARD:
                    continue
                data = tar.extractfile(member).read().decode("utf-8", "replace")
                text = "\n".join(m.group(1) for f in FIELD.values() if (m := f.search(data)))
                stems = page_stems(tokenize(text, resources).keys())
                if stems:
                    out.append((outlet, section, stems))
    return out


def learn(rows: list[tuple[str, str, frozenset[str]]]) -> tuple[float, dict[str, float]]:
    """(prior log-odds of soft, weight of each stem): Bernoulli naive Bayes over the stems present."""
    soft = [r for r in rows if r[1] in SOFT]
    hard = [r for r in rows if r[1] in HARD]
    in_soft: Counter[str] = Counter(s for r in soft for s in r[2])
    in_hard: Counter[str] = Counter(s for r in hard for s in r[2])
    weights = {}
    for stem in in_soft.keys() | in_hard.keys():
        if in_soft[stem] + in_hard[stem] < MIN_PAGES:
            continue
        weights[stem] = math.log((in_soft[stem] + 1) / (len(soft) + 2)) - math.log((in_hard[stem] + 1) / (len(hard) + 2))
    kept = sorted(weights, key=lambda s: -abs(weights[s]) * math.log(in_soft[s] + in_hard[s]))[:KEEP]
    return math.log(len(soft) / len(hard)), {s: round(weights[s], 3) for s in sorted(kept)}


def counts(prior: float, weights: dict[str, float], rows, threshold: float) -> tuple[int, int, int, int]:
    """(soft called soft, hard called soft, soft missed, pages) at `threshold`, judged as the shipped
    model judges a page."""
    model = SectionModel(prior, threshold, MIN_WORDS, weights)
    tp = fp = fn = 0
    for _, section, stems in rows:
        said = model.soft(stems)
        tp += said and section in SOFT
        fp += said and section in HARD
        fn += (not said) and section in SOFT
    return tp, fp, fn, len(rows)


def report(name: str, c: tuple[int, int, int, int]) -> str:
    tp, fp, fn, n = c
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return f"{name}: soft precision {p:.3f} recall {r:.3f} on {n} pages (hard pages called soft: {fp})"


def choose(rows) -> float:
    """The threshold with the fewest hard pages called soft per soft page found, held out by outlet:
    a hard page called soft loses its events between states, a soft page missed keeps a few wrong ones."""
    outlets = sorted({r[0] for r in rows})
    candidates = [x / 2 for x in range(-10, 41)]
    totals = {t: [0, 0, 0] for t in candidates}
    for outlet in outlets:
        prior, weights = learn([r for r in rows if r[0] != outlet])
        held = [r for r in rows if r[0] == outlet]
        for t in candidates:
            tp, fp, fn, _ = counts(prior, weights, held, t)
            totals[t][0] += tp
            totals[t][1] += fp
            totals[t][2] += fn
    # cost: a hard page called soft counts five times a soft page missed
    return min(candidates, key=lambda t: (5 * totals[t][1] + totals[t][2], t))


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--write", action="store_true", help=f"write {OUT.relative_to(OUT.parents[3])}")
    args = ap.parse_args(argv)
    rows = pages(args.corpus)
    train = [r for r in rows if r[0] != HELD_OUT]
    held = [r for r in rows if r[0] == HELD_OUT]
    if not train or not held:
        print(f"no ANT multisource pages under {args.corpus}", file=sys.stderr)
        return 1
    threshold = choose(train)
    prior, weights = learn(train)
    print(f"threshold {threshold} (chosen leaving one training outlet out)")
    print(report("training outlets, in sample", counts(prior, weights, train, threshold)))
    print(report(f"{HELD_OUT}, held out", counts(prior, weights, held, threshold)))
    for section in sorted(SOFT | HARD):
        part = [r for r in held if r[1] == section]
        tp, fp, fn, n = counts(prior, weights, part, threshold)
        print(f"  {HELD_OUT} {section}: {tp + fp} of {n} called soft")
    if args.write:
        model = {"about": "soft-news pages (sport, culture, technology): naive Bayes over word stems, "
                          "learned by tools/sections.py from the ANT multisource corpus (Apache-2.0), "
                          f"outlets other than {HELD_OUT}",
                 "prior": round(prior, 4), "threshold": threshold, "min_words": MIN_WORDS, "weights": weights}
        OUT.write_text(json.dumps(model, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KB, {len(weights)} stems)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
