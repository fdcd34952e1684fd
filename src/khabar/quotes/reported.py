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
    for cue in cues:
        if cue.word.kind not in _REPORTING or ctx.words[cue.index].start < covered:
            continue
        clause = _clause(ctx, cue.index)
        if clause is None:
            continue
        start, end = clause
        if any(q.open_at <= start + 1 and q.open_at >= start - 1 for q in quotations):
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
    for k in range(index + 1, min(index + 1 + REACH, hi)):
        token = ctx.words[k]
        if ctx.is_mark(k) or (ctx.is_word(k) and cue_word(token.norm) is not None):
            return None
        if token.norm in COMPLEMENTISERS or (token.key in COMPLEMENTISERS and token.prefix == 1
                                             and token.text[0] == "ب"):
            if k + 1 >= hi:
                return None
            start, end = ctx.words[k + 1].start, ctx.words[hi - 1].end
            while start < end and ctx.body[start] in _TRAILING:
                start += 1
            while end > start and ctx.body[end - 1] in _TRAILING:
                end -= 1
            return (start, end) if end > start else None
    return None
