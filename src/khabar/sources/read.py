"""The public entry points that read inputs into pages, through the readers (files, archives, ...)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from khabar.errors import InputError
from khabar.sources.decode import check_language
from khabar.sources.files import iter_raw
from khabar.sources.page import DEFAULT_MAX_BYTES, Options, RawPage


def _as_list(inputs: Sequence[str | Path] | str | Path) -> Sequence[str | Path]:
    # A lone path is a common slip; iterating it would read one input per character.
    if isinstance(inputs, str | Path):
        return [inputs]
    return inputs


def iter_pages(
    inputs: Sequence[str | Path], *, plain: bool = False, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawPage]:
    """Read every input lazily, one page per document; bad inputs become pages with `error` set."""
    for page in iter_raw(_as_list(inputs), Options(max_bytes=max_bytes)):
        if page.error is None:
            try:
                check_language(page.text, page.id)
            except InputError as exc:
                page.error, page.text = exc.reason, ""
        if plain:
            page.layout = "plain"
        yield page


def iter_texts_bare(inputs: Sequence[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[str]:
    """Decoded texts only, through the same readers: no language check, HTML not extracted, errors skipped."""
    for page in iter_raw(_as_list(inputs), Options(max_bytes=max_bytes, bare=True)):
        if page.error is None:
            yield page.text
