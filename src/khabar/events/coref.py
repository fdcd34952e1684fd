"""A state body named in full once, then by its bare noun: "الخارجية العراقية" in the headline,
"الخارجية:" or "الوزارة" (its head noun alone) in the body; "الجيش الإسرائيلي" then "الجيش". News name a ministry, an army
or a police force with its nationality the first time and drop the adjective after; the bare noun
stands for the last body of that noun the article named.

Only the bodies of a state (GOV, MIL, COP) are remembered: "the residents", "the gunmen" or "the
protesters" named again are seldom the same people, and a bare noun is remembered only when it
reads as definite (the article, or the first noun of a construct: "وزارة الخارجية").
"""

from __future__ import annotations

from dataclasses import replace

from khabar.events.actors import Actor, word_info
from khabar.events.triggers import SentenceWords

STATE_BODIES = frozenset({"GOV", "MIL", "COP"})
REMEMBERED = "earlier"  # the kind of an actor coded by the body named in full before it

Memory = dict[tuple[str, ...], Actor]


def _stem(words: SentenceWords, j: int) -> str:
    """The word without its clitics and article: the last form of its first lookup level."""
    levels = words.forms[j].levels
    return levels[0][-1][0] if levels else words.norms[j]


def _body_key(words: SentenceWords, actor: Actor) -> tuple[str, ...]:
    """The nouns of a coded body without its nationality adjective ("الجيش الإسرائيلي" → جيش)."""
    out = []
    names = words.tables.gazetteer.first_words
    for j in range(actor.start, actor.end):
        if not words.is_word(j):
            continue
        code, sector, _, _ = word_info(words.texts[j], words.tables)
        if code is not None or (sector is None and not words.forms[j].all.isdisjoint(names)):
            break  # the adjective or the state's name ends the body's own nouns ("حكومة تركيا")
        out.append(_stem(words, j))
    return tuple(out)


def remember(words: SentenceWords, actors: list[Actor], memory: Memory) -> None:
    """Note each state body the sentence names with its nationality."""
    for actor in actors:
        if actor.code and actor.sector in STATE_BODIES and actor.kind in ("demonym", "org", "state"):
            key = _body_key(words, actor)
            if key and key != tuple(_stem(words, j) for j in range(actor.start, actor.end) if words.is_word(j)):
                memory[key] = actor
                memory[key[:1]] = actor  # "وزارة الخارجية التركية" … "الوزارة"


def recall(words: SentenceWords, actors: list[Actor], memory: Memory) -> list[Actor]:
    """Uncoded bodies named by the nouns of one remembered, definite: coded as that one."""
    if not memory:
        return actors
    out = []
    for actor in actors:
        if actor.code is None and actor.sector in STATE_BODIES and actor.prep != "agent":
            key = tuple(_stem(words, j) for j in range(actor.start, actor.end) if words.is_word(j))
            earlier = memory.get(key)
            definite = words.forms[actor.start].definite or len(key) > 1
            if earlier is not None and definite:
                actor = replace(actor, code=earlier.code, kind=REMEMBERED, home=earlier.home)
        out.append(actor)
    return out
