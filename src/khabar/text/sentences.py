"""Sentence boundaries as offsets: full stops (also glued to the next word, "الهادىء.جاء"), ! ? ؟,
closing quotation marks after them, and line breaks; not abbreviations, initials or decimals."""

from __future__ import annotations

import re
from functools import lru_cache

from khabar.article import Sentence
from khabar.resources import data_path, read_tsv

# A terminator run, with closing quotes/brackets that follow it.
# (A run of marks is taken whole, so "..." is one terminator: no look-around needed.)
END_RE = re.compile(r"[.!?؟]+[\"”»’')\]]*|\n")
_LETTER_RE = re.compile(r"[^\W\d_]")
# Long news sentences chain a new statement with a participle ("... مشيرا الى ان ..."): a second
# sentence for the reader, whose speaker is the subject of the first.
CLAUSE_RE = re.compile(r"[،,]?\s+(?=(?:مشير|لافت|مؤكد|مضيف|موضح|معرب|مشدد|منوه|مبين)(?:ا|ة|اً|ين)\s+"
                       r"(?:إلى|الى|أن|ان|إن|عن|على|أنه|انه)\s)")
CLAUSE_HINT_RE = re.compile("م(?:شير|ؤكد|ضيف|وضح|عرب|شدد|نوه|بين)|لافت")  # first letters factored out
MIN_CLAUSE_WORDS = 8
_QUOTE_MARKS = "\"«»“”"


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    rows = read_tsv(data_path("khabar.text", "data/abbreviations.tsv"), ("abbreviation",))
    return frozenset(row["abbreviation"] for _, row in rows)


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text` as [start, end) offsets, white space left outside."""
    sentences: list[Sentence] = []
    clauses = [m for m in CLAUSE_RE.finditer(text)] if CLAUSE_HINT_RE.search(text) else []
    start = 0
    for match in END_RE.finditer(text):
        if match.group() == "\n":
            end = match.start()
        elif _is_boundary(text, match):
            end = match.end()
        else:
            continue
        _add(sentences, text, start, end, clauses)
        start = match.end()
    _add(sentences, text, start, len(text), clauses)
    return sentences


def _add(sentences: list[Sentence], text: str, start: int, end: int, clauses: list[re.Match[str]]) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return
    if len(stripped) != len(piece):
        start += piece.find(stripped[0])  # only white space stands before it
    end = start + len(stripped)
    if _LETTER_RE.search(stripped):
        inside = [m for m in clauses if start < m.start() and m.end() < end] if clauses else None
        if not inside:
            sentences.append(Sentence(start, end))
            return
        for clause_start, clause_end in _clauses(text, start, end, inside):
            sentences.append(Sentence(clause_start, clause_end))
    elif sentences:
        # punctuation alone (a stray quote or dot) joins the sentence before it
        sentences[-1] = Sentence(sentences[-1].start, end)


_WORD_EDGE = frozenset(" \t\n\u00a0.\"'«»“”()[]")
MAX_ABBREVIATION = 4


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    mark_start, after = match.start(), match.end()
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


def _clauses(text: str, start: int, end: int, matches: list[re.Match[str]]) -> list[tuple[int, int]]:
    """Split a sentence before participle clauses that open a new statement (not inside quotes)."""
    spans = []
    for match in matches:
        head = text[start:match.start()]
        if len(head.split()) < MIN_CLAUSE_WORDS or len(text[match.end():end].split()) < 4:
            continue
        if sum(head.count(m) for m in "\"") % 2 or head.count("«") > head.count("»") or \
                head.count("“") > head.count("”"):
            continue
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, end))
    return spans
