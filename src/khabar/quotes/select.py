"""Which quoted spans are quotations. Arabic news also puts names, titles and scare words in marks
(«حماس», منصة "إكس", "إعلان سلوك الأطراف"); those are no speech.

A span is a quotation when a colon or a speech word (or "إن/أن") opens it; not when a word such
as "حركة" or "منصة" names it, when it is exactly an entity, when it is the subject of the verb
before it (قال "صموئيل"، إن), or when it is one word; a document title is none either. Other
short spans count only where someone speaks in the sentence (a phrase quoted inside reported speech,
"اتخذا "خطوات مهمة""); long ones always.
"""

from __future__ import annotations

from khabar.quotes.context import Context, Cue
from khabar.quotes.lexicon import COMPLEMENTISERS, NAME_HEADS, TITLE_STARTS, cue_word
from khabar.quotes.marks import Marked

LONG_WORDS = 6  # a span this long is speech even without a speech word in sight
POSTPOSED = 3  # tokens after a quotation where "، قال X" may still attribute it


def select(ctx: Context, marked: list[Marked], cues: list[Cue]) -> list[Marked]:
    """The quotations among `marked`; the marks of the others become transparent in `ctx`."""
    kept = []
    for span in marked:
        if is_quotation(ctx, span, cues):
            kept.append(span)
        else:
            ctx.transparent.add(span.open_at)
            if span.close_at is not None:
                ctx.transparent.add(span.close_at)
    return kept


def is_quotation(ctx: Context, span: Marked, cues: list[Cue]) -> bool:
    inside = range(ctx.token_at(span.start), ctx.token_at(span.end))
    words = [k for k in inside if ctx.is_word(k)]
    if not words:
        return False
    opening = ctx.token_at(span.open_at)
    before = _word_before(ctx, opening)
    if _names_it(ctx, before) or _is_subject(ctx, span, before) or _is_entity(ctx, span):
        return False
    if _colon_before(ctx, span.open_at) or _speech_word(ctx, before):
        return True
    first = ctx.words[words[0]].key
    if len(words) == 1 or _bare(first) in TITLE_STARTS:
        return False
    if len(words) >= LONG_WORDS:
        return True
    return speech_before(ctx, opening, cues) or postposed_cue(ctx, span, cues) is not None


def speech_before(ctx: Context, opening: int, cues: list[Cue]) -> bool:
    """Is there a speech word earlier in the sentence of token `opening`?"""
    lo, _ = ctx.bounds(opening) if opening < len(ctx.words) else (opening, opening)
    return any(lo <= c.index < opening for c in cues)


def postposed_cue(ctx: Context, span: Marked, cues: list[Cue]) -> Cue | None:
    """A speech word right after the closing mark ("...»، قال الوزير")."""
    if span.close_at is None:
        return None
    after = ctx.token_at(span.close_at) + 1
    for cue in cues:
        if after <= cue.index < after + POSTPOSED and cue.word.kind in ("verb", "according"):
            between = range(after, cue.index)
            if all(ctx.words[k].text in ("\u060c", ",") for k in between):
                return cue
    return None


def _word_before(ctx: Context, opening: int) -> int | None:
    k = opening - 1
    if k >= 0 and ctx.words[k].text in ("\u060c", ","):
        k -= 1
    return k if k >= 0 and ctx.is_word(k) else None


def _bare(key: str) -> str:
    return key[2:] if key.startswith("ال") and len(key) > 4 else key


def _names_it(ctx: Context, before: int | None) -> bool:
    if before is None:
        return False
    token = ctx.words[before]
    return _bare(token.key) in NAME_HEADS or _bare(token.norm) in NAME_HEADS


def _speech_word(ctx: Context, before: int | None) -> bool:
    if before is None:
        return False
    token = ctx.words[before]
    found = cue_word(token.norm)
    return token.norm in COMPLEMENTISERS or token.key in COMPLEMENTISERS or (
        found is not None and found[0].kind != "according")


def _colon_before(ctx: Context, open_at: int) -> bool:
    k = open_at - 1
    while k >= 0 and ctx.body[k] in " \t":
        k -= 1
    return k >= 0 and ctx.body[k] == ":"


def _is_subject(ctx: Context, span: Marked, before: int | None) -> bool:
    """قال "صموئيل"، إن ...: the marks hold the speaker, the speech follows."""
    if span.close_at is None or before is None:
        return False
    found = cue_word(ctx.words[before].norm)
    if found is None or found[0].kind != "verb":
        return False
    k = ctx.token_at(span.close_at) + 1
    if k < len(ctx.words) and ctx.words[k].text in ("\u060c", ","):
        k += 1
    if k >= len(ctx.words):
        return False
    token = ctx.words[k]
    short = ctx.token_at(span.end) - ctx.token_at(span.start) <= 3
    return short and token.norm in COMPLEMENTISERS


def _is_entity(ctx: Context, span: Marked) -> bool:
    return any(m.start == span.start and m.end == span.end for m in ctx.mentions_in(span.start, span.end))
