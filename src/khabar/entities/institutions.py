"""State institutions named by a head word and a state: "وزارة الخارجية الروسية", "الحكومة البريطانية",
"حكومة سريلانكا", "الجيش اللبناني". Each becomes an ORG mention of that state with an English name.
"""

from __future__ import annotations

from dataclasses import dataclass

from khabar.article import Tokens
from khabar.kb import KnowledgeBase
from khabar.lang.normalize import fold
from khabar.resources import Resources, data_path, read_tsv
from khabar.text.words import folded_words, positions_in

# English names that take "the" after "of" ("Government of the United Kingdom").
_WITH_THE = frozenset({"United States", "United Kingdom", "Netherlands", "Philippines", "United Arab Emirates",
                       "Central African Republic", "Democratic Republic of the Congo", "Dominican Republic",
                       "Gambia", "Bahamas", "Maldives", "Comoros", "Czech Republic"})


_MINISTER = frozenset(fold(w) for w in "وزير وزيرة وكيل مساعد".split())


@dataclass(frozen=True, slots=True)
class Institution:
    first: int  # token index of the head word
    last: int  # token index after the state word(s), or after the head
    name_en: str
    country: str | None
    type: str = "ORG"  # LOC for a building that is the institution's seat (an embassy, a consulate)


def _heads() -> dict[tuple[str, ...], tuple[str, bool, bool, str]]:
    """Institution heads (folded words) with their English name, whether a field must follow, and
    whether the head is an adjective standing for the ministry ("الخارجية"); built once, by the
    process's Resources."""
    return Resources.default().get(_build_heads)


def _build_heads(resources: Resources) -> dict[tuple[str, ...], tuple[str, bool, bool, str]]:
    rows = read_tsv(data_path("khabar.entities", "data/institutions.tsv"), ("head_ar", "name_en", "needs_field"))
    return {tuple(fold(w) for w in row["head_ar"].split()):
            (row["name_en"], row["needs_field"] == "1", row.get("adjective") == "1", row.get("type") or "ORG")
            for _, row in rows}


def descriptor_heads() -> frozenset[str]:
    """Folded heads of data/institutions.tsv marked `descriptor`: with their state ("الحكومة البريطانية")
    they describe the state's institution, they are no name (the annotation policy); built once."""
    return Resources.default().get(_build_descriptor_heads)


def _build_descriptor_heads(resources: Resources) -> frozenset[str]:
    rows = read_tsv(data_path("khabar.entities", "data/institutions.tsv"), ("head_ar",))
    return frozenset(fold(row["head_ar"]) for _, row in rows if row.get("descriptor") == "1")


def _first_words() -> frozenset[str]:
    return Resources.default().get(_build_first_words)


def _build_first_words(resources: Resources) -> frozenset[str]:
    return frozenset(words[0] for words in _heads())


def institution_name(head_en: str, state_en: str | None) -> str:
    if state_en is None:
        return head_en
    if head_en.startswith(("Government", "Embassy", "Consulate", "Presidency", "Parliament")):
        article = "the " if state_en in _WITH_THE else ""
        return f"{head_en} of {article}{state_en}"
    return f"{head_en} ({state_en})"


def find_institutions(tokens: Tokens, states: dict[int, tuple[int, str]], kb: KnowledgeBase,
                      home: str | None) -> list[Institution]:
    """Institutions among the tokens. `states` maps a token index to (index after, ISO3) for each
    state named there (by name or adjective); `home` is the state of the dispatch, for "وزارة الخارجية"."""
    folded = folded_words(tokens)
    norms, keys, firsts = folded.norms, folded.keys, _first_words()
    found = []
    index = 0
    for i in positions_in(firsts, norms, keys):
        if i < index:
            continue  # inside the institution found last
        hit = _head_at(norms, keys, i)
        if hit is None:
            continue
        length, (head_en, needs_state, adjective, type_) = hit
        if adjective and i and keys[i - 1] in _MINISTER:
            continue  # "وزير الخارجية": a title; after "وكيل" the noun "وزارة" names the ministry it serves
        if adjective and i and keys[i - 1].startswith("ال"):
            continue  # "السياسة الخارجية الأمريكية": the adjective qualifies the noun before, no ministry
        after = i + length
        state = states.get(after)
        country = state[1] if state else (None if needs_state else home)
        if state is None and needs_state:
            continue
        last = state[0] if state else after
        entry = kb.state(country) if state else None  # a state only inferred is not put in the name
        found.append(Institution(i, last, institution_name(head_en, entry.name_en if entry else None), country, type_))
        index = last
    return found


def _head_at(norms: list[str], keys: list[str], index: int) -> tuple[int, tuple[str, bool, bool, str]] | None:
    heads = _heads()
    for length in (4, 3, 2, 1):
        words = tuple(norms[index:index + length])
        if len(words) < length:
            continue
        found = heads.get(words) or heads.get((keys[index], *words[1:]))
        if found:
            return length, found
    return None
