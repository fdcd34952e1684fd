"""`khabar serve --workers N` and `khabar bench load`: real processes on 127.0.0.1."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from khabar.serve.server import free_port

KHABAR = str(Path(sys.executable).with_name("khabar"))


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    """Running (not gone, not a zombie waiting for its parent)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_serve_with_workers_answers_from_several_processes_and_stops_whole(writable_db):
    port = free_port()
    server = subprocess.Popen([KHABAR, "serve", "--db", str(writable_db), "--port", str(port), "--workers", "2"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline, stats = time.monotonic() + 60, None
        while stats is None and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/stats", timeout=5) as answer:
                    stats = json.load(answer)
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()
                time.sleep(0.2)
        assert stats and stats["articles"] > 0
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as answer:
            assert answer.status == 200
            assert "Content-Security-Policy" in answer.headers  # set by the plain-ASGI middleware
        workers = set()
        deadline = time.monotonic() + 30
        while len(workers) < 2 and time.monotonic() < deadline:  # uvicorn's supervisor, then its workers
            workers = {child for parent in _children(server.pid) | {server.pid} for child in _children(parent)}
            time.sleep(0.2)
        assert len(workers) >= 2
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    time.sleep(0.5)
    assert not [pid for pid in workers if _alive(pid)]


def test_bench_load_with_an_ingest_counts_every_call_and_leaves_nothing(writable_db, tmp_path):
    from khabar.serve.load import bench_load
    from tests.store.corpus import write_generated

    source = write_generated(tmp_path / "more.jsonl", 40, start=500)
    # a client per call: each client starts at its own call, so every call is asked at least once
    # however slow a loaded machine makes the requests
    figures = bench_load(writable_db, clients=15, seconds=2, ingest=[str(source)], server_workers=2)
    assert figures["errors"] == 0 and figures["server_workers"] == 2
    assert figures["ingest_status"] in ("running at the end", "exited 0")
    assert all(call["requests"] > 0 and call["p95_ms"] is not None for call in figures["calls"].values())
    assert {"page /", "api search", "page events"} <= set(figures["calls"])
