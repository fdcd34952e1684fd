"""The folded words of a token list, made once per article and shared by the stages that match on
them (entities, quotes): each used to fold every token again."""

from __future__ import annotations

from dataclasses import dataclass

from khabar.article import Tokens
from khabar.lang.normalize import fold

CACHED = 4  # token lists remembered (the body and the headline of the article being read)


@dataclass(frozen=True, slots=True)
class FoldedWords:
    words: list[str]  # as written
    norms: list[str]  # `fold` of each word
    keys: list[str]  # the folded stem of each word (Tokens.splits)


_recent: list[tuple[Tokens, FoldedWords]] = []


def folded_words(tokens: Tokens) -> FoldedWords:
    """The words of `tokens` folded; remembered by identity for the last few token lists (a Tokens
    is not changed once the text stage has made it)."""
    for known, found in _recent:
        if known is tokens and len(found.words) == len(tokens.spans):
            return found
    words = tokens.words()
    found = FoldedWords(words, list(map(fold, words)), [split[2] for split in tokens.splits])
    _recent.insert(0, (tokens, found))
    del _recent[CACHED:]
    return found
