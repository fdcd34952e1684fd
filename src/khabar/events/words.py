"""The words of a whole text looked up once for the event coder: lookup forms, stops, lexicon hits,
speech and gap words per token, so that each sentence takes slices instead of looking its words up
again, and a sentence with no word that starts a trigger or speaks is passed over at once."""

from __future__ import annotations

import bisect
from functools import lru_cache

from khabar.events.actors import load_agents
from khabar.events.forms import WordForms, word_forms
from khabar.events.lexicon import Entry, Lexicon
from khabar.events.triggers import SentenceWords, lookup_word, word_info

Hits = tuple[tuple[Entry, bool, str], ...]


@lru_cache(maxsize=100_000)
def speech_flags(text: str) -> tuple[bool, bool]:
    """(a verb of saying, a time word or the like that may stand in a phrase's gap) for one word."""
    forms, agents = word_forms(text).all, load_agents()
    return not forms.isdisjoint(agents.speech_verbs), not forms.isdisjoint(agents.skip)


MAX_RECORDS = 300_000
Record = tuple[WordForms, bool, bool, bool, bool, Hits]  # forms, stop, word, speaks, skips, hits


def _record(text: str, lexicon: Lexicon) -> Record:
    forms, stop, word = word_info(text)
    speaks, skips = speech_flags(text)
    return forms, stop, word, speaks, skips, lookup_word(lexicon, text, forms)


class TextWords:
    """Per-token lookups of one text (tokens given as written, in order)."""

    def __init__(self, texts: list[str], lexicon: Lexicon) -> None:
        self.texts = texts
        self.lexicon = lexicon
        known = lexicon.words
        records: list[Record | None] = list(map(known.get, texts))
        if None in records:
            for n, found in enumerate(records):
                if found is None:
                    records[n] = known[texts[n]] = _record(texts[n], lexicon)
            if len(known) > MAX_RECORDS:
                known.clear()
        columns = tuple(zip(*records, strict=True)) if records else ((),) * 6
        self.forms: list[WordForms] = list(columns[0])
        self.stop: list[bool] = list(columns[1])
        self.words: list[bool] = list(columns[2])
        self.speaks: list[bool] = list(columns[3])
        self.skips: list[bool] = list(columns[4])
        self.hits: list[Hits] = list(columns[5])
        self.live = [i for i, r in enumerate(records) if r[3] or r[5]]  # type: ignore[index]
        self._all: frozenset[str] | None = None

    def any_live(self, first: int, last: int) -> bool:
        """Does a word in [first, last) start a trigger or speak?"""
        at = bisect.bisect_left(self.live, first)
        return at < len(self.live) and self.live[at] < last

    def all_forms(self) -> frozenset[str]:
        """Every lookup form of the text (what no sentence of it can go beyond)."""
        if self._all is None:
            self._all = frozenset().union(*(f.all for f in self.forms))
        return self._all

    def sentence(self, first: int, last: int) -> SentenceWords:
        return SentenceWords.from_lists(self.texts[first:last], self.forms[first:last], self.stop[first:last],
                                        self.words[first:last], (self.lexicon, self.hits[first:last]), self.all_forms)


