"""Parquet shards: a batch's results as one file on a shared file system, for workers that should
not send their results over the network. Results are dicts of plain values; list values (rows) are
kept as JSON text and read back as lists."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from typing import Any

JSON_COLUMNS_KEY = b"khabar.json_columns"
BYTES_KEY = "$bytes"  # a JSON object standing for bytes in a row


def write_shard(results: list[dict[str, Any]], path: str | Path) -> str:
    """Write `results` to `path` whole or not at all (a temporary file renamed); returns the path."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    names: dict[str, None] = {}
    for result in results:
        names.update(dict.fromkeys(result))
    json_columns = [n for n in names if any(isinstance(r.get(n), list | tuple) for r in results)]
    columns = {n: [_cell(r.get(n), n in json_columns) for r in results] for n in names}
    table = pa.table(columns).replace_schema_metadata({JSON_COLUMNS_KEY: ",".join(json_columns).encode()})
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    pq.write_table(table, partial)
    os.replace(partial, path)
    return str(path)


def _cell(value: Any, as_json: bool) -> Any:
    return json.dumps(value, ensure_ascii=False, default=_bytes_out) if as_json and value is not None else value


def _bytes_out(value: Any) -> dict[str, str]:
    """Bytes inside a row (a packed document) as JSON: {BYTES_KEY: base64}."""
    if isinstance(value, bytes):
        return {BYTES_KEY: base64.b64encode(value).decode("ascii")}
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _bytes_in(value: dict[str, Any]) -> Any:
    return base64.b64decode(value[BYTES_KEY]) if value.keys() == {BYTES_KEY} else value


def read_shard(path: str | Path) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    meta = (table.schema.metadata or {}).get(JSON_COLUMNS_KEY, b"").decode()
    json_columns = [n for n in meta.split(",") if n]
    rows = table.to_pylist()
    for row in rows:
        for name in json_columns:
            if row[name] is not None:
                row[name] = json.loads(row[name], object_hook=_bytes_in)
    return rows
