"""What an input is: by its extension, and by its first bytes when the extension does not say."""

from __future__ import annotations

import re
import stat

_BY_EXT = (
    (".tar.gz", "tar"),
    (".tgz", "tar"),
    (".tar.bz2", "tar"),
    (".tar.xz", "tar"),
    (".tar", "tar"),
    (".warc.gz", "warc"),
    (".warc", "warc"),
    (".zip", "zip"),
    (".gz", "gzip"),
    (".jsonl", "jsonl"),
    (".ndjson", "jsonl"),
    (".json", "json"),
    (".html", "html"),
    (".htm", "html"),
    (".xhtml", "html"),
    (".shtml", "html"),
    (".txt", "text?"),
    (".text", "text?"),
    (".trec", "trec"),
    (".sgml", "trec"),
    (".sgm", "trec"),
)
_HTML_START_RE = re.compile(
    rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta)\b", re.I | re.S
)
_TREC_START_RE = re.compile(rb"\s*<DOC[\s>]", re.I)


def ext_kind(name: str) -> str | None:
    """The kind an extension names ("text?" = text unless the content says TREC/HTML), None if unknown."""
    low = name.lower()
    for ext, kind in _BY_EXT:
        if low.endswith(ext):
            return kind
    return None


def maybe_supported(name: str) -> bool:
    """Worth opening inside a folder or archive: a known extension, or none at all (TREC files)."""
    base = name.rsplit("/", 1)[-1]
    if base.startswith((".", "~")):
        return False
    kind = ext_kind(base)
    if kind == "gzip":
        return maybe_supported(base[:-3])
    return kind is not None or "." not in base


def sniff_kind(head: bytes) -> str:
    """Kind of an input known only by its content (stdin, unknown extension)."""
    if _TREC_START_RE.match(head):
        return "trec"
    if _HTML_START_RE.match(head):
        return "html"
    first = head.lstrip()[:1]
    return {b"{": "jsonl", b"[": "json"}.get(first, "text")


def special_kind(mode: int) -> str | None:
    """What a file that is no regular file holds, in words (None for regular files and folders)."""
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return None
