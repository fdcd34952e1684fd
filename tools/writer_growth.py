"""Writer CPU per 1,000 articles as a store grows: re-dated copies of a base store's articles (as
`khabar bench scale` makes them) written through `write_batch` in batches of the ingest's size.

    python tools/writer_growth.py BASE.db STORE.db --to 200000 --step 10000
    python tools/writer_growth.py BASE.db STORE.db --more 3000      # measure on a copy, keep STORE.db

Prints, for each step, the store's size and the writer's CPU seconds (user, system) per 1,000 articles.
`--more N` copies STORE.db (and its WAL) to a scratch file, writes N more articles there and reports
the same, with the SQL seconds of each statement kind when `--sql`.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sqlite3
import sys
import time
from collections import defaultdict
from pathlib import Path

from khabar.serve.scale import _base_records, _copy
from khabar.store import dedup
from khabar.store.db import open_store
from khabar.store.writer import tune_writer, write_batch

BATCH = int(__import__("os").environ.get("BATCH", "128"))


def next_copy(conn) -> int:
    """A copy number no article of the store has (sources end in "~copyN")."""
    found = conn.execute("SELECT max(CAST(substr(source, instr(source, '~copy') + 5) AS INTEGER)) FROM articles "
                         "WHERE source LIKE '%~copy%'").fetchone()[0]
    return (found or 0) + 1


def _cpu() -> tuple[float, float]:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime, usage.ru_stime


class _Timed:
    """A connection whose statements are timed (thread CPU) by their first words."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self.seconds: dict[str, float] = defaultdict(float)

    def __getattr__(self, name: str):
        return getattr(self._conn, name)

    def _key(self, sql: str) -> str:
        words = sql.split()
        if words[0] in ("INSERT", "DELETE"):
            return " ".join(words[:3])
        if words[0] == "UPDATE":
            return " ".join(words[:4])
        return " ".join(words[:6])[:70]

    def _timed(self, run, sql: str, args: tuple):
        started = time.thread_time()
        try:
            return run(sql, *args)
        finally:
            self.seconds[self._key(sql)] += time.thread_time() - started

    def execute(self, sql: str, *args):
        return self._timed(self._conn.execute, sql, args)

    def executemany(self, sql: str, *args):
        return self._timed(self._conn.executemany, sql, args)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("store")
    parser.add_argument("--to", type=int, default=0)
    parser.add_argument("--step", type=int, default=10_000)
    parser.add_argument("--more", type=int, default=0)
    parser.add_argument("--sql", action="store_true")
    parser.add_argument("--cache-kb", type=int, default=0)
    parser.add_argument("--pragma", action="append", default=[], help="e.g. wal_autocheckpoint=10000")
    options = parser.parse_args()
    if "RECENT_BANDS" in os.environ:  # e.g. 0: every batch's bands go to lsh at its end
        dedup.RECENT_BANDS = int(os.environ["RECENT_BANDS"])
    base = _base_records(Path(options.base))
    db = Path(options.store)
    target = options.to
    if options.more:
        scratch = db.with_name(db.stem + "-scratch.db")
        for suffix in ("", "-wal"):
            if Path(str(db) + suffix).exists():
                shutil.copyfile(str(db) + suffix, str(scratch) + suffix)
        db = scratch
    conn = open_store(db, write=True)
    tune_writer(conn)
    if options.cache_kb:
        conn.execute(f"PRAGMA cache_size=-{options.cache_kb}")
    for pragma in options.pragma:
        conn.execute(f"PRAGMA {pragma}")
    have = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    # the copy number to go on with: copies are numbered by round over the base
    number = next_copy(conn)
    if options.more:
        target = have + options.more
        options.step = options.more
    timed = _Timed(conn) if options.sql else conn
    print(f"base {len(base)} articles; store {have}; next copy {number}", flush=True)
    while have < target:
        cpu, wall, written = _cpu(), time.perf_counter(), 0
        goal = min(target, have + options.step)
        while have + written < goal:
            batch = [_copy(record, number) for record in base[: goal - have - written]]
            for start in range(0, len(batch), BATCH):
                chunk = batch[start:start + BATCH]
                written += write_batch(timed, [r for r, _ in chunk], [p for _, p in chunk])  # type: ignore[arg-type]
            number += 1
        user, system = (b - a for a, b in zip(cpu, _cpu(), strict=True))
        have += written
        per = 1000 / max(written, 1)
        print(f"{have:>9} articles  CPU/1000 {(user + system) * per:6.2f} s (user {user * per:.2f}, "
              f"sys {system * per:.2f})  wall/1000 {(time.perf_counter() - wall) * per:.2f} s", flush=True)
    if options.sql:
        for key, seconds in sorted(timed.seconds.items(), key=lambda item: -item[1])[:25]:
            print(f"  {seconds * 1000 / max(options.more, 1):7.3f} ms/article  {key}")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    if options.more:
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)


if __name__ == "__main__":
    sys.exit(main())
