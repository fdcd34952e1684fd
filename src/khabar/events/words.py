"""The words of a whole text looked up once for the event coder: lookup forms, stops, lexicon hits,
speech and gap words per token, so that each sentence takes slices instead of looking its words up
again, and a sentence with no word that starts a trigger or speaks is passed over at once."""

from __future__ import annotations

from itertools import compress, count, repeat
from operator import is_, itemgetter

from khabar.events.actors import load_agents
from khabar.events.forms import WordForms, word_forms
from khabar.events.lexicon import Entry, Lexicon
from khabar.events.triggers import SentenceWords, lookup_word, word_info
from khabar.lang.normalize import fold

Hits = tuple[tuple[Entry, bool, str], ...]


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


_FORMS, _STOP, _WORD, _SPEAKS, _SKIPS, _HITS = (itemgetter(n) for n in range(6))


class TextWords:
    """Per-token lookups of one text (tokens given as written, in order); a sentence's columns are
    cut from them only when the sentence has a live word."""

    def __init__(self, texts: list[str], lexicon: Lexicon, norms: list[str] | None = None) -> None:
        self.texts = texts
        self.norms = norms if norms is not None else list(map(fold, texts))  # `fold` of each
        self.lexicon = lexicon
        known, live = lexicon.words, lexicon.live_words
        records: list[Record | None] = list(map(known.get, texts))
        if None in records:
            if len(known) > MAX_RECORDS:
                known.clear()
                live.clear()
                records = [None] * len(texts)  # made afresh: `live` must hold every live word of this text
            for n in list(compress(count(), map(is_, records, repeat(None)))):  # the words not met before
                found = known.get(texts[n])  # made already if the word came earlier in this text
                if found is None:
                    found = known[texts[n]] = _record(texts[n], lexicon)
                    if found[3] or found[5]:
                        live.add(texts[n])
                records[n] = found
        self.records: list[Record] = records  # type: ignore[assignment]

    def any_live(self, first: int, last: int) -> bool:
        """Does a word in [first, last) start a trigger or speak?"""
        return not self.lexicon.live_words.isdisjoint(self.texts[first:last])

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
                                        list(map(_WORD, records)), (self.lexicon, list(map(_HITS, records))),
                                        self.norms[first:last])
