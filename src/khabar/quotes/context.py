"""What the quotes layer reads an article through: tokens with their sentences, body mentions, the
knowledge base, and the speakers found so far."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from khabar.article import Article, Mention, Token
from khabar.kb import KnowledgeBase
from khabar.lang.normalize import fold_map
from khabar.quotes.lexicon import CueWord
from khabar.quotes.marks import MARKS


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who speaks, as written at [start, end) of the body, with the English name and id when known."""

    text: str
    start: int
    end: int
    en: str | None = None
    id: str | None = None


@dataclass(slots=True)
class Cue:
    """A speech word at token `index` and the speaker it gives (None until worked out)."""

    index: int
    word: CueWord
    conj: bool  # written with و/ف
    suffix: str  # pronoun suffix of a verbal noun ("قولها")
    sentence: int
    speaker: Speaker | None = None
    explicit: bool = False  # the speaker is named at this cue (not carried over)


class Context:
    """One article as the quotes layer reads it; built once per article by the step."""

    def __init__(self, article: Article, kb: KnowledgeBase) -> None:
        self.body = article.body
        self.words: list[Token] = list(article.tokens)
        self.starts = [t.start for t in self.words]
        spans = [(s.start, s.end) for s in article.sentences] or [(0, len(self.body))]
        self.sentence_starts = [s for s, _ in spans]
        self.sentence_of = [max(bisect.bisect_right(self.sentence_starts, t.start) - 1, 0) for t in self.words]
        self.sentence_range: list[tuple[int, int]] = [(0, 0)] * len(spans)
        for i in range(len(self.words) - 1, -1, -1):
            lo, hi = self.sentence_range[self.sentence_of[i]]
            self.sentence_range[self.sentence_of[i]] = (i, hi or i + 1)
        self.mentions: list[Mention] = sorted((m for m in article.mentions if m.where == "body"),
                                              key=lambda m: (m.start, -m.end))
        self.kb = kb
        self.transparent: set[int] = set()  # offsets of marks around names: no boundary for a speaker
        self.cues: list[Cue] = []
        self._folded: tuple[str, list[int]] | None = None

    def token_at(self, offset: int) -> int:
        """Index of the first token starting at or after `offset`."""
        return bisect.bisect_left(self.starts, offset)

    def sentence_at(self, offset: int) -> int:
        return max(bisect.bisect_right(self.sentence_starts, offset) - 1, 0)

    def bounds(self, index: int) -> tuple[int, int]:
        """Token range of the sentence of token `index`."""
        return self.sentence_range[self.sentence_of[index]]

    def is_mark(self, index: int) -> bool:
        return self.words[index].text in MARKS

    def is_word(self, index: int) -> bool:
        return self.words[index].text[0].isalpha()

    def mention_at(self, offset: int) -> Mention | None:
        """A body mention covering `offset`."""
        for m in self.mentions:
            if m.start > offset:
                break
            if m.start <= offset < m.end:
                return m
        return None

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if m.start < end and start < m.end]

    def folded(self) -> tuple[str, list[int]]:
        """The body folded (for finding a phrase again), with each folded character's body offset."""
        if self._folded is None:
            self._folded = fold_map(self.body)
        return self._folded

    def text(self, lo: int, hi: int) -> tuple[str, int, int]:
        """Text and body offsets of tokens [lo, hi), without a preposition glued to the first one."""
        first = self.words[lo]
        glued = self.body[first.start:first.stem_start]
        start = first.stem_start if glued in ("ل", "ب") else first.start
        end = self.words[hi - 1].end
        return self.body[start:end], start, end
