"""Closed sets of Arabic characters (tiny, so kept as Python literals)."""

from __future__ import annotations

import codecs
import re
from encodings import cp1256

# Harakat, tanwin, shadda, sukun, superscript alef, Quranic marks.
DIACRITICS = "".join(chr(c) for c in [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670,
                                      *range(0x06D6, 0x06DD), *range(0x06DF, 0x06E9), *range(0x06EA, 0x06EE)])
TATWEEL = "\u0640"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"

# One regex class that matches any letter of the Arabic block and its presentation forms.
ARABIC_LETTER_CLASS = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\ufb50-\ufdff\ufe70-\ufefc"
ARABIC_LETTER_RE = re.compile(f"[{ARABIC_LETTER_CLASS}]")


def is_arabic_letter(ch: str) -> bool:
    return bool(ARABIC_LETTER_RE.match(ch))


_ARABIC_RUN_RE = re.compile(f"[{ARABIC_LETTER_CLASS}]+")
# Letters of other scripts: word characters that are neither Arabic letters, digits, nor tatweel.
_OTHER_LETTER_RE = re.compile(f"[^{ARABIC_LETTER_CLASS}\u0640\\s\\d\\W_]")


def _not_in_class(pattern: re.Pattern[str]) -> bytes:
    """The Windows-1256 bytes whose character `pattern` does not match (to delete before counting)."""
    return bytes(b for b in range(256) if not pattern.match(bytes([b]).decode("cp1256")))


_NOT_ARABIC_BYTES = _not_in_class(ARABIC_LETTER_RE)
_NOT_OTHER_BYTES = _not_in_class(_OTHER_LETTER_RE)
_ENCODE = codecs.charmap_encode
_TO_BYTES = cp1256.encoding_table


def letter_counts(text: str) -> tuple[int, int]:
    """(Arabic letters, letters of other scripts) in `text`."""
    try:
        data = _ENCODE(text, "strict", _TO_BYTES)[0]  # one byte a character: counting is deleting the rest
    except UnicodeEncodeError:
        rest = _ARABIC_RUN_RE.sub("", text)  # other letters are looked for in what is left: less to scan
        return len(text) - len(rest), len(_OTHER_LETTER_RE.findall(rest))
    return len(data.translate(None, _NOT_ARABIC_BYTES)), len(data.translate(None, _NOT_OTHER_BYTES))


def arabic_ratio(text: str, sample: int = 2000) -> float:
    """Share of Arabic letters among all letters of `text` (its first `sample` characters); 0.0 for none."""
    arabic, other = letter_counts(text[:sample])
    return arabic / (arabic + other) if arabic + other else 0.0


def is_mostly_arabic(text: str, threshold: float, sample: int = 200) -> bool:
    """Is the share of Arabic letters among the letters of `text` at least `threshold`?"""
    text = text[:sample]
    if not _OTHER_LETTER_RE.search(text):
        return bool(ARABIC_LETTER_RE.search(text))
    return arabic_ratio(text) >= threshold
