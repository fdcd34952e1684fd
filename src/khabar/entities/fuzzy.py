"""Transliteration variants: a name the knowledge base does not hold as written ("واسنطن",
"بوريال") is linked to the closest name of the same type when they differ by a letter or two."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from khabar.kb import KnowledgeBase, match_key
from khabar.kb.model import Entry
from khabar.lang.romanise import packaged as romanise_model

MIN_SCORE = 80.0  # rapidfuzz ratio (0-100): one letter in six may differ ("واسنطن" for "واشنطن")
MIN_SCORE_SHORT = 88.0  # five-letter names: only a dropped or doubled letter
MIN_LENGTH = 5  # shorter names differ too much by one letter to be matched this way
MAX_LENGTH_GAP = 2  # variants keep the first letter and about the length


CACHED_KEYS = 100_000  # answers remembered: unknown names recur across articles


def _reachable(length: int, other: int, cutoff: float) -> bool:
    """Can two strings of these lengths score `cutoff`? fuzz.ratio is 200 * common / (sum of lengths)
    and at most the shorter length is common; one point of slack for rounding."""
    return 200.0 * min(length, other) / (length + other) >= cutoff - 1.0


class FuzzyNames:
    """Folded knowledge-base names per entity type, for closest-match lookups."""

    def __init__(self, kb: KnowledgeBase) -> None:
        by_type: dict[str, dict[str, Entry]] = {}
        for key, entry in kb.names():
            if len(key) >= MIN_LENGTH:
                by_type.setdefault(entry.type, {}).setdefault(key, entry)
        self._keys = {t: list(names) for t, names in by_type.items()}
        # names of several words by their words' skeletons (see `spelling_variant`): "تشي جينبنغ"
        # finds Xi Jinping, whose name the closest-string search does not reach (another first letter)
        self._by_skeleton: dict[tuple[str, str], Entry] = {}
        for key, entry in kb.names():
            if " " in key:
                self._by_skeleton.setdefault((entry.type, skeleton_key(key)), entry)
        self._entries = by_type
        self._by_length: dict[tuple[str, int], list[str]] = {}
        self._by_start: dict[tuple[str, str, int], list[str]] = {}
        self._answers: dict[tuple[str, str], Entry | None] = {}

    def closest(self, key: str, type_: str) -> Entry | None:
        """The entry whose name is closest to `key` (folded), or None below MIN_SCORE."""
        if type_ not in self._keys or len(key) < MIN_LENGTH:
            return None
        if (key, type_) not in self._answers:
            if len(self._answers) >= CACHED_KEYS:
                self._answers.clear()
            self._answers[(key, type_)] = self._closest(key, type_)
        return self._answers[(key, type_)]

    def variant(self, key: str, type_: str) -> Entry | None:
        """The entry with a name of several words whose skeleton is `key`'s (to be confirmed by
        `words_agree`), or None."""
        return self._by_skeleton.get((type_, skeleton_key(key))) if " " in key else None

    def _closest(self, key: str, type_: str) -> Entry | None:
        cutoff = MIN_SCORE if len(key) > MIN_LENGTH else MIN_SCORE_SHORT
        # The answer is the best name overall, kept only if it starts like `key` and has about its
        # length. Most keys have no such name above the cutoff: looking among those few first
        # settles them without scoring every name.
        plausible = process.extractOne(key, self._plausible(type_, key, cutoff), scorer=fuzz.ratio,
                                       score_cutoff=cutoff)
        if plausible is None:
            return None
        # Any score below the plausible name's cannot win; a little slack for float rounding.
        found = process.extractOne(key, self._near_in_length(type_, len(key), cutoff), scorer=fuzz.ratio,
                                   score_cutoff=plausible[1] - 0.01)
        name = found[0] if found is not None else plausible[0]
        if name[0] != key[0] or abs(len(name) - len(key)) > MAX_LENGTH_GAP:
            return None
        return self._entries[type_][name]

    def _plausible(self, type_: str, key: str, cutoff: float) -> list[str]:
        """The names that could be the answer for `key`: same first letter, at most MAX_LENGTH_GAP
        letters more or fewer, able to reach `cutoff`."""
        names = self._by_start.get((type_, key[0], len(key)))
        if names is None:
            names = [k for k in self._near_in_length(type_, len(key), cutoff)
                     if k[0] == key[0] and abs(len(k) - len(key)) <= MAX_LENGTH_GAP]
            self._by_start[(type_, key[0], len(key))] = names
        return names

    def _near_in_length(self, type_: str, length: int, cutoff: float) -> list[str]:
        """The names that can reach `cutoff` against a key of `length` letters, in their order: the
        others cannot win, so leaving them out changes no answer."""
        names = self._by_length.get((type_, length))
        if names is None:
            names = [k for k in self._keys[type_] if _reachable(length, len(k), cutoff)]
            self._by_length[(type_, length)] = names
        return names


MIN_WORD_SCORE = 80.0  # one person-name word spelled another way ("بوتن" for "بوتين")
MIN_FUZZY_WORD = 4  # shorter words must be equal: "إيل" is not "أون"


def words_agree(key: str, entry: Entry) -> bool:
    """Do the words of a person's or organisation's name `key` (folded) agree with one of the
    entry's names: as many words, the others equal, each differing word a transliteration variant
    (`spelling_variant`: "كيم جون أون", "تشي جينبنغ" for Kim Jong Un and Xi Jinping), or at most one
    a close spelling (a long word, same first letter)? Given and family names are never fuzzed into
    others ("عبد الفتاح القصري" is not "عبد الفتاح السيسي", "كيم جونغ إيل" not "كيم جونغ أون", "محمد
    عباس" not "محمود عباس": two given names, not two spellings); one word alone never agrees
    fuzzily, nor an Arabic name with the article (spelling variants are those of transliterated names)."""
    words = key.split()
    for name in entry.names_ar:
        other = match_key(name).split()
        if len(other) != len(words):
            continue
        differ = [(n, a, b) for n, (a, b) in enumerate(zip(words, other, strict=True)) if a != b]
        if not differ:
            return True
        if any(a.startswith("ال") or b.startswith("ال") for _, a, b in differ):
            continue  # Arabic family names are spelled one way: "الخطيب" is not "الطيب", "العمري" not "العامري"
        if len(words) > 1 and any(n == 0 and _two_given_names(a, b) for n, a, b in differ):
            continue
        # one word alone may only have a long vowel written or not: the sound rules would make
        # "بواتينغ" (Boateng) "بوتين"
        alike = spelling_variant if len(words) > 1 else _vowels_only
        close = [(a, b) for _, a, b in differ if not alike(a, b)]
        if not close:
            if _enough_letters(words, [a for _, a, _ in differ]):
                return True
            continue
        if len(close) > 1 or len(differ) > 1:
            continue
        a, b = close[0]
        if (len(words) > 1 and min(len(a), len(b)) >= MIN_FUZZY_WORD and a[0] == b[0]
                and fuzz.ratio(a, b) >= MIN_WORD_SCORE):
            return True
    return False


def _two_given_names(a: str, b: str) -> bool:
    """Are `a` and `b` a long vowel apart and both attested name words (the romaniser's word
    table), each a given name of its own ("محمد" and "محمود", "سعد" and "سعيد")? A transliteration
    variant of a foreign first name is rarely attested beside the usual one."""
    if a.translate(_LONG_VOWELS) != b.translate(_LONG_VOWELS):
        return False  # not a long vowel apart: "تشي"/"شي" is a sound Arabic writes two ways
    model = romanise_model()
    return model is not None and model.knows(a) and model.knows(b)


_LONG_VOWELS = str.maketrans(dict.fromkeys("اوي", None))
# Letters of foreign names that Arabic writes two ways: "تش"/"ش" for ch/sh/x ("تشي"/"شي" Xi),
# "نغ"/"نج"/"ن" for a final ng ("جونغ"/"جونج"/"جون"), a long vowel written or not.
_VARIANT_SOUNDS = (("تش", "ش"), ("نغ", "ن"), ("نج", "ن"))


MIN_VARIANT_LETTERS = 3  # letters besides long vowels a one-word variant keeps ("بوريال"/"بوريل")
MIN_NAME_LETTERS = 5  # ... and a name of several words with variants, all its words together


def spelling_variant(a: str, b: str) -> bool:
    """Are two words (folded) spellings of one transliterated name: the same once long vowels
    inside them, "تش" for "ش" and a final "نغ"/"نج" for "ن" are set aside? The ends stay: "بوتينا"
    is not "بوتين", "الأسدي" not "الأسد", "سليمان" not "سليماني"."""
    sa = _skeleton(a)
    return bool(sa) and sa == _skeleton(b) and _last(a) == _last(b)


def _enough_letters(words: list[str], differing: list[str]) -> bool:
    """Is a name with variant words long enough to be told from others: one word of
    MIN_VARIANT_LETTERS letters (long vowels aside), several of MIN_NAME_LETTERS together, a
    variant among them that long or a third word ("كيم جون أون")?"""
    longest = max(len(_skeleton(w)) for w in differing)
    if len(words) == 1:
        return longest >= MIN_VARIANT_LETTERS
    return (sum(len(_skeleton(w)) for w in words) >= MIN_NAME_LETTERS
            and (longest >= MIN_VARIANT_LETTERS or len(words) >= 3))


def _skeleton(word: str) -> str:
    for long, short in _VARIANT_SOUNDS:
        if long == "تش" and word.startswith(long):
            word = short + word[2:]
        elif long != "تش" and word.endswith(long):
            word = word[:-2] + short
    return word[0] + word[1:].translate(_LONG_VOWELS) if word else word


def skeleton_key(key: str) -> str:
    """A folded name with each word reduced to its skeleton (`spelling_variant`)."""
    return " ".join(_skeleton(w) for w in key.split())


def _vowels_only(a: str, b: str) -> bool:
    """Do two words differ only in long vowels inside them (same first and last letters)?"""
    return a[:1] == b[:1] and a[-1:] == b[-1:] and a.translate(_LONG_VOWELS) == b.translate(_LONG_VOWELS)


def _last(word: str) -> str:
    """The last sound of a word (a final ng as n: "جونغ" and "جون" end alike)."""
    return "ن" if word.endswith(("نغ", "نج")) else word[-1:]


def one_letter_variant(key: str, entry: Entry) -> bool:
    """Is the one-word place name `key` (folded) one of the entry's names written without its space,
    or a one-word name with one letter inside replaced ("واسنطن" for "واشنطن")? Same length, same first and last letters, no article
    ("العذراء" is not "العراق"); a longer or shorter word is another place ("سالزبري", "بروكلين")."""
    if " " in key or key.startswith("ال") or len(key) < MIN_LENGTH:
        return False
    for name in entry.names_ar:
        other = match_key(name)
        if other.replace(" ", "") == key:
            return True  # a name of two words written as one ("نيوأورليانز")
        if len(other) == len(key) and other[0] == key[0] and other[-1] == key[-1]:
            if sum(a != b for a, b in zip(key, other, strict=True)) == 1:
                return True
    return False
