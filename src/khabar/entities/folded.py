"""The folded words of a token list, made once per article and shared by the stages that match on
them (entities, quotes): each used to fold every token again."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from itertools import compress, count
from operator import itemgetter, or_

from khabar.article import Tokens
from khabar.lang.normalize import fold
from khabar.text.cache import word_cache

# Token lists remembered: the bodies and headlines of a whole pipeline batch (see Settings.batch,
# 128 by default), and the headlines tokenized again by later stages, since each stage goes over the
# batch before the next stage starts.
CACHED = 1024


@dataclass(frozen=True, slots=True)
class FoldedWords:
    words: list[str]  # as written
    norms: list[str]  # `fold` of each word
    keys: list[str]  # the folded stem of each word (Tokens.splits)
    starts: list[int]  # the offset of each word (Tokens.spans)


# Word → fold(word) in a plain dict: most tokens are words met before, and a dict lookup per token
# (word_cache.many) costs far less than a call of `fold`.
MAX_FOLDS = 500_000
_fold_word = word_cache(MAX_FOLDS)(fold)


# One string object per word form met, for the stages' word tables: a key that is the very object
# looked up matches at once, without its letters being read (a cache miss each, in tables this size).
_CANONICAL: dict[str, str] = {}


_KEY, _START = itemgetter(2), itemgetter(0)

# id(tokens) → (tokens, folded): holding the Tokens keeps its id from being reused while cached.
_recent: dict[int, tuple[Tokens, FoldedWords]] = {}


def folded_words(tokens: Tokens) -> FoldedWords:
    """The words of `tokens` folded; remembered by identity for the last token lists (a Tokens is
    not changed once the text stage has made it)."""
    known = _recent.get(id(tokens))
    if known is not None and known[0] is tokens and len(known[1].words) == len(tokens.spans):
        return known[1]
    if len(_CANONICAL) > MAX_FOLDS:
        _CANONICAL.clear()
    words = tokens.words()
    words[:] = map(_CANONICAL.setdefault, words, words)  # Tokens hands over its own list: same strings
    found = FoldedWords(words, _fold_word.many(words),  # type: ignore[attr-defined]
                        list(map(_KEY, tokens.splits)), list(map(_START, tokens.spans)))
    if len(_recent) >= CACHED:
        del _recent[next(iter(_recent))]  # the oldest
    _recent[id(tokens)] = (tokens, found)
    return found


def positions_in(words: Container[str], *columns: list[str], start: int = 0) -> list[int]:
    """Positions (counted from `start`) where the word of any column is one of `words`: the scans
    that pick the few tokens a name, title or institution can begin at, without a Python loop."""
    contains = words.__contains__
    flags = map(contains, columns[0])
    for column in columns[1:]:
        flags = map(or_, flags, map(contains, column))
    return list(compress(count(start), flags))
