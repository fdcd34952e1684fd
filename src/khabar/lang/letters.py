"""Closed sets of Arabic characters (tiny, so kept as Python literals)."""

from __future__ import annotations

import re

# Harakat, tanwin, shadda, sukun, superscript alef, Quranic marks.
DIACRITICS = "".join(chr(c) for c in [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670,
                                      *range(0x06D6, 0x06DD), *range(0x06DF, 0x06E9), *range(0x06EA, 0x06EE)])
TATWEEL = "\u0640"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"

# One regex class that matches any letter of the Arabic block and its presentation forms.
ARABIC_LETTER_CLASS = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\ufb50-\ufdff\ufe70-\ufefc"
ARABIC_LETTER_RE = re.compile(f"[{ARABIC_LETTER_CLASS}]")

# Proclitics in the order they stack: conjunction, preposition/particle, article.
CONJUNCTIONS = "وف"
PREPOSITIONS = "بلك"
FUTURE = "س"


def is_arabic_letter(ch: str) -> bool:
    return bool(ARABIC_LETTER_RE.match(ch))


_ANY_LETTER_RE = re.compile(r"[^\W\d_]")


def arabic_ratio(text: str, sample: int = 2000) -> float:
    """Share of Arabic letters among all letters of `text` (its first `sample` characters); 0.0 for none."""
    text = text[:sample]
    letters = len(_ANY_LETTER_RE.findall(text))
    if not letters:
        return 0.0
    return len(ARABIC_LETTER_RE.findall(text)) / letters


def is_mostly_arabic(text: str, threshold: float, sample: int = 200) -> bool:
    """Is the share of Arabic letters among the letters of `text` at least `threshold`?"""
    text = text[:sample]
    arabic = len(ARABIC_LETTER_RE.findall(text))
    if arabic >= threshold * len(text):
        return True  # letters never outnumber characters: no need to count the others
    letters = len(_ANY_LETTER_RE.findall(text))
    return bool(letters) and arabic / letters >= threshold
