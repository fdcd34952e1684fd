"""The quotes step: quotations in marks with their speakers (`article.quotes`), and reported speech
(`article.reported`, where the Article has that field)."""

from __future__ import annotations

import bisect

from khabar.article import Article, Quote
from khabar.kb import knowledge_base
from khabar.quotes.attribute import cue_speaker, find_cues
from khabar.quotes.context import Context, Cue, Speaker, cues_between
from khabar.quotes.marks import Marked, find_marked
from khabar.quotes.reported import find_reported
from khabar.quotes.resolve import from_mention
from khabar.quotes.select import postposed_cue, select
from khabar.resources import Resources
from khabar.step import Step


def find_quotes(article: Article, resources: Resources | None = None) -> None:
    """Set `article.quotes` (direct quotations) and, if the Article has it, `article.reported`."""
    direct: list[Quote] = []
    reported: list[Quote] = []
    if article.body and article.tokens:
        resources = resources or Resources.default()
        ctx = Context(article, resources.get(knowledge_base))
        marked = find_marked(article.body)
        cues = find_cues(ctx)
        quotations = select(ctx, marked, cues)
        # a speech word inside a quotation is the quoted speaker's own, not an attribution
        cues = [c for c in cues if not _inside(ctx.words[c.index].start, quotations)]
        ctx.cues = cues
        direct = _attribute(ctx, cues, quotations)
        reported = find_reported(ctx, cues, quotations)
    article.quotes = direct
    if hasattr(article, "reported"):
        article.reported = reported


QUOTE_FINDER = Step("quotes", find_quotes, ("body", "sentences", "tokens", "mentions"),
                    ("quotes", "reported"), uses=(knowledge_base,))


def _inside(offset: int, quotations: list[Marked]) -> bool:
    """Is `offset` inside one of `quotations` (in order, none inside another)?"""
    k = bisect.bisect_right(quotations, offset, key=_start) - 1
    return k >= 0 and offset < quotations[k].end


def _start(span: Marked) -> int:
    return span.start


def _attribute(ctx: Context, cues: list[Cue], quotations: list[Marked]) -> list[Quote]:
    """Walk cues and quotations in text order, carrying the last speaker for cues that name none."""
    out: list[Quote] = []
    last: Speaker | None = None
    pending = iter(cues)
    cue = next(pending, None)
    for span in quotations:
        opening = ctx.token_at(span.open_at)
        while cue is not None and cue.index < opening:
            last = _settle(ctx, cue, last)
            cue = next(pending, None)
        speaker = _speaker_for(ctx, span, opening, cues, last)
        last = speaker or last
        out.append(_quote(ctx, span, speaker))
    while cue is not None:
        last = _settle(ctx, cue, last)
        cue = next(pending, None)
    return out


def _settle(ctx: Context, cue: Cue, last: Speaker | None) -> Speaker | None:
    """Work out the speaker of `cue`; a named speaker becomes the one carried (not an "according
    to", which names a source and not who speaks next)."""
    ctx.settle(cue, *cue_speaker(ctx, cue, last))
    if cue.explicit and cue.speaker is not None and cue.word.kind != "according":
        return cue.speaker
    return last


def _speaker_for(ctx: Context, span: Marked, opening: int, cues: list[Cue],
                 last: Speaker | None) -> Speaker | None:
    lo, _ = ctx.bounds(opening) if opening < len(ctx.words) else (opening, opening)
    governing = cues_between(cues, lo, opening)
    speaking = [c for c in governing if c.word.kind != "according" and c.explicit]
    if governing and governing[-1].word.kind == "according" and speaking:
        return speaking[-1].speaker  # "وقال الوزير، بحسب البيان، ...": the minister speaks
    if governing:
        return governing[-1].speaker or last
    after = postposed_cue(ctx, span, cues)
    if after is not None:
        speaker, _ = cue_speaker(ctx, after, last)
        return speaker or last
    subject = _opening_subject(ctx, lo, opening)
    return subject if subject is not None else last


def _opening_subject(ctx: Context, lo: int, opening: int) -> Speaker | None:
    """The person a sentence opens with, after its verb ("وشكر دونالد ترامب قطر على "..."", "ووصف
    الوزير X الاتفاق بأنه "...""), when no speech word governs a quotation in it: the words are
    that person's, not those of the speaker carried from before."""
    for k in range(lo + 1, min(lo + 1 + SUBJECT_REACH, opening)):
        mention = ctx.mention_at(ctx.starts[k])
        if mention is not None and mention.type == "PER" and mention.end <= ctx.starts[opening]:
            return from_mention(ctx, mention)
        if not ctx.is_word(k):
            return None
    return None


SUBJECT_REACH = 3  # words after the verb where its subject's name may start (a title before it)


def _quote(ctx: Context, span: Marked, speaker: Speaker | None) -> Quote:
    if speaker is None:
        return Quote(span.start, span.end, ctx.body[span.start:span.end], sentence=ctx.sentence_at(span.start))
    return Quote(span.start, span.end, ctx.body[span.start:span.end], speaker.text, speaker.en, speaker.id,
                 speaker.start, speaker.end, ctx.sentence_at(span.start), "direct")
