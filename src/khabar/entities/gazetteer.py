"""Knowledge-base names found in the text: a longest-match dictionary over tokens.

The first word of a name may carry proclitics ("والولايات المتحدة", "بالسعودية", "للأمم المتحدة");
the following words are matched as written (folded). Names are indexed by their first word.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from khabar.article import Tokens
from khabar.entities.fuzzy import FuzzyNames
from khabar.kb import KnowledgeBase, knowledge_base
from khabar.kb.model import Entry
from khabar.lang.normalize import fold
from khabar.resources import Resources, data_path, read_tsv
from khabar.text.tokens import TOKEN_RE
from khabar.text.words import folded_words, positions_in

MAX_NAME_TOKENS = 8
# Head nouns that news puts before a place name; mentions leave them out ("منطقة الخليج" → "الخليج").
GENERIC_HEADS = frozenset(fold(w) for w in "منطقة منطقتي مدينة بلدة محافظة ولاية إقليم قرية جزيرة شركة العاصمة".split())


def _honorifics() -> tuple[frozenset[str], frozenset[tuple[str, ...]]]:
    """data/honorifics.tsv, folded: the one-word honorifics and the phrases of several words
    ("آية الله"). Read at import: a few dozen words the gazetteer tests every name against."""
    rows = read_tsv(data_path("khabar.entities", "data/honorifics.tsv"), ("words",))
    phrases = [tuple(fold(row["words"]).split()) for _, row in rows]
    return frozenset(p[0] for p in phrases if len(p) == 1), frozenset(p for p in phrases if len(p) > 1)


# Honorifics and titles that stand before a person's name and are not part of it.
HONORIFICS, HONORIFIC_PHRASES = _honorifics()


def honorific_words(words: list[str], at: int) -> int:
    """How many words of `words` (folded stems) from `at` on are an honorific: 0 when none."""
    if at < len(words) and words[at] in HONORIFICS:
        return 1
    for phrase in HONORIFIC_PHRASES:
        if tuple(words[at:at + len(phrase)]) == phrase:
            return len(phrase)
    return 0
# "مجلس الأمن التابع للأمم المتحدة" reads as two names, the council and the UN.
COMPOUND_WORDS = frozenset(fold(w) for w in "التابع التابعة".split())


@dataclass(frozen=True, slots=True)
class NameMatch:
    first: int  # token index of the first word
    last: int  # token index after the last word
    start: int  # body offset (after any proclitic of the first word)
    end: int
    entries: tuple[Entry, ...]  # best first
    demonym: bool = False


class Gazetteer:
    """Names (and nationality adjectives) of a knowledge base, indexed for matching over tokens."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.fuzzy = FuzzyNames(kb)  # closest names, for spans the tagger found that match no name
        self.names: dict[str, list[tuple[tuple[str, ...], list[Entry]]]] = defaultdict(list)
        self.demonyms: dict[str, Entry] = {}
        grouped: dict[tuple[str, ...], dict[str, Entry]] = defaultdict(dict)
        for key, entry in kb.names():
            words = tuple(fold(w) for w in TOKEN_RE.findall(key))
            if words and len(words) <= MAX_NAME_TOKENS:
                grouped[words].setdefault(entry.id, entry)
        for words, entries in grouped.items():
            heads = GENERIC_HEADS | HONORIFICS
            if words[0] in heads and words[1:] in grouped and set(entries) & set(grouped[words[1:]]):
                continue
            if COMPOUND_WORDS & set(words):
                continue
            ranked = [e for e in kb.lookup(" ".join(words)) if e.id in entries] or list(entries.values())
            self.names[words[0]].append((words[1:], ranked))
        # Per first word: the names of several words by their second word (longest first), and the
        # one-word name; a match only tries the names that go on with the word that follows.
        self._by_second: dict[str, tuple[dict[str, list[tuple[tuple[str, ...], list[Entry]]]], list[Entry] | None]] = {}
        for first, rest_lists in self.names.items():
            rest_lists.sort(key=lambda item: -len(item[0]))  # longest names first
            by_second: dict[str, list[tuple[tuple[str, ...], list[Entry]]]] = defaultdict(list)
            for rest, entries in rest_lists:
                if rest:
                    by_second[rest[0]].append((rest, entries))
            single = next((entries for rest, entries in rest_lists if not rest), None)
            self._by_second[first] = (dict(by_second), single)
        for key, state in kb.demonyms():
            if " " not in key:
                self.demonyms.setdefault(key, state)
        self.heads = frozenset(self.names) | frozenset(self.demonyms)  # words a match can start on

    def match(self, tokens: Tokens, begin: int = 0, end: int | None = None) -> list[NameMatch]:
        """Longest non-overlapping names among tokens[begin:end]."""
        end = len(tokens) if end is None else end
        folded = folded_words(tokens)
        norms, keys, splits, heads = folded.norms, folded.keys, tokens.splits, self.heads
        found: list[NameMatch] = []
        # most words begin no name: only those whose form (or stem after proclitics) heads one are tried
        tried = [i for i in positions_in(heads, norms[begin:end], keys[begin:end], start=begin)
                 if norms[i] in heads or splits[i][0]]
        index = begin
        for i in tried:
            if i < index:
                continue  # inside the name found last
            hit = self._match_at(tokens, norms, i, end)
            if hit is not None and hit.last - hit.first > 1 and (norms[i] in HONORIFICS or keys[i] in HONORIFICS):
                after = self._match_at(tokens, norms, i + 1, end)
                if after is not None and after.last >= hit.last:
                    hit = None  # "الملكة إليزابيث الثانية": the name after the title, which is no part of it
            if hit is not None:
                found.append(hit)
                index = hit.last
        return found

    def _match_at(self, tokens: Tokens, norms: list[str], position: int, end: int) -> NameMatch | None:
        prefix, _, key = tokens.splits[position]
        for first, stripped in ((norms[position], 0), (key, prefix)):
            candidates = self._by_second.get(first)
            if candidates is not None:
                by_second, single = candidates
                following = by_second.get(norms[position + 1]) if position + 1 < end else None
                for rest, entries in following or ():
                    if tuple(norms[position + 1:min(position + 1 + len(rest), end)]) == rest:
                        last = position + 1 + len(rest)
                        start = tokens.spans[position][0] + _kept_clitic(tokens, position, stripped)
                        return NameMatch(position, last, start, tokens.spans[last - 1][1], tuple(entries))
                # "بناء" (building) folds to "بنا", the Bahrain News Agency: short names keep their hamza
                if single is not None and not (len(first) <= SHORT_NAME and _drops_hamza(tokens, position)):
                    start = tokens.spans[position][0] + _kept_clitic(tokens, position, stripped)
                    return NameMatch(position, position + 1, start, tokens.spans[position][1], tuple(single))
            state = self.demonyms.get(first)
            if state is not None:
                start = tokens.spans[position][0] + _kept_clitic(tokens, position, stripped)
                return NameMatch(position, position + 1, start, tokens.spans[position][1], (state,), demonym=True)
            if not prefix:
                break
        return None


SHORT_NAME = 4  # letters: short names (acronyms) must match with their hamza


def _drops_hamza(tokens: Tokens, position: int) -> bool:
    start, end = tokens.spans[position]
    return "ء" in tokens.text[start:end]


def mention_start(tokens: Tokens, position: int) -> int:
    """Body offset where a mention starting at token `position` begins (its proclitics left out)."""
    return tokens.spans[position][0] + _kept_clitic(tokens, position, tokens.splits[position][0])


def _kept_clitic(tokens: Tokens, position: int, stripped: int) -> int:
    """How much of the word to leave out of the mention: its proclitics, except ل of "للأمم" (ل + الأمم
    with the alef dropped), where what stays would not be a word."""
    if stripped and tokens.splits[position][2].startswith("ال"):
        start = tokens.spans[position][0]
        if tokens.text[start + stripped - 1:start + stripped + 1] == "لل":
            return stripped - 1
    return stripped


def name_gazetteer(resources: Resources) -> Gazetteer:
    """The resource: the Gazetteer of the pipeline's knowledge base."""
    return Gazetteer(resources.get(knowledge_base))


def default_gazetteer() -> Gazetteer:
    """The Gazetteer of the packaged knowledge base (the process's shared Resources)."""
    return Resources().get(name_gazetteer)
