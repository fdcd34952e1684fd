"""Stored documents: compressed with the read contract's dictionary, read back whatever their form."""

from __future__ import annotations

import zlib

import pytest

from khabar.store import docs


def _documents(conn) -> list[str]:
    return [docs.text(stored) for (stored,) in conn.execute("SELECT doc FROM articles ORDER BY num")]


def test_documents_are_packed_with_the_dictionary_and_read_back_as_written(conn):
    texts = _documents(conn)
    assert texts
    for text in texts:
        packed = docs.pack(text)
        assert packed[1] & 0x20  # zlib's header: a preset dictionary
        assert docs.text(packed) == text and docs.load(memoryview(packed)) == docs.load(text)
    with_dictionary = sum(len(docs.pack(t)) for t in texts)
    without = sum(len(zlib.compress(t.encode(), docs.LEVEL)) for t in texts)
    assert with_dictionary < 0.95 * without


def test_documents_packed_before_the_dictionary_or_as_text_are_read_as_well(conn):
    for text in _documents(conn):
        assert docs.text(zlib.compress(text.encode(), docs.LEVEL)) == text  # schema 4 and 5 stores
        assert docs.text(text) == text


def test_a_document_of_another_dictionary_is_refused_with_a_message():
    packer = zlib.compressobj(6, zdict=b'{"other":"dictionary"}')
    stranger = packer.compress(b'{"id":"x"}') + packer.flush()
    with pytest.raises(ValueError, match="unknown zlib dictionary"):
        docs.text(stranger)
