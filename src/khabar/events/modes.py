"""Whether a trigger reports something that happened: negated, future or hypothetical.

The words before the trigger (within its clause) decide: "لم/لن/لا/ليس/عدم/دون" negate, "نفى أن"
denies; "سوف", a future prefix on the trigger or its auxiliary ("سيقوم بزيارة"), "من المقرر",
"يعتزم" put it in the future; "إذا/لو/في حال", "قد" before a present verb, "أي" (any) make it
hypothetical. The lists are tiny closed classes of function words, so they live here.
"""

from __future__ import annotations

from dataclasses import dataclass

from khabar.events.triggers import Match, SentenceWords
from khabar.lang.normalize import fold


def _folded(*words: str) -> frozenset[str]:
    return frozenset(fold(w) for w in words)


NEGATIONS = _folded("لم", "لن", "لا", "ليس", "ليست", "ليسوا", "لست", "عدم", "دون", "بدون", "بلا", "لما")
NEGATION_SPAN = 3  # words before the trigger
DENIALS = _folded("نفي", "نفت", "ينفي", "تنفي", "نفوا", "نفيا", "نافيا", "نافيه", "نفى")
DENIAL_SPAN = 8
DENIED_CLAUSE_SPAN = 20  # words back to a denial whose "أن" clause holds the trigger
THAT = _folded("أن", "ان", "بأن", "بان")
FUTURE_WORDS = _folded("سوف", "لن")
INTENT_WORDS = _folded("يعتزم", "تعتزم", "يعتزمون", "نعتزم", "ينوي", "تنوي", "ننوي", "يزمع", "تزمع", "يخطط",
                          "تخطط", "نخطط", "يعتزمان", "تعتزمان", "المقرر", "المنتظر", "المزمع", "المرتقب",
                          "مرتقبه", "المرتقبه", "المقبل", "المقبله", "القادم", "القادمه", "سيتم", "ستتم")
FUTURE_SPAN = 5
AFTER_FUTURE = _folded("المقبل", "المقبله", "القادم", "القادمه", "المرتقبه", "المرتقب", "المزمعه",
                          "المزمع")
CONDITIONALS = _folded("اذا", "لو", "لولا", "حال", "حاله", "ربما", "يمكن", "الممكن", "محتمل", "المحتمل",
                       "اعتقد", "يعتقد", "ظن", "يظن", "توقع", "يتوقع", "رجح", "يرجح", "يأمل", "تأمل", "امل",
                          "يحتمل", "احتمال", "حالة", "شريطه", "بشرط")
HYPOTHETICAL_SPAN = 8
MAY = "قد"
ANY = _folded("اي", "ايه")
# Purpose and the subjunctive: "بهدف تفجير", "لقتل", "أن يقتل", "أن يتم" name acts not done.
PURPOSE = _folded("بهدف", "لاجل", "اجل", "قصد", "بغيه", "سعيا", "بنيه", "لغرض", "غرض")
SUBJUNCTIVE = _folded("ان", "كي", "لكي", "حتى")
CAUSES = _folded("ادى", "أدت", "افضى", "أفضت", "تسبب", "تسببت", "يؤدي", "تؤدي")
AUXILIARIES = _folded("يتم", "تتم", "يجري", "تجري", "يقوم", "تقوم", "يكون", "تكون")


_FUTURE_OR_INTENT = FUTURE_WORDS | INTENT_WORDS


@dataclass(frozen=True, slots=True)
class Modes:
    negated: bool = False
    future: bool = False
    hypothetical: bool = False


def _before(words: SentenceWords, start: int, span: int) -> list[int]:
    """Positions of up to `span` words before `start`, nearest first, stopping at a hard stop."""
    out: list[int] = []
    i = start - 1
    while i >= 0 and len(out) < span and not words.stop[i]:
        if words.is_word(i):
            out.append(i)
        i -= 1
    return out


def _has(words: SentenceWords, positions: list[int], vocabulary: frozenset[str]) -> bool:
    forms = words.forms
    for i in positions:
        if not forms[i].all.isdisjoint(vocabulary):
            return True
    return False


def is_future_word(word: str, counts: dict[str, int]) -> bool:
    """"سيقوم", "ستعقد": a present verb with the future prefix (not "سيارة", "ستة", "سنة"), as the word
    `counts` of news tell."""
    key = fold(word)
    for conj in ("", "و", "ف"):
        if key.startswith(conj + "س") and len(key) > len(conj) + 3 and key[len(conj) + 1] in "يتن":
            rest = key[len(conj) + 1:]
            return counts.get(rest, 0) >= max(20, counts.get(key, 0))
    return False


def _present(words: SentenceWords, i: int) -> bool:
    key = words.forms[i].levels[0][0][0] if words.forms[i].levels else ""
    return key[:1] in "يتن" and len(key) > 3


def _irrealis(words: SentenceWords, match: Match, near: list[int]) -> bool:
    """Purpose ("لقتل", "بهدف تفجير") or the subjunctive ("أن يقتل", "أن يتم")."""
    text = words.norms[match.start].lstrip("وف")
    key = words.forms[match.start].levels[0][0][0] if words.forms[match.start].levels else ""
    caused = bool(near) and not words.forms[near[0]].all.isdisjoint(CAUSES)  # "أدى لاستشهاد": led to
    if text.startswith("ل") and not key.startswith("ل") and len(text) > len(key) and not match.verbal and not caused:
        return True  # the clitic ل of purpose on a verbal noun
    if _has(words, near[:2], PURPOSE):
        return True
    if not match.verbal and near and words.norms[near[0]].lstrip("وف").startswith("ل") \
            and not words.forms[near[0]].all.isdisjoint(words.tables.agents.support_nouns) \
            and not _has(words, near[1:2], CAUSES):
        return True  # the purpose ل on the support noun of a verbal noun: "لتنفيذ هجمات", "لشن غارات"
    if near and not words.forms[near[0]].all.isdisjoint(SUBJUNCTIVE) and _present(words, match.start):
        return True
    return len(near) > 1 and not words.forms[near[0]].all.isdisjoint(AUXILIARIES) \
        and not words.forms[near[1]].all.isdisjoint(SUBJUNCTIVE)


def _denied(words: SentenceWords, start: int) -> bool:
    """Is the trigger denied: a denial within DENIAL_SPAN words before it, or further back when the
    trigger stands in its "أن" clause ("the minister denied in a press conference that his country had
    sent arms"), and no verb of saying between them opens another clause?"""
    complement = False
    speech = words.tables.agents.speech_verbs
    for n, i in enumerate(_before(words, start, DENIED_CLAUSE_SPAN)):
        forms = words.forms[i].all
        if not forms.isdisjoint(DENIALS):
            return complement or n < DENIAL_SPAN
        if not forms.isdisjoint(speech):
            return False  # "نفى الأمر وقال إن …": the clause is of the saying, not of the denial
        complement = complement or not forms.isdisjoint(THAT)
    return False


_WIDEST = max(NEGATION_SPAN, DENIAL_SPAN, FUTURE_SPAN, HYPOTHETICAL_SPAN)


def find_modes(words: SentenceWords, match: Match) -> Modes:
    before = _before(words, match.start, _WIDEST)  # each span below is its first words
    near = before[:NEGATION_SPAN]
    negated = _has(words, near[:2], NEGATIONS) or _denied(words, match.start)
    wider = before[:FUTURE_SPAN]
    counts = words.tables.counts
    future = match.future or is_future_word(words.texts[match.start], counts) or _has(words, wider, _FUTURE_OR_INTENT)
    future = future or any(is_future_word(words.texts[i], counts) for i in near[:2])
    after = words.next_word(match.end)
    future = future or (after is not None and _has(words, [after, *[j for j in [words.next_word(after + 1)] if j]],
                                                   AFTER_FUTURE))
    context = before[:HYPOTHETICAL_SPAN]
    hypothetical = _has(words, context, CONDITIONALS) or _has(words, near[:1], ANY) or _irrealis(words, match, near)
    first = words.forms[match.start].levels[0][0][0]
    if near and MAY in words.forms[near[0]].all and first[:1] in "يتن":
        hypothetical = True  # "قد يشن": may launch (but "قد شن": has launched)
    return Modes(negated, future, hypothetical)
