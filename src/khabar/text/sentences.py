"""Sentence boundaries as offsets: full stops (also glued to the next word, "الهادىء.جاء"), ! ? ؟,
closing quotation marks after them, and line breaks; not abbreviations, initials or decimals."""

from __future__ import annotations

import re
from functools import lru_cache

from khabar.article import Sentence
from khabar.resources import data_path, read_tsv

# Text up to the next terminator run (with closing quotes/brackets after it) or line break. The run
# of other characters is taken possessively: one regex step per sentence, not one per character.
# (A run of marks is taken whole, so "..." is one terminator: no look-around needed.)
END_RE = re.compile(r"[^.!?؟\n]*+(?:([.!?؟]+[\"”»’')\]]*|\n)|$)")
_LETTER_RE = re.compile(r"[^\W\d_]")
# Long news sentences chain a new statement with a participle ("... مشيرا الى ان ..."): a second
# sentence for the reader, whose speaker is the subject of the first. The clause starts at the
# white space (and comma) before the participle; starting the pattern at the participle's first
# letter lets the regex engine skip to it.
PARTICIPLE_RE = re.compile("(?:م(?:شير|ؤكد|ضيف|وضح|عرب|شدد|نوه|بين)|لافت)(?:ا|ة|اً|ين)\\s+"
                           "(?:إلى|الى|أن|ان|إن|عن|على|أنه|انه)\\s")
MIN_CLAUSE_WORDS = 8
_QUOTE_MARKS = "\"«»“”"


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    rows = read_tsv(data_path("khabar.text", "data/abbreviations.tsv"), ("abbreviation",))
    return frozenset(row["abbreviation"] for _, row in rows)


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text` as [start, end) offsets, white space left outside."""
    sentences: list[Sentence] = []
    clauses = clause_starts(text)
    start = 0
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
        _add(sentences, text, start, end, clauses)
        start = match.end()
    _add(sentences, text, start, len(text), clauses)
    return sentences


def clause_starts(text: str) -> list[tuple[int, int]]:
    """[start, end) of the comma and white space before each participle that opens a clause."""
    spans = []
    for match in PARTICIPLE_RE.finditer(text):
        end = begin = match.start()
        while begin and text[begin - 1].isspace():
            begin -= 1
        if begin == end:
            continue  # inside a word
        if begin and text[begin - 1] in "،,":
            begin -= 1
        spans.append((begin, end))
    return spans


def _add(sentences: list[Sentence], text: str, start: int, end: int, clauses: list[tuple[int, int]]) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return
    if len(stripped) != len(piece):
        start += piece.find(stripped[0])  # only white space stands before it
    end = start + len(stripped)
    if _LETTER_RE.search(stripped):
        inside = [c for c in clauses if start < c[0] and c[1] < end] if clauses else None
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


def _clauses(text: str, start: int, end: int, clauses: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Split a sentence before participle clauses that open a new statement (not inside quotes)."""
    spans = []
    for clause_start, clause_end in clauses:
        head = text[start:clause_start]
        if len(head.split()) < MIN_CLAUSE_WORDS or len(text[clause_end:end].split()) < 4:
            continue
        if sum(head.count(m) for m in "\"") % 2 or head.count("«") > head.count("»") or \
                head.count("“") > head.count("”"):
            continue
        spans.append((start, clause_start))
        start = clause_end
    spans.append((start, end))
    return spans
