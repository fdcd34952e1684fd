"""The served store: one read-only connection per worker thread, and a small cache of answers that is
emptied whenever the store's files change (an ingest or a posted article elsewhere), or, for a copy
in PostgreSQL, whenever the store is copied again."""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from khabar.store.db import open_store
from khabar.store.dialect import is_url

CACHE_ENTRIES = 256
PENDING_WAIT_S = 30.0  # a thread waits this long for another's answer, then works it out itself
T = TypeVar("T")


class _Pending:
    """An answer one thread is working out, that others wait for."""

    __slots__ = ("answer", "done", "ok")

    def __init__(self) -> None:
        self.done = threading.Event()
        self.ok = False
        self.answer: Any = None


class Store:
    """The store's path and one reader per worker thread (an sqlite3 connection must not be used by two
    threads at once); writes open their own connection, one at a time, under `write_lock` (and, between servers, under
    the store's own lock: dialect.py). `db` is an SQLite file or a postgresql:// URL."""

    def __init__(self, db: str | Path, token: str | None = None, *, cache_entries: int = CACHE_ENTRIES) -> None:
        self.db: str | Path = db if is_url(db) else Path(db)
        self.token = token or None
        self.write_lock = threading.Lock()
        self._readers: dict[int, sqlite3.Connection] = {}  # by thread id
        self._cache: OrderedDict[tuple, Any] = OrderedDict()
        self._cache_lock = threading.Lock()
        self._version: tuple = ()
        self._entries = cache_entries
        self._pending: dict[tuple, _Pending] = {}  # answers being worked out, by (store version, key)
        open_store(self.db).close()  # fail now, with the store's own message, not on the first request

    def reader(self) -> sqlite3.Connection:
        thread = threading.get_ident()
        conn = self._readers.get(thread)
        if conn is None:
            conn = self._readers[thread] = open_store(self.db)
        return conn

    def cached(self, query: Callable[..., T], *args: Any, **options: Any) -> T:
        """`query(reader, *args, **options)`, remembered until the store changes. Arguments must be
        hashable; callers must not change what they get (it is shared).

        Asked again while a thread works it out for the same store version, the answer is waited for,
        not worked out a second time: after each commit of an ingest, every request of a busy page
        would otherwise repeat the same query at once."""
        if not self._entries:
            return query(self.reader(), *args, **options)
        key = (query.__module__, query.__qualname__, args, tuple(sorted(options.items())))
        version = self._files_version()
        with self._cache_lock:
            if version != self._version:
                self._cache.clear()
                self._version = version
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
            pending = self._pending.get((version, key))
            if pending is None:
                mine = self._pending[(version, key)] = _Pending()
        if pending is not None:
            if pending.done.wait(PENDING_WAIT_S) and pending.ok:
                return pending.answer
            return query(self.reader(), *args, **options)  # it failed or is slow: try on our own
        try:
            answer = query(self.reader(), *args, **options)
            mine.ok, mine.answer = True, answer
        finally:
            with self._cache_lock:
                self._pending.pop((version, key), None)
                if mine.ok and version == self._version:
                    self._cache[key] = answer
                    while len(self._cache) > self._entries:
                        self._cache.popitem(last=False)
            mine.done.set()
        return answer

    def _files_version(self) -> tuple:
        if isinstance(self.db, str):  # PostgreSQL: a new copy and every write stamp meta (dialect.py)
            return tuple(self.reader().execute("SELECT key, value FROM meta WHERE key IN ('copied', 'written') "
                                               "ORDER BY key").fetchall())
        # A commit writes the WAL file; a checkpoint writes the database: either changes a stamp.
        stamps = []
        for path in (self.db, self.db.with_name(self.db.name + "-wal")):
            try:
                stat = path.stat()
                stamps.append((stat.st_mtime_ns, stat.st_size))
            except FileNotFoundError:
                stamps.append(None)
        return tuple(stamps)

    def close(self) -> None:
        """Close every reader; a later request opens a new one (the app may be started again)."""
        readers, self._readers = self._readers, {}
        for conn in readers.values():
            conn.close()
        with self._cache_lock:
            self._cache.clear()
