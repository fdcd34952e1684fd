"""Which tables a batch of writes dirties: pages written to the WAL per article, by table.

    python tools/wal_pages.py BASE.db STORE.db [--batches 4]

Copies STORE.db to a scratch file, writes BATCHES batches of 128 re-dated copies of BASE.db's
articles (as tools/writer_growth.py) with checkpoints off, then reads the WAL's frame headers
(each frame is one page written by a commit) and names each page's table or index with dbstat.
"""

from __future__ import annotations

import argparse
import shutil
import struct
from collections import Counter
from pathlib import Path

from khabar.serve.scale import _base_records, _copy
from khabar.store.db import open_store
from khabar.store.writer import tune_writer, write_batch

BATCH = int(__import__("os").environ.get("BATCH", "128"))


def wal_frames(path: Path) -> list[tuple[int, bool]]:
    """(page number, ends a commit) of each frame of the WAL at `path`."""
    data = path.read_bytes()
    page_size = struct.unpack(">I", data[8:12])[0]
    frames, at = [], 32
    while at + 24 <= len(data):
        page, size_after = struct.unpack(">II", data[at:at + 8])
        frames.append((page, size_after != 0))
        at += 24 + page_size
    return frames


def next_copy(conn) -> int:
    """A copy number no article of the store has (sources end in "~copyN")."""
    found = conn.execute("SELECT max(CAST(substr(source, instr(source, '~copy') + 5) AS INTEGER)) FROM articles "
                         "WHERE source LIKE '%~copy%'").fetchone()[0]
    return (found or 0) + 1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("store")
    parser.add_argument("--batches", type=int, default=4)
    options = parser.parse_args()
    base = _base_records(Path(options.base))
    db = Path(options.store)
    scratch = db.with_name(db.stem + "-walpages.db")
    conn = open_store(db, write=True)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    shutil.copyfile(db, scratch)
    conn = open_store(scratch, write=True)
    tune_writer(conn)
    conn.execute("PRAGMA wal_autocheckpoint=0")
    have = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    number = next_copy(conn)
    records = [_copy(record, number) for record in base[: BATCH * options.batches]]
    written = 0
    for start in range(0, len(records), BATCH):
        chunk = records[start:start + BATCH]
        written += write_batch(conn, [r for r, _ in chunk], [p for _, p in chunk])
    frames = wal_frames(Path(str(scratch) + "-wal"))
    owner = {page: name for name, page in conn.execute("SELECT name, pageno FROM dbstat")}
    per_table: Counter[str] = Counter()
    for page, _ in frames:
        per_table[owner.get(page, "(free or new)")] += 1
    commits = sum(1 for _, end in frames if end)
    distinct = len({page for page, _ in frames})
    print(f"store {have} articles; {written} written in {commits} commits; {len(frames)} pages written, "
          f"{len(frames) / max(written, 1):.1f} per article ({distinct / max(written, 1):.1f} distinct: "
          "what one checkpoint after them copies)")
    for name, pages in per_table.most_common(30):
        print(f"  {pages / max(written, 1):6.2f} pages/article  {name}")
    conn.close()
    for suffix in ("", "-wal", "-shm"):
        Path(str(scratch) + suffix).unlink(missing_ok=True)


if __name__ == "__main__":
    main()
