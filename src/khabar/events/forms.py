"""The forms a word may be looked up under: its stem key, then with clitics and pronouns stripped.

Forms come in levels, from the word as the segmenter split it to more stripping; a lexicon lookup
takes the first level that finds anything, so "بحث" (discussed) is never read as ب + "حث" (urged).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from khabar.lang.clitics import ARTICLE, CONJUNCTIONS, PREPOSITIONS, suffixes
from khabar.lang.letters import DIACRITICS, TATWEEL
from khabar.lang.normalize import fold

PARTICLES = PREPOSITIONS
PRONOUNS = suffixes("lookup")  # longest first; the last, ه, is also a folded ة
MIN_STEM = 2
Split = Callable[[str], tuple[int, int, str]]  # a token's clitic split (text.clitics.Splitter)


@dataclass(frozen=True, slots=True)
class WordForms:
    """Lookup forms of one word: `levels` of (form, had_article); `future` forms are those read after a
    future prefix س was taken off ("سيقوم" → يقوم)."""

    levels: tuple[tuple[tuple[str, bool], ...], ...]
    future: frozenset[str]
    all: frozenset[str]  # every form, for constraint checks

    def __contains__(self, form: str) -> bool:
        return form in self.all

    @property
    def definite(self) -> bool:
        """Does the word carry the article (one of its readings)?"""
        return any(had for level in self.levels for _, had in level)


def _strip_article(form: str) -> list[tuple[str, bool]]:
    out = [(form, False)]
    if form.startswith(ARTICLE) and len(form) - 2 >= MIN_STEM + 1:
        out.append((form[2:], True))
    return out


def _proclitics(norm: str) -> list[str]:
    """`norm` with و/ف, then ب/ل/ك (لل → ال) stripped, fewest letters first."""
    out = []
    rest = norm
    if len(rest) > 3 and rest[0] in CONJUNCTIONS:
        rest = rest[1:]
        out.append(rest)
    if len(rest) > 3 and rest[0] in PARTICLES:
        if rest.startswith("لل"):
            out.append("ا" + rest[1:])
        out.append(rest[1:])
    return out


def bare_forms(norm: str) -> set[str]:
    """A folded word as written and with its proclitics and article taken off, each way it may read;
    its ending kept (the lookup forms also read "دورية" as دوري with a pronoun)."""
    return {form for part in (norm, *_proclitics(norm)) for form, _ in _strip_article(part)}


# Last letters of the pronouns: a word ending otherwise has no pronoun to strip, nor have the forms
# made from it by taking letters off its front.
_PRONOUN_ENDS = frozenset(p[-1] for p in PRONOUNS)
# The pronouns by their last letter (in PRONOUNS order): a form is tried against those its own last
# letter may end; the second table leaves out ه, as a final ة folds to ه but is no pronoun.
_ENDING = {end: tuple(p for p in PRONOUNS if p[-1] == end) for end in _PRONOUN_ENDS}
_ENDING_TA = {end: tuple(p for p in PRONOUNS[:-1] if p[-1] == end) for end in _PRONOUN_ENDS}


def _pronoun_stripped(form: str, ta_marbuta: bool = False, seat: bool = False) -> list[str]:
    """`form` with a pronoun taken off, each way it may end. `seat`: the word writes a hamza on ي or و,
    as a final hamza is before a pronoun ("لقائه", "لقاؤه" of لقاء, whose fold drops the hamza)."""
    out = []
    for suffix in (_ENDING_TA if ta_marbuta else _ENDING).get(form[-1:], ()):
        if form.endswith(suffix) and len(form) - len(suffix) >= MIN_STEM + 1:
            stem = form[: -len(suffix)]
            out.append(stem)
            if stem.endswith("ت"):
                out.append(stem[:-1] + "ه")  # "مهاجمتها" → مهاجمة
            elif seat and stem.endswith(("اي", "او")):
                out.append(stem[:-1])  # "لقائه" → لقاء
    return out


_PROCLITIC_FIRST = frozenset(CONJUNCTIONS + PARTICLES)
_NO_FUTURE: frozenset[str] = frozenset()
_MARKS = DIACRITICS + TATWEEL


def _article_forms(forms: list[tuple[str, bool]], form: str) -> None:
    """`_strip_article(form)` added to `forms`."""
    forms.append((form, False))
    if form.startswith(ARTICLE) and len(form) - 2 >= MIN_STEM + 1:
        forms.append((form[2:], True))


def word_forms(word: str, split: Split) -> WordForms:
    """Lookup forms of `word` as written, with `split` the tokenizer's clitic split (the event tables
    keep the answer in a column of the word table: word forms repeat)."""
    norm = fold(word)
    if not norm or not ("\u0621" <= norm[0] <= "\u064a"):
        return WordForms((((norm, False),),) if norm else (), _NO_FUTURE, frozenset({norm}))
    # the tokenizer's split, remembered in the word table for every token it made
    prefix, suffix, key = split(word)
    if suffix and fold(word[len(word) - suffix:]) == "ي":
        key = fold(word[prefix:])  # "قتالي", "عسكري": an adjective ending in ي, not "my …"
    stripped = _proclitics(norm) if norm[0] in _PROCLITIC_FIRST else []
    futures = [b[1:] for b in (norm, stripped[0] if stripped else "") if len(b) > 3 and b[0] == "س" and b[1] in "يتنا"]
    # Each form is kept at the first level that makes it. Every new form of a text comes here once
    # (mutated or foreign text brings tens of thousands): the levels are built in place.
    unique: list[tuple[tuple[str, bool], ...]] = []
    seen: set[tuple[str, bool]] = set()
    level: list[tuple[str, bool]] = []
    _article_forms(level, key)
    _keep(unique, seen, level)
    level = []
    _article_forms(level, norm)
    _keep(unique, seen, level)
    if stripped:
        level = []
        for form in stripped:
            _article_forms(level, form)
        _keep(unique, seen, level)
    if futures:
        _keep(unique, seen, [(f, False) for f in futures])
    if norm[-1] in _PRONOUN_ENDS:
        ta_marbuta = word.rstrip(_MARKS).endswith("ة")
        seat = "ئ" in word or "ؤ" in word
        _keep(unique, seen, [(p, False) for b in (norm, *stripped, *futures) for p in _pronoun_stripped(b, ta_marbuta, seat)])
    future: set[str] = set()
    if futures:
        future = set(futures) - {key, norm, *stripped}
        future.update(p for f in futures for p in _pronoun_stripped(f))
    if prefix and "س" in fold(word[:prefix]):
        future.add(key)  # the segmenter took the future prefix off already ("ستقيم" → تقيم)
    seen_forms = {f for f, _ in seen}
    seen_forms.add(norm)
    return WordForms(tuple(unique), frozenset(future) if future else _NO_FUTURE, frozenset(seen_forms))



def _keep(unique: list[tuple[tuple[str, bool], ...]], seen: set[tuple[str, bool]], level: list[tuple[str, bool]]) -> None:
    """The forms of `level` not in `seen` (nor empty), as the next level of `unique` when there are any."""
    fresh = []
    for form in level:
        if form[0] and form not in seen:
            seen.add(form)
            fresh.append(form)
    if fresh:
        unique.append(tuple(fresh))
