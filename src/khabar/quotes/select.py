"""Which quoted spans are quotations. Arabic news also puts names, titles and scare words in marks
(«حماس», منصة "إكس", "إعلان سلوك الأطراف"); those are no speech.

A span is a quotation when a colon or a speech word (or "إن/أن") opens it; not when a word such
as "حركة" or "منصة" names it, when it is exactly an entity or a name the knowledge base knows,
when it is the subject of the verb before it (قال "صموئيل"، إن), or when it is one word without a
colon. Short spans in a list, quoted twice, or with digits are names; a document title is none
either. Other short spans count only where someone speaks in the sentence (a phrase quoted inside
reported speech, "اتخذا "خطوات مهمة""); long ones always.
"""

from __future__ import annotations

from collections import Counter

from khabar.lang.normalize import fold
from khabar.quotes.context import Context, Cue, cues_between
from khabar.quotes.lexicon import COMPLEMENTISERS, NAME_HEADS, TITLE_STARTS, cue_word
from khabar.quotes.marks import Marked

LONG_WORDS = 6  # a span this long is speech even without a speech word in sight
POSTPOSED = 3  # tokens after a quotation where "، قال X" may still attribute it
MAX_NAME_WORDS = 4  # longer quoted spans are not looked up as names
SUBJECT_WORDS = 3  # a span this short right after a speech verb is its subject, not its speech
SUBJECT_REACH = 3  # words between a speech verb and the quoted name of its subject


def select(ctx: Context, marked: list[Marked], cues: list[Cue]) -> list[Marked]:
    """The quotations among `marked`; the marks of the others become transparent in `ctx`."""
    kept = []
    listed = _listed(ctx.body, marked)
    texts = Counter(fold(ctx.body[m.start:m.end]) for m in marked)
    for n, span in enumerate(marked):
        repeated = texts[fold(ctx.body[span.start:span.end])] > 1
        if is_quotation(ctx, span, cues, n in listed or repeated):
            kept.append(span)
        else:
            ctx.transparent.add(span.open_at)
            if span.close_at is not None:
                ctx.transparent.add(span.close_at)
    return kept


def is_quotation(ctx: Context, span: Marked, cues: list[Cue], listed: bool = False) -> bool:
    """`listed`: the span stands in a list of quoted spans («سوق الجمعة» و«أبو سليم») or its words
    are quoted again in the article: names, not speech."""
    inside = range(ctx.token_at(span.start), ctx.token_at(span.end))
    texts = ctx.texts
    words = [k for k in inside if texts[k][0].isalpha()]  # Context.is_word, inline: spans can be long
    if not words:
        return False
    opening = ctx.token_at(span.open_at)
    before = _word_before(ctx, opening)
    if _names_it(ctx, before) or _is_subject(ctx, span, opening, len(words)) or _is_entity(ctx, span, len(words)):
        return False
    colon = _colon_before(ctx, span.open_at)
    if len(words) == 1 or colon:
        return colon
    short = len(words) < LONG_WORDS
    if short and (listed or _has_digit(ctx, span)):
        return False
    if _speech_word(ctx, before):
        # وأكد «أبو خرشة» ...: a short span right after the verb is its quoted subject
        return len(words) > SUBJECT_WORDS or _complementiser(ctx, before)
    if _bare(ctx.words[words[0]].key) in TITLE_STARTS:
        return False
    if not short:
        return True
    return speech_before(ctx, opening, cues) or postposed_cue(ctx, span, cues) is not None


def speech_before(ctx: Context, opening: int, cues: list[Cue]) -> bool:
    """Does someone speak earlier in the sentence of token `opening` ("according to" is a source,
    not speech)?"""
    lo, _ = ctx.bounds(opening) if opening < len(ctx.words) else (opening, opening)
    return any(c.word.kind != "according" for c in cues_between(cues, lo, opening))


def postposed_cue(ctx: Context, span: Marked, cues: list[Cue]) -> Cue | None:
    """A speech word right after the closing mark ("...»، قال الوزير")."""
    if span.close_at is None:
        return None
    after = ctx.token_at(span.close_at) + 1
    for cue in cues_between(cues, after, after + POSTPOSED):
        if cue.word.kind in ("verb", "according"):
            between = range(after, cue.index)
            if all(ctx.texts[k] in ("\u060c", ",") for k in between):
                return cue
    return None


def _word_before(ctx: Context, opening: int) -> int | None:
    k = opening - 1
    if k >= 0 and ctx.texts[k] in ("\u060c", ","):
        k -= 1
    return k if k >= 0 and ctx.is_word(k) else None


def _bare(key: str) -> str:
    return key[2:] if key.startswith("ال") and len(key) > 4 else key


def _names_it(ctx: Context, before: int | None) -> bool:
    """"حركة «حماس»", "لـ"العربية"" (a name after a detached preposition)."""
    if before is None:
        return False
    token = ctx.words[before]
    return token.norm in ("ل", "ب") or _bare(token.key) in NAME_HEADS or _bare(token.norm) in NAME_HEADS


def _speech_word(ctx: Context, before: int | None) -> bool:
    if before is None:
        return False
    token = ctx.words[before]
    found = cue_word(token.norm)
    return (found is not None and found[0].kind != "according") or _complementiser(ctx, before)


def _complementiser(ctx: Context, k: int) -> bool:
    """"إن", "أن", "أنه", "بأن" ..."""
    return ctx.norms[k] in COMPLEMENTISERS or ctx.keys[k] in COMPLEMENTISERS


def _colon_before(ctx: Context, open_at: int) -> bool:
    k = open_at - 1
    while k >= 0 and ctx.body[k] in " \t":
        k -= 1
    return k >= 0 and ctx.body[k] == ":"


def _is_subject(ctx: Context, span: Marked, opening: int, words: int) -> bool:
    """وأكد «المرصد السوري» أن ...: the marks hold the speaker, the speech follows."""
    if span.close_at is None or words > MAX_NAME_WORDS + 1:
        return False
    k = ctx.token_at(span.close_at) + 1
    if k < len(ctx.words) and ctx.texts[k] in ("\u060c", ","):
        k += 1
    if k >= len(ctx.words) or ctx.norms[k] not in COMPLEMENTISERS:
        return False
    near = range(max(opening - SUBJECT_REACH, 0), opening)
    return any(ctx.is_word(j) and (found := cue_word(ctx.norms[j])) is not None and found[0].kind == "verb"
               for j in near)


def _listed(body: str, marked: list[Marked]) -> set[int]:
    """Indexes of spans joined to a neighbouring span by "و" or a comma only."""
    out: set[int] = set()
    for n in range(len(marked) - 1):
        left, right = marked[n], marked[n + 1]
        if left.close_at is not None and body[left.close_at + 1:right.open_at].strip(" \u060c,و") == "":
            out.update((n, n + 1))
    return out


def _has_digit(ctx: Context, span: Marked) -> bool:
    return any(c.isdigit() for c in ctx.body[span.start:span.end])


def _is_entity(ctx: Context, span: Marked, words: int) -> bool:
    """The marks hold a name: an entity found there, a name the knowledge base knows, or a span
    followed by a colon (the medium: لـ"العربية": "...")."""
    if any(m.start == span.start and m.end == span.end for m in ctx.mentions_in(span.start, span.end)):
        return True
    if span.close_at is not None and ctx.body[span.close_at + 1:span.close_at + 2] == ":":
        return True
    return words <= MAX_NAME_WORDS and bool(ctx.kb.lookup(ctx.body[span.start:span.end]))
