"""Running the app with uvicorn: in the foreground (`khabar serve`) or in a thread on a free port (the
browser tests and `khabar bench serve`)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI

START_TIMEOUT_S = 30.0


def run(app: FastAPI, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve until interrupted."""
    uvicorn.run(app, host=host, port=port, log_level="info")


def run_processes(factory: str, workers: int, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve from `workers` processes on one socket (each builds its app with the import path
    `factory`), until interrupted: one Python process answers on one core at a time."""
    uvicorn.run(factory, factory=True, workers=workers, host=host, port=port, log_level="info")


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


@contextmanager
def serving(app: FastAPI, host: str = "127.0.0.1") -> Iterator[str]:
    """The app served in a background thread; yields its base URL, stops it on exit."""
    port = free_port(host)
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True, name="khabar-serve")
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT_S
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the server did not start")
        time.sleep(0.05)
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
