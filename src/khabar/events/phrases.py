"""Noun phrases over the actor pieces of a sentence: a title with its nationality and its bearer
("وزير الخارجية الإيراني محمد جواد ظريف" is one actor, IRN, GOV), the preposition that governs the
phrase and whether it is coordinated with the one before ("الولايات المتحدة واليابان").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from khabar.events.actors import NAMED, STRONG, Actor, Agents, Unit
from khabar.events.forms import bare_forms
from khabar.events.triggers import SentenceWords
from khabar.lang.normalize import fold
from khabar.text.clitics import split_of

MAX_INNER_GAP = 2  # words between the pieces of one noun phrase ("وزير الشؤون الخارجية")


def _gap_ok(words: SentenceWords, start: int, end: int, agents: Agents, coded: bool) -> bool:
    """May words [start, end) stand inside one noun phrase? Definite words and commas before a name."""
    inner = 0
    for j in range(start, end):
        text = words.texts[j]
        if words.stop[j]:
            return False
        if not words.is_word(j):
            if text in ",،" and not coded:
                continue
            return False
        forms = words.forms[j]
        if not forms.all.isdisjoint(agents.links):
            continue  # "المتحدث باسم الحكومة البريطانية"
        if not bare_forms(words.norms[j]).isdisjoint(agents.backing_links):
            return False  # "الفصائل الموالية لتركيا": the state backs the group; the group is not the state's
        if not forms.all.isdisjoint(agents.target_preps | agents.locative_preps):
            return False
        if not forms.definite:
            return False
        inner += 1
    return inner <= MAX_INNER_GAP


PARTITIVE_GAP = 2  # words of an agent noun's own before its من ("وفد رفيع المستوى من X")


def _partitive(words: SentenceWords, start: int, end: int, agents: Agents, official: bool) -> bool:
    """Is the gap [start, end) the word من ("of": a body of men of a force or people)? For officials and
    delegations (`official`: sector GOV), after at most two words of the noun's own ("وفد رفيع المستوى من
    X", "مسؤولين كبار من"), none a preposition, a quantity or "كل" ("دعا المجلس كلا من X" names X)."""
    if end <= start or end - start > (PARTITIVE_GAP + 1 if official else 1) or not words.is_word(end - 1) \
            or fold(words.texts[end - 1]) != "من":
        return False
    other = agents.target_preps | agents.locative_preps | agents.relatives | agents.skip | agents.quantities \
        | agents.list_heads
    return all(words.is_word(j) and not words.stop[j] and words.forms[j].all.isdisjoint(other)
               and "\u064b" not in words.texts[j] and words.norms[j].removesuffix("ا") not in other
               and not words.tables.split(words.texts[j])[1]
               for j in range(start, end - 1))  # an accusative ("عدداً من") is an object of its own; a noun
    # with a pronoun ("إدارة ناديه التخلص من") no word of the official's


def _direction(words: SentenceWords, start: int, end: int, agents: Agents) -> bool:
    """Is the gap [start, end) one direction word ("وسط", "شمال"), a noun after a place noun?"""
    return end - start == 1 and words.is_word(start) and not words.forms[start].all.isdisjoint(agents.directions)


def starts_with_and(words: SentenceWords, i: int) -> bool:
    """Does word i begin with the conjunction و/ف (not a name or word that begins with the letter)?"""
    text = words.norms[i]
    if text[:1] not in "وف" or len(text) < 3 or not words.forms[i].levels:
        return False
    gaz = words.tables.gazetteer
    if text in gaz.first_words or text in gaz.demonyms:
        return False  # "فيصل", "فرنسا"
    if text[1:] in gaz.first_words or text[1:] in gaz.demonyms:
        return True  # "واليابان"
    prefix = split_of(words.texts[i])[0]
    return fold(words.texts[i][:prefix])[:1] in ("و", "ف")  # "والقوات", "ووزير", not "وزير"


def _marks_doer(words: SentenceWords, marker: int, start: int) -> bool:
    """Does the marker before word `start` name the phrase as the doer: "برصاص القوات", "بالنيران
    الإسرائيلية"? Not "بالرصاص 12 فلسطينيا": a number, or a noun after a marker with the article (no
    genitive can follow it), begins the object."""
    if any(words.texts[j][:1].isdigit() for j in range(marker + 1, start)):
        return False
    if not words.forms[marker].definite:
        return True
    return not words.forms[start].all.isdisjoint(words.tables.gazetteer.demonyms)


def _prep_before(words: SentenceWords, start: int, agents: Agents) -> str | None:
    """The preposition governing a phrase: a word before it, or ب/ل/ك attached to its first word."""
    before = words.prev_word(start - 1)
    if before is not None:
        forms = words.forms[before].all
        if not forms.isdisjoint(agents.agent_markers) and _marks_doer(words, before, start):
            return "agent"
        # a preposition with its pronoun ("ترحب به مصر", "تتحفظ عليه إثيوبيا") governs nothing after it
        found = forms & (agents.target_preps | agents.locative_preps) \
            if words.norms[before] not in agents.resumptive_preps else set()
        head = words.prev_word(before - 1)
        if found == {"من"} and head is not None and not words.forms[head].all.isdisjoint(agents.list_heads):
            # "أدانت كل من مصر والأردن": a list of subjects; "في كل من ليما وكوسكو": the preposition before
            return _prep_before(words, head, agents) if head > 0 else None
        if found and before >= start - 2:
            return min(found)
    return _clitic(words, start)


def _clitic(words: SentenceWords, i: int) -> str | None:
    """The preposition ب/ل/ك attached to word i, if any."""
    text, key = words.norms[i], words.forms[i].levels[0][0][0] if words.forms[i].levels else ""
    head = text[: len(text) - len(key)] if key and text.endswith(key) else ""
    clitic = head.lstrip("وف")
    if not clitic:  # a word the segmenter left whole: ب/ك before the article, or لل for ل + ال
        bare = text[1:] if text[:1] in "وف" and text[1:3] in ("لل", "بال", "كال") else text
        clitic = bare[:1] if bare.startswith(("لل", "بال", "كال")) and len(bare) > 4 else ""
    return clitic[:1] if clitic[:1] in ("ب", "ل", "ك") else None


def _actor(words: SentenceWords, group: list[Unit], agents: Agents, blocked: frozenset[int],
           spans: Sequence[tuple[int, int]]) -> Actor:
    """The actor of a phrase of pieces; `blocked`: words no adjective takes as its noun (the triggers)."""
    coded = next((u for kind in STRONG for u in group if u.kind == kind and u.code), None)
    coded = coded or next((u for u in group if u.kind == "place" and u.code), None)
    coded = coded or next((u for u in group if u.kind == "alias"), None)
    sector = next((u.sector for u in group if u.sector), None)
    start = group[0].start
    if group[0].kind == "demonym" and not starts_with_and(words, start):  # "الصندوق الكويتي": the adjective
        # codes the noun before it; one joined by و to an adjective before ("الرئيسان المصري والفرنسي") or
        # right after one ("العلاقات الأميركية الروسية") is a second side
        before = words.prev_word(start - 1)
        if before is not None and before == start - 1 and before not in blocked and words.is_word(before) \
                and words.forms[before].all.isdisjoint(words.tables.gazetteer.demonyms) \
                and not words.forms[before].all.isdisjoint({f for f, _ in words.forms[before].levels[0]}) \
                and _gap_ok(words, before, start, agents, False):
            start = before
    kind = coded.kind if coded else "agent"
    if kind == "demonym" and any(u.kind == "placehead" for u in group):
        kind = "place"  # "الأراضي الفلسطينية"
    end = group[-1].end
    return Actor(start, end, coded.code if coded else None, sector, kind, _prep_before(words, start, agents),
                 starts_with_and(words, start), spans[start][0], spans[end - 1][1], coded.home if coded else None)


def find_actors(words: SentenceWords, units: list[Unit], spans: Sequence[tuple[int, int]],
                blocked: frozenset[int] = frozenset(), breaks: frozenset[int] = frozenset()) -> list[Actor]:
    """Noun phrases built from the pieces; words in `blocked` (the triggers) belong to none, and no
    phrase runs across a word of `breaks` (any trigger word, coded or not). `spans` are the character
    offsets of the words."""
    agents = words.tables.agents
    units = [u for u in units if not any(j in blocked for j in range(u.start, u.end))]
    actors: list[Actor] = []
    k = 0
    while k < len(units):
        group = [units[k]]
        k += 1
        while k < len(units):
            unit, last = units[k], group[-1]
            has_code = any(u.code and u.kind in STRONG for u in group)
            if unit.start < last.end:  # an alias on the same word
                group.append(unit)
                k += 1
                continue
            named = any(u.kind in NAMED for u in group)
            partitive = not has_code and all(u.kind == "agent" for u in group) and unit.kind != "placehead" \
                and _partitive(words, last.end, unit.start, agents, last.sector == "GOV")  # "دورية من الجيش الكيني", "الطلاب من ماليزيين"
            partitive = partitive or (last.kind == "placehead" and unit.kind in ("capital", "place", "state")
                                      and _direction(words, last.end, unit.start, agents))  # "قرى شرق المدينة X"
            if any(j in blocked or j in breaks for j in range(last.end, unit.start)):
                break  # a trigger between two pieces ends the phrase: "أدان الوزير القصف الإسرائيلي"
            if (has_code and starts_with_and(words, unit.start)) or (named and unit.start > last.end) or \
                    not (partitive or _gap_ok(words, last.end, unit.start, agents, has_code)):
                break  # a name ends its phrase: a person's name then "العلاقات X-ية" is a subject and an object
            if (named or has_code) and unit.kind in NAMED and unit.code != next(
                    (u.code for u in group if u.code and u.kind in STRONG), unit.code):
                break  # two names (or a title and a name) of two states are two actors: "دعت الأمم
                # المتحدة إسرائيل", "زار الوزير الياباني الصين"
            if not has_code and last.kind == "agent" and unit.kind in ("state", "capital") and unit.start == last.end \
                    and words.forms[last.end - 1].definite and _clitic(words, unit.start) is None \
                    and words.forms[unit.start].all.isdisjoint(words.tables.gazetteer.demonyms):
                break  # "اتهم الوزير إسرائيل": a title with the article takes no state after it (that is
                # "وزير خارجية إسرائيل", in construct): the state begins the object
            if unit.kind == last.kind == "demonym" and unit.code != last.code:
                break  # two nationality adjectives side by side: two sides
            clitic = _clitic(words, unit.start) if unit.start >= last.end else None
            if clitic == "ب" or (has_code and clitic):
                break  # "وزير الخارجية المصري بالقاهرة": where he is; but "السفير الجديد لرومانيا" is hers
            if has_code and (unit.kind in ("agent", "placehead") or unit.start > last.end):
                break  # "وزير الخارجية السعودي نظيره الفرنسي", "وزير … الإيراني العلاقات …", "القوات
                # الإسرائيلية مدينة جنين": a coded phrase ends, the next noun starts another
            group.append(unit)
            k += 1
        if any(u.kind != "placehead" for u in group):
            actors.append(_actor(words, group, agents, blocked | breaks, spans))
    return _officials_in(actors)


SEATS = frozenset({"state", "capital", "demonym", "org"})  # what "في" after an official may name: his state or body


def _officials_in(actors: list[Actor]) -> list[Actor]:
    """An uncoded official or government right before "في" and a state, a capital or a state body is of
    that state ("الحكومة في بيرو", "السلطات في هانوي", "موظف في الخارجية النرويجية"): one actor."""
    out: list[Actor] = []
    k = 0
    while k < len(actors):
        actor = actors[k]
        seat = actors[k + 1] if k + 1 < len(actors) else None
        if seat is not None and actor.code is None and actor.sector == "GOV" and seat.prep == "في" \
                and seat.start == actor.end + 1 and seat.code and seat.kind in SEATS \
                and (seat.kind != "org" or seat.sector == "GOV"):
            out.append(replace(actor, end=seat.end, code=seat.code, kind=seat.kind, char_end=seat.char_end,
                               home=seat.home))
            k += 2
            continue
        out.append(actor)
        k += 1
    return out
