"""Every Arabic form linked to each knowledge-base entity in a store, and a check that a person's
forms are their names: the words of a form must agree with one of the person's names (as
`words_agree` rules) or be words of one of them (a family name met after the full name)."""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass

from khabar.entities.fuzzy import words_agree
from khabar.kb import clitic_forms, match_key
from khabar.kb.model import Entry


@dataclass(frozen=True, slots=True)
class Forms:
    id: str
    name_en: str | None
    type: str | None
    mentions: int
    forms: tuple[tuple[str, int], ...]  # (form as written, mentions), most frequent first


def linked_forms(conn: sqlite3.Connection, type: str | None = None, limit: int = 50) -> list[Forms]:
    """The knowledge-base entities of the store with the most mentions, each with its forms (the
    mention texts, folded together)."""
    where = "role = 'mention' AND entity_id IS NOT NULL AND entity_id NOT LIKE 'text:%'"
    args: list[object] = []
    if type:
        where += " AND type = ?"
        args.append(type)
    rows = conn.execute(f"SELECT entity_id, name_en, type, fold(text), min(text), count(*) FROM mentions "
                        f"WHERE {where} GROUP BY entity_id, fold(text)", args).fetchall()
    by_entity: dict[str, list[tuple]] = defaultdict(list)
    for row in rows:
        by_entity[row[0]].append(row)
    out = []
    for entity_id, found in by_entity.items():
        found.sort(key=lambda r: -r[5])
        out.append(Forms(entity_id, found[0][1], found[0][2], sum(r[5] for r in found),
                         tuple((r[4], r[5]) for r in found)))
    out.sort(key=lambda f: -f.mentions)
    return out[:limit]


def form_fits(form: str, person: Entry) -> bool:
    """Is `form` a way of writing `person`'s name: after proclitics and hashtag marks, a name whose
    words agree with one of theirs (`words_agree`), or a run of words of one of their names (a
    family name met after the full name)? Another person's name fits none of these."""
    keys = clitic_forms(match_key(_HASHTAG.sub(" ", form)))
    names = [match_key(n).split() for n in person.names_ar]
    for key in keys:
        words = key.split()
        if words_agree(key, person) or any(_run_of(words, name) for name in names):
            return True  # a family name two people share is theirs too: the article tells which
        if any(_lineage_of(words, name) for name in names):
            return True
    return False


_HASHTAG = re.compile(r"[#_\-]+")  # hashtag marks and hyphens inside names ("مون جاي-إن")
_LINEAGE = frozenset(match_key(w) for w in ("بن", "ابن", "بنت", "آل"))


def _lineage_of(words: list[str], name: list[str]) -> bool:
    """Is `words` the name followed by more of the lineage ("محمد بن سلمان بن عبدالعزيز آل سعود"
    for "محمد بن سلمان")?"""
    return len(words) > len(name) and words[:len(name)] == name and words[len(name)] in _LINEAGE


def _run_of(words: list[str], name: list[str]) -> bool:
    """Are `words` a run of consecutive words of `name`?"""
    n = len(words)
    return any(name[i:i + n] == words for i in range(len(name) - n + 1))


def another_persons_name(form: str, person: Entry, kb) -> Entry | None:
    """The knowledge-base person other than `person` whose name `form` is exactly (after proclitics
    and hashtag marks), when `form` is no way of writing `person`'s name; else None."""
    if form_fits(form, person):
        return None
    key = match_key(_HASHTAG.sub(" ", form))
    return next((e for e in kb.lookup(key) if e.type == "PER" and e.id != person.id), None)
