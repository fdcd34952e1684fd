"""Tokens: words, numbers and marks with offsets into the body, words split into clitics."""

from __future__ import annotations

import re

from khabar.article import Tokens
from khabar.lang.normalize import fold_word
from khabar.text.clitics import segment

_ARABIC = "\u0621-\u063a\u0640-\u065f\u0670-\u06d3\u06d5\u06e5\u06e6\u06ee\u06ef\u06fa-\u06fc\ufb50-\ufdff\ufe70-\ufefc"
TOKEN_RE = re.compile(
    rf"[{_ARABIC}]+"                                   # an Arabic word (diacritics and tatweel inside)
    r"|[0-9٠-٩۰-۹]+(?:[.,٫٬][0-9٠-٩۰-۹]+)*%?"          # a number, with decimals or thousands
    r"|[^\W\d_]+(?:['’][^\W\d_]+)?"                    # a word in another script
    r"|\S")                                            # any other mark on its own


_SPLITS: dict[str, tuple[int, int, str]] = {}
MAX_CACHED_WORDS = 500_000


def split_word(word: str) -> tuple[int, int, str]:
    """(prefix length, suffix length, stem key) of one token; cached, since word forms repeat."""
    found = _SPLITS.get(word)
    if found is None:
        found = segment(word) if word[0] >= "\u0600" else (0, 0, fold_word(word))
        if len(_SPLITS) < MAX_CACHED_WORDS:
            _SPLITS[word] = found
    return found


def tokenize(text: str) -> Tokens:
    """Tokens of `text` with offsets into it; Arabic words carry their clitic split."""
    spans = [m.span() for m in TOKEN_RE.finditer(text)]
    known = _SPLITS.get  # inlined for known words: a function call per token costs more than the lookup
    return Tokens(text, spans, [known(text[s:e]) or split_word(text[s:e]) for s, e in spans])
