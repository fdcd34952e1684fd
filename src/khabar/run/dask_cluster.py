"""The Dask executor: batches of pages read on a dask.distributed cluster; results come back to the
caller (which writes the store), or are written by the workers as Parquet shards on a shared file
system and read back by the caller. Without a scheduler address, a LocalCluster is started."""

from __future__ import annotations

import logging
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from khabar.run import Batch, Finish, require
from khabar.run.shards import read_shard, write_shard
from khabar.run.worker import read_batch
from khabar.settings import Settings

BATCHES_PER_WORKER = 3
CLOSE_TIMEOUT_S = 60  # every result is in hand by then: a cluster slow to stop must not hold the ingest

log = logging.getLogger(__name__)


def read_batch_to_shard(pages: list, finish: Finish, settings: Settings, path: str) -> str:
    """On a worker: read the batch and write its results to `path`."""
    return write_shard(read_batch(pages, finish, settings), path)


@dataclass(frozen=True)
class DaskRunner:
    """`scheduler`: address of a running scheduler ("tcp://host:8786"), or None for a LocalCluster of
    `workers` processes; `shards`: a folder all workers and this process can reach."""

    scheduler: str | None = None
    workers: int = 2
    shards: str | None = None

    def __call__(self, batches: Iterable[Batch], finish: Finish,
                 settings: Settings) -> Iterator[tuple[int, list[Any]]]:
        require("distributed", "dask")
        if self.shards:
            require("pyarrow", "dask")
        from dask.distributed import Client, LocalCluster

        cluster = None
        if self.scheduler is None:
            cluster = LocalCluster(n_workers=self.workers, processes=True, threads_per_worker=1,
                                   dashboard_address=":0", silence_logs=logging.ERROR)
        client = Client(self.scheduler or cluster)
        try:
            yield from self._submit(client, batches, finish, settings)
        finally:
            _close(client, cluster)

    def _submit(self, client, batches: Iterable[Batch], finish: Finish,
                settings: Settings) -> Iterator[tuple[int, list[Any]]]:
        workers = max(len(client.scheduler_info().get("workers", {})), 1)
        run = uuid.uuid4().hex[:8]
        pending: deque = deque()
        for tag, pages in batches:
            if self.shards:
                path = str(Path(self.shards) / f"{run}-{tag:07d}.parquet")
                future = client.submit(read_batch_to_shard, pages, finish, settings, path, pure=False)
            else:
                future = client.submit(read_batch, pages, finish, settings, pure=False)
            pending.append((tag, future))
            if len(pending) >= workers * BATCHES_PER_WORKER:
                yield self._gather(*pending.popleft())
        while pending:
            yield self._gather(*pending.popleft())

    def _gather(self, tag: int, future) -> tuple[int, list[Any]]:
        result = future.result()
        return tag, read_shard(result) if self.shards else result


def _close(client, cluster) -> None:
    """Stop the client (and the cluster this runner started) within CLOSE_TIMEOUT_S each."""
    for name, thing in (("client", client), ("local cluster", cluster)):
        if thing is None:
            continue
        try:
            thing.close(timeout=CLOSE_TIMEOUT_S)
        except (TimeoutError, OSError) as problem:  # asyncio.TimeoutError is TimeoutError on 3.11
            log.warning("the Dask %s did not stop within %d s (%s); its processes are left to exit",
                        name, CLOSE_TIMEOUT_S, problem)
