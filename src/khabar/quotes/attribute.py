"""Speech cues and their speakers.

A speech verb names its speaker after it ("وقال بايدن انه"), before it ("بايدن قال", "X الذي قال"),
or not at all ("واضاف"), when the speaker is the one of the cue before. A participle ("مشيرا الى")
speaks for its main clause, "according to" phrases name the speaker after them, and a relayed
statement ("نقلت الوكالة عن مصادر قولها") is the source's.
"""

from __future__ import annotations

from khabar.quotes.context import Context, Cue, Speaker
from khabar.quotes.lexicon import SPEECH_OBJECTS, cue_surfaces, cue_word, has_pronoun
from khabar.quotes.phrases import after_an, phrase_after, phrase_before, relayed_from
from khabar.quotes.resolve import resolve
from khabar.text.words import positions_in

_FI = frozenset({"في", "فى"})
_FROM_HIM = frozenset({"عنه", "عنها", "عنهم", "عنهما"})


def find_cues(ctx: Context) -> list[Cue]:
    """Every speech word of the body, in order (speakers not yet worked out)."""
    cues = []
    surfaces = cue_surfaces()
    for i in positions_in(surfaces, ctx.norms):  # the rest hold no speech word
        token = ctx.words[i]
        if not token.text[0].isalpha() or token.text.isascii():
            continue
        found = cue_word(token.norm)
        if found is None:
            continue
        word, conj, suffix = found
        if _needs_met(ctx, i, word.needs, conj):
            cues.append(Cue(i, word, conj, suffix, ctx.sentence_of[i]))
    return cues


def _needs_met(ctx: Context, i: int, needs: str, conj: bool) -> bool:
    after = [ctx.norms[j] for j in range(i + 1, min(i + 3, len(ctx.words)))]
    if needs == "conj":
        return conj or ctx.bounds(i)[0] == i
    if needs == "fi":
        return bool(after) and (after[0] in _FI or (after[0] == "ذلك" and after[1:2] and after[1] in _FI))
    if needs == "an":
        return bool(after) and after[0] == "عن"
    if needs == "ala":
        return i > 0 and ctx.norms[i - 1] == "علي"
    return True


def _object_first(ctx: Context, k: int) -> bool:
    token = ctx.words[k]
    if ctx.mention_at(token.start) is not None:
        return False
    return bool(token.suffix) or has_pronoun(token.norm, SPEECH_OBJECTS)


def cue_speaker(ctx: Context, cue: Cue, last: Speaker | None) -> tuple[Speaker | None, bool]:
    """The speaker of `cue` and whether it is named there; `last` is the speaker carried so far."""
    kind, i = cue.word.kind, cue.index
    if kind == "participle":
        return last, False
    if kind == "noun" and cue.suffix:
        span = after_an(ctx, i)
        return (resolve(ctx, *span), True) if span else (last, False)
    if kind == "according":
        start = i + 1
        while start < len(ctx.words) and ctx.norms[start] in ("ذلك", "في", "فى", "عن"):
            start += 1
        span = phrase_after(ctx, start - 1, first_glued=True)
        return (resolve(ctx, *span), True) if span else (None, False)
    if kind == "relay" and i + 1 < len(ctx.words) and ctx.norms[i + 1] in _FROM_HIM:
        return last, False  # "ونقلت عنه الوكالة قوله": relayed from the one speaking before
    span = phrase_after(ctx, i)
    if span is not None and _object_first(ctx, span[0]):
        span = None  # "واختتم حديثه": an object with a pronoun, the subject is dropped
    if kind == "relay":
        source = relayed_from(ctx, span[1] if span else i + 1)
        span = source or span
    if span is None and kind == "verb" and not cue.conj and ctx.bounds(i)[0] < i:
        return _before(ctx, i, last)
    if span is None:
        return last, False
    return resolve(ctx, *span), True


def _before(ctx: Context, i: int, last: Speaker | None) -> tuple[Speaker | None, bool]:
    """SVO order: the words from the sentence start (or a comma) to the verb."""
    span = phrase_before(ctx, i)
    if span is None:
        return last, False
    return resolve(ctx, *span), True
