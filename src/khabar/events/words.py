"""The words of a whole text looked up once for the event coder: lookup forms, stops, lexicon hits,
speech and gap words per token (from the word table's column of the event tables), so that each
sentence takes slices instead of looking its words up again, and a sentence with no word that starts
a trigger or speaks is passed over at once."""

from __future__ import annotations

from itertools import compress, repeat
from operator import itemgetter
from typing import TYPE_CHECKING, cast

from khabar.events.triggers import SentenceWords
from khabar.lang.normalize import fold

if TYPE_CHECKING:
    from khabar.events.forms import WordForms
    from khabar.events.tables import EventTables, Flags

_FORMS, _STOP, _WORD, _SPEAKS, _SKIPS, _HITS = (itemgetter(n) for n in range(6))


class TextWords:
    """Per-token lookups of one text (tokens given as written, in order); a sentence's columns are
    cut from them only when the sentence has a live word."""

    def __init__(self, texts: list[str], tables: EventTables, norms: list[str] | None = None) -> None:
        self.texts = texts
        self.norms = norms if norms is not None else list(map(fold, texts))  # `fold` of each
        self.tables = tables
        records: list[Flags | None] = list(map(tables.records.known.get, texts, repeat(None)))
        if None in records:  # words not met before: marks and foreign words mostly need no forms
            quick, column = tables.quick_record, tables.records
            made: dict[str, Flags] = {}  # a quick record is not kept in the column: once per text here
            records = [r or made.get(t) or made.setdefault(t, quick(t, n) or column(t))
                       for r, t, n in zip(records, texts, self.norms, strict=True)]
        self.records = cast("list[Flags]", records)
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
        return frozenset(compress(range(last - first), map(_SKIPS, self.records[first:last])))

    def sentence(self, first: int, last: int) -> SentenceWords:
        texts, records = self.texts[first:last], self.records[first:last]
        forms = list(map(_FORMS, records))
        if None in forms:  # a quick record's forms, made now that a sentence needs them
            column = self.tables.forms
            forms = [f or column(t) for f, t in zip(forms, texts, strict=True)]
        return SentenceWords.from_lists(texts, cast("list[WordForms]", forms), list(map(_STOP, records)),
                                        list(map(_WORD, records)), self.tables,
                                        (self.tables.lexicon, list(map(_HITS, records))), self.norms[first:last])
