"""Whether a sentence reports an event or only names one, for the types whose lexicon file has a
`report` block (ASSAULT, PROTEST).

News speaks of attacks and demonstrations far more often than it reports one: in a trial, an essay,
a reaction, a history. The block gives points for what a report carries (casualties counted, the
means of attack, a crowd, a verb in the past tense in the main clause) and takes points for what a
mention carries (a court, an essay, a reaction, a question, a year of history); the sentence's
triggers of the type are kept when the points reach the threshold.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from khabar.errors import DataFileError
from khabar.lang.normalize import fold
from khabar.resources import data_path

if TYPE_CHECKING:  # only for annotations: triggers imports the lexicon, which imports this module
    from khabar.events.triggers import Match, SentenceWords

FEATURES = ("verb", "past", "question", "year", "long")  # computed here, not from word lists
LONG_WORDS = 45  # sentences longer than this are seldom plain reports
YEAR_RE = re.compile(r"(19|20)\d\d")
QUESTION_MARKS = frozenset("?؟")
DEFAULT_WITHIN = 3
EVIDENCE_KEYS = frozenset({"weight", "words", "with", "within", "numbers", "note", "__line__"})


@dataclass(frozen=True, slots=True)
class Evidence:
    """`weight` points when one of `words` stands in the sentence (with one of `with` within `within`
    words of it, when `with` is given); a word right after a negation does not count."""

    weight: int
    words: frozenset[str]
    near: frozenset[str] = frozenset()
    within: int = DEFAULT_WITHIN
    numbers: bool = False  # a number counts as one of `near`


@dataclass(frozen=True, slots=True)
class ReportRule:
    threshold: int
    features: dict[str, int]
    evidence: tuple[Evidence, ...]
    realis: bool = False  # a sentence whose triggers are all denied, planned or feared reports nothing


Context = dict[str, frozenset[str]]


def read_context() -> Context:
    """The shared word lists of lexicon/context.yaml, folded (read once, by the event tables)."""
    import yaml

    path = data_path("khabar.events", "lexicon/context.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
        raise DataFileError(str(path), 1, "context.yaml maps names to lists of words")
    return {name: frozenset(fold(str(w)) for w in words) for name, words in data.items()}


def _wordset(value: Any, path: str, line: int, context: Context) -> frozenset[str]:
    if not isinstance(value, list) or not value:
        raise DataFileError(path, line, "evidence words are a non-empty list")
    out = set()
    for word in value:
        word = str(word)
        if word.startswith("@"):
            if word[1:] not in context:
                raise DataFileError(path, line, f"no list {word[1:]!r} in context.yaml")
            out |= context[word[1:]]
        else:
            out.add(fold(word))
    return frozenset(out)


def parse_report(raw: Any, path: str, line: int, context: Context) -> ReportRule:
    """The `report` block of a lexicon file (`@name` lists taken from `context`); raises DataFileError
    on a bad one."""
    if not isinstance(raw, dict) or not isinstance(raw.get("threshold"), int):
        raise DataFileError(path, line, "report needs a whole-number threshold")
    line = raw.get("__line__", line)
    features = {k: raw[k] for k in FEATURES if k in raw}
    unknown = set(raw) - set(FEATURES) - {"threshold", "evidence", "realis", "note", "__line__"}
    if unknown or not all(isinstance(v, int) for v in features.values()):
        raise DataFileError(path, line, f"report takes threshold, evidence and {', '.join(FEATURES)} (numbers)")
    evidence = []
    for item in raw.get("evidence") or []:
        at = item.get("__line__", line) if isinstance(item, dict) else line
        if not isinstance(item, dict) or not isinstance(item.get("weight"), int) or set(item) - EVIDENCE_KEYS:
            raise DataFileError(path, at, "evidence is {weight, words[, with, within, numbers]}")
        evidence.append(Evidence(item["weight"], _wordset(item.get("words"), path, at, context),
                                 _wordset(item["with"], path, at, context) if "with" in item else frozenset(),
                                 int(item.get("within", DEFAULT_WITHIN)), bool(item.get("numbers"))))
    return ReportRule(raw["threshold"], features, tuple(evidence), bool(raw.get("realis")))


def is_number(text: str) -> bool:
    return text[:1].isdigit() or text[:1] in "٠١٢٣٤٥٦٧٨٩"


def evidence_found(words: SentenceWords, item: Evidence, negations: frozenset[str]) -> bool:
    if item.words.isdisjoint(words.all_forms()):
        return False  # most evidence lists have no word in the sentence
    for i, forms in enumerate(words.forms):
        if forms.all.isdisjoint(item.words):
            continue
        before = words.prev_word(i - 1)
        if before is not None and not words.forms[before].all.isdisjoint(negations):
            continue  # "عدم إصابة": no casualty; "الذين اغتالوا": a known event
        if not item.near and not item.numbers:
            return True
        for j in range(max(0, i - item.within), min(len(words), i + item.within + 1)):
            if j != i and ((item.numbers and is_number(words.texts[j]))
                           or not words.forms[j].all.isdisjoint(item.near)):
                return True
    return False


PERIPHRASTIC = frozenset({"قام", "قامت", "قاموا", "قاما", "يقوم", "تقوم", "يقومون", "تم", "جري"})
PERIPHRASTIC_SPAN = 5  # words between "قامت" and "بقصف"


def _periphrastic(words: SentenceWords, m: Match) -> str | None:
    """"قامت X بقصف": the verbal noun after قام بـ is the verb of its clause; gives the
    tense of the auxiliary ("past" or "present"), None when there is none."""
    if m.verbal or not words.norms[m.start].lstrip("وف").startswith("ب"):
        return None
    for j in range(m.start - 1, max(m.start - PERIPHRASTIC_SPAN, 0) - 1, -1):
        found = words.forms[j].all & PERIPHRASTIC
        if found:
            return "present" if min(found)[0] in "يت" and min(found) != "تم" else "past"
    return None


def _main_verbs(words: SentenceWords, matches: Sequence[Match], relatives: frozenset[str]) -> list[tuple[Match, bool]]:
    """(match, past) for the triggers that are verbs of a main clause: "الهجوم الذي استهدف" is a
    relative clause and names a known event."""
    out = []
    for m in matches:
        tense = "past" if m.past else "present" if m.verbal else _periphrastic(words, m)
        before = words.prev_word(m.start - 1)
        if tense and (before is None or words.forms[before].all.isdisjoint(relatives)):
            out.append((m, tense == "past"))
    return out


def report_parts(words: SentenceWords, matches: Sequence[Match], rule: ReportRule) -> dict[str, int]:
    """The points of each feature and evidence list that holds in the sentence (for review)."""
    context = words.tables.context
    verbs = _main_verbs(words, matches, context.get("relatives", frozenset())) if (
        "verb" in rule.features or "past" in rule.features) else []
    holds: dict[str, Callable[[], bool]] = {  # each worked out only if the rule weighs it
        "verb": lambda: bool(verbs), "past": lambda: any(past for _, past in verbs),
        "question": lambda: not QUESTION_MARKS.isdisjoint(words.texts),  # a set test, not a loop per token
        "year": lambda: any(map(YEAR_RE.fullmatch, words.texts)), "long": lambda: len(words) > LONG_WORDS,
    }
    parts = {name: w for name, w in rule.features.items() if holds[name]()}
    negations = context.get("negations", frozenset()) | context.get("relatives", frozenset())
    for n, item in enumerate(rule.evidence):
        if evidence_found(words, item, negations):
            parts[f"evidence{n + 1}"] = item.weight
    return parts


def report_score(words: SentenceWords, matches: Sequence[Match], rule: ReportRule) -> int:
    return sum(report_parts(words, matches, rule).values())


def is_reported(words: SentenceWords, matches: Sequence[Match], rule: ReportRule | None) -> bool:
    return rule is None or report_score(words, matches, rule) >= rule.threshold
