"""Search keys: the form every word takes in the full-text index, and in a query.

A word's key starts from its token key (khabar.text: letters folded, proclitics and pronoun suffixes
split off, "لل" given back its article), then is lightly stemmed: the article "ال" and one plural or
feminine ending come off, when enough of the word is left. So "وبالولايات", "الولايات" and "ولاية"
all become "ولاي". The index and the query use the same function, so what one finds the other holds.
"""

from __future__ import annotations

from khabar.article import Tokens
from khabar.resources import Resources
from khabar.text.tokens import tokenize

ARTICLE = "ال"
# Endings as folded (ة → ه); the first that matches comes off. "ي" and "يه" stay, so that a
# nisba keeps its "ي" in every form ("عربي", "عربية" → "عربي").
ENDINGS = ("ات", "ون", "ين", "ان", "ه")
MIN_AFTER_ARTICLE = 2
MIN_STEM_CHARS = 3


def light_stem(key: str) -> str:
    """The search form of one token key (already folded and without clitics)."""
    if key.startswith(ARTICLE) and len(key) - len(ARTICLE) >= MIN_AFTER_ARTICLE:
        key = key[len(ARTICLE):]
    for ending in ENDINGS:
        if key.endswith(ending) and len(key) - len(ending) >= MIN_STEM_CHARS:
            return key[: -len(ending)]
    return key


def search_key(key: str) -> str | None:
    """The search key of one token key; None for marks (no letter or digit)."""
    if not any(ch.isalnum() for ch in key):
        return None
    return light_stem(key).lower()


def token_keys(tokens: Tokens) -> list[str]:
    """Search keys of the word tokens, in order (marks have none)."""
    keys = _search_keys([key for _, _, key in tokens.splits])
    return [key for key in keys if key is not None]


def _search_keys(keys: list[str]) -> list[str | None]:
    """`search_key` of each token key, remembered per form in the word table (words repeat)."""
    return Resources.default().column(search_key).many(keys)


def text_keys(text: str) -> list[str]:
    """Search keys of a text (a headline, a query)."""
    return token_keys(tokenize(text))


def key_spans(tokens: Tokens) -> list[tuple[str, int, int]]:
    """(search key, start, end) of each word token: where a key stands in the text."""
    found = []
    searches = _search_keys([key for _, _, key in tokens.splits])
    for (start, end), search in zip(tokens.spans, searches, strict=True):
        if search is not None:
            found.append((search, start, end))
    return found
