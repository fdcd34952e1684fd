"""JSON Lines: one article object per line ({"text": ..., "id", "date", "url", "title", "layout"}).

Every line is read on its own, so a broken line becomes an error page and the lines after it still count.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from khabar.errors import InputError
from khabar.sources.dates import parse_date
from khabar.sources.decode import decode_bytes, too_large
from khabar.sources.page import Options, RawPage, error_page
from khabar.sources.stream import Source, byte_lines

# Fields that have their own RawPage attribute; the rest go to `meta`.
_OWN_FIELDS = frozenset(
    ("id", "text", "content", "date", "date_extracted", "url", "title", "layout", "source", "outlet")
)


def clean_text(text: str) -> str:
    """Line ends as decode_bytes leaves them, for text that arrives already decoded (JSON strings)."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def object_fields(obj: dict[str, Any]) -> dict[str, Any]:
    """RawPage fields shared by JSON formats: date, url, title, outlet and meta."""
    date = parse_date(obj.get("date")) or parse_date(obj.get("date_extracted"))
    return {
        "date": date,
        "date_source": "json" if date else None,
        "url": _str_field(obj, "url"),
        "title": _str_field(obj, "title"),
        "outlet": _str_field(obj, "outlet") or _str_field(obj, "source"),
        "meta": {
            key: _as_str(value)
            for key, value in obj.items()
            if key not in _OWN_FIELDS and value not in (None, "")
        },
    }


def _str_field(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    return (value.strip() or None) if isinstance(value, str) else None


def _as_str(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def read_jsonl(src: Source, options: Options) -> Iterator[RawPage]:
    pages = 0
    for number, line, size in byte_lines(src.stream, options.max_bytes):
        if line is None:
            reason = f"line {number} is {too_large('', size, options.max_bytes).reason}"
            yield error_page(f"{src.id}-{number}", f"{src.origin}#line {number}", reason, number)
        elif line.strip():
            yield line_page(src, number, line)
        else:
            continue
        pages += 1
    if not pages:  # said, so that an empty feed is not taken for a read one
        raise InputError(src.id, "empty file (no JSON lines)")


def line_page(src: Source, number: int, line: bytes) -> RawPage:
    """The page of one non-blank JSONL line (an error page when the line is not a usable article)."""
    page_id, origin = f"{src.id}-{number}", f"{src.origin}#line {number}"
    try:
        obj = json.loads(decode_bytes(line, page_id))
    except InputError as exc:
        return error_page(page_id, origin, f"line {number}: {exc.reason}", number)
    except json.JSONDecodeError as exc:
        return error_page(
            page_id, origin, f"invalid JSON on line {number}: {exc.msg} (column {exc.colno})", number
        )
    if not isinstance(obj, dict):
        return error_page(page_id, origin, f"line {number} is not a JSON object", number)
    if obj.get("id") not in (None, ""):
        page_id = _as_str(obj["id"])
    fields = object_fields(obj)
    fields["date"] = fields["date"] or src.date
    text = obj.get("text")
    if not isinstance(text, str):
        return error_page(page_id, origin, f'no "text" field on line {number}', number, **fields)
    if not text.strip():
        return error_page(page_id, origin, f"empty text on line {number}", number, **fields)
    layout = "plain" if obj.get("layout") == "plain" else "page"
    return RawPage(id=page_id, text=clean_text(text), origin=origin, position=number, layout=layout, **fields)
