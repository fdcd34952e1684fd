"""The folded words of a token list, as the stages that match on them read them (entities, quotes,
events), and the scan that picks the positions worth a closer look."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from itertools import compress, count
from operator import or_

from khabar.article import Tokens


@dataclass(frozen=True, slots=True)
class FoldedWords:
    words: list[str]  # as written
    norms: list[str]  # `fold` of each word
    keys: list[str]  # the folded stem of each word (Tokens.splits)
    starts: list[int]  # the offset of each word (Tokens.spans)


def folded_words(tokens: Tokens) -> FoldedWords:
    """The words of `tokens` with their folds (worked out by the text stage, through the word table),
    stems and offsets."""
    return FoldedWords(tokens.words(), tokens.norms(), tokens.keys(), tokens.starts())


def positions_in(words: Container[str], *columns: list[str], start: int = 0) -> list[int]:
    """Positions (counted from `start`) where the word of any column is one of `words`: the scans
    that pick the few tokens a name, title or institution can begin at, without a Python loop."""
    contains = words.__contains__
    flags = map(contains, columns[0])
    for column in columns[1:]:
        flags = map(or_, flags, map(contains, column))
    return list(compress(count(start), flags))
