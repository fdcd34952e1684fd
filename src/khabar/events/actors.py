"""Actors of a sentence: named entities, nationality adjectives and the words that name officials,
forces and groups, joined into noun phrases that carry a code (ISO3 of a state or the code of an
international organisation) and a sector.

Names come from the entity layer's mentions where it gave them, else from the knowledge base (state,
city, organisation and office-holder names); a nationality adjective codes its noun ("غارة إسرائيلية",
"القوات الأمريكية"); a title codes its bearer (a prime minister with a nationality adjective and a name is that state, GOV).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import compress, count, repeat
from operator import is_not
from typing import TYPE_CHECKING, Any

from khabar.article import Mention
from khabar.errors import DataFileError
from khabar.events.forms import bare_forms
from khabar.events.lexicon import conjugate
from khabar.events.retype import Retype, read_retypes
from khabar.events.triggers import SentenceWords
from khabar.kb import KnowledgeBase
from khabar.kb.model import Entry
from khabar.lang.letters import DIACRITICS
from khabar.lang.normalize import fold
from khabar.resources import data_path

if TYPE_CHECKING:
    from khabar.events.tables import EventTables

MAX_NAME_WORDS = 5
STRONG = ("state", "capital", "person", "org", "group", "igo", "demonym")  # kinds whose code makes an actor
GROUP_KINDS = frozenset({"armed_group", "party"})  # coded as themselves, with their home state kept aside
ORG_SECTORS = {"institution": "GOV", "party": "OPP", "armed_group": "REB", "company": "BUS", "media": "MED",
               "ngo": "NGO", "court": "JUD", "agency": "GOV", "military": "MIL"}


@dataclass(frozen=True, slots=True)
class Agents:
    """The contents of lexicon/agents.yaml, folded."""

    sectors: dict[str, str]
    aliases: dict[str, str]
    not_names: frozenset[str]
    geo_heads: frozenset[str]
    places: frozenset[str]
    target_preps: frozenset[str]
    locative_preps: frozenset[str]
    agent_markers: frozenset[str]
    speech_verbs: frozenset[str]
    skip: frozenset[str]
    quantities: frozenset[str]
    links: frozenset[str]
    families: frozenset[str]
    envoys: frozenset[str]
    support_verbs: frozenset[str]
    list_heads: frozenset[str]
    relatives: frozenset[str]
    retypes: tuple[Retype, ...]
    support_nouns: frozenset[str]
    lead_verbs: frozenset[str]
    subject_pronouns: frozenset[str] = frozenset()
    verb_particles: frozenset[str] = frozenset()
    complementizers: frozenset[str] = frozenset()
    directions: frozenset[str] = frozenset()
    international: frozenset[str] = frozenset()
    auxiliaries: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    reasons: frozenset[str] = frozenset()
    resumptive_preps: frozenset[str] = frozenset()
    venue_nouns: frozenset[str] = frozenset()
    attributions: frozenset[str] = frozenset()
    relation_nouns: frozenset[str] = frozenset()
    pair_nouns: frozenset[str] = frozenset()
    time_preps: frozenset[str] = frozenset()
    decision_nouns: frozenset[str] = frozenset()
    topic_links: frozenset[str] = frozenset()
    gathering_verbs: frozenset[str] = frozenset()
    topic_preps: frozenset[str] = frozenset()
    deal_nouns: frozenset[str] = frozenset()
    blessings: frozenset[str] = frozenset()
    dated_ongoing: frozenset[str] = frozenset()
    dated_nested: frozenset[str] = frozenset()
    dated_frames: frozenset[str] = frozenset()
    backing_links: frozenset[str] = frozenset()
    causes: frozenset[str] = frozenset()
    reporters: frozenset[str] = frozenset()
    # folded decade noun -> the last year of its decade
    dated_decades: dict[str, int] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True, slots=True)
class Unit:
    start: int
    end: int
    code: str | None
    kind: str  # state, capital, place, person, org, group, igo, demonym, agent, alias, placehead
    sector: str | None = None
    home: str | None = None  # a group's home state


@dataclass(frozen=True, slots=True)
class Actor:
    """A noun phrase over words [start, end) of the sentence."""

    start: int
    end: int
    code: str | None
    sector: str | None
    kind: str  # kind of the piece that gave the code ("agent" when none did)
    prep: str | None  # folded preposition before it; "agent" after على يد / برصاص …
    conj: bool  # starts with و: coordinated with what comes before
    char_start: int = 0  # offsets of the phrase in the passage text
    char_end: int = 0
    home: str | None = None  # a group's home state


def _folded(words: Any, path: str, what: str) -> frozenset[str]:
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise DataFileError(path, 0, f"{what} must be a list of words")
    return frozenset(fold(w) for w in words)


def _decades(table: Any, path: str) -> dict[str, int]:
    """Decade nouns ("التسعينيات": 1990) folded, each to the last year of its decade."""
    if not isinstance(table, dict) or not all(isinstance(k, str) and isinstance(v, int) for k, v in table.items()):
        raise DataFileError(path, 0, "dated.decades must map decade nouns to their first year")
    return {fold(word): first + 9 for word, first in table.items()}


def read_agents() -> Agents:
    """lexicon/agents.yaml, folded (read once, by the event tables)."""
    import yaml

    path = data_path("khabar.events", "lexicon/agents.yaml")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataFileError(str(path), mark.line + 1 if mark else 0, f"not valid YAML: {exc}") from exc
    name = str(path)
    sectors = {w: sector for sector, words in data["sectors"].items() for w in _folded(words, name, sector)}
    aliases = {w: code for code, words in data["aliases"].items() for w in _folded(words, name, code)}
    preps = data["prepositions"]
    verbs = frozenset(f for v in data["speech_verbs"]
                      for f in (conjugate(v, hollow=False) if "/" in v else [fold(v)]))
    return Agents(sectors, aliases, _folded(data["not_names"], name, "not_names"),
                  _folded(data["geo_heads"], name, "geo_heads"), _folded(data["places"], name, "places"),
                  _folded(preps["target"], name, "target"), _folded(preps["locative"], name, "locative"),
                  _folded(data["agent_markers"], name, "agent_markers"), verbs, _folded(data["skip"], name, "skip"),
                  _folded(data["quantities"], name, "quantities"), _folded(data["links"], name, "links"),
                  _folded(data["families"], name, "families"), _folded(data["envoys"], name, "envoys"),
                  frozenset(f for v in data["support_verbs"] for f in conjugate(v, hollow=False)),
                  _folded(data["list_heads"], name, "list_heads"), _folded(data["relatives"], name, "relatives"),
                  read_retypes(data["retype"], name), _folded(data["support_nouns"], name, "support_nouns"),
                  frozenset(f for v in data["lead_verbs"] for f in conjugate(v, hollow=False)),
                  _folded(data["subject_pronouns"], name, "subject_pronouns"),
                  _folded(data["verb_particles"], name, "verb_particles"),
                  _folded(data["complementizers"], name, "complementizers"),
                  _folded(data["directions"], name, "directions"),
                  _folded(data["international"], name, "international"),
                  _folded(data.get("auxiliaries", []), name, "auxiliaries"),
                  _folded(data.get("topics", []) + data.get("private_persons", []), name, "topics"),
                  _folded(data.get("reasons", []), name, "reasons"),
                  _folded(data.get("resumptive_preps", []), name, "resumptive_preps"),
                  _folded(data.get("venue_nouns", []), name, "venue_nouns"),
                  _folded(data.get("attributions", []), name, "attributions"),
                  _folded(data.get("relation_nouns", []), name, "relation_nouns"),
                  _folded(data.get("pair_nouns", []), name, "pair_nouns"),
                  _folded(data.get("time_preps", []), name, "time_preps"),
                  _folded(data.get("decision_nouns", []), name, "decision_nouns"),
                  _folded(data.get("topic_links", []), name, "topic_links"),
                  frozenset(f for v in data.get("gathering_verbs", []) for f in conjugate(v, hollow=False)),
                  _folded(data.get("topic_preps", []), name, "topic_preps"),
                  _folded(data.get("deal_nouns", []), name, "deal_nouns"),
                  _folded(data.get("blessings", []), name, "blessings"),
                  _folded(data.get("dated", {}).get("ongoing", []), name, "dated.ongoing"),
                  _folded(data.get("dated", {}).get("nested", []), name, "dated.nested"),
                  _folded(data.get("dated", {}).get("frames", []), name, "dated.frames"),
                  _folded(data.get("backing_links", []), name, "backing_links"),
                  _folded(data.get("causes", []), name, "causes"),
                  _folded(data.get("reporters", []), name, "reporters"),
                  _decades(data.get("dated", {}).get("decades", {}), name))


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """The knowledge base seen from the words of a sentence: names by their folded words (and every
    prefix of them, so that a scan stops as soon as no name can continue), nationality adjectives."""

    kb: KnowledgeBase
    first_words: frozenset[str]
    prefixes: frozenset[str]
    names: dict[str, str]  # a name as its words may read (article dropped) → its key in the knowledge base
    demonyms: frozenset[str]
    demonym_firsts: frozenset[str]  # first words of nationality adjectives of two words ("الكوري الجنوبي")


def make_gazetteer(kb: KnowledgeBase) -> Gazetteer:
    """The names of `kb` as the event coder scans for them (made once, by the event tables)."""
    first: set[str] = set()
    prefixes: set[str] = set()
    names: dict[str, str] = {}
    for key, _ in kb.names():
        words = key.split(" ")
        first.add(words[0])
        names.setdefault(key, key)
        for n in range(1, len(words) + 1):
            prefixes.add(" ".join(words[:n]))
    demonyms = frozenset(k for k, _ in kb.demonyms())
    return Gazetteer(kb, frozenset(first), frozenset(prefixes), names, demonyms,
                     frozenset(k.split(" ")[0] for k in demonyms if k.count(" ") == 1))


def unit_of_entry(entry: Entry, start: int, end: int) -> Unit | None:
    """The actor piece a knowledge-base entry gives."""
    if entry.kind == "state":
        return Unit(start, end, entry.code, "state")
    if entry.kind == "city":
        return Unit(start, end, entry.country, "capital" if entry.is_capital else "place")
    if entry.kind == "region":
        return Unit(start, end, entry.country, "place") if entry.country else None
    if entry.kind == "person":
        code = entry.country or entry.org
        return Unit(start, end, code, "person", "GOV" if entry.role else None) if code else None
    if entry.subkind == "igo" and entry.code:
        return Unit(start, end, entry.code, "igo", "IGO")
    if entry.subkind in GROUP_KINDS and entry.code:  # Hamas, the Taliban, a party: not the state itself
        return Unit(start, end, entry.code, "group", ORG_SECTORS[entry.subkind], entry.country)
    sector = "GOV" if entry.stands_for_state else ORG_SECTORS.get(entry.subkind or "")
    return Unit(start, end, entry.country, "org" if entry.country else "agent", sector)


def unit_of_mention(mention: Mention, start: int, end: int, kb: KnowledgeBase) -> Unit | None:
    entry = kb.by_id(mention.id) if mention.id else None
    if entry is None and mention.type == "ORG":  # a group the linker left without an id
        entry = next((e for e in kb.lookup(mention.text) if e.subkind in GROUP_KINDS), None)
    if entry is not None:
        found = unit_of_entry(entry, start, end)
        if found is not None or entry.kind in ("region",):
            return found
    kind = (mention.kind or "").lower()
    if mention.how == "demonym" or kind == "demonym":
        return Unit(start, end, mention.country, "demonym") if mention.country else None
    if not mention.country:
        return None
    if mention.type == "PER":
        return Unit(start, end, mention.country, "person")
    if mention.type == "ORG":
        return Unit(start, end, mention.country, "org")
    if kind == "state":
        return Unit(start, end, mention.country, "state")
    capital = any(e.kind == "city" and e.is_capital and e.country == mention.country for e in kb.lookup(mention.text))
    return Unit(start, end, mention.country, "capital" if capital else "place")


def name_heads(text: str, tables: EventTables) -> tuple[str, ...]:
    """Forms of a word that begin a knowledge-base name (sorted: the same order in every process)."""
    return tuple(sorted(tables.forms(text).all & tables.gazetteer.first_words))


def _longest_name(words: SentenceWords, i: int, covered: list[bool], gaz: Gazetteer,
                  heads: tuple[str, ...]) -> tuple[str, int] | None:
    """(folded name, end) of the longest knowledge-base name starting at word i (`heads`: its forms
    that begin a name)."""
    best = None
    for head in heads:
        key, j = head, i + 1
        if key in gaz.names:
            best = max(best or (key, j), (key, j), key=lambda b: b[1])
        while j < len(words) and j - i < MAX_NAME_WORDS and not covered[j] and not words.stop[j]:
            key = f"{key} {words.norms[j]}"
            if key not in gaz.prefixes:
                break
            j += 1
            if key in gaz.names:
                best = max(best or (key, j), (key, j), key=lambda b: b[1])
    return best


def town_entry(entry: Entry) -> bool:
    """A town or province (not a capital): its name of one word may be a common word."""
    return entry.kind == "region" or (entry.kind == "city" and not entry.is_capital)


def _needs_mention(entry: Entry, form: str, tables: EventTables) -> bool:
    """Is a name of one word of this entry taken only where the entity layer saw a name? So is a
    person's family name alone ("لامي" in "كلامي"), an organisation's one-word name (the entity layer
    tells "فتح" the movement from "فتح تحقيق", an opening), and a town name that the entity layer reads
    as a name in under half of its occurrences in news (data/place_name_rates.tsv: "عنه", "بلد")."""
    if entry.kind == "person" or entry.type == "ORG":
        return True
    return town_entry(entry) and form in tables.common_towns


def _kb_units(words: SentenceWords, covered: list[bool], named: list[bool], tables: EventTables,
              persons: list[bool]) -> list[Unit]:
    """Knowledge-base names in the words no mention coded (see _needs_mention); a word of one that the
    entity layer reads as a person's name is no town ("دخيل" in a person's name is not Dikhil)."""
    gaz, agents = tables.gazetteer, tables.agents
    out: list[Unit] = []
    heads = tables.heads.many(words.texts)
    end = 0  # of the last name found: no other starts inside it
    for i in compress(count(), heads):  # the few words whose forms begin a name
        if i < end or covered[i] or words.stop[i]:
            continue
        name = _longest_name(words, i, covered, gaz, heads[i])
        if name and (name[1] - i > 1 or words.forms[i].all.isdisjoint(agents.not_names)):
            one = name[1] - i == 1
            found = next((u for e in tables.entries(gaz.names[name[0]])
                          if (not one or not persons[i] or e.kind == "person")
                          and (named[i] or not one or not _needs_mention(e, name[0], tables))
                          and (u := unit_of_entry(e, i, name[1]))), None)
            if found and found.kind == "place" and one and not words.forms[i].all.isdisjoint(gaz.demonyms):
                continue  # a town spelled as a nationality adjective ("الهندية"): the adjective is far likelier
            if found:
                out.append(found)
                end = found.end
    return out


def known_forms(gaz: Gazetteer, agents: Agents) -> frozenset[str]:
    """Every form `word_info` answers something for (most words have none of them)."""
    return gaz.demonyms | {d + "ا" for d in gaz.demonyms} | frozenset(agents.sectors) \
        | {s + "ا" for s in agents.sectors} | frozenset(agents.aliases) | agents.places


NO_INFO = (None, None, False, None)
WordInfo = tuple[str | None, str | None, bool, str | None]


def word_info(text: str, tables: EventTables) -> WordInfo:
    """(nationality code, sector, heads a place noun, alias code) of one word as written."""
    all_forms = tables.forms(text).all
    if all_forms.isdisjoint(tables.known_forms):
        return NO_INFO
    gaz, agents = tables.gazetteer, tables.agents
    forms = sorted(all_forms)  # sorted: the same answer in every process
    candidates = [f for f in forms if f in gaz.demonyms]
    candidates += [f[:-1] for f in forms if f.endswith("ا") and f[:-1] in gaz.demonyms]  # "فلسطينيا"
    code = next((s.code for f in candidates if (s := gaz.kb.demonym(f)) is not None and s.code), None)
    sector = next((agents.sectors[f] for f in forms if f in agents.sectors), None)
    if sector is None:  # the alif of a dual in construct or of the accusative: "وزيرا الخارجية", "عين سفيرا"
        sector = next((agents.sectors[f[:-1]] for f in forms if f.endswith("ا") and f[:-1] in agents.sectors), None)
    alias = next((agents.aliases[f] for f in forms if f in agents.aliases), None)
    return code, sector, not agents.places.isdisjoint(forms), alias


def _given_name(words: SentenceWords, i: int, before: int | None, agents: Agents) -> bool:
    """Is the nationality form at i a given name after a rank or title ("العقيد تركي المالكي", "الأمير
    تركي الفيصل")? An adjective of the definite title would carry the article too."""
    if before is None or words.forms[i].definite or not words.forms[before].definite:
        return False
    return not words.forms[before].all.isdisjoint(agents.sectors.keys())


def _of_topic(words: SentenceWords, i: int, agents: Agents) -> bool:
    """Does the nationality adjective at i describe a subject matter ("الأزمة السورية", "الملف النووي
    الإيراني": the head noun, or the head and one adjective ending in ي/ية before it), and not an
    office named after one ("وزير الاقتصاد الفرنسي")?"""
    j = words.prev_word(i - 1)
    for _ in range(2):
        if j is None:
            return False
        if not bare_forms(words.norms[j]).isdisjoint(agents.topics):
            head = words.prev_word(j - 1)  # "وزير الاقتصاد الفرنسي", "اتحاد الكرة المصري": an office
            return head is None or words.forms[head].all.isdisjoint(agents.sectors.keys())
        if not words.norms[j].endswith(("ي", "يه")):
            return False  # not an adjective: the noun before it is no subject matter
        j = words.prev_word(j - 1)
    return False


def _two_word_demonyms(words: SentenceWords, covered: list[bool], tables: EventTables) -> list[Unit]:
    """Nationality adjectives of two words ("الكوري الجنوبي", "الجنوب سوداني"): the first word alone names
    no state, or another one."""
    gaz, agents = tables.gazetteer, tables.agents
    firsts = gaz.demonym_firsts
    out: list[Unit] = []
    for i, norm in enumerate(words.norms[:-1]):
        # the fold as written, after و/ف or ب, and "لل" as "ال": a cheap test before the word's forms
        if norm not in firsts and norm[1:] not in firsts and "ال" + norm[2:] not in firsts:
            continue
        forms = words.forms[i].all
        if covered[i] or covered[i + 1] or forms.isdisjoint(firsts):
            continue
        second = words.norms[i + 1]
        state = next((s for f in sorted(forms & firsts)
                      if (s := gaz.kb.demonym(f"{f} {second}")) is not None and s.code), None)
        if state is not None and _of_state(words, i, words.prev_word(i - 1), agents):
            out.append(Unit(i, i + 2, state.code, "demonym"))
            covered[i] = covered[i + 1] = True
    return out


def _of_state(words: SentenceWords, i: int, before: int | None, agents: Agents) -> bool:
    """Does the nationality adjective at i (`before`: the word before it) name a state acting, not a
    sea or region ("الخليج العربي") nor a subject matter ("الأزمة السورية")?"""
    return (before is None or words.forms[before].all.isdisjoint(agents.geo_heads)) and not _of_topic(words, i, agents)


def _word_units(words: SentenceWords, covered: list[bool], tables: EventTables,
                persons: list[bool] | None = None) -> list[Unit]:
    """Adjectives, actor words and aliases; `persons`: words of a person's name the entity layer found,
    where a word read as an adjective is a given name ("العقيد تركي المالكي")."""
    agents = tables.agents
    out: list[Unit] = _two_word_demonyms(words, covered, tables)
    infos = tables.info.many(words.texts)
    for i in compress(count(), map(is_not, infos, repeat(NO_INFO))):  # most words are no actor word
        if covered[i] or not words.is_word(i):
            continue
        code, sector, place, alias = infos[i]
        if code:
            before = words.prev_word(i - 1)
            if persons is not None and persons[i]:
                continue
            if _hamza_lost(words.texts[i]):
                continue  # "رؤساء" folds to "روسا" (the Russians, accusative): no adjective is written so
            if _of_state(words, i, before, agents) and not _given_name(words, i, before, agents):
                out.append(Unit(i, i + 1, code, "demonym"))
            continue
        if sector:
            out.append(Unit(i, i + 1, None, "agent", sector))
        elif place:
            out.append(Unit(i, i + 1, None, "placehead"))
        if alias:
            out.append(Unit(i, i + 1, alias, "alias", "MIL"))
    return out


def _hamza_lost(text: str) -> bool:
    """Does the word carry a hamza that folding drops (ؤ, a final ء), which no nationality adjective has
    ("رؤساء" is not "روسا", the Russians)?"""
    core = text.rstrip(DIACRITICS)
    return "ؤ" in core or core.endswith("ء") or core.endswith("ءا")


def _named_sector(words: SentenceWords, unit: Unit, agents: Agents) -> Unit:
    """An organisation named with an actor word takes its sector: "الجيش الإسرائيلي" is MIL."""
    if unit.kind not in ("org", "agent"):
        return unit
    for j in range(unit.start, unit.end):
        sector = next((agents.sectors[f] for f in sorted(words.forms[j].all) if f in agents.sectors), None)
        if sector:
            return Unit(unit.start, unit.end, unit.code, unit.kind, sector)
    return unit


def find_units(words: SentenceWords, starts: Sequence[int], mentions: Sequence[Mention],
               base: int = 0) -> list[Unit]:
    """Actor pieces of the sentence: mentions (offsets relative to `base`), then names, adjectives
    and actor words found here. `starts` are the character offsets of the words."""
    tables = words.tables
    gaz, agents = tables.gazetteer, tables.agents
    covered = [False] * len(words)
    units: list[Unit] = []
    named = [False] * len(words)  # inside a mention of the entity layer, coded or not
    persons = [False] * len(words)  # inside a person's name
    for m in mentions:
        first = bisect.bisect_right(starts, m.start - base) - 1
        last = bisect.bisect_left(starts, m.end - base)
        first = max(first, 0)
        if first >= last:
            continue
        named[first:last] = [True] * (last - first)
        if m.type == "PER" and m.how not in ("title", "demonym"):
            persons[first:last] = [True] * (last - first)
        unit = unit_of_mention(m, first, last, gaz.kb)
        if unit is not None and not any(covered[first:last]):
            units.append(_named_sector(words, unit, agents))
            covered[first:last] = [True] * (last - first)
    for unit in _kb_units(words, covered, named, tables, persons):
        units.append(_named_sector(words, unit, agents))
        covered[unit.start:unit.end] = [True] * (unit.end - unit.start)
    units.extend(_word_units(words, covered, tables, persons))
    units = [_adjective_form(words, u) for u in units if not _family(words, u, agents)]
    return sorted(units, key=lambda u: (u.start, u.kind == "alias"))


TANWEEN_FATH = "\u064b"


def _adjective_form(words: SentenceWords, unit: Unit) -> Unit:
    """A state's one-word name that reads here as the nationality adjective it also is: written with the
    accusative tanween ("طرد 23 دبلوماسياً روسياً": a name takes none), or spelled as the feminine
    adjective right after a definite feminine noun ("الناشطة السعودية", "القوات السعودية")."""
    if unit.kind != "state" or unit.end - unit.start != 1:
        return unit
    text = words.texts[unit.start]
    before = unit.start - 1
    feminine = before >= 0 and words.is_word(before) and words.forms[before].definite \
        and words.texts[before].endswith(("ة", "ات")) and words.norms[unit.start] in words.tables.gazetteer.demonyms
    if TANWEEN_FATH not in text[-2:] and not feminine:
        return unit
    return Unit(unit.start, unit.end, unit.code, "demonym", unit.sector)


def _family(words: SentenceWords, unit: Unit, agents: Agents) -> bool:
    """"منزل عائلة الزيان": a person's name after "عائلة" is a family, not the minister of that name."""
    before = words.prev_word(unit.start - 1)
    return unit.kind == "person" and before is not None and not words.forms[before].all.isdisjoint(agents.families)


NAMED = frozenset({"state", "capital", "place", "person", "org", "group", "igo"})


def name_words(units: list[Unit]) -> frozenset[int]:
    """Words inside names (not adjectives or titles): no trigger starts there."""
    return frozenset(j for u in units if u.kind in NAMED for j in range(u.start, u.end))


def person_words(starts: Sequence[int], mentions: Sequence[Mention]) -> frozenset[int]:
    """Words inside the sentence's person mentions, coded or not: a name such as "دان" or "نصر" is
    no trigger however the lexicon reads it (`starts`: the character offsets of the words)."""
    found: set[int] = set()
    for m in mentions:
        if m.type == "PER":
            first = max(bisect.bisect_right(starts, m.start) - 1, 0)
            found.update(range(first, bisect.bisect_left(starts, m.end)))
    return frozenset(found)


def actor_words(units: list[Unit]) -> frozenset[int]:
    return frozenset(j for u in units if u.kind != "placehead" for j in range(u.start, u.end))
