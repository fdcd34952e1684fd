"""Split the search keys of a store into key tables of fts.SHARD articles (as a store written by
schema 6 has them from the start): for a store migrated from schema 5, whose keys are all in
`article_keys`. The keys are made again from each stored document (headline and body, as the writer
makes them), so this reads every document; it runs in one transaction: the store has the old index or
the new ones.

    python tools/split_keys.py STORE.db [--check] [--shard N]

`--check` only compares: for each word of a fixed list, the top 10 of `queries.search` before and
after, on a scratch copy (STORE-split.db, removed after), and prints how many of them are the same,
by headline (in a store grown by `khabar bench scale`, the copies of one article share it and score
alike: which copy comes first among equal scores is not what is compared). `--shard N` splits into
tables of N articles instead of fts.SHARD: on a small store of real articles, a harsher split than
the store's own, to see what weighing words per table does to the order.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

from khabar.store import docs, fts, queries
from khabar.store.db import open_store, transaction
from khabar.store.keys import text_keys, token_keys
from khabar.text.tokens import tokenize

CHECKED = ("الرئيس", "الحكومة", "النفط", "ترامب", "الأمم المتحدة", "وزير الخارجية", '"مجلس الأمن"', "العقوبات",
           "الانتخابات", "كورونا", "الزلزال", "الدوري")


def split(db: Path) -> int:
    """Make the key tables again from the documents; returns the articles indexed."""
    conn = open_store(db, write=True)
    written = 0
    try:
        with transaction(conn):
            for table in fts.tables(conn):
                conn.execute(f"DROP TABLE {table}")
            for num, headline, stored in conn.execute("SELECT num, headline, doc FROM articles ORDER BY num"):
                body = docs.load(stored).get("body") or ""
                fts.write(conn, num, " ".join(text_keys(headline or "")), " ".join(token_keys(tokenize(body))))
                written += 1
    finally:
        conn.close()
    return written


def _tops(db: Path) -> dict[str, list[str]]:
    conn = open_store(db)
    try:
        return {word: [r["headline"] for r in queries.search(conn, word, limit=10, snippets=False)["results"]]
                for word in CHECKED}
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("store", type=Path)
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--shard", type=int, default=0)
    options = parser.parse_args()
    if options.shard:
        fts.SHARD = options.shard
    db = options.store
    if options.check:
        before = _tops(db)
        scratch = db.with_name(db.stem + "-split.db")
        shutil.copyfile(db, scratch)
        db = scratch
    started = time.perf_counter()
    print(f"{split(db)} articles in {len(fts.tables(open_store(db)))} key tables, "
          f"{time.perf_counter() - started:.0f} s", flush=True)
    if options.check:
        after = _tops(db)
        for word, top in before.items():
            print(f"{word}: {len(set(top) & set(after[word]))} of {len(set(top))} headlines in both top 10; "
                  f"same order: {top == after[word]}")
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)


if __name__ == "__main__":
    sys.exit(main())
