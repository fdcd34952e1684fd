"""References that are not names: titles ("رئيس الوزراء الياباني" → Fumio Kishida on the article's
date) and nationality adjectives ("الأمريكي" → United States), and short person names ("بايدن")
that stand for a full name met earlier in the article."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence

from khabar.article import Article, Mention
from khabar.entities.gazetteer import NameMatch
from khabar.kb import KnowledgeBase
from khabar.kb.model import STATE
from khabar.lang.normalize import fold
from khabar.text.words import folded_words, positions_in

# Title words (folded, as written after clitics) and the office they name. A title is resolved when
# a state follows it: a nationality adjective ("الياباني") or a state's name ("خارجية الإمارات").
TITLES: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    (tuple(fold(w) for w in words.split()), role) for words, role in (
        ("رئيس مجلس الوزراء", "head_of_government"),
        ("رئيس الوزراء", "head_of_government"),
        ("رئيسة الوزراء", "head_of_government"),
        ("رئيس الحكومة", "head_of_government"),
        ("رئيسة الحكومة", "head_of_government"),
        ("رئيس حكومة", "head_of_government"),
        ("رئيس وزراء", "head_of_government"),
        ("المستشار", "head_of_government"),
        ("المستشارة", "head_of_government"),
        ("وزير الخارجية", "foreign_minister"),
        ("وزيرة الخارجية", "foreign_minister"),
        ("وزير خارجية", "foreign_minister"),
        ("وزيرة خارجية", "foreign_minister"),
        ("وزير الدفاع", "defence_minister"),
        ("وزيرة الدفاع", "defence_minister"),
        ("وزير دفاع", "defence_minister"),
        ("ولي العهد", "crown_prince"),
        ("ولي عهد", "crown_prince"),
        ("رئيس الجمهورية", "head_of_state"),
        ("الرئيس", "head_of_state"),
        ("الرئيسة", "head_of_state"),
        ("رئيس", "head_of_state"),
        ("العاهل", "head_of_state"),
        ("الملك", "head_of_state"),
        ("ملك", "head_of_state"),
        ("أمير", "head_of_state"),
        ("سلطان", "head_of_state"),
    ))
MAX_TITLE_WORDS = max(len(words) for words, _ in TITLES)
# The titles by first word, in the order of TITLES (the first that matches wins).
_BY_FIRST: dict[str, tuple[tuple[int, tuple[str, ...], str], ...]] = {
    first: tuple((n, words, role) for n, (words, role) in enumerate(TITLES) if words[0] == first)
    for first in {words[0] for words, _ in TITLES}}


def resolve_references(article: Article, demonyms: Sequence[NameMatch], kb: KnowledgeBase,
                       on: dt.date) -> list[Mention]:
    """Nationality adjectives and resolved titles of the body, as mentions of kind demonym/title."""
    tokens = article.tokens
    states: dict[int, tuple[int, str]] = {}  # token index -> (end offset, ISO3)
    references: list[Mention] = []
    for match in demonyms:
        state = match.entries[0]
        states[match.first] = (match.end, state.code or state.country or "")
        references.append(Mention(match.start, match.end, article.body[match.start:match.end], "MISC",
                                  state.name_en, state.id, state.code, kind="demonym", how="demonym"))
    folded = folded_words(tokens)
    starts = folded.starts
    for mention in article.mentions:
        if mention.where == "body" and mention.kind == STATE and mention.country:
            index = bisect.bisect_left(starts, mention.start)
            index = index if index < len(starts) and starts[index] <= mention.start else index - 1
            states.setdefault(max(index, 0), (mention.end, mention.country))
    norms, keys = folded.norms, folded.keys
    for index in positions_in(_BY_FIRST, norms, keys):
        title = _title_at(norms, index, keys)
        if title is None:
            continue
        words, role = title
        after = index + len(words)
        if after not in states:
            continue
        end, country = states[after]
        person = _holder(kb, country, role, on)
        if person is not None:
            start = tokens.spans[index][0] + tokens.splits[index][0]
            references.append(Mention(start, end, article.body[start:end], "PER", person.name_en, person.id,
                                      person.country, kind="title", how="title"))
    references.sort(key=lambda m: m.start)
    return references


def _title_at(norms: list[str], index: int, keys: list[str]) -> tuple[tuple[str, ...], str] | None:
    """The first title of TITLES written at token `index`: its first word as written or as the stem
    after proclitics, the others as written."""
    norm, key = norms[index], keys[index]
    candidates = _BY_FIRST.get(norm, ())
    if key != norm and key in _BY_FIRST:
        candidates = tuple(sorted((*candidates, *_BY_FIRST[key])))
    for _, words, role in candidates:
        if tuple(norms[index + 1:index + len(words)]) == words[1:]:
            return words, role
    return None


def _holder(kb: KnowledgeBase, country: str, role: str, on: dt.date):
    holders = kb.holders(country, role, on)
    return holders[-1] if holders else None


def owner_among(mention: Mention, key: str, mentions: Sequence[Mention], folded: Sequence[str],
                before: int) -> Mention | None:
    """The person mention among mentions[:before], the latest first, whose full name ends (or starts)
    with the short name `mention` (`key`: its folded text; `folded`: those of `mentions`, folded
    once per article rather than once per short name)."""
    if not key:
        return None
    spaced, leading = " " + key, key + " "
    for n in range(before - 1, -1, -1):
        candidate = mentions[n]
        if candidate.type != "PER" or candidate is mention:
            continue
        full = folded[n]
        if full != key and (full.endswith(spaced) or full.startswith(leading)):
            return candidate
    return None


_PATRONYMIC = frozenset(fold(w) for w in ("بن", "ابن", "بنت"))


class FullNames:
    """Person names met so far, by each run of their words a short name can be (the name's last
    words or its first ones): `owner(key)` answers owner_among's question by one lookup instead of
    a scan back over every mention (that scan made a long document quadratic)."""

    MAX_WORDS = 6  # a short name longer than this is not looked for inside a fuller one

    def __init__(self) -> None:
        self._latest: dict[str, int] = {}

    def add(self, index: int, full: str) -> None:
        """Mention `index` (after every earlier one) is a person whose folded text is `full`. Words
        after "بن" name a father or an ancestor: "سلمان" and "عبد العزيز آل سعود" are not
        "محمد بن سلمان بن عبد العزيز آل سعود"; "بن سلمان" (the particle with one name) is him."""
        spaces = [i for i, char in enumerate(full) if char == " "]
        for i in spaces[: self.MAX_WORDS]:
            self._latest[full[:i]] = index
        words = full.split(" ")
        particles = [n for n, word in enumerate(words) if word in _PATRONYMIC]
        for n in range(max(1, len(words) - self.MAX_WORDS), len(words)):
            if not any(p < n for p in particles):
                self._latest[" ".join(words[n:])] = index

    def owner(self, key: str) -> int | None:
        """The latest name added whose last or first words are `key` (and not all of it)."""
        return self._latest.get(key) if key else None
