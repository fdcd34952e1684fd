"""Where each event happened: a place of the knowledge base, with how it was found.

1. `clause`: a place named in the event's sentence with a locative word before it ("في طهران",
   "بغزة", "قرب الحدود"; data/place_words.tsv), the nearest to the trigger. For a material event
   (QuadClass 2 and 4) a place after "على"/"ضد" counts too: a strike on a town happens there. For a
   statement (ACCUSE, REQUEST, REJECT, THREATEN, SUPPORT) only places before the trigger count: the
   ones after it are what the statement is about.
2. `sentence`: for a material event, the nearest other place of the sentence that is not one of its
   actors ("قصف غزة"). A verbal event (a statement, a condemnation) is not placed where its topic is.
3. `dateline`: else the dateline's place, only when the story is local to it: the dateline's country
   is the country of the event's source or target, or the sentence names no place at all and the
   body names the dateline's country. A house credit ("دبي" on every dispatch of an outlet) about
   another country's events is not local.

Finer places win over coarser ones at equal standing (a city over a region over a state). The place
comes from the mention's knowledge-base entry (id, English name, country, kind); coordinates come
from the knowledge base's coordinates table (kb/data/coordinates.tsv, from GeoNames) when it has the
place, a state's being its capital's (`place_coordinates`).

The step writes `event_places`, one entry per event (None when no place is found), which
Article.to_dict puts in each event as `location`.
"""

from __future__ import annotations

import bisect
import dataclasses

from khabar.article import Article, EventPlace, Mention
from khabar.events.scales import QUAD_CLASS
from khabar.kb import knowledge_base
from khabar.kb.model import CITY, REGION, STATE
from khabar.lang.normalize import fold
from khabar.resources import Resources, data_path, read_tsv
from khabar.step import Step

PLACE_KINDS = {"city": 3, "facility": 3, "region": 2, "territory": 2, "state": 1}
# Speech acts: said wherever the speaker is. A place after their trigger belongs to what is spoken
# about ("condemned the attack on the embassy in Khartoum", "called for a ceasefire in Gaza").
STATEMENTS = frozenset({"ACCUSE", "REQUEST", "REJECT", "THREATEN", "SUPPORT"})
MATERIAL = {2, 4}  # GDELT QuadClass of material cooperation and conflict
CONJUNCTIONS = ("و", "ف")


def _place_words() -> dict[str, str]:
    """Words that put a place in an event's clause, with their reach (built once, by the Resources)."""
    return Resources.default().get(_build_place_words)


def _build_place_words(resources: Resources) -> dict[str, str]:
    rows = read_tsv(data_path("khabar.events", "data/place_words.tsv"), ("word", "reach"))
    return {fold(row["word"]): row["reach"] for _, row in rows}


def place_points(resources: Resources) -> dict[str, tuple[float, float, str]]:
    """The resource: (lat, lon, GDELT ADM1 code) of every knowledge-base place with a point, by id
    and, for datelines (which carry no id), by "ISO3:folded Arabic name" of a city, else of a region
    or of the state itself.

    Cities and regions: kb/data/coordinates.tsv (GeoNames, written by tools/place_coordinates.py).
    A state: its capital's point, as GDELT places country-level events (the capital city's row of
    the table, else serve/data/capitals.tsv). A city of a user's knowledge-base file with no row
    has no point."""
    table = {row["id"]: (float(row["lat"]), float(row["lon"]), row.get("adm1_code") or "")
             for _, row in read_tsv(data_path("khabar.kb", "data/coordinates.tsv"), ("id", "lat", "lon"))}
    capitals = {row["iso3"]: (float(row["lat"]), float(row["lon"]), "") for _, row in
                read_tsv(data_path("khabar.serve", "data/capitals.tsv"), ("iso3", "lat", "lon"))}
    kb = resources.get(knowledge_base)
    out = {}
    for entry in kb.entries(CITY):
        point = table.get(entry.id)
        if point is not None:
            out[entry.id] = point
            for name in entry.names_ar if entry.country else ():
                out.setdefault(f"{entry.country}:{fold(name)}", point)
    for entry in kb.entries(REGION):
        if entry.id in table:
            out[entry.id] = table[entry.id]
            for name in entry.names_ar if entry.country else ():  # a dateline "غزة" names the Strip
                out.setdefault(f"{entry.country}:{fold(name)}", table[entry.id])
    for entry in kb.entries(STATE):
        point = table.get(entry.capital or "") or capitals.get(entry.code or "")
        if point is None:
            continue
        out[entry.id] = (point[0], point[1], "")  # a country-level place has no admin-1 unit
        capital = kb.by_id(entry.capital) if entry.capital else None
        for name in capital.names_ar if capital else ():  # Jerusalem has no country of its own
            out.setdefault(f"{entry.code}:{fold(name)}", point)
        for name in entry.names_ar:  # a dateline naming the country ("اليمن -")
            out.setdefault(f"{entry.code}:{fold(name)}", (point[0], point[1], ""))
    return out


def place_coordinates(resources: Resources) -> dict[str, tuple[float, float]]:
    """The resource: (lat, lon) of the places of `place_points`, by the same keys."""
    return {key: (lat, lon) for key, (lat, lon, _) in resources.get(place_points).items()}


def _locative(text: str, mention: Mention, material: bool) -> bool:
    """A locative word (or the clitic ب) stands just before the mention."""
    words = _place_words()
    head = text[max(0, mention.start - 30):mention.start]
    if head and not head[-1].isspace():  # a clitic written onto the name: "بغزة"
        return fold(head[-1]) == "ب"
    if fold(mention.text[:1]) == "ب" and mention.how != "kb":  # the tagger kept the clitic in the span
        return True
    before = head.split()
    for size in (2, 1):
        if len(before) < size:
            continue
        phrase = fold(" ".join(before[-size:]))
        if phrase[:1] in CONJUNCTIONS and phrase[1:] in words:
            phrase = phrase[1:]
        reach = words.get(phrase)
        if reach == "any" or (reach == "material" and material):
            return True
    return False


def _is_actor(mention: Mention, source_text: str | None, target_text: str | None) -> bool:
    return any(side and mention.text in side for side in (source_text, target_text))


@dataclasses.dataclass(slots=True)
class _Places:
    """An article's place mentions found once for all its events: the body's in order of offset,
    the headline's, and the countries of every LOC mention."""

    body: list[Mention]
    starts: list[int]
    headline: list[Mention]
    countries: frozenset[str]

    @classmethod
    def of(cls, article: Article) -> _Places:
        places = [m for m in article.mentions if m.type == "LOC" and m.kind in PLACE_KINDS and m.id]
        body = sorted((m for m in places if m.where == "body"), key=lambda m: m.start)
        return cls(body, [m.start for m in body], [m for m in places if m.where == "headline"],
                   frozenset(m.country for m in article.mentions if m.type == "LOC" and m.country))

    def within(self, where: str, low: int, high: int) -> list[Mention]:
        if where == "headline":
            return self.headline
        return self.body[bisect.bisect_left(self.starts, low):bisect.bisect_left(self.starts, high)]


def locate(article: Article, n: int, coordinates: dict[str, tuple[float, float]] | None = None,
           places_of: _Places | None = None) -> EventPlace | None:
    """The place of event `n` of `article` (see the module's rules), or None. `places_of`: the
    article's place mentions, when the caller locates all its events."""
    event = article.events[n]
    places_of = places_of or _Places.of(article)
    material = QUAD_CLASS.get(event.type) in MATERIAL
    if event.sentence < 0:
        text, where, low, high = (article.headline.text if article.headline else ""), "headline", 0, 10**9
    elif event.sentence < len(article.sentences):
        sentence = article.sentences[event.sentence]
        text, where, low, high = article.body, "body", sentence.start, sentence.end
    else:
        return None
    places = places_of.within(where, low, high)
    best: tuple | None = None
    for mention in places:
        actor = _is_actor(mention, event.source_text, event.target_text)
        if event.type in STATEMENTS and mention.start >= event.trigger_end:
            continue
        if _locative(text, mention, material):
            standing, how = 2, "clause"
        elif material and not actor:
            standing, how = 1, "sentence"
        else:
            continue
        rank = (standing, PLACE_KINDS[mention.kind or ""], -abs(mention.start - event.trigger_start))
        if best is None or rank > best[0]:
            best = (rank, mention, how)
    if best is not None:
        mention, how = best[1], best[2]
        return _place(mention.text, mention.name_en, mention.id, mention.country, mention.kind, how,
                      (mention.start, mention.end, where), coordinates)
    return _dateline_place(article, event.source, event.target, bool(places), coordinates, places_of.countries)


def _dateline_place(article: Article, source: str | None, target: str | None, named: bool,
                    coordinates: dict[str, tuple[float, float]] | None,
                    countries: frozenset[str]) -> EventPlace | None:
    dateline = article.dateline
    if dateline is None or not dateline.country:
        return None
    local = dateline.country in (source, target) or (not named and dateline.country in countries)
    if not local:
        return None
    place = _place(dateline.place, dateline.place_en, None, dateline.country,
                   "city" if dateline.place else "state", "dateline", None, coordinates)
    found = (coordinates or {}).get(f"{dateline.country}:{fold(dateline.place or '')}")
    if found:
        place = dataclasses.replace(place, lat=found[0], lon=found[1])
    return place


def _place(text: str | None, name_en: str | None, place_id: str | None, country: str | None, kind: str | None,
           how: str, span: tuple[int, int, str] | None,
           coordinates: dict[str, tuple[float, float]] | None) -> EventPlace:
    lat, lon = (coordinates or {}).get(place_id or "", (None, None))
    start, end, where = span or (None, None, None)
    return EventPlace(place=text, name_en=name_en, id=place_id, country=country, kind=kind, how=how,
                      lat=lat, lon=lon, start=start, end=end, where=where)


def _run(article: Article, resources: Resources) -> None:
    coordinates = resources.get(place_coordinates)
    places_of = _Places.of(article)
    article.event_places = [locate(article, n, coordinates, places_of) for n in range(len(article.events))]


EVENT_PLACES = Step("event_places", _run, ("events", "mentions", "sentences", "dateline", "headline", "body"),
                    ("event_places",), uses=(place_coordinates,))
