"""An ingest killed with SIGKILL at random moments, then run again, ends as a clean ingest does:
same stats, same ids, nothing twice, and SQLite's integrity check passes after every kill."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

from khabar.errors import KhabarError
from khabar.store.db import integrity, open_store
from tests.store.corpus import store_ids, store_stats, write_dispatches, write_generated

KILLS = 4
GENERATED = 600


def _command(paths, db):
    return [sys.executable, "-m", "khabar.cli.app", "ingest", *map(str, paths), "--db", str(db), "--workers", "2"]


def _stored(db) -> int:
    try:
        conn = open_store(db)
    except KhabarError:  # not created yet
        return 0
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        conn.close()


def _run(paths, db, kill: tuple[int, float] | None = None) -> int:
    """Run an ingest to its end, or kill it `kill[1]` seconds after the store holds `kill[0]` more
    articles than before (or after the ingest ends, if it ends first)."""
    before = _stored(db)
    process = subprocess.Popen(_command(paths, db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               start_new_session=True)
    try:
        if kill is None:
            _, err = process.communicate(timeout=300)
            assert process.returncode == 0, err.decode()[-2000:]
            return process.returncode
        more, delay = kill
        deadline = time.monotonic() + 120
        while process.poll() is None and _stored(db) < before + more and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(delay)
        process.kill()  # SIGKILL to the ingest itself: its workers must not be needed to stay consistent
        process.wait(timeout=30)
        return process.returncode
    finally:
        try:  # its workers die with it (PDEATHSIG); this only sweeps up should one linger
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def test_kill_at_random_moments_then_resume_equals_clean(tmp_path):
    corpus = tmp_path / "corpus"
    paths = [write_generated(corpus / "generated.jsonl", GENERATED), *write_dispatches(corpus)]
    clean, killed = tmp_path / "clean.db", tmp_path / "killed.db"
    _run(paths, clean)
    rng = random.Random(5)
    articles = 0
    for round_ in range(KILLS):
        # The first kill lands at start-up (store being created, pool starting); the others after a
        # random number of committed articles and a random fraction of a batch's time.
        kill = (0, rng.uniform(0.0, 1.0)) if round_ == 0 else (rng.randint(1, 150), rng.uniform(0.0, 0.4))
        code = _run(paths, killed, kill)
        try:
            conn = open_store(killed)
        except KhabarError:  # killed before the schema's transaction committed: nothing to check yet
            continue
        assert integrity(conn) == "ok"
        now = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        conn.close()
        assert now >= articles, code
        articles = now
    _run(paths, killed)
    assert store_stats(killed) == store_stats(clean)
    assert store_ids(killed) == store_ids(clean)
    conn = open_store(killed)
    assert integrity(conn) == "ok"
    conn.close()
