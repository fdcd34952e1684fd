"""khabar: read Arabic news into structured, linked, searchable knowledge.

    >>> import khabar
    >>> article = khabar.read(text, date=datetime.date(2024, 4, 20))

`read` and `Article` are loaded on first use, so importing khabar stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Article", "read", "__version__"]

if TYPE_CHECKING:
    from khabar.article import Article
    from khabar.pipeline import read


def __getattr__(name: str) -> Any:
    if name == "read":
        from khabar.pipeline import read

        return read
    if name == "Article":
        from khabar.article import Article

        return Article
    raise AttributeError(f"module 'khabar' has no attribute {name!r}")
