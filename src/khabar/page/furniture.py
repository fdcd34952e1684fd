"""Page furniture: a predicate per kind, each answering with the reason a line is not article text.

Phrase lists live in data/furniture.tsv; shapes (timestamps, image markup, URLs, initials) are
regexes here. Predicates look at one line; the body module decides with context (position,
neighbouring lines) which lines are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from khabar.lang.calendar import GREGORIAN_MONTHS, HIJRI_MONTHS, WEEKDAYS, month_names_pattern
from khabar.lang.letters import is_mostly_arabic
from khabar.lang.normalize import fold
from khabar.page.agencies import load_agencies
from khabar.page.lines import Line, make_line
from khabar.resources import Resources, data_path, read_tsv

IMAGE_MARKUP_RE = re.compile(r"!\[[^\]]*\]\([^)]*\)|\[\s*\]\([^)]*\)")
URL_RE = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:com|net|org|ae|sa|kw|eg|cn|qa|info|tv|news)\b\S*",
                    re.IGNORECASE)
PUNCT_ONLY_RE = re.compile(r"^[\W_]+$")
_DIGIT_RE = re.compile(r"\d")
CLOCK_RE = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b")
_FULL_DATE = (rf"\b\d{{1,2}}\s*(?:{month_names_pattern(GREGORIAN_MONTHS)}|{month_names_pattern(HIJRI_MONTHS)})"
              rf"\s*,?\s*\d{{4}}\b|\b\d{{1,4}}[-/.]\d{{1,2}}[-/.]\d{{1,4}}\b")
FULL_DATE_RE = re.compile(_FULL_DATE)
# Words that make up relative or absolute time stamps ("منذ ساعتين", "آخر تحديث", an age and a site).
_TIME_WORDS = set(fold(w) for w in (
    "منذ قبل في فى آخر اخر تحديث نشر تاريخ النشر الساعة ساعة ساعتين ساعات دقيقة دقيقتين دقائق ثانية "
    "يوم يومين أيام يومان أسبوع أسبوعين أسابيع أسبوعان شهر شهرين شهران أشهر سنة سنتين سنوات عام "
    "م ص مساء صباحا ت غ بتوقيت GMT am pm تم").split())
TIME_WORDS: frozenset[str] = frozenset(_TIME_WORDS | set(WEEKDAYS) | set(GREGORIAN_MONTHS) | set(HIJRI_MONTHS))
# Letters apart: one or two letters a group, groups of one to five, sets split by "/".
_INITIALS = r"[\u0621-\u064a]{1,2}(?:\s+[\u0621-\u064a]{1,2}){0,4}"
INITIALS_RE = re.compile(rf"^{_INITIALS}(?:\s*/\s*{_INITIALS}){{0,3}}$")
END_MARKER_RE = re.compile(r"\(\s*(?:النهاية|انتهى|إنتهى|النهايه)\s*\)|/+\s*(?:انتهى|إنتهى)\s*/+"
                           r"|-{2,}\s*(?:انتهى|إنتهى)\s*-{2,}|\bانتهى\s*$")
PHOTO_CREDIT_RE = re.compile(r"\(\s*(?:أرشيفية|ارشيفية|أرشيف|صورة|الصورة|رويترز|أ ف ب|ا ف ب|أ ب|إ ب أ|"
                             r"getty|afp|reuters|ap|epa|Getty Images|فيسبوك|تويتر|إكس|مواقع التواصل)\s*\)\s*$",
                             re.IGNORECASE)
# "العربية.نت – عهد فاضل": a site and a writer's name.
SITE_CREDIT_RE = re.compile(r"^[\w.]+\.(?:نت|net|com)\s*[-–—ـ]\s*\S")
_COUNTED = r"(?:مشاهد[ةه]|مشاهدات|قراء[ةه]|قراءات|زيار[ةه]|views?)"
VIEWS_RE = re.compile(rf"^\d[\d,.]*\s*{_COUNTED}$|^{_COUNTED}\s*:?\s*\d[\d,.]*$", re.IGNORECASE)
# A meta line of segments: "by NAME · DATE TIME · updated DATE", "DATE | 1,200 views".
SEGMENT_SEP_RE = re.compile(r"\s[·•|]\s")
MAX_PHRASE_LINE_WORDS = 25  # no furniture phrase applies to longer lines (see max_words in furniture.tsv)
_EDGE_PUNCT = " \t:：.،,|-–—_•·*«»\"'()[]"


@dataclass(frozen=True, slots=True)
class _Phrases:
    exact: dict[str, tuple[str, int]]
    start: re.Pattern[str]
    contains: re.Pattern[str]
    by_phrase: dict[tuple[str, str], tuple[str, int]]  # (where, phrase) -> (reason, max words)


def _phrases() -> _Phrases:
    """Built once, by the process's Resources (see _build_phrases)."""
    return Resources().get(_build_phrases)


def _build_phrases(resources: Resources) -> _Phrases:
    rows = read_tsv(data_path("khabar.page", "data/furniture.tsv"), ("reason", "where", "max_words", "phrase"))
    by_phrase = {(r["where"], fold(r["phrase"]).lower()): (r["reason"], int(r["max_words"])) for _, r in rows}

    def alternation(where: str) -> str:
        phrases = sorted((p for w, p in by_phrase if w == where), key=len, reverse=True)
        return "|".join(re.escape(p) for p in phrases) or "(?!)"

    exact = {p: v for (w, p), v in by_phrase.items() if w == "exact"}
    return _Phrases(exact, re.compile(rf"(?:{alternation('start')})(?!\w)"),
                    re.compile(alternation("contains")), by_phrase)


def furniture_reason(line: Line) -> str | None:
    """Why `line` is furniture wherever it stands, or None. Context-free and conservative."""
    text = line.text
    words = line.words
    if words > MAX_PHRASE_LINE_WORDS:  # a paragraph: only markup or another language can make it furniture
        if "](" in text and not IMAGE_MARKUP_RE.sub("", text).strip(" |"):
            return "image"
        return None if is_mostly_arabic(text, 0.3, 120) else "not arabic"
    if PUNCT_ONLY_RE.match(text):
        return "punctuation"
    if SEGMENT_SEP_RE.search(text) and _is_meta_line(text):
        return "timestamp"
    stripped = IMAGE_MARKUP_RE.sub("", text) if "](" in text else text
    if stripped != text and not stripped.strip(" |"):
        return "image"
    if words <= 12 and ("." in stripped or "/" in stripped) and not URL_RE.sub("", stripped).strip(_EDGE_PUNCT):
        return "url"
    if not is_mostly_arabic(stripped, 0.3, 120):
        return "not arabic"
    folded = fold(text)
    reason = _phrase_reason(folded.lower().strip(_EDGE_PUNCT), words)
    if reason:
        return reason
    if is_timestamp(text, folded):
        return "timestamp"
    if words <= 6 and SITE_CREDIT_RE.match(text):
        return "byline"
    if words <= 4 and VIEWS_RE.match(text.strip(_EDGE_PUNCT)):
        return "views"
    if words <= 12 and PHOTO_CREDIT_RE.search(text) and not is_credit(text):
        return "caption"
    return None


def _is_meta_line(text: str) -> bool:
    """Is every segment of a separated line furniture, one of them a time stamp?"""
    segments = [seg.strip() for seg in SEGMENT_SEP_RE.split(text) if seg.strip()]
    if len(segments) < 2:
        return False
    stamps = 0
    for segment in segments:
        if is_timestamp(segment):
            stamps += 1
        elif furniture_reason(make_line(0, segment)) is None:
            return False
    return stamps > 0


def _phrase_reason(key: str, words: int) -> str | None:
    phrases = _phrases()
    found = phrases.exact.get(key)
    if found and words <= found[1]:
        return found[0]
    for where, match in (("start", phrases.start.match(key)), ("contains", phrases.contains.search(key))):
        if match:
            reason, max_words = phrases.by_phrase[(where, match.group())]
            if words <= max_words:
                return reason
    return None


def has_end_marker(text: str) -> bool:
    """Cheap test before END_MARKER_RE: does the line name an end at all?"""
    return "انتهى" in text or "النهاي" in text


_TIME_TOKEN_RE = re.compile(r"[^\W\d_]+|\d+")


def is_timestamp(text: str, folded: str | None = None) -> bool:
    """A line that only states a time or date (absolute, relative, or a masthead date and place).
    `folded` is fold(text) when the caller has it."""
    if len(text.split()) > 9:
        return False
    folded = fold(text) if folded is None else folded
    if _DIGIT_RE.search(folded) and (CLOCK_RE.search(folded) or FULL_DATE_RE.search(folded)) \
            and not folded.rstrip().endswith("."):
        return True
    tokens = _TIME_TOKEN_RE.findall(folded)
    agencies = load_agencies()
    return bool(tokens) and all(t in TIME_WORDS or t.isdigit() or t in agencies.by_credit for t in tokens) \
        and any(not t.isdigit() for t in tokens) and any(t not in ("في", "فى") for t in tokens)


def is_credit(text: str) -> bool:
    """A line that is nothing but an agency credit: "–(بترا)", "الأناضول", "(أ ف ب)"."""
    key = text.strip(_EDGE_PUNCT)
    return bool(key) and load_agencies().find(key) is not None


def is_initials(text: str) -> bool:
    """Editor initials as wire services print them after the end marker: letters apart, in groups
    split by "/"."""
    return bool(INITIALS_RE.match(text.strip())) and len(text.split()) >= 2
