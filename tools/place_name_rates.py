"""Write how often each one-word town or province name of the knowledge base is read as a name by the
entity layer (src/khabar/events/data/place_name_rates.tsv), over a news corpus.

    .venv/bin/python tools/place_name_rates.py ../shared/data/ant-corpus/antcorpus.multisource.data-*.tar.gz --limit 6000

Many town names are also common words ("عنه" about him / Anah, "بلد" a country / Balad, "الباب" the
door / al-Bab). The event coder takes a knowledge-base name the entity layer did not tag; for such a
name it first asks this table: a form seen often here and seldom tagged as a name is a common word, taken
only where the entity layer tags it (the thresholds are in events/tables.py). A form the corpus seldom
has keeps the knowledge base's reading.

Counted: every body and headline token whose lookup forms hold the name (clitics split as the coder
splits them), and whether a mention of the entity layer covers it. Only the counts are written, no
text. ANT corpus (Chouigui et al.): Apache-2.0. Run again on the same input, it writes the same file.
"""

from __future__ import annotations

import argparse
import bisect
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar.entities.step import ENTITY_LINKER  # noqa: E402
from khabar.events.actors import town_entry  # noqa: E402
from khabar.events.tables import COMMON_RATE, COMMON_SEEN, event_tables  # noqa: E402
from khabar.pipeline import Pipeline  # noqa: E402
from khabar.sources.read import iter_pages  # noqa: E402
from khabar.text.step import SENTENCIZER, TOKENIZER  # noqa: E402

OUT = ROOT / "src" / "khabar" / "events" / "data" / "place_name_rates.tsv"
LEAST = 5  # occurrences: fewer say nothing of a form


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--limit", type=int, default=6000)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    pipeline = Pipeline([SENTENCIZER, TOKENIZER, ENTITY_LINKER]).warm()
    tables = pipeline.resources.get(event_tables)
    gaz = tables.gazetteer
    towns: dict[str, bool] = {}  # a first word of the gazetteer → is it a one-word town name
    seen: Counter[str] = Counter()
    named: Counter[str] = Counter()
    read = 0
    for page in iter_pages(args.inputs):
        if read >= args.limit:
            break
        article = pipeline.read_page(page)
        if article.error:
            continue
        read += 1
        for where, tokens in (("body", article.tokens), ("headline", article.headline_tokens)):
            if tokens is None:
                continue
            starts = sorted((m.start, m.end) for m in article.mentions if m.where == where)
            for text, (start, end) in zip(tokens.words(), tokens.spans, strict=True):
                for head in tables.heads(text):
                    if head not in towns:
                        towns[head] = head in gaz.names and any(town_entry(e) for e in tables.entries(gaz.names[head]))
                    if towns[head]:
                        seen[head] += 1
                        # a mention over any part of the token ("بالحديدة": the name after its clitic)
                        k = bisect.bisect_left(starts, (end, -1)) - 1
                        named[head] += k >= 0 and starts[k][1] > start
    rows = sorted((f, seen[f], named[f]) for f in seen if seen[f] >= LEAST)
    args.out.write_text("form\tseen\tnamed\n" + "".join(f"{f}\t{s}\t{n}\n" for f, s, n in rows), encoding="utf-8")
    common = sum(s >= COMMON_SEEN and n < COMMON_RATE * s for _, s, n in rows)
    print(f"{read} articles; {len(rows)} one-word town names seen {LEAST}+ times, {common} common words "
          f"-> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
