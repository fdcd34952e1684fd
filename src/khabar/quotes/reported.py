"""Reported speech: the clause after a speech word and "إن/أن" (قال الوزير إن ...), up to the end
of its sentence. Kept apart from the quotations in marks."""

from __future__ import annotations

from khabar.article import Quote
from khabar.quotes.context import Context, Cue
from khabar.quotes.lexicon import COMPLEMENTISERS, cue_word
from khabar.quotes.marks import Marked

REACH = 12  # tokens between a speech word and its "أن"
_REPORTING = ("verb", "participle", "relay", "noun")
_TRAILING = " \t.\u060c,:;\u061b"


def find_reported(ctx: Context, cues: list[Cue], quotations: list[Marked]) -> list[Quote]:
    """One reported clause per speech word that has one and does not open a quotation at once."""
    found: list[Quote] = []
    covered = 0
    opened = {q.open_at for q in quotations}  # not a look through every quotation for each cue
    for cue in cues:
        if cue.word.kind not in _REPORTING or ctx.words[cue.index].start < covered:
            continue
        clause = _clause(ctx, cue.index)
        if clause is None:
            continue
        start, end = clause
        if start - 1 in opened or start in opened or start + 1 in opened:
            continue  # "قال إن "..."": the quotation itself
        covered = end
        speaker = cue.speaker
        found.append(Quote(start, end, ctx.body[start:end], speaker.text if speaker else None,
                           speaker.en if speaker else None, speaker.id if speaker else None,
                           speaker.start if speaker else None, speaker.end if speaker else None,
                           ctx.sentence_of[cue.index], "reported"))
    return found


def _clause(ctx: Context, index: int) -> tuple[int, int] | None:
    """Body offsets of the clause after the "أن" that follows the speech word at `index`."""
    _, hi = ctx.bounds(index)
    norms, texts = ctx.norms, ctx.texts
    for k in range(index + 1, min(index + 1 + REACH, hi)):
        if ctx.is_mark(k) or (texts[k][0].isalpha() and cue_word(norms[k]) is not None):
            return None
        if norms[k] in COMPLEMENTISERS or (ctx.keys[k] in COMPLEMENTISERS and texts[k][0] == "ب"
                                           and ctx.words.tokens.splits[k][0] == 1):
            if k + 1 >= hi:
                return None
            start, end = ctx.starts[k + 1], ctx.words.tokens.spans[hi - 1][1]
            while start < end and ctx.body[start] in _TRAILING:
                start += 1
            while end > start and ctx.body[end - 1] in _TRAILING:
                end -= 1
            return (start, end) if end > start else None
    return None
