from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata

import pytest

from khabar.lang.calendar import hijri_to_gregorian, resolve_year
from khabar.lang.normalize import fold, fold_chars, fold_map


@pytest.mark.parametrize(("text", "key"), [
    ("أإآٱا", "ااااا"),              # alef forms
    ("مستشفى", "مستشفي"),            # alef maqsura
    ("الأمريكية", "الامريكيه"),      # hamza on alef, ta marbuta
    ("مؤتمر شاطئ", "موتمر شاطي"),    # hamza seats
    ("مُحَمَّد", "محمد"),              # diacritics
    ("العـــربية", "العربيه"),       # tatweel
    ("کیف", "كيف"),                  # Persian kaf and yeh
    ("٢٠٢٤ ۱۲", "2024 12"),          # Arabic-Indic and Persian digits
    ("ﻻ", "لا"),                     # presentation form
])
def test_normalize_fold(text, key):
    assert fold(text) == key


def test_normalize_fold_chars_keeps_length():
    text = "الأمريكيةَ ٢٠"
    assert len(fold_chars(text)) == len(text)


def test_normalize_fold_map_points_back():
    text = "العُمانية أحمد"
    folded, offsets = fold_map(text)
    assert folded == "العمانيه احمد"
    start = folded.index("احمد")
    assert text[offsets[start]:offsets[start + 4]] == "أحمد"


def test_calendar_hijri():
    assert hijri_to_gregorian(1436, 10, 25) == dt.date(2015, 8, 10)
    assert abs((hijri_to_gregorian(1445, 9, 1) - dt.date(2024, 3, 11)).days) <= 1


def test_calendar_resolve_year():
    assert resolve_year(10, 4, dt.date(2025, 5, 1), weekday=2) == 2024
    assert resolve_year(10, 4, dt.date(2025, 5, 1)) == 2025
    assert resolve_year(31, 2, dt.date(2025, 5, 1)) is None


def test_texts_fold_as_bytes_exactly_as_character_by_character():
    # Texts take the Windows-1256 bytes path; every character of the code page (and some
    # outside it, which fall back) must fold exactly as the character table says.
    from khabar.lang import normalize as n

    chars = [bytes([b]).decode("cp1256") for b in range(256)] + ["ﻻ", "ی", "€", "😀"]
    for char in chars:
        text = "وقال الرئيس أنّ " + char * 3 + " إلى الأمم المتحدة " * 4
        for word in (char, "ال" + char, char + "ة", text[:7]):
            assert n.fold_word(word) == word.translate(n._WORD_TABLE), repr(word)
            assert n.fold_chars(word) == word.translate(n._KEEP_LENGTH), repr(word)
        assert n.fold_word(text) == text.translate(n._WORD_TABLE), repr(char)
        assert n.fold_chars(text) == text.translate(n._KEEP_LENGTH), repr(char)
        by_char = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).translate(n._SHORTEN)).strip()
        assert fold(text) == by_char, repr(char)


def test_letter_counts_agree_for_every_code_page_character():
    from khabar.lang import letters

    def by_regex(text: str) -> tuple[int, int]:
        return len(letters.ARABIC_LETTER_RE.findall(text)), len(letters._OTHER_LETTER_RE.findall(text))

    for byte in range(256):
        char = bytes([byte]).decode("cp1256")
        text = "قال الوزير إن the minister said " + char * 5 + " ٣ 3 ـ " * 6
        assert letters.letter_counts(text) == by_regex(text), repr(char)
    mixed = "ﻻ ی 😀 " + "مرحبا hello " * 10  # outside the code page: counted by the regexes
    assert letters.letter_counts("ab ج") == by_regex("ab ج") == (1, 2)
    assert letters.letter_counts(mixed) == by_regex(mixed)


def test_fold_collapses_every_kind_of_white_space():
    for space in ("\u00a0", "\u2009", "\u3000", "\t", "\r\n", "\x1c", "\u2028"):
        text = f"{space}الأمم{space}{space}المتحدة{space}"
        assert fold(text) == re.sub(r"\s+", " ", text.replace("أ", "ا").replace("ة", "ه")).strip()


def _fold_map_one_by_one(text: str) -> tuple[str, list[int]]:
    """fold_map's rule, spelled out a character at a time."""
    from khabar.lang.normalize import _DIGIT_MAP, _DROP, _LETTER_MAP, _SHORTEN

    chars, offsets = [], []
    for index, char in enumerate(text):
        if char in _DROP:
            continue
        if "\ufb50" <= char <= "\ufefc":
            pieces = unicodedata.normalize("NFKC", char).translate(_SHORTEN)
        else:
            pieces = _LETTER_MAP.get(char) or _DIGIT_MAP.get(char) or char
        for piece in pieces:
            chars.append(piece)
            offsets.append(index)
    return "".join(chars), [*offsets, len(text)]


def test_fold_map_by_runs_equals_the_rule_one_character_at_a_time():
    rng = random.Random(7)
    alphabet = "ابتثأإآةىئءؤ ًٌٍَُِّْـ٠١٢ﻻﷲﺍﺏabc،.\n" + "".join(chr(c) for c in range(0xFE70, 0xFE90))
    texts = ["", "ـ", "ﻻ", "العُمانية أحمد", "كتاب", *("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60)))
                                                    for _ in range(3000))]
    for text in texts:
        assert fold_map(text) == _fold_map_one_by_one(text), text


def test_fold_text_of_one_character_equals_the_general_way() -> None:
    # one character the folding leaves is answered at once; every other takes the general way
    import unicodedata

    from khabar.lang import normalize

    def general(text: str) -> str:
        if not text.isascii():
            text = unicodedata.normalize("NFKC", text)
        return " ".join(normalize._translate(text, normalize._SHORTEN, normalize._SHORTEN_BYTES).split())

    for code in (*range(0, 0x3000), *range(0x3000, 0x110000, 97)):
        if not 0xD800 <= code <= 0xDFFF:
            assert normalize.fold_text(chr(code)) == general(chr(code)), hex(code)
