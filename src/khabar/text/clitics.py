"""Clitic segmentation: proclitics (و ف ب ل ك ال س) and pronoun suffixes, decided with a word-count
lexicon so that a letter is split off only when what remains is a more common word."""

from __future__ import annotations

from khabar.lang.clitics import CONJUNCTIONS, FUTURE, PREPOSITIONS, SUFFIXES
from khabar.lang.letters import DIACRITICS, TATWEEL
from khabar.lang.normalize import fold_word
from khabar.resources import Resources, data_path, read_tsv

_PARTICLES = PREPOSITIONS + FUTURE  # what may stand between a conjunction and the word
_PROCLITIC_LETTERS = frozenset(CONJUNCTIONS + _PARTICLES)
_SUFFIX_LETTERS = frozenset(s[-1] for s in SUFFIXES)
MIN_STEM = 2
# A conjunction is split off when the rest is at least this share as common as the whole word
# ("وقال" → و + قال, but not "وزير" → و + زير).
CONJUNCTION_SHARE = 0.1
MIN_REST_COUNT = 20
# A preposition before a word without the article needs stronger evidence: names such as "بايدن"
# must stay whole.
PARTICLE_RATIO = 2.0
MIN_PARTICLE_REST = 100
SUFFIX_RATIO = 2.0


def word_counts(resources: Resources) -> dict[str, int]:
    """The resource: how often each folded word occurs in news (text/data/lexicon.tsv)."""
    path = data_path("khabar.text", "data/lexicon.tsv")
    return {row["word"]: int(row["count"]) for _, row in read_tsv(path, ("word", "count"))}


class Splitter:
    """The clitic split of a token (a column of the word table): Arabic words by `segment` with the
    word counts, other tokens folded whole."""

    __slots__ = ("lexicon",)

    def __init__(self, lexicon: dict[str, int]) -> None:
        self.lexicon = lexicon

    def __call__(self, word: str) -> tuple[int, int, str]:
        if not word:
            return 0, 0, ""
        return segment(word, self.lexicon) if word[0] >= "\u0600" else (0, 0, fold_word(word))


def splitter(resources: Resources) -> Splitter:
    """The resource: the Splitter made with the word counts."""
    return Splitter(resources.get(word_counts))


_MARKS = DIACRITICS + TATWEEL


def split_of(word: str, resources: Resources | None = None) -> tuple[int, int, str]:
    """The clitic split of one token, remembered in the word table of `resources` (default: the
    process's shared Resources)."""
    resources = resources or Resources.default()
    return resources.column(resources.get(splitter))(word)


def segment(word: str, lexicon: dict[str, int] | None = None) -> tuple[int, int, str]:
    """(proclitic length, suffix length, stem key) of `word` as written, split where the word counts
    `lexicon` (default: those of the process's shared Resources) say the rest is the more common word.

    Lengths count characters of `word` itself (diacritics included), so that
    word[:p] + word[p:len(word)-s] + word[len(word)-s:] == word. The stem key is folded, with the
    article restored after "لل" ("للتعاون" → "التعاون").
    """
    key = fold_word(word)
    if len(key) <= MIN_STEM or not key.isalpha():
        return 0, 0, key
    if key[0] not in _PROCLITIC_LETTERS and key[-1] not in _SUFFIX_LETTERS:
        return 0, 0, key
    if lexicon is None:
        lexicon = Resources.default().get(word_counts)
    prefix, stem = _best_prefix(key, lexicon)
    suffix = ""
    if not stem.startswith("ال") and len(stem) > MIN_STEM + 1:
        suffix = _best_suffix(stem, lexicon)
    if suffix == "ه" and word.rstrip(_MARKS).endswith("ة"):
        suffix = ""  # a final ta marbuta folds to ه but is no pronoun: "إشادة" is praise, not "praised him"
    stem_key = stem[: len(stem) - len(suffix)]
    if suffix and stem_key.endswith("ت") and lexicon.get(stem_key[:-1] + "ه", 0) > lexicon.get(stem_key, 0):
        stem_key = stem_key[:-1] + "ه"  # "شراكتنا" → شراكة + نا
    if len(key) == len(word):  # nothing was dropped by folding: lengths carry over
        return len(prefix), len(suffix), stem_key
    return _raw_length(word, len(prefix)), _raw_length(word[::-1], len(suffix)), stem_key


def _best_prefix(key: str, lexicon: dict[str, int]) -> tuple[str, str]:
    # Candidates in the order they are weighed: a particle alone, a conjunction alone, both.
    first = key[0]
    if first in CONJUNCTIONS:
        candidates = [(first, "", key[1:])]
        if key[1] in _PARTICLES:
            candidates.append((key[:2], key[1], key[2:]))
    elif first in _PARTICLES:
        candidates = [(first, first, key[1:])]
    else:
        return "", key
    whole = lexicon.get(key, 0)
    best, best_count = ("", key), -1
    for prefix, particle, rest in candidates:
        if particle == "ل" and rest.startswith("ل"):
            rest = "ا" + rest  # "للتعاون": ل + (ا)لتعاون
        if len(rest) < MIN_STEM or (particle == "س" and rest[0] not in "يتنا"):
            continue
        count = lexicon.get(rest, 0)
        if count > best_count and _accept(particle, rest, count, whole):
            best, best_count = (prefix, rest), count
    return best


def _accept(particle: str, rest: str, count: int, whole: int) -> bool:
    if count < MIN_REST_COUNT:
        return False
    if particle and not rest.startswith("ال"):
        return count >= MIN_PARTICLE_REST and count > whole * PARTICLE_RATIO
    if particle:
        return count > whole
    return count >= whole * CONJUNCTION_SHARE


_SUFFIXES_BY_LENGTH = tuple((n, frozenset(x for x in SUFFIXES if len(x) == n)) for n in (3, 2, 1))


def _best_suffix(stem: str, lexicon: dict[str, int]) -> str:
    # Longest suffix first, as SUFFIXES lists them; at most one suffix of each length can match.
    if stem[-1] not in _SUFFIX_LETTERS:
        return ""
    whole = -1
    for n, suffixes in _SUFFIXES_BY_LENGTH:
        suffix = stem[-n:]
        if suffix not in suffixes or len(stem) - n < MIN_STEM + 1:
            continue
        rest = stem[:-n]
        count = lexicon.get(rest, 0)
        if rest[-1] == "ت":
            count = max(count, lexicon.get(rest[:-1] + "ه", 0))
        if count >= MIN_REST_COUNT:
            if whole < 0:
                whole = lexicon.get(stem, 0)
            if count > whole * SUFFIX_RATIO:
                return suffix
    return ""


def _raw_length(word: str, folded_length: int) -> int:
    """Characters of `word` that fold to its first `folded_length` characters (diacritics included)."""
    if folded_length == 0:
        return 0
    seen = 0
    for index, char in enumerate(word):
        if fold_word(char):
            seen += 1
            if seen == folded_length:
                end = index + 1
                while end < len(word) and not fold_word(word[end]):
                    end += 1  # diacritics and tatweel belong to the letter before them
                return end
    return len(word)
