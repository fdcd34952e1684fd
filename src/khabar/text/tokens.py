"""Tokens: words, numbers and marks with offsets into the body, words split into clitics."""

from __future__ import annotations

import re
from itertools import accumulate

from khabar.article import Tokens
from khabar.lang.normalize import fold_text
from khabar.resources import Resources
from khabar.text.clitics import splitter

_ARABIC = "\u0621-\u063a\u0640-\u065f\u0670-\u06d3\u06d5\u06e5\u06e6\u06ee\u06ef\u06fa-\u06fc\ufb50-\ufdff\ufe70-\ufefc"
_DIGITS = "0-9٠-٩۰-۹"
TOKEN_RE = re.compile(
    rf"[{_ARABIC}]+"                                   # an Arabic word (diacritics and tatweel inside)
    rf"|[{_DIGITS}]+(?:[.,٫٬][{_DIGITS}]+)*%?"          # a number, with decimals or thousands
    r"|[^\W\d_]+(?:['’][^\W\d_]+)?"                    # a word in another script
    r"|\S")                                            # any other mark on its own
# TOKEN_RE as one non-space character and, by what it is, the rest of its token: a pattern that
# starts with a character class lets the regex engine skip white space without a match attempt
# at each space.
# A hashtag's marks are white space to the reader: "#" before a letter, "_" between two letters
# ("#ولي_العهد" reads as "ولي العهد"); names written as posts are then read as names.
_SPLIT_TOKEN = (r"(?!#(?=[^\W\d_])|(?<=[^\W\d_])_(?=[^\W\d_]))"
                rf"\S(?:(?<=[{_ARABIC}])[{_ARABIC}]*"
                rf"|(?<=[{_DIGITS}])[{_DIGITS}]*(?:[.,٫٬][{_DIGITS}]+)*%?"
                r"|(?<=[^\W\d_])[^\W\d_]*(?:['’][^\W\d_]+)?"
                r"|)")
# Splitting on the token pattern gives gap, token, gap, token, … gap: the running sum of their
# lengths is every boundary, without a match object per token.
_SPLIT_RE = re.compile(f"({_SPLIT_TOKEN})")


def tokenize(text: str, resources: Resources | None = None) -> Tokens:
    """Tokens of `text` with offsets into it; Arabic words carry their clitic split. Each word form is
    looked up in the word table of `resources` (default: the process's shared Resources): its split,
    string object and fold are worked out once (the last two when a later stage first asks)."""
    resources = resources or Resources.default()
    table = resources.words
    parts = _SPLIT_RE.split(text)
    ends = list(accumulate(map(len, parts)))
    words = parts[1::2]
    splits = table.column(resources.get(splitter)).many(words)
    pairs = iter(ends)  # (end of the gap before a token, end of the token): its span
    return Tokens(text, list(zip(pairs, pairs, strict=False)), splits, words,  # the last gap is left over
                  table.intern, table.column(fold_text).many)
