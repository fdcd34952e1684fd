"""Sentence boundaries as offsets: full stops (also glued to the next word, "الهادىء.جاء"), ! ? ؟,
closing quotation marks after them, and line breaks; not abbreviations, initials or decimals, nor
before a participle that continues the statement ("…، مشيرا إلى أن …")."""

from __future__ import annotations

import re

from khabar.article import Sentence
from khabar.resources import Resources, data_path, read_tsv

# Text up to the next terminator run (with closing quotes/brackets after it) or line break. The run
# of other characters is taken possessively: one regex step per sentence, not one per character.
# (A run of marks is taken whole, so "..." is one terminator: no look-around needed.)
END_RE = re.compile(r"[^.!?؟\n]*+(?:([.!?؟]+[\"”»’')\]]*|\n)|$)")
_LETTER_RE = re.compile(r"[^\W\d_]")
# A circumstantial participle ("مشيرا", "لافتة", "مؤكدين" …, listed in data/participles.tsv)
# continues the statement before it: a full stop or line break before one does not end the sentence.
_INFLECTIONS = ("ا", "اً", "ة", "ةً", "ه", "ين", "تين", "ان", "تان", "ون")
_TANWIN = "\u064b"
_QUOTE_MARKS = "\"«»“”"


def participles() -> frozenset[str]:
    """Built once, by the process's Resources (see _build_participles)."""
    return Resources.default().get(_build_participles)


def _build_participles(resources: Resources) -> frozenset[str]:
    """Every inflected form of the listed participles (masculine accusative in the file)."""
    forms = set()
    for _, row in read_tsv(data_path("khabar.text", "data/participles.tsv"), ("participle",)):
        stem = row["participle"].rstrip(_TANWIN).removesuffix("ا")
        forms.update(stem + ending for ending in _INFLECTIONS)
    return frozenset(forms)


def _abbreviations() -> frozenset[str]:
    """Built once, by the process's Resources (see _build_abbreviations)."""
    return Resources.default().get(_build_abbreviations)


def _build_abbreviations(resources: Resources) -> frozenset[str]:
    rows = read_tsv(data_path("khabar.text", "data/abbreviations.tsv"), ("abbreviation",))
    return frozenset(row["abbreviation"] for _, row in rows)


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text` as [start, end) offsets, white space left outside."""
    sentences: list[Sentence] = []
    start = 0
    forms = participles()
    for match in END_RE.finditer(text):
        mark = match.group(1)
        if mark is None:  # the end of the text
            break
        if mark == "\n":
            end = match.start(1)
        elif _is_boundary(text, match.start(1), match.end()):
            end = match.end()
        else:
            continue
        if _continues(text, match.end(), forms):
            continue
        _add(sentences, text, start, end)
        start = match.end()
    _add(sentences, text, start, len(text))
    return sentences


_NEXT_WORD_RE = re.compile(r"\s*([\u0621-\u064a\u064b-\u0652]+)")


def _continues(text: str, after: int, forms: frozenset[str]) -> bool:
    """Does the sentence go on past a boundary: a participle clause ("مشيرا إلى …", one of `forms`)
    follows it?"""
    word = _NEXT_WORD_RE.match(text, after)
    return bool(word) and word.group(1) in forms


def _add(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return
    if len(stripped) != len(piece):
        start += piece.find(stripped[0])  # only white space stands before it
    end = start + len(stripped)
    if _LETTER_RE.search(stripped):
        sentences.append(Sentence(start, end))
    elif sentences:
        # punctuation alone (a stray quote or dot) joins the sentence before it
        sentences[-1] = Sentence(sentences[-1].start, end)


_WORD_EDGE = frozenset(" \t\n\u00a0.\"'«»“”()[]")
MAX_ABBREVIATION = 4


def _is_boundary(text: str, mark_start: int, after: int) -> bool:
    if text[mark_start] != ".":
        return True
    begin = mark_start
    while begin > 0 and mark_start - begin <= MAX_ABBREVIATION and text[begin - 1] not in _WORD_EDGE:
        begin -= 1
    word = text[begin:mark_start]
    if word and mark_start - begin <= MAX_ABBREVIATION and (
            word in _abbreviations() or (len(word) == 1 and word.isalpha())):
        return False
    following = text[after:after + 1]
    if not following or following.isspace():
        return True
    if following.isdigit() and word[-1:].isdigit():
        return False  # 2.5
    if text.startswith("نت", after) and not _LETTER_RE.match(text[after + 2:after + 3] or " "):
        return False  # العربية.نت
    if following.isascii() and following.isalpha():
        return False  # a domain name or a Latin abbreviation
    return True
