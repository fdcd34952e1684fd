"""The words of a whole text looked up once for the event coder: lookup forms, stops, lexicon hits,
speech and gap words per token (from the word table's column of the event tables), so that each
sentence takes slices instead of looking its words up again, and a sentence with no word that starts
a trigger or speaks is passed over at once."""

from __future__ import annotations

from operator import itemgetter
from typing import TYPE_CHECKING

from khabar.events.triggers import SentenceWords
from khabar.lang.normalize import fold

if TYPE_CHECKING:
    from khabar.events.tables import EventTables, Record

_FORMS, _STOP, _WORD, _SPEAKS, _SKIPS, _HITS = (itemgetter(n) for n in range(6))


class TextWords:
    """Per-token lookups of one text (tokens given as written, in order); a sentence's columns are
    cut from them only when the sentence has a live word."""

    def __init__(self, texts: list[str], tables: EventTables, norms: list[str] | None = None) -> None:
        self.texts = texts
        self.norms = norms if norms is not None else list(map(fold, texts))  # `fold` of each
        self.tables = tables
        self.records: list[Record] = tables.records.many(texts)
        self.live = [r[3] or bool(r[5]) for r in self.records]  # starts a trigger or speaks

    def any_live(self, first: int, last: int) -> bool:
        """Does a word in [first, last) start a trigger or speak?"""
        return any(self.live[first:last])

    def any_hits(self, first: int, last: int) -> bool:
        """Does a word in [first, last) start a lexicon entry? (Else no trigger can match there.)"""
        return any(map(_HITS, self.records[first:last]))

    def speech(self, first: int, last: int) -> bool:
        """Does a word in [first, last) speak?"""
        return any(map(_SPEAKS, self.records[first:last]))

    def skips(self, first: int, last: int) -> frozenset[int]:
        """Positions (from `first`) of the words that may stand in a phrase's gap."""
        return frozenset(i for i, skips in enumerate(map(_SKIPS, self.records[first:last])) if skips)

    def sentence(self, first: int, last: int) -> SentenceWords:
        records = self.records[first:last]
        return SentenceWords.from_lists(self.texts[first:last], list(map(_FORMS, records)), list(map(_STOP, records)),
                                        list(map(_WORD, records)), self.tables,
                                        (self.tables.lexicon, list(map(_HITS, records))), self.norms[first:last])
