"""Letter folding for matching. Never used to rewrite article text: offsets stay on the original.

`fold` maps a string to its matching key: alef forms to bare alef, alef maqsura to ya, ta marbuta
to ha, hamza seats to their carrier letter, Persian/Urdu letters to Arabic, digits to ASCII, and
drops diacritics and tatweel. `fold` keeps the length of the string when `keep_length` is set
(dropped characters become nothing only in the default mode), which lets callers fold a whole
text once and use the same offsets.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from encodings import cp1256

from khabar.lang.letters import ARABIC_INDIC_DIGITS, DIACRITICS, PERSIAN_DIGITS, TATWEEL
from khabar.resources import Resources, WordColumn

_LETTER_MAP = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ۍ": "ي", "ئ": "ي",
    "ة": "ه", "ۀ": "ه", "ە": "ه", "ھ": "ه", "ہ": "ه",
    "ؤ": "و", "ۆ": "و", "ۇ": "و",
    "ک": "ك", "ڪ": "ك", "گ": "ك",
    "پ": "ب", "چ": "ج", "ژ": "ز", "ڤ": "ف", "ڨ": "ق",
}
_DIGIT_MAP = {d: str(i) for i, d in enumerate(ARABIC_INDIC_DIGITS)} | {
    d: str(i) for i, d in enumerate(PERSIAN_DIGITS)}

# Same-length table: every character maps to exactly one character (dropped ones to a filler).
_FILLER = "\u0640"
_KEEP_LENGTH = str.maketrans({**_LETTER_MAP, **_DIGIT_MAP, "ء": "ء"})
_SHORTEN = str.maketrans({**_LETTER_MAP, **_DIGIT_MAP, **dict.fromkeys(DIACRITICS + TATWEEL, None), "ء": None})


def _byte_tables(table: dict[int, str | None]) -> tuple[bytes, bytes]:
    """`table` restricted to the characters of Windows-1256 (Arabic), as a bytes.translate table and
    the bytes to delete. Every folded Arabic letter is itself in that code page."""
    mapping, delete = bytearray(range(256)), bytearray()
    for byte in range(256):
        char = bytes([byte]).decode("cp1256")
        out = char.translate(table)
        if not out:
            delete.append(byte)
        elif out != char:
            encoded = out.encode("cp1256")
            assert len(encoded) == 1, (char, out)
            mapping[byte] = encoded[0]
    return bytes(mapping), bytes(delete)


# Texts are folded as Windows-1256 bytes (the code page of Arabic): encoding, one bytes.translate and
# decoding are C passes with no lookup per character, 1.5 times faster than str.translate with a dict
# for a word and 7 times for a line. A character outside the code page takes the general way.
_ENCODE, _DECODE = codecs.charmap_encode, codecs.charmap_decode
_TO_BYTES, _FROM_BYTES = cp1256.encoding_table, cp1256.decoding_table


def _translate(text: str, table: dict[int, str | None], byte_table: tuple[bytes, bytes]) -> str:
    try:
        data = _ENCODE(text, "strict", _TO_BYTES)[0]
    except UnicodeEncodeError:
        return text.translate(table)
    return _DECODE(data.translate(*byte_table), "strict", _FROM_BYTES)[0]


_KEEP_LENGTH_BYTES = _byte_tables(_KEEP_LENGTH)
_SHORTEN_BYTES = _byte_tables(_SHORTEN)


def fold_chars(text: str) -> str:
    """Fold letters and digits one character for one character (offsets unchanged).

    Diacritics and tatweel are kept in place; use `fold` for a matching key.
    """
    return _translate(text, _KEEP_LENGTH, _KEEP_LENGTH_BYTES)


CACHED_FOLD_CHARS = 48  # words, names and phrases repeat; lines and leads do not


def fold(text: str) -> str:
    """The matching key of `text`: folded letters, no diacritics/tatweel/hamza-on-line, single spaces.
    Short texts (words, names, phrases) are remembered in a column of the default word table."""
    if len(text) > CACHED_FOLD_CHARS:
        return fold_text(text)
    column = _FOLDS[0] if _FOLDS else _fold_column()
    found = column.known.get(text)
    return found if found is not None else column(text)


# The default word table's column of fold_text, held once found (the table empties it in place).
_FOLDS: list[WordColumn[str]] = []


def _fold_column() -> WordColumn[str]:
    _FOLDS.append(Resources.default().column(fold_text))
    return _FOLDS[0]


def fold_text(text: str) -> str:
    """`fold`, worked out (not looked up)."""
    if len(text) == 1 and ord(text) not in _SHORTEN and unicodedata.is_normalized("NFKC", text):
        return "" if text.isspace() else text  # one character the folding leaves: random text brings a million
    given = text
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    # split/join: the same white space as \s (str.isspace), several times faster than a regex sub
    folded = " ".join(_translate(text, _SHORTEN, _SHORTEN_BYTES).split())
    return given if folded == given else folded  # one string object, not two, for a word folding to itself


def _word_table() -> dict[int, str | None]:
    table = {ord(k): v for k, v in {**_LETTER_MAP, **_DIGIT_MAP}.items()}
    table.update({ord(c): None for c in DIACRITICS + TATWEEL + "ء"})
    for code in range(0xFB50, 0xFEFD):  # presentation forms: what NFKC gives, folded
        folded = unicodedata.normalize("NFKC", chr(code)).translate(_SHORTEN)
        if folded != chr(code):
            table[code] = folded
    return table


_WORD_TABLE = _word_table()
_WORD_BYTES = _byte_tables(_WORD_TABLE)
_WORD_MAP, _WORD_DELETE = _WORD_BYTES


def fold_word(word: str) -> str:
    """`fold` for one word, without the whitespace and NFKC passes (presentation forms are mapped by
    table): the hot path of tokenisation and dictionary matching."""
    try:  # _translate inlined: this runs for every new word
        data = _ENCODE(word, "strict", _TO_BYTES)[0]
    except UnicodeEncodeError:
        folded = word.translate(_WORD_TABLE)
        return word if folded == word else folded  # random text: a million marks, each kept once
    return _DECODE(data.translate(_WORD_MAP, _WORD_DELETE), "strict", _FROM_BYTES)[0]


def strip_diacritics(text: str) -> str:
    return text.translate(str.maketrans(dict.fromkeys(DIACRITICS + TATWEEL, None)))


def to_ascii_digits(text: str) -> str:
    return text.translate(str.maketrans(_DIGIT_MAP))


_DROP = frozenset(DIACRITICS + TATWEEL + "ء")
_SLOW_RE = re.compile("[" + re.escape("".join(sorted(_DROP))) + "\ufb50-\ufefc]")
_SAME_LENGTH = str.maketrans({**_LETTER_MAP, **_DIGIT_MAP})
_SAME_LENGTH_BYTES = _byte_tables(_SAME_LENGTH)


def fold_map(text: str) -> tuple[str, list[int]]:
    """Fold `text` like `fold` (whitespace kept as is) and map each folded character to its raw index.

    The returned list has one more item than the folded string: the raw end, so that a folded
    span [i, j) maps back to raw [offsets[i], offsets[j]) even when j is the folded length.
    """
    if not _SLOW_RE.search(text):  # nothing to drop or expand: one character for one
        return _translate(text, _SAME_LENGTH, _SAME_LENGTH_BYTES), list(range(len(text) + 1))
    # The runs between dropped or expanded characters map one for one, each in one step.
    chars: list[str] = []
    offsets: list[int] = []
    done = 0
    for found in _SLOW_RE.finditer(text):
        index = found.start()
        if index > done:
            chars.append(_translate(text[done:index], _SAME_LENGTH, _SAME_LENGTH_BYTES))
            offsets.extend(range(done, index))
        char = text[index]
        if char not in _DROP:  # a presentation form: NFKC may give two letters
            for piece in unicodedata.normalize("NFKC", char).translate(_SHORTEN):
                chars.append(piece)
                offsets.append(index)
        done = index + 1
    chars.append(_translate(text[done:], _SAME_LENGTH, _SAME_LENGTH_BYTES))
    offsets.extend(range(done, len(text) + 1))
    return "".join(chars), offsets
