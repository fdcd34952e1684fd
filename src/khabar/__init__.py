"""khabar: read Arabic news into structured, linked, searchable knowledge.

    >>> import khabar
    >>> article = khabar.read(text, date=datetime.date(2024, 4, 20))
    >>> for article in khabar.read_many(texts, batch=128): ...

`read` raises khabar.errors.InputError for a text the command line refuses (empty, binary, not
Arabic, too large); `read_many` streams many texts (or dicts with id, text, date) through the
pipeline's batches. Names: `article.mentions` are the entity mentions (JSON `entities`, as in
CONTRACT.md), `article.entity_list` the distinct entities (JSON `entity_list`; `article.entities` is
the same list, the dataclass field); see `Article`.
`read`, `read_many` and `Article` are loaded on first use, so importing khabar stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Article", "read", "read_many", "__version__"]

if TYPE_CHECKING:
    from khabar.article import Article
    from khabar.pipeline import read, read_many


def __getattr__(name: str) -> Any:
    if name == "read":
        from khabar.pipeline import read

        return read
    if name == "read_many":
        from khabar.pipeline import read_many

        return read_many
    if name == "Article":
        from khabar.article import Article

        return Article
    raise AttributeError(f"module 'khabar' has no attribute {name!r}")
