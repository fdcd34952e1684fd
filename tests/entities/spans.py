"""Mentions of a composed text given the tagger's spans by their words (shared by the span tests)."""

from __future__ import annotations

from khabar.article import Mention
from khabar.entities.gazetteer import default_gazetteer
from khabar.entities.link import find_mentions
from khabar.text.tokens import tokenize


def tagged_mentions(text: str, tagged: list[tuple[str, str]] = ()) -> list[Mention]:
    """Mentions of `text` when the tagger found `tagged`, each given as (its words, its type)."""
    tokens = tokenize(text)
    words = [tokens.text[s:e] for s, e in tokens.spans]
    spans = []
    for phrase, type_ in tagged:
        parts = phrase.split()
        first = next(i for i in range(len(words)) if words[i:i + len(parts)] == parts)
        spans.append((first, first + len(parts), type_))
    found, _ = find_mentions(text, tokens, spans, default_gazetteer())
    return found
