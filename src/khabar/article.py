"""The Article and its records. Offsets are half-open [start, end) into the text named by each record.

One writer per field: the page stage sets headline, dateline, agency, body, end marker, initials and
dropped furniture; the text stage sets sentences and tokens; later stages add their own lists.
`to_dict` is the one place where JSON names are decided (see CONTRACT.md).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

from khabar.lang.normalize import fold


@dataclass(frozen=True, slots=True)
class Span:
    """Text taken from `raw` at [start, end)."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Dateline:
    """Where and when a dispatch was filed, as its first line says. Offsets into `raw`."""

    start: int
    end: int
    place: str | None = None
    place_en: str | None = None
    country: str | None = None
    day: int | None = None
    month: int | None = None
    year: int | None = None
    date: str | None = None
    hijri: str | None = None
    weekday: int | None = None  # 0 = Monday, as in datetime
    inherited_from: str | None = None  # id of the dispatch whose dateline a continuation part takes

    def to_dict(self) -> dict[str, Any]:
        out = {k: getattr(self, k) for k in ("place", "place_en", "country", "day", "month", "year", "date")}
        if self.hijri:
            out["hijri"] = self.hijri
        if self.inherited_from:
            out["inherited_from"] = self.inherited_from
            out["start"] = out["end"] = None  # the text stands in the other dispatch
        else:
            out["start"], out["end"] = self.start, self.end
        return out


@dataclass(frozen=True, slots=True)
class Dropped:
    """A stretch of raw text kept out of the body, and why."""

    start: int
    end: int
    reason: str


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Token:
    """A word or mark of the body. The word splits into proclitics, stem and pronoun suffix:
    body[start:start+prefix] + body[stem_start:stem_end] + body[end-suffix:end] == text.
    `norm` folds the whole word; `key` is the folded stem (article restored after "لل")."""

    start: int
    end: int
    text: str
    norm: str
    key: str
    prefix: int = 0
    suffix: int = 0

    @property
    def stem_start(self) -> int:
        return self.start + self.prefix

    @property
    def stem_end(self) -> int:
        return self.end - self.suffix


@dataclass(frozen=True, slots=True)
class Mention:
    """A named entity as written: [start, end) into the body, or into the headline when
    `where == "headline"`. Linked fields are None when the knowledge base has no entry."""

    start: int
    end: int
    text: str
    type: str  # PER | ORG | LOC | MISC
    name_en: str | None = None
    id: str | None = None  # Wikidata QID where known, else a khabar id
    country: str | None = None  # ISO3 of the state the entity is, or belongs to / serves
    where: str = "body"
    kind: str | None = None  # state, city, region, org, person … (from the knowledge base)
    how: str = "ner"  # what found it: ner, kb (dictionary match), title, demonym, short name …
    name_from: str | None = None  # where name_en comes from: kb (the default), romanised, translated

    def to_dict(self) -> dict[str, Any]:
        out = {"text": self.text, "start": self.start, "end": self.end, "type": self.type,
               "name_en": self.name_en, "id": self.id, "country": self.country}
        if self.where != "body":
            out["in"] = self.where
        if self.kind:
            out["kind"] = self.kind
        out["how"] = self.how
        if self.name_en is not None:
            out["name_from"] = self.name_from or "kb"
        return out


@dataclass(frozen=True, slots=True)
class Entity:
    """One distinct entity of the article with the indexes of its mentions in `Article.mentions`."""

    id: str
    type: str
    name_en: str | None
    country: str | None
    mentions: tuple[int, ...]
    name_ar: str | None = None  # the knowledge base's Arabic name (never a misread form); None unlinked

    def to_dict(self, mentions: Sequence[Mention]) -> dict[str, Any]:
        out = {"id": self.id, "type": self.type, "name_en": self.name_en, "country": self.country,
               "mentions": [mentions[i].text for i in self.mentions]}
        if self.name_ar:
            out["name_ar"] = self.name_ar
        return out


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, read from one sentence (index into `sentences`, -1 for the headline).

    `source`/`target` are ISO3 codes (or codes of international organisations), None when the
    actor is not a state or cannot be coded. Offsets of trigger and actors point into the body
    (or the headline for sentence -1)."""

    type: str  # PLOVER event type
    sentence: int
    trigger: str
    trigger_start: int
    trigger_end: int
    source: str | None = None
    target: str | None = None
    source_text: str | None = None
    target_text: str | None = None
    source_sector: str | None = None  # GOV, MIL, OPP … when a title says so
    target_sector: str | None = None
    mode: str | None = None  # PLOVER mode, where the text shows it
    negated: bool = False
    future: bool = False
    hypothetical: bool = False
    cameo: str | None = None  # CAMEO code as the trigger gives it: the root (two digits) or a full code of 3-4
    quad_class: int | None = None  # GDELT QuadClass 1..4
    goldstein: float | None = None
    # how the trigger and each actor were found (trigger: verb/noun/phrase; source/target: subject,
    # genitive, agent, verb, speaker, continued, object, victim, located, between, joint; *_by: name,
    # title, adjective, alias), as (key, value) pairs
    how: tuple[tuple[str, str], ...] = ()
    confidence: float | None = None  # share of events found this way that were right (measured, see events/confidence.py)

    @property
    def happened(self) -> bool:
        return not (self.negated or self.future or self.hypothetical)

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "target": self.target, "type": self.type, "sentence": self.sentence,
                "trigger": self.trigger, "trigger_start": self.trigger_start, "trigger_end": self.trigger_end,
                "source_text": self.source_text, "target_text": self.target_text,
                "source_sector": self.source_sector, "target_sector": self.target_sector, "mode": self.mode,
                "negated": self.negated, "future": self.future, "hypothetical": self.hypothetical,
                "cameo": self.cameo, "quad_class": self.quad_class, "goldstein": self.goldstein,
                "how": dict(self.how), "confidence": self.confidence}


@dataclass(frozen=True, slots=True)
class EventPlace:
    """Where an event happened (khabar.events.location): the place as written (`place`, offsets into the
    body or headline, `where`), its knowledge-base `id`, English name, country (ISO3) and kind (city,
    region, state …), coordinates when the knowledge base has them, and `how` it was found: `clause`
    (a locative word before a place of the event's sentence), `sentence` (a place of the sentence, for a
    material event), `dateline` (the story's dateline, local to the event)."""

    place: str | None
    name_en: str | None
    id: str | None
    country: str | None
    kind: str | None
    how: str
    lat: float | None = None
    lon: float | None = None
    start: int | None = None
    end: int | None = None
    where: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out = {"place": self.place, "name_en": self.name_en, "id": self.id, "country": self.country,
               "kind": self.kind, "how": self.how, "lat": self.lat, "lon": self.lon}
        if self.start is not None:
            out.update({"start": self.start, "end": self.end, "in": self.where})
        return out


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation [start, end) in the body (inside the marks) and who said it."""

    start: int
    end: int
    text: str
    speaker: str | None = None  # as written
    speaker_en: str | None = None
    speaker_id: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    sentence: int | None = None
    kind: str = "direct"  # direct (in quotation marks) or reported (after a speech verb)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "speaker": self.speaker,
                "speaker_en": self.speaker_en, "speaker_id": self.speaker_id, "speaker_start": self.speaker_start,
                "speaker_end": self.speaker_end, "sentence": self.sentence, "kind": self.kind}


class Tokens(Sequence[Token]):
    """The body's tokens, stored compactly (spans and clitic splits); Token views made on access.

    The text stage also hands over the token strings it cut and, from its word table, the way to give
    each the table's one string object per form (`intern`) and to fold them (`fold_many`): done when a
    later stage first asks for them, so a run that needs only the text pays nothing for them. A Tokens
    made without these (or unpickled) works them out itself. Nothing a Tokens gives out changes."""

    __slots__ = ("text", "spans", "splits", "_words", "_norms", "_intern", "_fold_many", "_keys", "_starts")

    def __init__(self, text: str = "", spans: list[tuple[int, int]] | None = None,
                 splits: list[tuple[int, int, str]] | None = None, words: list[str] | None = None,
                 intern: Callable[[list[str]], list[str]] | None = None,
                 fold_many: Callable[[list[str]], list[str]] | None = None) -> None:
        self.text = text
        self.spans = spans or []
        self.splits = splits or []  # (prefix length, suffix length, stem key) per token
        self._words = words if words is not None and len(words) == len(self.spans) else None
        self._norms: list[str] | None = None
        self._keys: list[str] | None = None
        self._starts: list[int] | None = None
        self._intern = intern
        self._fold_many = fold_many

    def __getstate__(self) -> tuple[None, dict[str, Any]]:
        # Not pickled: the strings, folds and word-table hooks (the spans say the same).
        return None, {"text": self.text, "spans": self.spans, "splits": self.splits, "_words": None,
                      "_norms": None, "_intern": None, "_fold_many": None, "_keys": None, "_starts": None}

    def __len__(self) -> int:
        return len(self.spans)

    @overload
    def __getitem__(self, index: int) -> Token: ...

    @overload
    def __getitem__(self, index: slice) -> list[Token]: ...

    def __getitem__(self, index: int | slice) -> Token | list[Token]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        start, end = self.spans[index]
        prefix, suffix, key = self.splits[index]
        return Token(start, end, self.words()[index], self.norms()[index], key, prefix, suffix)

    def words(self) -> list[str]:
        """The token strings (one list, kept: change nothing in it)."""
        if self._words is None:
            self._words = [self.text[s:e] for s, e in self.spans]
        if self._intern is not None:
            self._words, self._intern = self._intern(self._words), None
        return self._words

    def norms(self) -> list[str]:
        """`fold` of each token string (one list, kept: change nothing in it)."""
        if self._norms is None:
            words = self.words()
            self._norms = self._fold_many(words) if self._fold_many is not None else list(map(fold, words))
        return self._norms

    def keys(self) -> list[str]:
        """The folded stem of each token (its clitic split's key; one list, kept: change nothing in it)."""
        if self._keys is None:
            self._keys = [split[2] for split in self.splits]
        return self._keys

    def starts(self) -> list[int]:
        """The offset of each token (one list, kept: change nothing in it)."""
        if self._starts is None:
            self._starts = [span[0] for span in self.spans]
        return self._starts


@dataclass(slots=True)
class BodyMap:
    """Maps body offsets to raw offsets. The body is raw pieces joined by newlines.

    `pieces` holds (body_start, raw_start, length) for each piece, in order.
    """

    pieces: list[tuple[int, int, int]] = field(default_factory=list)

    def to_raw(self, offset: int) -> int:
        """Raw offset of body offset `offset` (an end offset maps to the end of its piece)."""
        if not self.pieces:
            return offset
        i = bisect.bisect_right([p[0] for p in self.pieces], offset) - 1
        i = max(i, 0)
        body_start, raw_start, length = self.pieces[i]
        return raw_start + min(offset - body_start, length)


@dataclass(slots=True)
class Article:
    """One read article. Names: `mentions` are each place an entity is named (JSON `entities`, the
    CONTRACT.md field the scorers read); `entity_list` is the distinct entities, each with the indexes
    of its mentions (JSON `entity_list`). `entities` is the field `entity_list` reads: the same list."""

    id: str
    raw: str
    body: str = ""
    body_map: BodyMap = field(default_factory=BodyMap)
    headline: Span | None = None
    dateline: Dateline | None = None
    agency: str | None = None
    agency_span: Span | None = None
    outlet: str | None = None
    continuation: Span | None = None  # "إضافة أولى": this page continues another dispatch
    continues: str | None = None  # id of the dispatch it continues, once found
    end_marker: Span | None = None
    initials: Span | None = None
    dropped: list[Dropped] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    tokens: Tokens = field(default_factory=Tokens)
    headline_tokens: Tokens | None = None  # the headline's tokens, when there is a headline
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    references: list[Mention] = field(default_factory=list)  # titles and nationality adjectives, resolved
    events: list[Event] = field(default_factory=list)
    event_places: list[EventPlace | None] = field(default_factory=list)  # one per event, where it happened
    quotes: list[Quote] = field(default_factory=list)  # direct quotations, in quotation marks
    reported: list[Quote] = field(default_factory=list)  # reported speech after a speech verb
    reference_date: dt.date | None = None
    date: str | None = None  # publication date (ISO) and where it comes from (see page/dates.py)
    date_source: str | None = None
    layout: str = "page"  # "plain": the raw text is the body (no headline, dateline or furniture)
    given_date: tuple[dt.date, str] | None = None  # the source's own date and where from (RawPage)
    url: str | None = None
    source: str | None = None
    position: int | None = None
    error: str | None = None

    @property
    def entity_list(self) -> list[Entity]:
        """The distinct entities, under the name JSON gives them (`entity_list`)."""
        return self.entities

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw offsets of the body stretch [start, end)."""
        return self.body_map.to_raw(start), self.body_map.to_raw(end)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of CONTRACT.md (plus provenance fields)."""
        out: dict[str, Any] = {"id": self.id}
        if self.error:
            out["error"] = self.error
        out["headline"] = self.headline.text if self.headline else None
        out["agency"] = self.agency
        out["dateline"] = self.dateline.to_dict() if self.dateline else None
        out["date"], out["date_source"] = self.date, self.date_source
        out["body"] = self.body
        out["sentences"] = [{"start": s.start, "end": s.end} for s in self.sentences]
        out["entities"] = [m.to_dict() for m in self.mentions]  # the mentions, named as CONTRACT.md names them
        out["entity_list"] = [e.to_dict(self.mentions) for e in self.entity_list]
        out["references"] = [m.to_dict() for m in self.references]
        out["events"] = [e.to_dict() for e in self.events]
        for event, place in zip(out["events"], self.event_places, strict=False):
            event["location"] = place.to_dict() if place else None
        out["quotes"] = [q.to_dict() for q in self.quotes]
        out["reported"] = [q.to_dict() for q in self.reported]
        out["spans"] = {
            "headline": _offsets(self.headline),
            "agency": _offsets(self.agency_span),
            "end_marker": _offsets(self.end_marker),
            "initials": _offsets(self.initials),
            "body": [[b, r, n] for b, r, n in self.body_map.pieces],
        }
        if self.continuation:
            out["continuation"] = self.continuation.text
            out["continues"] = self.continues
        out["end_marker"] = self.end_marker.text if self.end_marker else None
        out["initials"] = self.initials.text if self.initials else None
        out["dropped"] = [{"start": d.start, "end": d.end, "reason": d.reason} for d in self.dropped]
        for key in ("outlet", "url", "source", "position"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out


def _offsets(span: Span | None) -> list[int] | None:
    return [span.start, span.end] if span else None
