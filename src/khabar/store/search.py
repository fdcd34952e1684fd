"""Full-text search over the search keys (keys.py): FTS5 match expressions and snippets.

A query is words and "quoted phrases"; every word must occur (in any form with the same key), and
each phrase as a run of keys. Ranking is BM25 with the headline weighing more than the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from khabar.store.keys import key_spans, text_keys
from khabar.text.tokens import tokenize

PHRASE_RE = re.compile(r'"([^"]*)"')
HEADLINE_WEIGHT = 3.0
BODY_WEIGHT = 1.0
RANK_FUNCTION = f"bm25({HEADLINE_WEIGHT}, {BODY_WEIGHT})"  # for `rank MATCH ?`
SNIPPET_CHARS = 90  # on each side of the first hit
# The body is searched for its first hit a stretch at a time: a hit is mostly near the start, and a
# snippet then costs the tokens of that stretch, not of the whole body.
SNIPPET_STRETCH = 600


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: its FTS5 expression (None when it has no word), the keys it looks for, and its
    terms (each a phrase's keys in order, or one word's key; all must match), from which another engine
    builds its own expression (pg.py)."""

    expression: str | None
    keys: tuple[str, ...]
    terms: tuple[tuple[str, ...], ...] = ()

    @property
    def phrases(self) -> tuple[str, ...]:
        """Each term as an FTS5 expression of its own (the expression is these, joined by AND)."""
        return tuple(_quoted(list(term)) for term in self.terms)


def _quoted(keys: list[str]) -> str:
    return '"' + " ".join(keys).replace('"', '""') + '"'


def parse_query(text: str) -> Query:
    """Words and phrases of `text` as an FTS5 expression over search keys (all must match)."""
    terms: list[tuple[str, ...]] = [tuple(keys) for keys in map(text_keys, PHRASE_RE.findall(text)) if keys]
    terms += [(key,) for key in text_keys(PHRASE_RE.sub(" ", text))]
    keys = [key for term in terms for key in term]
    return Query(" AND ".join(_quoted(list(term)) for term in terms) or None, tuple(dict.fromkeys(keys)),
                 tuple(terms))


def make_snippet(body: str, keys: tuple[str, ...]) -> tuple[str, list[tuple[int, int]]]:
    """A stretch of `body` around the first word with one of `keys`, and where the hits are in it.

    Without a hit, the start of the body."""
    first = _first_hit(body, keys) if keys else None
    if first is None:
        cut = body[: 2 * SNIPPET_CHARS]
        return (cut + "…" if len(body) > len(cut) else cut), []
    piece, hit_start, hit_end = first
    start = max(0, body.rfind(" ", 0, max(0, hit_start - SNIPPET_CHARS)) + 1) if hit_start > SNIPPET_CHARS else 0
    end = body.find(" ", min(len(body), hit_end + SNIPPET_CHARS))
    end = len(body) if end < 0 else end
    # Tokens never hold white space, so the text from `piece` (a token's start) to `end` (a space
    # or the end) is cut into the same tokens as the whole body there; no hit comes before the first.
    spans = _hits(body[piece:end], keys, piece)
    text = body[start:end].replace("\n", " ")
    hits = [(s - start, e - start) for s, e in spans if s >= start and e <= end]
    return ("…" if start else "") + text + ("…" if end < len(body) else ""), [
        (s + (1 if start else 0), e + (1 if start else 0)) for s, e in hits]


def _hits(text: str, keys: tuple[str, ...], offset: int) -> list[tuple[int, int]]:
    """Spans (shifted by `offset`) of the words of `text` whose search key is one of `keys`."""
    return [(start + offset, end + offset) for key, start, end in key_spans(tokenize(text)) if key in keys]


def _first_hit(body: str, keys: tuple[str, ...]) -> tuple[int, int, int] | None:
    """(start of the stretch holding it, start, end) of the first word of `body` with one of `keys`."""
    piece = 0
    while piece < len(body):
        cut = body.find(" ", piece + SNIPPET_STRETCH)  # a space: no token crosses it
        cut = len(body) if cut < 0 else cut
        spans = _hits(body[piece:cut], keys, piece)
        if spans:
            return piece, *spans[0]
        piece = cut
    return None
