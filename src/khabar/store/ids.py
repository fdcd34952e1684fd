"""Ids from content: the same text always gets the same id, wherever and however often it is read."""

from __future__ import annotations

import hashlib
import re
import unicodedata

ID_HEX_DIGITS = 16  # 64 bits: no collision expected below ~10^8 articles
_SCHEME_RE = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def content_hash(text: str) -> str:
    """sha1 (hex) of the text in NFC with runs of whitespace made one space, ends stripped."""
    normal = " ".join(unicodedata.normalize("NFC", text).split())  # split: the white space of \s
    return hashlib.sha1(normal.encode("utf-8")).hexdigest()


def content_id(digest: str) -> str:
    """The article id: the start of its content hash."""
    return digest[:ID_HEX_DIGITS]


def url_key(url: str | None) -> str | None:
    """A URL as compared for repeats: without scheme, "www.", fragment and trailing "/"; host lowercased."""
    if not url or not url.strip():
        return None
    rest = _SCHEME_RE.sub("", url.strip()).split("#", 1)[0].rstrip("/")
    host, _, path = rest.partition("/")
    host = host.lower().removeprefix("www.")
    return f"{host}/{path}" if path else host


def url_hash(text: str) -> int:
    """A URL (or its key) as a signed 64-bit integer, for counting pages per URL without keeping it."""
    return int.from_bytes(hashlib.sha1(text.encode("utf-8")).digest()[:8], "big", signed=True)
