"""The event coder: triggers, their modes and their actors become `Event` records on the article.

Each sentence (and the headline, as sentence -1) is matched against the lexicon; each trigger gets
its negation/future/hypothetical flags, its source and target among the sentence's actors, its CAMEO
code, QuadClass and Goldstein score. One event is kept per (sentence, type, source, target).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from khabar.article import Article, Event, Mention, Tokens
from khabar.events.actors import NAMED, Actor, actor_words, find_units, name_words, person_words, word_info
from khabar.events.attach import (
    BETWEEN_GAP,
    JOINT_TYPES,
    START_WORDS,
    VISITS,
    Attacher,
    Group,
    Roles,
    find_roles,
    pairs_of,
    possessive_pronoun,
    settle_located,
)
from khabar.events.confidence import event_features
from khabar.events.coref import REMEMBERED, Memory, recall, remember
from khabar.events.dated import dated_before, story_year
from khabar.events.modes import Modes, find_modes
from khabar.events.phrases import find_actors
from khabar.events.realis import judge, realis_features, reports
from khabar.events.retype import retype
from khabar.events.scales import goldstein, quad_class
from khabar.events.tables import EventTables, event_tables
from khabar.events.triggers import Match, SentenceWords, narrowed, open_matches, resolve
from khabar.events.words import TextWords
from khabar.resources import Resources
from khabar.step import Step
from khabar.text.section import section_model, soft_news
from khabar.text.tokens import tokenize
from khabar.text.words import folded_words

HEADLINE = -1
FORCE_CAMEO = "19"  # CAMEO 19x: conventional military force (strikes, shelling, clashes)
FORCE_DOUBT = 0.25  # least probability of such an act the realis model doubted: half its threshold
STATE_KINDS = frozenset({"state", "capital", "demonym"})
GROUP_KINDS = frozenset({"group", "org", "igo", "person"})
FORCE_NOT = GROUP_KINDS - {"org"}  # an organisation with a military or police sector is a state's force
STATE_FORCES = frozenset({"MIL", "COP"})
NEEDS_SOURCE = frozenset({"THREATEN"})
# Acts that are news where they happen even when no one is named (an explosion kills ten, crowds march):
# material conflict and protest. Every other type is an act of someone towards someone — a meeting, a
# demand, support, an accusation — and an event coder records it only with a party to it.
UNATTRIBUTED_QUADS = frozenset({4})
UNATTRIBUTED_TYPES = frozenset({"PROTEST"})
NON_STATE = frozenset({"BUS", "CRM"})  # sectors of actors that are never a state
STATE_AGENTS = frozenset({"GOV", "MIL", "COP", "IGO"})  # sectors that act for a state on a soft-news page
CHARGE_GAP = 3  # words from the one accused to the ب of the charge ("اتهم X Y، في بيان، بدعم")
PAIR_SPAN = 4  # sentences back that "the two sides" may name the sides of an event
PAIR_AT = 3  # words from the sentence's start within which "the two sides" is its subject
SAME_EVENT_SPAN = 3  # sentences back that a definite noun with no actor may refer to


@dataclass(frozen=True, slots=True)
class Passage:
    """One sentence to code: its text, word spans (offsets into `text`) and mentions; its words are
    tokens [first, last) of `table`, the lookups of the whole text."""

    index: int
    text: str
    spans: Sequence[tuple[int, int]]
    mentions: Sequence[Mention]
    table: TextWords
    first: int
    last: int


def _passages(article: Article, tables: EventTables, resources: Resources) -> list[Passage]:
    out = []
    if article.headline is not None and article.headline.text.strip():
        tokens = article.headline_tokens or tokenize(article.headline.text, resources)
        mentions = [m for m in article.mentions if m.where == "headline"]
        table = TextWords(tokens.words(), tables)
        out.append(Passage(HEADLINE, article.headline.text, tokens.spans, mentions, table, 0, len(tokens)))
    norms = None
    if isinstance(article.tokens, Tokens):
        folded = folded_words(article.tokens)
        spans, texts, norms, starts = article.tokens.spans, folded.words, folded.norms, folded.starts
    else:
        spans = [(t.start, t.end) for t in article.tokens]
        texts = [article.body[s:e] for s, e in spans]
        starts = [s for s, _ in spans]
    table = TextWords(texts, tables, norms)
    body_mentions = sorted((m for m in article.mentions if m.where == "body"), key=lambda m: m.start)
    mention_starts = [m.start for m in body_mentions]
    for index, sentence in enumerate(article.sentences):
        first, last = bisect.bisect_left(starts, sentence.start), bisect.bisect_left(starts, sentence.end)
        lo, hi = bisect.bisect_left(mention_starts, sentence.start), bisect.bisect_left(mention_starts, sentence.end)
        out.append(Passage(index, article.body, spans[first:last], body_mentions[lo:hi], table, first, last))
    return out


class SentenceCoder:
    """Codes the passages of one article in order, carrying the subject from sentence to sentence."""

    def __init__(self, tables: EventTables) -> None:
        self.tables = tables
        self.lexicon = tables.lexicon
        self.agents = tables.agents
        self.topic: Group | None = None
        self.pending: Passage | None = None  # a sentence of saying not read yet
        self.events: dict[tuple[int, str, str | None, str | None], Event] = {}
        self.modes: dict[tuple[int, int, str], Modes] = {}  # of the current sentence's matches, asked twice
        self.observe: Callable[[str, frozenset[str]], None] | None = None  # sees realis features (training)
        self.last: dict[str, tuple[Actor, Actor, int]] = {}  # per type: the sides and sentence of the last event
        self.sides: tuple[Actor, Actor, int] | None = None  # the same, of the last meeting or deal
        self.bodies: Memory = {}  # state bodies named in full so far ("الجيش الإسرائيلي"), by their nouns
        self.soft = False  # a page of sport, culture or technology (text/section.py)
        self.year: int | None = None  # the story's year: acts dated before it are background

    def code(self, passage: Passage) -> None:
        self.modes.clear()
        table, first, last = passage.table, passage.first, passage.last
        if not table.any_live(first, last):
            return  # no word starts a trigger or speaks: many sentences stop here
        speech = table.speech(first, last)
        words = table.sentence(first, last) if table.any_hits(first, last) else None
        found = open_matches(words, self.lexicon) if words is not None else []  # all that a narrower look can find
        if words is None or not found:
            if speech:  # its speaker becomes the subject of what follows, if anything asks for it
                self.pending = passage
            return
        skip = table.skips(first, last)
        pair = self._pair(words, passage.index)
        if pair is not None:
            self.topic = pair  # "وبحث الجانبان": the two sides just named are the subject
        starts = [s for s, _ in passage.spans]
        units = find_units(words, starts, passage.mentions)
        names = name_words(units) | person_words(starts, passage.mentions)
        candidates = narrowed(words, found, names, actor_words(units) | skip)
        matches, held = self._reported(words, resolve(candidates))
        blocked = frozenset(j for m in [*matches, *(h for h, _ in held)] for j in m.words)
        # a trigger the sentence does not code is still no part of an actor's phrase ("أدان الوزير القصف
        # الإسرائيلي": the adjective is the shelling's, not the minister's)
        actors = find_actors(words, units, passage.spans, blocked, frozenset(j for m in candidates for j in m.words))
        recalled = recall(words, actors, self.bodies)  # bodies named in earlier sentences only
        remember(words, actors, self.bodies)
        att = Attacher(words, recalled, self.agents, blocked, self.topic,
                       frozenset(m.words[0] for m in matches if m.verbal),
                       frozenset(m.words[0] for m in matches if m.verbal and _and_form(words, m)))
        if self.pending is not None and any((m.verbal and m.words[0] < START_WORDS)
                                            or possessive_pronoun(words, m.words[0]) for m in matches):
            self._read_pending()
        if self.year is not None:  # acts dated to an earlier year are background, not news
            matches = [m for m in matches if not dated_before(words, m, self.year)]
        topic = self._code_matches(passage, words, att, matches, held, pair)
        if topic is None and speech:
            topic = att.speaker(len(words))
        if topic is not None:
            self.topic, self.pending = topic, None

    def _read_pending(self) -> None:
        """The speaker of the last sentence of saying becomes the subject carried forward."""
        passage, self.pending = self.pending, None
        if passage is None:
            return
        words = passage.table.sentence(passage.first, passage.last)
        units = find_units(words, [s for s, _ in passage.spans], passage.mentions)
        speaker = Attacher(words, find_actors(words, units, passage.spans), self.agents).speaker(len(words))
        if speaker is not None:
            self.topic = speaker

    def _code_matches(self, passage: Passage, words: SentenceWords, att: Attacher, matches: list[Match],
                      held: Sequence[tuple[Match, bool]] = (), opener: Group | None = None) -> Group | None:
        """Events of the matches; the subject the sentence gives (None when it gives none). `opener`:
        the subject that opens the sentence when no trigger carries it ("وجدد الجانبان …، ورفضا")."""
        topic = None
        verb_source = opener
        found = []
        charged: Group | None = None  # who an accusation names: "اتهمت X Y بدعم": Y does the support
        for match in matches:
            if charged is not None and not match.verbal and att.words.texts[match.words[0]].startswith("ب") \
                    and att.words_in(charged.end, match.words[0]) <= CHARGE_GAP:
                # "اتهمت X Y بدعم Z": what Y is charged with is Y's act, never the accuser's
                found.append(find_roles(att, match, self.topic, charged))
                continue
            roles = find_roles(att, match, self.topic, verb_source)
            if match.verbal and match.entry.type == "ACCUSE":
                charged = _accused(att, match, roles)
            subject = roles.target if match.entry.swap else roles.source  # "استقبل": the host is the subject
            if match.verbal and subject is not None and (roles.explicit or match.entry.swap) \
                    and not (att.relative(match.words[0]) is not None and att.resumptive(match.words[0])):
                # "الجماعة التي تدعمها إيران تهدد": the subject inside the clause is not the sentence's
                topic = topic or subject
                verb_source = roles.source
            found.append(roles)
        for match, likely in held:  # force the realis model doubted (see _kept)
            kept = _kept(att, match, find_roles(att, match, self.topic, verb_source), likely)
            if kept is not None:
                matches, found = [*matches, match], [*found, kept]
        for match, roles in zip(matches, settle_located(matches, found), strict=True):
            # a visit is made by its subject to each state named: states listed after the verb are no
            # joint subjects meeting each other ("سيزور فرنسا وإيطاليا وبلجيكا")
            joint = (match.entry.joint or match.entry.type in JOINT_TYPES) and match.entry.cameo not in VISITS
            pairs = pairs_of(roles, joint)
            if match.entry.type in NEEDS_SOURCE and all(pair[0] is None for pair in pairs):
                continue  # "the fighting threatens a disaster": a risk, not a threat made by an actor
            if pairs == [(None, None, None, None)]:
                pairs = self._same_event(passage, words, match) or pairs
            for source, target, source_how, target_how in pairs:
                self._add(passage, words, match, source, target, (source_how, target_how))
        return topic

    def _pair(self, words: SentenceWords, index: int) -> Group | None:
        """The sides of the last meeting or deal between two states, when the sentence opens with a dual that
        names two parties ("وأكد الجانبان", "كما اتفق البلدان") a few sentences after it."""
        if self.sides is None or not 0 < index - self.sides[2] <= PAIR_SPAN:
            return None
        nouns = self.agents.pair_nouns
        for j in range(min(PAIR_AT + 1, len(words.texts))):
            if not words.forms[j].all.isdisjoint(nouns):
                named = j + 1 < len(words.texts) and word_info(words.texts[j + 1], words.tables)[0] is not None
                return None if named else Group(self.sides[:2])  # "الجانبان الأوروبي والأميركي" name their own
        return None

    def _same_event(self, passage: Passage, words: SentenceWords, match: Match
                    ) -> list[tuple[Actor | None, Actor | None, str | None, str | None]]:
        """A definite verbal noun with no actor of its own ("the meeting", "the attack") names the event
        of its type coded shortly before, between the same sides."""
        last = self.last.get(match.entry.type)
        if match.verbal or passage.index < 0 or last is None or not 0 < passage.index - last[2] <= SAME_EVENT_SPAN:
            return []
        if not any(had for level in words.forms[match.start].levels for form, had in level if form == match.form):
            return []
        return [(last[0], last[1], "continued", "continued")]

    def _modes(self, words: SentenceWords, match: Match) -> Modes:
        key = (match.start, match.end, match.entry.source)
        if key not in self.modes:
            self.modes[key] = find_modes(words, match)
        return self.modes[key]

    def _reported(self, words: SentenceWords, matches: list[Match]) -> tuple[list[Match], list[tuple[Match, bool]]]:
        """The matches of the types the sentence reports (see report.py), and the acts of force the
        realis model doubted, each with whether it gave them at least FORCE_DOUBT (see _kept)."""
        out, held = [], []
        for plover in dict.fromkeys(m.entry.type for m in matches):
            mine = [m for m in matches if m.entry.type == plover]
            rule = self.lexicon.reports.get(plover)
            if rule is None:
                out.extend(mine)
                continue
            modes = [self._modes(words, m) for m in mine]
            features = None
            if self.observe is not None:
                features = realis_features(words, mine, rule, modes)
                self.observe(plover, features)
            reported, probability = judge(plover, words, mine, rule, modes, features)  # the features once
            if reported:
                out.extend(mine)
            elif not all(m.negated or m.future or m.hypothetical for m in modes):
                held.extend((m, probability >= FORCE_DOUBT) for m in mine if m.entry.cameo.startswith(FORCE_CAMEO))
        return sorted(out, key=lambda m: (m.start, m.entry.type)), held

    def _add(self, passage: Passage, words: SentenceWords, match: Match, source: Actor | None,
             target: Actor | None, hows: tuple[str | None, str | None]) -> None:
        source = _relevant(source)
        target = _relevant(target) if source is None or source.code is None or target is None \
            or target.sector != "BUS" else target  # a state's sanctions on a foreign company hit that state
        if self.soft:
            source, target = _state_agent(source), _state_agent(target)
        entry = retype(match.entry, self.agents.retypes, source.sector if source else None,
                       source.code if source else None, target.code if target else None)
        rule = self.lexicon.reports.get(entry.type) if entry.type != match.entry.type else None
        # A raid is an attack or a protest only where the sentence reports one; a state's forces raiding
        # a named foreign side use force (CAMEO 19x) whatever the casualties.
        forced = entry.cameo.startswith(FORCE_CAMEO) and _state_actor(source) and target is not None \
            and bool(target.code)
        if rule is not None and not forced and not reports(entry.type, words, [match], rule,
                                                           [self._modes(words, match)]):
            entry = match.entry
        attributed = entry.type not in UNATTRIBUTED_TYPES and quad_class(entry.type) not in UNATTRIBUTED_QUADS
        if attributed and source is None and target is None:
            return  # "the meeting discussed", "support for the team": no party named, no event
        if attributed and self.soft and not (source is not None and source.code) \
                and not (target is not None and target.code):
            return  # "the club thanked Rome": no state agent named on a soft-news page
        if source is not None and target is not None and source.code and source.code == target.code:
            target = None  # not an event between states: kept for detection only
        src, tgt = (source.code if source else None), (target.code if target else None)
        key = (passage.index, entry.type, src, tgt)
        if key in self.events:
            return
        modes = self._modes(words, match)
        start, end = passage.spans[match.start][0], passage.spans[match.words[-1]][1]
        how = _how(match, source, target, hows)
        model = self.tables.confidence
        confidence = model.probability(event_features(entry.type, how, passage.index, modes.negated, modes.future,
                                                      modes.hypothetical)) if model is not None else None
        if source is not None and target is not None and src and tgt and passage.index >= 0:
            self.last[entry.type] = (source, target, passage.index)
            if entry.type in JOINT_TYPES or entry.joint:  # "the two sides" are those of a meeting, a deal
                self.sides = (source, target, passage.index)
        self.events[key] = Event(
            type=entry.type, sentence=passage.index, trigger=_trigger(passage, match), trigger_start=start,
            trigger_end=end, source=src, target=tgt, source_text=_text(passage, source),
            target_text=_text(passage, target), source_sector=source.sector if source else None,
            target_sector=target.sector if target else None, mode=entry.mode, negated=modes.negated,
            future=modes.future, hypothetical=modes.hypothetical, cameo=entry.cameo,
            quad_class=quad_class(entry.type), goldstein=goldstein(entry.cameo), how=how,
            confidence=confidence)


def _and_form(words: SentenceWords, match: Match) -> bool:
    """Was the verb found under a form without the و/ف its word begins with ("وتتحفظ" as تتحفظ)?"""
    norm = words.norms[match.words[0]]
    return norm[:1] in "وف" and bool(match.form) and not match.form.startswith(norm[:1])


def _accused(att: Attacher, match: Match, roles: Roles) -> Group | None:
    """Who a verb of accusing names after its subject, coded or not ("اتهمت X الشركة بـ")."""
    head = match.words[0]
    if roles.target is not None and roles.target.start > head:
        return roles.target
    after = roles.source.end if roles.source is not None and roles.source.start > head else match.words[-1] + 1
    return next((g for g in att.groups if g.start >= after and g.prep is None and att.words_in(after, g.start) <= 1),
                None)


def _kept(att: Attacher, match: Match, roles: Roles, likely: bool) -> Roles | None:
    """The roles of an act of conventional force the realis model doubted, if it is an event all the
    same: one state's forces hit a named side (and the model gave it half its threshold), or it is
    fought between two named sides ("اشتباكات بين الجيش السوداني وقوات الدعم السريع", each side's act
    on the other): clashes are mostly the GSR's "no", and news of them an event."""
    if likely and roles.explicit and _state_force(roles.source) and roles.target is not None and roles.target.coded:
        return roles
    between = att.between(match)
    # the "بين" of this act ("اشتباكات عنيفة الاثنين بين X": two words before X), not of another phrase
    if between is not None and not between.pair and len({a.code for a in between.coded}) >= 2 \
            and att.words_in(match.words[-1] + 1, between.start) <= BETWEEN_GAP:
        return replace(roles, between=between)
    return None


def _state_force(group: Group | None) -> bool:
    """Is the group a state or its armed forces ("إسرائيل", "الطائرات الروسية"), not a party or group?"""
    return group is not None and any(map(_state_actor, group.coded))


def _state_actor(a: Actor | None) -> bool:
    """A state, or its army or police, also when named as an organisation ("الجيش اليمني")."""
    if a is None or not a.code:
        return False
    return a.kind in STATE_KINDS or (a.sector in STATE_FORCES and a.kind not in FORCE_NOT)


def _relevant(actor: Actor | None) -> Actor | None:
    """A company or a criminal named with a nationality is no state actor: its code is kept aside as
    its home, and the event between states needs a state actor in that role (a deal between two
    companies, an arrest of a smuggler)."""
    if actor is None or not actor.code or actor.sector not in NON_STATE or actor.kind == "igo":
        return actor
    return replace(actor, code=None, home=actor.code)


def _state_agent(actor: Actor | None) -> Actor | None:
    """On a soft-news page a state's name, capital or adjective stands for a team, a host or a market:
    only an agent of a state (an official, a ministry, its forces), an international body or an armed
    or political group keeps its code; the others keep it aside as their home."""
    if actor is None or not actor.code or actor.sector in STATE_AGENTS or actor.kind in ("group", "igo"):
        return actor
    return replace(actor, code=None, home=actor.code)


def _by(actor: Actor) -> str:
    """What coded the actor: a name, a title or agent noun with a nationality, an adjective, an alias."""
    if actor.kind in NAMED:
        return "name"
    if actor.kind in ("pronoun", REMEMBERED):
        return actor.kind
    if actor.kind == "demonym":
        return "title" if actor.sector else "adjective"
    return actor.kind if actor.kind == "alias" else "title" if actor.sector else "word"


def _how(match: Match, source: Actor | None, target: Actor | None, hows: tuple[str | None, str | None]
         ) -> tuple[tuple[str, str], ...]:
    out = [("trigger", "verb" if match.verbal else "phrase" if len(match.entry.slots) > 1 else "noun")]
    for role, actor, how in (("source", source, hows[0]), ("target", target, hows[1])):
        if actor is not None:
            out += [(role, how or "subject"), (f"{role}_by", _by(actor))]
    return tuple(out)


def _trigger(passage: Passage, match: Match) -> str:
    """The words of the trigger; a phrase with a gap shows it ("أعربت … عن ترحيب"), while the offsets
    span the whole stretch."""
    spans = [passage.spans[j] for j in match.words]
    if match.words[-1] - match.words[0] + 1 == len(match.words):
        return passage.text[spans[0][0]:spans[-1][1]]
    parts, last = [], None
    for j, (s, e) in zip(match.words, spans, strict=True):
        if last is not None and j > last + 1:
            parts.append("…")
        parts.append(passage.text[s:e])
        last = j
    return " ".join(parts)


def _text(passage: Passage, actor: Actor | None) -> str | None:
    """The actor as written; an actor's span may take in the white space around a clitic it left out."""
    return passage.text[actor.char_start:actor.char_end].strip() or None if actor is not None else None


def code_events(article: Article, resources: Resources | None = None) -> None:
    """Fill `article.events` from its headline and sentences, with the tables of `resources` (default:
    the process's shared Resources)."""
    resources = resources or Resources.default()
    coder = SentenceCoder(resources.get(event_tables))
    coder.soft = soft_news(article, resources)
    coder.year = story_year(article.date)
    for passage in _passages(article, coder.tables, resources):
        coder.code(passage)
        if passage.index == HEADLINE:
            coder.topic = None  # the headline's subject does not carry into the body
    article.events = sorted(_whole(list(coder.events.values())), key=lambda e: (e.sentence, e.trigger_start, e.type))


def _whole(events: list[Event]) -> list[Event]:
    """One act told with several triggers ("شنت X غارات … الغارات أسفرت"): an event of a sentence that
    lacks an actor another event of its type, sentence and modes has, with the same actor on its other
    side (or none), is a part of that one and is dropped."""
    full: dict[tuple, list[Event]] = {}
    for e in events:
        if e.source and e.target:
            full.setdefault((e.sentence, e.type, e.negated, e.future, e.hypothetical), []).append(e)
    if not full:
        return events
    out = []
    for e in events:
        whole = full.get((e.sentence, e.type, e.negated, e.future, e.hypothetical), [])
        if not (e.source and e.target) and any(e.source in (None, w.source) and e.target in (None, w.target)
                                               for w in whole):
            continue
        out.append(e)
    return out


EVENT_CODER = Step("events", code_events, ("body", "headline", "sentences", "tokens", "headline_tokens", "mentions",
                                          "date"),
                   ("events",), uses=(event_tables, section_model))
