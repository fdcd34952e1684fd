"""What the quotes layer reads an article through: tokens with their sentences, body mentions, the
knowledge base, and the speakers found so far."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate, repeat
from typing import Any, TypeVar, overload

from khabar.article import Article, Mention, Token, Tokens
from khabar.kb import KnowledgeBase
from khabar.lang.normalize import fold_map
from khabar.quotes.lexicon import CueWord
from khabar.quotes.marks import MARKS
from khabar.text.words import folded_words

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who speaks, as written at [start, end) of the body, with the English name and id when known."""

    text: str
    start: int
    end: int
    en: str | None = None
    id: str | None = None
    country: str | None = None  # ISO3 of the state an institution speaks for, when the mention gives one


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


class TokenViews(Sequence[Token]):
    """The article's tokens as Token records, each made when first asked for: most are never looked
    at one by one (the scans go through `norms`)."""

    def __init__(self, tokens: Tokens) -> None:
        self.tokens = tokens
        folded = folded_words(tokens)
        self.texts, self.norms, self.keys, self.starts = folded.words, folded.norms, folded.keys, folded.starts
        self._made: list[Token | None] = [None] * len(self.texts)

    def __len__(self) -> int:
        return len(self.texts)

    @overload
    def __getitem__(self, index: int) -> Token: ...

    @overload
    def __getitem__(self, index: slice) -> list[Token]: ...

    def __getitem__(self, index: int | slice) -> Token | list[Token]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        token = self._made[index]
        if token is None:
            start, end = self.tokens.spans[index]
            prefix, suffix, key = self.tokens.splits[index]
            token = Token(start, end, self.texts[index], self.norms[index], key, prefix, suffix)
            self._made[index] = token
        return token


def _as_tokens(body: str, tokens: Sequence[Token]) -> Tokens:
    return Tokens(body, [(t.start, t.end) for t in tokens], [(t.prefix, t.suffix, t.key) for t in tokens])


def _sentence_of(starts: list[int], sentence_starts: list[int]) -> list[int]:
    """Index of the sentence of each token (the last sentence starting at or before it; 0 before the
    first); both lists sorted."""
    # sentence k holds the tokens from the first one starting at or after it up to the next one's
    firsts = [0, *(bisect.bisect_left(starts, s) for s in sentence_starts[1:]), len(starts)]
    out: list[int] = []
    for k in range(len(firsts) - 1):
        out.extend(repeat(k, firsts[k + 1] - firsts[k]))
    return out


class Context:
    """One article as the quotes layer reads it; built once per article by the step."""

    def __init__(self, article: Article, kb: KnowledgeBase) -> None:
        self.body = article.body
        tokens = article.tokens if isinstance(article.tokens, Tokens) else _as_tokens(article.body, article.tokens)
        self.words = TokenViews(tokens)
        # for scans, without making Token records
        self.norms, self.texts, self.keys = self.words.norms, self.words.texts, self.words.keys
        self.starts = self.words.starts
        spans = [(s.start, s.end) for s in article.sentences] or [(0, len(self.body))]
        self.sentence_starts = [s for s, _ in spans]
        self.sentence_of = _sentence_of(self.starts, self.sentence_starts)
        # token range of each sentence ((0, 0) when it has none); sentence_of never decreases
        self.sentence_range: list[tuple[int, int]] = [
            (lo, hi) if (lo := bisect.bisect_left(self.sentence_of, n)) < (hi := bisect.bisect_right(self.sentence_of, n))
            else (0, 0) for n in range(len(spans))]
        # with the institutions the entity layer reads as descriptors ("الحكومة البريطانية"): no entity
        # of the article, yet a speaker
        described = [m for m in getattr(article, "references", ()) or ()
                     if m.kind == "descriptor" and m.type == "ORG" and m.where == "body"]
        self.mentions: list[Mention] = sorted((*(m for m in article.mentions if m.where == "body"), *described),
                                              key=lambda m: (m.start, -m.end))
        self.mention_starts = [m.start for m in self.mentions]
        self._reach = list(accumulate((m.end for m in self.mentions), max))  # furthest end so far
        self.kb = kb
        # titles the entity layer resolved to a person ("الرئيس الأمريكي" -> the president on that date)
        self.titles: list[Mention] = sorted((m for m in getattr(article, "references", ()) or ()
                                             if m.kind == "title" and m.id), key=lambda m: m.start)
        self.transparent: set[int] = set()  # offsets of marks around names: no boundary for a speaker
        self._indexes: dict[Callable[[Context], Any], Any] = {}  # see `index`
        self.cues = []  # the article's cues, in text order, once they are known (see `cues`)
        # the speaker named at the first settled cue (in text order) ending at each body offset:
        # an apposition looks its speaker up here, not through every cue for each occurrence
        self.named_at_end: dict[int, Speaker] = {}
        self._folded: tuple[str, list[int]] | None = None

    @property
    def cues(self) -> list[Cue]:
        return self._cues

    @cues.setter
    def cues(self, cues: list[Cue]) -> None:
        self._cues = cues
        self.cue_indexes = [cue.index for cue in cues]  # for bisection without a key function

    def index(self, build: Callable[[Context], T]) -> T:
        """What `build` makes of this article (an index speaker resolution looks things up in, instead
        of reading the article again for each cue), made on first request."""
        found = self._indexes.get(build)
        if found is None:
            found = self._indexes[build] = build(self)
        return found

    def settle(self, cue: Cue, speaker: Speaker | None, explicit: bool) -> None:
        """Give `cue` its speaker (cues are settled once each, in text order)."""
        cue.speaker, cue.explicit = speaker, explicit
        if explicit and speaker is not None:
            self.named_at_end.setdefault(speaker.end, speaker)

    def token_at(self, offset: int) -> int:
        """Index of the first token starting at or after `offset`."""
        return bisect.bisect_left(self.starts, offset)

    def sentence_at(self, offset: int) -> int:
        return max(bisect.bisect_right(self.sentence_starts, offset) - 1, 0)

    def bounds(self, index: int) -> tuple[int, int]:
        """Token range of the sentence of token `index`."""
        return self.sentence_range[self.sentence_of[index]]

    def is_mark(self, index: int) -> bool:
        return self.texts[index] in MARKS

    def is_word(self, index: int) -> bool:
        return self.texts[index][0].isalpha()

    def mention_at(self, offset: int) -> Mention | None:
        """A body mention covering `offset`."""
        # the first mention (in order) ending after `offset` is the one, if it starts at or before it
        first = bisect.bisect_right(self._reach, offset)
        return self.mentions[first] if first < bisect.bisect_right(self.mention_starts, offset) else None

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """The body mentions overlapping [start, end), in order."""
        # those before `first` all end by `start`; those from `last` on start at or after `end`
        first, last = bisect.bisect_right(self._reach, start), bisect.bisect_left(self.mention_starts, end)
        return [m for m in self.mentions[first:last] if start < m.end]

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


def _cue_index(cue: Cue) -> int:
    return cue.index


def cues_between(cues: Sequence[Cue], lo: int, hi: int) -> Sequence[Cue]:
    """The cues of `cues` (in text order) at tokens [lo, hi), found by bisection: scanning every cue
    for every quotation made a long document quadratic."""
    return cues[bisect.bisect_left(cues, lo, key=_cue_index):bisect.bisect_left(cues, hi, key=_cue_index)]
