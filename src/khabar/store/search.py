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
RANKING = f"bm25({HEADLINE_WEIGHT}, {BODY_WEIGHT})"
SNIPPET_CHARS = 90  # on each side of the first hit


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: its FTS5 expression (None when it has no word), the keys it looks for, and its
    terms (each a phrase's keys in order, or one word's key; all must match), from which another engine
    builds its own expression (pg.py)."""

    expression: str | None
    keys: tuple[str, ...]
    terms: tuple[tuple[str, ...], ...] = ()


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
    spans = [(start, end) for key, start, end in key_spans(tokenize(body)) if key in keys] if keys else []
    if not spans:
        cut = body[: 2 * SNIPPET_CHARS]
        return (cut + "…" if len(body) > len(cut) else cut), []
    first = spans[0][0]
    start = max(0, body.rfind(" ", 0, max(0, first - SNIPPET_CHARS)) + 1) if first > SNIPPET_CHARS else 0
    end = body.find(" ", min(len(body), spans[0][1] + SNIPPET_CHARS))
    end = len(body) if end < 0 else end
    text = body[start:end].replace("\n", " ")
    hits = [(s - start, e - start) for s, e in spans if s >= start and e <= end]
    return ("…" if start else "") + text + ("…" if end < len(body) else ""), [
        (s + (1 if start else 0), e + (1 if start else 0)) for s, e in hits]
