"""Candidate triggers: lexicon entries matched on the words of one sentence.

Lookups go through the lexicon index (keyed by the first word of each entry), so a sentence costs a
few dictionary lookups per word whatever the size of the lexicon. Overlapping matches keep the
longest; a conflict noun that is the object of a verbal-conflict trigger ("أدان الهجوم", "هدد
بتفجير") is a reference, not a report, and is dropped.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from khabar.events.forms import WordForms
from khabar.events.lexicon import Entry, Lexicon
from khabar.lang.normalize import fold

if TYPE_CHECKING:
    from khabar.events.tables import EventTables

# Marks that no phrase gap or constraint window crosses.
HARD_STOPS = frozenset(".!?؟:؛;\"«»“”()[]")
# A noun event that is the object of these types is named, not reported: "طالب بوقف إطلاق النار" (a
# ceasefire asked for), "أدان الهجوم" (an attack condemned, reported elsewhere), "هدد بتفجير".
_CONFLICT = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "SANCTION", "PROTEST", "THREATEN"})
_ACTS = _CONFLICT | {"CONCEDE", "RETREAT", "AID", "COOPERATE", "AGREE", "CONSULT"}
# A denial's or rejection's object is an act or a charge told before ("نفت روسيا هذه الاتهامات"): no new one.
# A call or a threat to reject ("ناشدت X Y عدم الانسحاب من الاتفاق", "هدد بالانسحاب") is no rejection yet.
GOVERNED = {"ACCUSE": _CONFLICT, "THREATEN": _ACTS | {"REJECT"}, "REQUEST": _ACTS | {"REJECT"},
            "REJECT": _ACTS | {"ACCUSE"}}
GOVERNED_SPAN = 6  # words after a governor within which a governed noun counts as its object ("دعا إلى السماح
# بإدخال المساعدات": a chain of verbal nouns stands between)
# A deal named with the article after these is one made before ("الانسحاب من الاتفاق النووي", "بموجب الاتفاق").
NAMED_DEALS = frozenset({"AGREE"})
DEAL_PREPS = frozenset({"من", "في", "عن", "علي", "حول", "بموجب", "بشان", "ضمن"})
# After a preposition a form such as "قصف" is the verbal noun, not the verb: "في قصف إسرائيلي".
PREPOSITIONS = frozenset({"في", "من", "علي", "الي", "عن", "بعد", "قبل", "خلال", "جراء", "اثر", "عقب", "منذ", "اثناء",
                          "حول", "لدي", "ضد", "بسبب", "عند"})


@dataclass(frozen=True, slots=True)
class Match:
    """An entry matched on words [start, end) of the sentence; `words` are the matched positions."""

    entry: Entry
    start: int
    end: int
    words: tuple[int, ...]
    verbal: bool  # the first word is a verb form
    future: bool  # the first word carries the future prefix س
    form: str = ""  # the form the first word was found under
    depth: int = 0  # letters stripped from the words of the other slots ("سفيرها" read as سفير: two)

    @property
    def past(self) -> bool:
        """A verb in the past tense (not a verbal noun, not the present)."""
        return self.verbal and self.form not in self.entry.present

def is_word(text: str, forms: WordForms) -> bool:
    """Is the token a word (not punctuation, a number or a symbol)?"""
    return bool(forms.levels) and text[0].isalpha()


class SentenceWords:
    """The words of one sentence with their lookup forms (from the word table of `tables`, the event
    tables they were looked up in); indexes are positions in the sentence."""

    def __init__(self, texts: Sequence[str], tables: EventTables) -> None:
        self.texts = list(texts)
        self.tables = tables
        records = tables.records.many(self.texts)
        self.forms: list[WordForms] = [r[0] for r in records]
        self.stop: list[bool] = [r[1] for r in records]
        self.words: list[bool] = [r[2] for r in records]
        # lexicon entries per word, once per lexicon
        self.hits: tuple[Lexicon, list[tuple]] | None = (tables.lexicon, [r[5] for r in records])
        self.norms: list[str] = list(map(fold, self.texts))  # `fold` of each word
        self._all: frozenset[str] | None = None

    @classmethod
    def from_lists(cls, texts: list[str], forms: list[WordForms], stop: list[bool], words: list[bool],
                   tables: EventTables, hits: tuple[Lexicon, list[tuple]] | None = None,
                   norms: list[str] | None = None) -> SentenceWords:
        """The sentence from lookups already made (see events/words.py), lists of the same length."""
        made = cls.__new__(cls)
        made.texts, made.forms, made.stop, made.words, made.hits = texts, forms, stop, words, hits
        made.tables = tables
        made.norms = norms if norms is not None else list(map(fold, texts))
        made._all = None
        return made

    def all_forms(self) -> frozenset[str]:
        """The lookup forms of the sentence's words: a slot with none of them matches nowhere in the
        sentence (made only when an entry of several words starts here)."""
        if self._all is None:
            self._all = frozenset().union(*(f.all for f in self.forms))
        return self._all

    def __len__(self) -> int:
        return len(self.texts)

    def is_word(self, i: int) -> bool:
        return self.words[i]

    def next_word(self, i: int) -> int | None:
        """The first word at or after position i (punctuation skipped, hard stops end the search)."""
        while i < len(self.texts):
            if self.stop[i]:
                return None
            if self.is_word(i):
                return i
            i += 1
        return None

    def prev_word(self, i: int) -> int | None:
        while i >= 0:
            if self.stop[i]:
                return None
            if self.is_word(i):
                return i
            i -= 1
        return None

    def any_within(self, words: frozenset[str], start: int, end: int) -> bool:
        start, end = max(start, 0), min(end, len(self.texts))
        return any(not self.forms[j].all.isdisjoint(words) for j in range(start, end))


def lookup_word(lexicon: Lexicon, forms: WordForms) -> tuple[tuple[Entry, bool, str], ...]:
    """Entries whose first slot takes a word of these forms, from the least stripped level that finds
    any (the event tables remember the answer per word as written)."""
    found: tuple[tuple[Entry, bool, str], ...] = ()
    for level in () if forms.all.isdisjoint(lexicon.first_forms) else forms.levels:
        found = tuple((e, had_article, form) for form, had_article in level for e in lexicon.lookup(form))
        if found:
            break
    return found


def _slot_at(words: SentenceWords, j: int, slot: frozenset[str], verbal: bool) -> int | None:
    """How many letters word j loses to the closest of its forms that the slot takes (None: the
    slot takes none)."""
    whole = len(words.norms[j])
    found = [whole - len(form) for level in words.forms[j].levels for form, had_article in level
             if form in slot and not (verbal and had_article)]
    return min(found) if found else None


def _match_rest(words: SentenceWords, entry: Entry, first: int, free: frozenset[int]
                ) -> tuple[tuple[int, ...], int] | None:
    """Positions of the other slots and how many letters were stripped from their words; words in
    `free` (the names of actors) do not count in a gap, as a subject stands between a verb and its
    object ("أعلنت الولايات المتحدة واليابان عن استراتيجية")."""
    positions = [first]
    depth = 0
    n, forms, stop, is_word = len(words.texts), words.forms, words.stop, words.words
    present = words.all_forms()
    if any(slot.isdisjoint(present) for slot in entry.slots[1:]):
        return None
    for slot, gap, verbal in zip(entry.slots[1:], entry.gaps[1:], entry.verbal[1:], strict=True):
        j, found = positions[-1] + 1, None
        skipped = 0
        while j < n and skipped <= gap and not stop[j]:
            level = _slot_at(words, j, slot, verbal) if not slot.isdisjoint(forms[j].all) else None
            if level is not None:
                found = j
                depth += level
                break
            skipped += is_word[j] and j not in free
            j += 1
        if found is None:
            return None
        positions.append(found)
    return tuple(positions), depth


def _constraints_hold(words: SentenceWords, entry: Entry, start: int, end: int, block: frozenset[str]) -> bool:
    after, before = words.next_word(end), words.prev_word(start - 1)
    if entry.not_after and after is not None and not words.forms[after].all.isdisjoint(entry.not_after):
        return False
    if before is not None and not words.forms[before].all.isdisjoint(entry.not_before | block):
        return False
    if entry.after and not words.any_within(entry.after, end, end + entry.window):
        return False
    if entry.near and not words.any_within(entry.near, start - entry.window, end + entry.window):
        return False
    if entry.not_near and words.any_within(entry.not_near, start - entry.window, end + entry.window):
        return False  # "احتشد آلاف في مهرجان": a crowd at a festival protests nothing
    return True


JUSSIVE_PARTICLES = frozenset({"لم", "لما", "لا"})  # the words that take the short form of a verb


def _after_jussive_particle(words: SentenceWords, i: int, form: str) -> bool:
    """Does a jussive particle stand as its own word right before word i, which is read as `form`
    with nothing attached but a conjunction ("لم يزر", "ولم يزر"; not "ليزر")?"""
    before = words.prev_word(i - 1)
    return words.norms[i].lstrip("وف") == form and before is not None \
        and not words.forms[before].all.isdisjoint(JUSSIVE_PARTICLES)


def _after_preposition(words: SentenceWords, i: int, form: str) -> bool:
    """Is word i governed by a preposition, standing or attached ("بقصف", "في قصف")?"""
    text = words.norms[i].lstrip("وف")
    if text[:1] in ("ب", "ل", "ك") and not form.startswith(text[:1]):
        return True
    before = words.prev_word(i - 1)
    return before is not None and not words.forms[before].all.isdisjoint(PREPOSITIONS)


def match_sentence(words: SentenceWords, lexicon: Lexicon, names: frozenset[int] = frozenset(),
                   free: frozenset[int] = frozenset()) -> list[Match]:
    """Every entry matched in the sentence, before overlaps are resolved. Words in `names` (parts of a
    name: "بايدن" is no form of أيّد) start no trigger."""
    return list(_matches(words, lexicon, names, free))


def has_trigger(words: SentenceWords, lexicon: Lexicon, free: frozenset[int] = frozenset()) -> bool:
    """Is any entry matched in the sentence? (`find_triggers` is then never empty: `resolve` keeps the
    longest match and the first governor of any it drops.)"""
    return next(_matches(words, lexicon, frozenset(), free), None) is not None


def open_matches(words: SentenceWords, lexicon: Lexicon) -> list[Match]:
    """Every entry matched in the sentence with no word taken as a name and gaps of any length: a
    sentence without any has no trigger, and `narrowed` cuts from them what a narrower look finds,
    so that the sentence is matched once."""
    return list(_matches(words, lexicon, frozenset(), frozenset(range(len(words)))))


def narrowed(words: SentenceWords, matches: list[Match], names: frozenset[int] = frozenset(),
             free: frozenset[int] = frozenset()) -> list[Match]:
    """`match_sentence(words, lexicon, names, free)` from the sentence's `open_matches`: a slot's word
    is the first after the slot before that the slot takes, whatever the gap; a narrower look finds
    that same word, or none when more words than the gap allows (not in `free`) stand before it."""
    counted = words.words
    out = []
    for m in matches:
        if names and not names.isdisjoint(m.words):
            continue
        gaps, positions = m.entry.gaps, m.words
        if all(sum(counted[j] and j not in free for j in range(positions[k - 1] + 1, positions[k])) <= gaps[k]
               for k in range(1, len(positions))):
            out.append(m)
    return out


def _matches(words: SentenceWords, lexicon: Lexicon, names: frozenset[int], free: frozenset[int]) -> Iterator[Match]:
    if words.hits is None or words.hits[0] is not lexicon:
        words.hits = (lexicon, [lookup_word(lexicon, f) for f in words.forms])
    hits = words.hits[1]
    for i in [i for i, found in enumerate(hits) if found]:  # most words start no entry
        found = hits[i]
        if words.stop[i] or i in names:
            continue
        forms = words.forms[i]
        for entry, had_article, form in found:
            if had_article and (entry.verbal[0] or entry.bare):
                continue
            rest = _match_rest(words, entry, i, free) if len(entry.slots) > 1 else ((i,), 0)
            if rest is None or any(p in names for p in rest[0]):
                continue
            positions, depth = rest
            end = positions[-1] + 1
            block = lexicon.block_before.get(entry.type, frozenset()) if len(positions) == 1 else frozenset()
            if not _constraints_hold(words, entry, i, end, block):
                continue
            if form in entry.jussive and not _after_jussive_particle(words, i, form):
                continue  # "ليزر" (laser), "يهب" (rushes): the short form of زار/يزور, أهاب/يهيب only after لم
            verbal = form in entry.verb_forms and not had_article and not _after_preposition(words, i, form)
            if had_article and not verbal and entry.type in NAMED_DEALS and _prep_before(words, i):
                continue  # "الانسحاب من الاتفاق", "بموجب الاتفاق": a deal named, made before, not agreed now
            yield Match(entry, i, end, positions, verbal, form in forms.future, form, depth)


def _prep_before(words: SentenceWords, i: int) -> bool:
    """Does one of DEAL_PREPS stand right before word i?"""
    j = words.prev_word(i - 1)
    return j is not None and j == i - 1 and words.norms[j] in DEAL_PREPS


def resolve(matches: list[Match]) -> list[Match]:
    """Keep the longest of overlapping matches (same words, other types both stay), then drop the
    conflict nouns governed by a verbal-conflict trigger."""
    least: dict[tuple[int, ...], int] = {}
    for m in matches:
        least[m.words] = min(m.depth, least.get(m.words, m.depth))
    # the same words read two ways: the reading that strips fewer letters wins ("استدعى سفيرها" is
    # a recall of one's own envoy, not a summons of "سفير")
    matches = [m for m in matches if m.depth == least[m.words]]
    kept: list[Match] = []
    taken: dict[int, tuple[int, int]] = {}  # word → (start, end) of the match holding it
    for m in sorted(matches, key=lambda m: (-len(m.words), -(m.end - m.start), m.start)):
        holders = {taken[w] for w in m.words if w in taken}
        if holders and holders != {(m.start, m.end)}:
            _refine(kept, m)
            continue
        if any(k.entry.type == m.entry.type and (k.start, k.end) == (m.start, m.end) for k in kept):
            continue
        kept.append(m)
        for w in m.words:
            taken[w] = (m.start, m.end)
    governors = sorted(((m.end, GOVERNED[m.entry.type]) for m in kept if m.entry.type in GOVERNED), key=lambda g: g[0])
    ends = [end for end, _ in governors]
    return sorted((m for m in kept if not _governed(m, governors, ends)), key=lambda m: (m.start, m.entry.type))


def _refine(kept: list[Match], dropped: Match) -> None:
    """A kept match of the same type that shares words with a dropped one whose CAMEO code says more
    takes that code and mode: "أجرى اتصالا هاتفيا" is a call (041), not only talks (040). A code says
    more when it is longer, or a sibling of a code ending in 0 ("not specified below")."""
    for n, k in enumerate(kept):
        if k.entry.type != dropped.entry.type or set(k.words).isdisjoint(dropped.words):
            continue
        mine, other = k.entry.cameo, dropped.entry.cameo
        more = len(other) > len(mine) and other.startswith(mine) or (
            len(other) == len(mine) and other[:-1] == mine[:-1] and mine[-1] == "0" and other[-1] != "0")
        if more:
            kept[n] = replace(k, entry=replace(k.entry, cameo=other, mode=dropped.entry.mode or k.entry.mode))


def _governed(m: Match, governors: list[tuple[int, frozenset[str]]], ends: list[int]) -> bool:
    """Is the noun `m` the object of a governor ending at most GOVERNED_SPAN words before it?
    (`governors`: (end, governed types), sorted; `ends` their ends.)"""
    if m.verbal or not governors or (m.entry.type == "ACCUSE" and m.entry.speaker):
        return False  # "رفض تدخلات إيران": a noun of hostility rejected is condemned, not a charge denied
    for k in range(bisect_left(ends, m.start - GOVERNED_SPAN), bisect_right(ends, m.start)):
        if m.entry.type in governors[k][1]:
            return True
    return False


def find_triggers(words: SentenceWords, lexicon: Lexicon, names: frozenset[int] = frozenset(),
                  free: frozenset[int] = frozenset()) -> list[Match]:
    return resolve(match_sentence(words, lexicon, names, free))
