"""The stored read contract of an article (`articles.doc`): its JSON, zlib-compressed (schema 4).

The JSON of an article is some 11 KB for 1–2 KB of text (offsets, entities, events, quotes), and
compresses about four times; a page or export reads a few documents at a time, and inflating one
takes some 0.1 ms. A document written as plain JSON text (a store before schema 4, or a tool that
rewrites documents by hand) is read as it is, so readers take either.

Since schema 6 a document is compressed with a preset dictionary (zlib's own mechanism): the keys
and fixed words of the read contract, which every document spells again and zlib otherwise writes
out in full at least once per document. It saves some 290 bytes of the 2,790 of an ANT article's
document. zlib's header says whether a stream needs a dictionary and names it by its Adler-32, so
documents compressed before (without one) are read as they are, and a dictionary changed later
must keep the old one for the documents written with it.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from typing import Any

LEVEL = 6  # zlib's default: level 9 gains under 1 % on these documents for a quarter more time


def _objects(*shapes: tuple[str, str]) -> str:
    """A list of each named object with its keys (compact JSON, as documents are written), values null."""
    return ",".join(f'"{name}":[{{' + ",".join(f'"{key}":null' for key in keys.split()) + "}]"
                    for name, keys in shapes)


# The read contract's words, most frequent last (zlib reaches the end of its window most cheaply):
# fixed values, the lists of objects with their keys, then how a document ends and how it starts.
DICTIONARY = ",".join([
    '"type":"PER"', '"type":"LOC"', '"type":"ORG"', '"type":"MISC"', '"how":"ner"', '"how":"kb"',
    '"name_from":"kb"', '"name_from":"romanised"', '"in":"body"', '"in":"headline"', '"kind":"direct"',
    '"kind":"reported"', '"kind":"demonym"', '"kind":"title"', '"date_source":"trec"', '"reason":"dateline"',
    '"country":null', '"id":null', '"name_en":null', '"speaker_id":null',
    _objects(("sentences", "start end"), ("dropped", "start end reason"),
             ("entities", "text start end type name_en id country in how name_from"),
             ("entity_list", "id type name_en country mentions"),
             ("references", "text start end type name_en id country kind how name_from"),
             ("quotes", "text start end speaker speaker_en speaker_id speaker_start speaker_end sentence kind"),
             ("events", "source target type sentence trigger trigger_start trigger_end source_text target_text "
                        "source_sector target_sector mode negated future hypothetical cameo quad_class goldstein "
                        "how confidence location")),
    '"spans":{"headline":[0],"agency":null,"end_marker":null,"initials":null,"body":[[0]]},"end_marker":null,'
    '"initials":null,"dropped":[],"outlet":"","url":"http://www.","source":"","position":0}'
    '{"id":"","headline":"","agency":null,"dateline":{"place":"","place_en":"","country":"","day":null,'
    '"month":null,"year":null,"date":null,"start":0,"end":0},"date":"","date_source":"","body":"',
]).encode("utf-8")
_DICTIONARY_ID = zlib.adler32(DICTIONARY)
_FDICT = 0x20  # the bit of zlib's second header byte that says a preset dictionary is needed


def pack(doc: str | bytes) -> bytes:
    """The stored form of a document given as JSON text (stored forms pass through)."""
    if isinstance(doc, bytes):
        return doc
    packer = zlib.compressobj(LEVEL, zdict=DICTIONARY)
    return packer.compress(doc.encode("utf-8")) + packer.flush()


def text(stored: str | bytes | None) -> str | None:
    """The document's JSON text, whichever form it was stored in."""
    if stored is None or isinstance(stored, str):
        return stored
    stored = bytes(stored)  # PostgreSQL gives a memoryview
    if len(stored) > 6 and stored[1] & _FDICT:
        if int.from_bytes(stored[2:6], "big") != _DICTIONARY_ID:
            raise ValueError("a document compressed with an unknown zlib dictionary")
        inflater = zlib.decompressobj(zdict=DICTIONARY)
        return (inflater.decompress(stored) + inflater.flush()).decode("utf-8")
    return zlib.decompress(stored).decode("utf-8")


def load(stored: str | bytes) -> dict[str, Any]:
    """The document as a dict."""
    return json.loads(text(stored))  # type: ignore[arg-type]


def register(conn: sqlite3.Connection) -> None:
    """`doc_json(articles.doc)` in SQL: the JSON text, for json_extract and json_each; `doc_pack(text)`:
    the stored form (the migration to schema 4)."""
    conn.create_function("doc_json", 1, text, deterministic=True)
    conn.create_function("doc_pack", 1, pack, deterministic=True)
