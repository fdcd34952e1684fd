"""Headlines: a short line that is not a sentence of the story, before the body or (on some pages)
after it, sometimes printed twice."""

from __future__ import annotations

import re
from typing import NamedTuple

from khabar.lang.letters import is_mostly_arabic
from khabar.lang.normalize import fold
from khabar.page.lines import Line
from khabar.resources import data_path, read_tsv

MIN_HEADLINE_WORDS = 3
MAX_HEADLINE_WORDS = 30
# Desk tags that wire services put before a headline ("عام / ...", "اقتصادي / ...", left out of
# the headline) and the kicker sites put there ("عاجل | ...", kept: it is part of the headline as shown).
DESK_WORDS = tuple(word for _, row in read_tsv(data_path("khabar.page", "data/desk_tags.tsv"), ("word",))
                   for word in [row["word"]])
_DESK = "|".join(re.escape(word) for word in sorted(DESK_WORDS, key=len, reverse=True))
DESK_TAG_RE = re.compile(rf"^(?:{_DESK})\s*/\s*")
KICKER_RE = re.compile(rf"^(?:{_DESK})\s*[|｜]\s*")
# Wire services send long dispatches in parts: "… / إضافة أولى", "إضافة ثانية وأخيرة".
_ORDINALS = "أولى|اولى|ثانية|ثالثة|رابعة|خامسة|سادسة|سابعة|ثامنة|تاسعة|عاشرة"
# From the marker's word to the end of the text. Every run of white space is taken possessively (no
# backtracking into it), so a long run after "اضافة" costs one pass, not one try per split of it.
MARKER_TAIL_RE = re.compile(rf"(?:إضافة|اضافة)\s++(?:{_ORDINALS})(?:\s++و?(?:أخيرة|اخيرة))?\s*+$")
_SENTENCE_END_RE = re.compile(r"(?<!\.)[.،,:؛;](?!\.)\s*$")
_CONTENT_WORD_RE = re.compile(r"[\u0621-\u064a]{3,}")
_STOP = frozenset(fold(w) for w in (
    "التي الذي الذين على إلى الى من في عن مع بعد قبل خلال أن ان إن هذا هذه ذلك تلك اليوم أمس غدا بين "
    "حول عبر كما قد لم لن كان كانت أكثر أول كل عند حتى منذ وقد وفي ومن أيضا اخبار أخبار عاجل الآن جديد").split())


def is_headline_like(line: Line) -> bool:
    if is_marked_headline(line.text):
        return True
    words = line.words
    if not MIN_HEADLINE_WORDS <= words <= MAX_HEADLINE_WORDS:
        return False
    if _SENTENCE_END_RE.search(line.text):
        return False
    return is_mostly_arabic(line.text, 0.5)


def desk_tag_length(text: str) -> int:
    match = DESK_TAG_RE.match(text)
    return match.end() if match else 0


def content_words(text: str) -> set[str]:
    return {w for w in _CONTENT_WORD_RE.findall(fold(text)) if w not in _STOP}


def _lead_words(lead: str) -> tuple[frozenset[str], frozenset[str]]:
    """Content words of a lead and their forms without ال."""
    words = frozenset(content_words(lead))
    return words, frozenset(w[2:] if w.startswith("ال") else w for w in words)


def shares_story(headline: str, lead: str, minimum: int = 2) -> bool:
    """Does a candidate headline share enough content words with the story's lead?"""
    return shared_words(headline, lead)[0] >= minimum


def shared_words(headline: str, lead: str) -> tuple[int, int]:
    """How many content words of `headline` come back in `lead` (with or without ال or a
    proclitic), and how many it has."""
    lead_words, stems = _lead_words(lead)
    hits = total = 0
    for word in content_words(headline):
        total += 1
        bare = word[2:] if word.startswith("ال") else word
        if word in lead_words or bare in stems or (word[:1] in "وبلف" and word[1:] in lead_words):
            hits += 1
    return hits, total


def repeats_headline(line: Line, headline: str) -> bool:
    """A later line that starts with the headline again (often glued to a photo caption)."""
    if line.text[:3] != headline[:3] and fold(line.text[:3]) != fold(headline[:3]):
        return False  # cheap test first: most lines do not start like the headline
    key = fold(headline)
    return len(key) > 10 and fold(line.text[:len(headline) + 20]).startswith(key)


class Marker(NamedTuple):
    """Where a continuation marker stands in a text: from the white space and slashes before it."""

    begin: int
    finish: int

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish


def continuation_marker(text: str) -> Marker | None:
    """The "إضافة …" marker of a dispatch's continuation part, at the end of a headline or alone."""
    found = text.rfind("ضافة")
    if found < 1:
        return None
    # The marker ends the text, so it holds the last "ضافة": one anchored match there, then a walk
    # back over the white space and slashes before it. Linear in the text whatever its white space.
    tail = MARKER_TAIL_RE.match(text, found - 1)
    if tail is None:
        return None
    start = found - 1
    while start and (text[start - 1].isspace() or text[start - 1] == "/"):
        start -= 1
    return Marker(start, tail.end())


def headline_key(text: str) -> str:
    """A headline's matching key, without desk tag or continuation marker."""
    text = text[desk_tag_length(text):]
    marker = continuation_marker(text)
    if marker:
        text = text[:marker.start()]
    return " ".join(fold(text).split())


def is_marked_headline(text: str) -> bool:
    """A wire headline that says what it is: a desk tag before it or a part marker after it."""
    if DESK_TAG_RE.match(text) or KICKER_RE.match(text):
        return True
    marker = continuation_marker(text)
    return marker is not None and marker.start() > 0
