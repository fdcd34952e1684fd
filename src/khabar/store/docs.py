"""The stored read contract of an article (`articles.doc`): its JSON, zlib-compressed (schema 4).

The JSON of an article is some 11 KB for 1–2 KB of text (offsets, entities, events, quotes), and
compresses about four times; a page or export reads a few documents at a time, and inflating one
takes some 0.1 ms. A document written as plain JSON text (a store before schema 4, or a tool that
rewrites documents by hand) is read as it is, so readers take either.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from typing import Any

LEVEL = 6  # zlib's default: level 9 gains under 1 % on these documents for a quarter more time


def pack(doc: str | bytes) -> bytes:
    """The stored form of a document given as JSON text (stored forms pass through)."""
    if isinstance(doc, bytes):
        return doc
    return zlib.compress(doc.encode("utf-8"), LEVEL)


def text(stored: str | bytes | None) -> str | None:
    """The document's JSON text, whichever form it was stored in."""
    if stored is None or isinstance(stored, str):
        return stored
    return zlib.decompress(stored).decode("utf-8")


def load(stored: str | bytes) -> dict[str, Any]:
    """The document as a dict."""
    return json.loads(text(stored))  # type: ignore[arg-type]


def register(conn: sqlite3.Connection) -> None:
    """`doc_json(articles.doc)` in SQL: the JSON text, for json_extract and json_each; `doc_pack(text)`:
    the stored form (the migration to schema 4)."""
    conn.create_function("doc_json", 1, text, deterministic=True)
    conn.create_function("doc_pack", 1, pack, deterministic=True)
