"""Organisations named by a head noun and a nationality adjective, with or without other adjectives and
a purpose: "الجمعية الكويتية للإغاثة", "اتحاد الكرة المصري", "الهيئة الخيرية الأردنية", "المعهد الملكي
البريطاني للدراسات الدولية". The tagger, trained on few such names, often misses them whole; the
knowledge base cannot list them all.

A name is: a head (data/org_heads.tsv), definite ("الجمعية") or followed by the definite noun it
governs ("اتحاد الكرة"); then adjectives, each definite and written alone (no proclitic), among them
a nationality adjective; the name ends after the last nationality adjective, or after a purpose
that follows it ("للإغاثة", "للثقافة والفنون"). Adjectives after a definite head are nisba
adjectives ("الخيرية") or those the table lists ("العامة"), so that a noun after the head
("الجامعة الحكومة") ends the phrase. A name has three words at least: a head and a nationality
adjective alone ("الشركة الأمريكية") describe, they do not name.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from khabar.article import Tokens
from khabar.lang.normalize import fold
from khabar.resources import Resources, data_path, read_tsv

MAX_ADJECTIVES = 4  # adjectives read after the head before giving up
MAX_PURPOSE_WORDS = 4  # words of the purpose after a name ("للدراسات الاستراتيجية والدولية")
MIN_WORDS = 3


@dataclass(frozen=True, slots=True)
class OrgName:
    first: int  # token index of the head
    last: int  # token index after the name
    country: str | None  # ISO3 of its first nationality adjective


def _table() -> tuple[frozenset[str], frozenset[str]]:
    return Resources.default().get(_build_table)


def _build_table(resources: Resources) -> tuple[frozenset[str], frozenset[str]]:
    """(head nouns folded, with and without the article; adjectives folded) of data/org_heads.tsv."""
    heads: set[str] = set()
    adjectives: set[str] = set()
    for _, row in read_tsv(data_path("khabar.entities", "data/org_heads.tsv"), ("word", "class")):
        word = fold(row["word"])
        if row["class"] == "head":
            heads.update((word, "ال" + word))
        else:
            adjectives.add(word)
    return frozenset(heads), frozenset(adjectives)


def _spaced(tokens: Tokens, i: int) -> bool:
    """Is token `i` one space after token i-1 (no punctuation, no line between)?"""
    return tokens.text[tokens.spans[i - 1][1]:tokens.spans[i][0]] == " "


def _definite_alone(tokens: Tokens, i: int) -> bool:
    prefix, _, key = tokens.splits[i]
    return prefix == 0 and key.startswith("ال") and len(key) > 3


def _nisba(key: str, adjectives: Collection[str]) -> bool:
    return key in adjectives or key.endswith(("ي", "يه"))


def find_organisation_names(tokens: Tokens, demonyms: Mapping[int, tuple[int, str]], taken: list[bool]
                            ) -> list[OrgName]:
    """Organisation names among the tokens. `demonyms` maps the token index of each nationality
    adjective to (the index after it, its state's ISO3); `taken`, tokens already in a mention (none of
    them is used). A name's country is that of its first nationality adjective."""
    heads, adjectives = _table()
    keys = tokens.keys()
    found: list[OrgName] = []
    n, i = len(tokens), 0
    while i < n:
        if keys[i] not in heads or taken[i]:
            i += 1
            continue
        j = i + 1
        definite = keys[i].startswith("ال")
        if not definite:  # "اتحاد الكرة": the noun the head governs
            if j < n and _definite_alone(tokens, j) and _spaced(tokens, j) and j not in demonyms:
                j += 1
            else:
                i += 1
                continue
        end = country = None
        read = 0
        while j < n and read < MAX_ADJECTIVES and _definite_alone(tokens, j) and _spaced(tokens, j):
            if j in demonyms:
                country = country or demonyms[j][1]
                j = demonyms[j][0]
                # "الجزائري-السعودي": two nationality adjectives joined by a hyphen
                while (j + 1 < n and tokens.text[tokens.spans[j][0]:tokens.spans[j][1]] == "-"
                       and j + 1 in demonyms and tokens.spans[j][0] == tokens.spans[j - 1][1]):
                    j = demonyms[j + 1][0]
                end = j
            elif _nisba(keys[j], adjectives):
                j += 1
            else:
                break
            read += 1
        if end is None:
            i += 1
            continue
        end = _with_purpose(tokens, end, adjectives)
        if end - i >= MIN_WORDS and not any(taken[i:end]):
            found.append(OrgName(i, end, country))
            i = end
        else:
            i += 1
    return found


def _with_purpose(tokens: Tokens, end: int, adjectives: Collection[str]) -> int:
    """The end of a name with the purpose after it: "لل" + noun, then its adjectives and the nouns
    joined to it by "و" ("للثقافة والفنون")."""
    n = len(tokens)
    if not (end < n and _spaced(tokens, end) and _lam_definite(tokens, end)):
        return end
    j = end + 1
    while j < n and j - end < MAX_PURPOSE_WORDS and _spaced(tokens, j):
        prefix, _, key = tokens.splits[j]
        written = tokens.text[tokens.spans[j][0]:tokens.spans[j][0] + prefix]
        if prefix == 0 and key.startswith("ال") and _nisba(key, adjectives):
            j += 1
        elif written == "و" and key.startswith("ال"):
            j += 1
        else:
            break
    return j


def _lam_definite(tokens: Tokens, i: int) -> bool:
    prefix, _, key = tokens.splits[i]
    return prefix == 1 and tokens.text[tokens.spans[i][0]] == "ل" and key.startswith("ال")
