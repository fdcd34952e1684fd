"""Links the pages write: entity ids quoted whole (they may hold spaces, "/", "?" or "#"), and outside
URLs from the store only when they are plain web links (never `javascript:` and the like)."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

WEB_SCHEMES = ("http", "https")


def entity_url(entity_id: str) -> str:
    return "/entities/" + quote(entity_id, safe="")


def web_url(url: str | None) -> str | None:
    """`url` when it is an http(s) link, else None (shown as text, not linked)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in WEB_SCHEMES and parts.netloc else None


def dyad_url(source: str, target: str) -> str:
    """The page of the events from `source` to `target` (actor codes)."""
    return f"/dyads/{quote(source, safe='')}/{quote(target, safe='')}"
