"""The words of a whole text looked up once for the event coder: lookup forms, stops, lexicon hits,
speech and gap words per token (from the word table's column of the event tables), so that each
sentence takes slices instead of looking its words up again, and a sentence with no word that starts
a trigger or speaks is passed over at once."""

from __future__ import annotations

from itertools import compress, count, repeat
from operator import itemgetter
from typing import TYPE_CHECKING

from khabar.events.triggers import SentenceWords
from khabar.lang.normalize import fold

if TYPE_CHECKING:
    from khabar.events.tables import EventTables, Flags, Hits

_FORMS, _STOP, _WORD, _SPEAKS, _SKIPS, _HITS = (itemgetter(n) for n in range(6))


# Tokens looked up at once: a whole long text (random characters, every token a new form) held a
# record per token, and the word table keeps no record of most of them.
RECORDS_AT_ONCE = 65_536


class TextWords:
    """Per-token flags of one text (tokens given as written, in order); a sentence's columns are cut
    from the word table's records only when the sentence has a live word."""

    def __init__(self, texts: list[str], tables: EventTables, norms: list[str] | None = None) -> None:
        self.texts = texts
        self.norms = norms if norms is not None else list(map(fold, texts))  # `fold` of each
        self.tables = tables
        self.speaks: list[bool] = []
        self.hits: list[Hits] = []  # lexicon entries each word starts
        self.skip: list[bool] = []
        known, quick, column = tables.records.known.get, tables.quick_record, tables.records
        for first in range(0, len(texts), RECORDS_AT_ONCE):
            chunk = texts[first:first + RECORDS_AT_ONCE]
            records: list[Flags | None] = list(map(known, chunk, repeat(None)))
            if None in records:  # words not met before: most marks and foreign words need no forms
                records = [r or quick(t, n) or column(t) for r, t, n in
                           zip(records, chunk, self.norms[first:first + RECORDS_AT_ONCE], strict=True)]
            self.speaks += map(_SPEAKS, records)
            self.hits += map(_HITS, records)
            self.skip += map(_SKIPS, records)
        self.live = list(map(_live, self.speaks, self.hits))  # starts a trigger or speaks

    def any_live(self, first: int, last: int) -> bool:
        """Does a word in [first, last) start a trigger or speak?"""
        return any(self.live[first:last])

    def any_hits(self, first: int, last: int) -> bool:
        """Does a word in [first, last) start a lexicon entry? (Else no trigger can match there.)"""
        return any(self.hits[first:last])

    def speech(self, first: int, last: int) -> bool:
        """Does a word in [first, last) speak?"""
        return any(self.speaks[first:last])

    def skips(self, first: int, last: int) -> frozenset[int]:
        """Positions (from `first`) of the words that may stand in a phrase's gap."""
        return frozenset(compress(count(), self.skip[first:last]))

    def sentence(self, first: int, last: int) -> SentenceWords:
        texts = self.texts[first:last]
        records = self.tables.records.many(texts)
        return SentenceWords.from_lists(texts, list(map(_FORMS, records)), list(map(_STOP, records)),
                                        list(map(_WORD, records)), self.tables,
                                        (self.tables.lexicon, self.hits[first:last]), self.norms[first:last])


def _live(speaks: bool, hits: Hits) -> bool:
    return speaks or bool(hits)
