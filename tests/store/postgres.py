"""A throwaway PostgreSQL server for the tests: Debian's initdb and pg_ctl (package postgresql) make a
cluster in a temporary folder and serve it on a unix socket there, with no TCP port. PostgreSQL
refuses to run as root, so under root the cluster belongs to `nobody` and its programs run through
runuser. Without the programs or psycopg, the tests that need it are skipped with the reason."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

USER = "khabar"  # the cluster's superuser (trust authentication on its own socket)
RUN_AS = "nobody"  # when the tests run as root
START_TIMEOUT_S = 60


def bin_dir() -> Path | None:
    """The folder of initdb and pg_ctl: $KHABAR_PG_BIN, Debian's newest /usr/lib/postgresql/N/bin, or PATH."""
    given = os.environ.get("KHABAR_PG_BIN")
    candidates = [given] if given else []
    debian = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name)
                    if Path(p).parent.name.isdigit() else 0, reverse=True)
    candidates += debian
    found = shutil.which("initdb")
    if found:
        candidates.append(str(Path(found).parent))
    for folder in candidates:
        if folder and (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    return None


def missing() -> str | None:
    """Why a server cannot be started here, or None."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install -e '.[test]' or '.[postgres]')"
    if bin_dir() is None:
        return "PostgreSQL's initdb/pg_ctl are absent (apt-get install postgresql)"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser, and PostgreSQL refuses to run as root"
    return None


class Server:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def url(self, database: str) -> str:
        return f"postgresql://{USER}@/{database}?host={self.folder}"

    def database(self, name: str) -> str:
        """A new empty database (dropped first if there); its URL."""
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def _run(command: list[str]) -> None:
    if os.geteuid() == 0:
        command = ["runuser", "-u", RUN_AS, "--", *command]
    done = subprocess.run(command, capture_output=True, text=True, timeout=START_TIMEOUT_S)
    if done.returncode:
        raise RuntimeError(f"{' '.join(command)} failed: {done.stdout}{done.stderr}")


@contextmanager
def postgres_server() -> Iterator[Server]:
    """Start a cluster in a new temporary folder; stop it and remove the folder on exit."""
    binaries = bin_dir()
    assert binaries is not None, missing()
    folder = Path(tempfile.mkdtemp(prefix="khabar-pg-"))  # short: a socket path has at most 107 bytes
    if os.geteuid() == 0:
        account = pwd.getpwnam(RUN_AS)
        os.chown(folder, account.pw_uid, account.pw_gid)
    data = folder / "data"
    try:
        _run([str(binaries / "initdb"), "-D", str(data), "-A", "trust", "-U", USER, "-E", "UTF8",
              "--locale=C", "--no-sync"])
        # A socket in the folder and no TCP port; fsync off: a test cluster is thrown away.
        options = f"-k {folder} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
        _run([str(binaries / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "log"),
              "-w", "-t", str(START_TIMEOUT_S), "start"])
        try:
            yield Server(folder)
        finally:
            _run([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"])
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# Rows that name an article by its number (the order of writing) name it by its id instead.
BY_ID = {"lsh": "SELECT l.band, a.id FROM lsh l JOIN articles a ON a.num = l.num",
         "lsh_recent": "SELECT l.band, a.id FROM lsh_recent l JOIN articles a ON a.num = l.num"}


def _rows(conn: Any, table: str, names: list[str]) -> list[tuple]:
    """A table's rows, sorted, '' (SQLite's "none" in a key column) and NULL as one, blobs as bytes."""
    selected = ", ".join("a.id" if name == "article_num" else f't."{name}"' for name in names)
    # the tables of an article's rows (schema 6) name it by its number: joined to its id
    joined = " JOIN articles a ON a.num = t.article_num" if "article_num" in names else ""
    sql = BY_ID.get(table, f'SELECT {selected} FROM "{table}" t{joined}')
    rows = [tuple(None if value == "" else bytes(value) if isinstance(value, memoryview) else value for value in row)
            for row in conn.execute(sql).fetchall()]
    return sorted(rows, key=repr)


def different_tables(lite: Any, pg: Any, *, skip: tuple[str, ...] = ("meta", "inputs")) -> list[str]:
    """The tables of the SQLite store `lite` whose rows the PostgreSQL store `pg` does not hold the same,
    and the search keys when their number differs (their form is each engine's own)."""
    tables = [name for (name,) in lite.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE 'article_keys%' ORDER BY name") if name not in skip]
    differ = []
    for table in tables:
        names = [row[1] for row in lite.execute(f'PRAGMA table_info("{table}")')]
        if table == "articles":
            names.remove("num")  # the order of writing, which concurrent writers do not fix
        if _rows(lite, table, names) != _rows(pg, table, names):
            differ.append(table)
    count = "SELECT count(*) FROM article_keys"
    if lite.execute(count).fetchone() != pg.execute(count).fetchone():
        differ.append("article_keys")
    return differ
