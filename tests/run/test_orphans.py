"""kill -9 of the process that made a worker pool leaves no process behind: not the workers, not a
fork server, not the resource tracker (a fork server's workers used to outlive it, holding its pipes)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

# Made as LocalRunner makes its pool; a second thread is running, so LocalRunner would take a fork server.
_OWNER = """
import json, multiprocessing, os, sys, threading, time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import resource_tracker
from khabar.run.local import die_with

def ids(_):
    return os.getpid(), os.getppid()

if __name__ == "__main__":
    context = multiprocessing.get_context(sys.argv[1])
    pool = ProcessPoolExecutor(2, mp_context=context, initializer=die_with, initargs=(os.getpid(),))
    pairs = set(pool.map(ids, range(40)))
    while len({p for p, _ in pairs}) < 2:
        pairs |= set(pool.map(ids, range(40)))
    tracker = getattr(resource_tracker._resource_tracker, "_pid", None)
    print(json.dumps({"workers": sorted({p for p, _ in pairs}), "parents": sorted({q for _, q in pairs}),
                      "tracker": tracker}), flush=True)
    time.sleep(600)
"""


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.parametrize("method", ["forkserver", "fork"])
def test_kill_9_of_the_pool_owner_leaves_no_process(tmp_path, method):
    script = tmp_path / "owner.py"
    script.write_text(_OWNER)
    owner = subprocess.Popen([sys.executable, str(script), method], stdout=subprocess.PIPE, text=True,
                             cwd=os.getcwd())
    try:
        started = json.loads(owner.stdout.readline())
    finally:
        owner.send_signal(signal.SIGKILL)
        owner.wait()
    left = {*started["workers"], *started["parents"], *([started["tracker"]] if started["tracker"] else [])}
    left.discard(owner.pid)
    assert started["workers"]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and any(_running(pid) for pid in left):
        time.sleep(0.2)
    assert not [pid for pid in left if _running(pid)]
