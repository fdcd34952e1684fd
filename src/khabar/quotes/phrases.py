"""Speaker phrases: the words that name who speaks, next to a speech word, within its sentence."""

from __future__ import annotations

from khabar.quotes.context import Context
from khabar.quotes.lexicon import (
    ADDRESSEES,
    BOUNDARY_WORDS,
    COMPLEMENTISERS,
    NAME_PARTICLES,
    RELATIVES,
    TO_PRONOUNS,
    cue_word,
)

MAX_AFTER = 10  # words of a speaker phrase after its verb
MAX_BEFORE = 6  # words of a speaker phrase before its verb
LOOK_FOR_AN = 8  # how far back a verbal noun with a pronoun looks for "عن X"


def phrase_after(ctx: Context, i: int, first_glued: bool = False) -> tuple[int, int] | None:
    """Token range of the speaker phrase right after token `i`, within its sentence."""
    _, hi = ctx.bounds(i) if i < len(ctx.words) else (0, 0)
    said = cue_word(ctx.norms[i]) if 0 <= i < len(ctx.words) else None
    of_noun = said is not None and said[0].kind == "noun"  # "تصريحات لترمب" are Trump's
    picked: list[int] = []
    j = i + 1
    while j < hi and len(picked) < MAX_AFTER:
        if not ctx.is_word(j):
            if ctx.starts[j] in ctx.transparent:
                j += 1
                continue
            break
        if not of_noun and _addressed(ctx, j):
            break
        if not of_noun and _spoken_to(ctx, j, first=not picked):
            if picked:
                break
            j += 1  # "وقالت لها الوزيرة", "قال لمراسلنا": the subject may follow the one spoken to
            continue
        if ctx.mention_at(ctx.starts[j]) is None and _ends_phrase(ctx, j, glued_ok=first_glued and not picked):
            break
        picked.append(j)
        j += 1
    return (picked[0], picked[-1] + 1) if picked else None


def _spoken_to(ctx: Context, j: int, first: bool) -> bool:
    """Is token `j` the one a speech verb speaks to: "له", "لها" anywhere, or, right after the verb,
    any word with "ل" glued to it ("قالت لمتسابق"; further on "الأمين العام لحزب X" is the speaker's)?"""
    token = ctx.words[j]
    if ctx.mention_at(token.start) is not None:
        return False
    if token.norm in TO_PRONOUNS:
        return True
    if not first:
        return False
    return "ل" in ctx.body[token.start:token.stem_start]


def phrase_before(ctx: Context, i: int) -> tuple[int, int] | None:
    """Token range of the speaker phrase before verb `i` (SVO order, or "X الذي قال")."""
    lo, _ = ctx.bounds(i)
    k = i - 1
    if k >= lo and ctx.norms[k] in ("قد", "لقد"):
        k -= 1
    relative = k >= lo and ctx.norms[k] in RELATIVES
    if relative:
        k -= 1
    picked: list[int] = []
    while k >= lo and len(picked) < MAX_BEFORE:
        if not ctx.is_word(k) or (ctx.mention_at(ctx.starts[k]) is None and _ends_phrase(ctx, k)):
            break
        if _addressed(ctx, k):
            break
        token = ctx.words[k]
        if ctx.body[token.start:token.stem_start] in ("و", "ف") and ctx.mention_at(token.start) is None:
            break  # "ولذا نجده يقول", "واستقبل الوزير ... التي": a clause starts there ("فيصل" is a name)
        picked.append(k)
        k -= 1
    if not picked:
        return None
    # a clause opens at the sentence start, a comma, "كان", or a complementiser: "نقلت مصادر أن
    # الوزير قال" (the minister speaks, the agency only relays him)
    opened_clause = k < lo or ctx.texts[k] in ("\u060c", ",", ":", "\u061b") or ctx.norms[k] in (
        "وكان", "كان", "كانت", "وكانت") or ctx.norms[k] in COMPLEMENTISERS
    if not relative and not opened_clause:
        return None  # a verb after some other clause: its subject is not the words before it
    return picked[-1], picked[0] + 1


def _addressed(ctx: Context, j: int) -> bool:
    """Is token `j` a person's name with a preposition glued to it ("لترمب", "بترمب")? A speaker
    never carries one: "قال لترمب" speaks to Trump."""
    token = ctx.words[j]
    mention = ctx.mention_at(token.end - 1)
    if mention is None or mention.type != "PER" or mention.start > token.end:
        return False
    glued = ctx.body[token.start:max(token.stem_start, mention.start)]
    return bool(set(glued) & set("لب"))


def _ends_phrase(ctx: Context, j: int, glued_ok: bool = False) -> bool:
    token = ctx.words[j]
    norm = token.norm
    if norm in BOUNDARY_WORDS or (len(norm) > 2 and norm[0] in "وف" and norm[1:] in BOUNDARY_WORDS):
        return True
    if token.text[0].isdigit() or cue_word(norm) is not None:
        return True
    glued = ctx.body[token.start:token.stem_start]
    if ("ب" in glued or "ك" in glued or (not glued and norm.startswith("بال") and len(norm) > 5)) and (
            norm not in NAME_PARTICLES and not glued_ok):
        return True
    bare = norm[2:] if norm.startswith("لل") else norm[1:] if norm.startswith("ل") else None
    return bare is not None and (bare in ADDRESSEES or "ال" + bare in ADDRESSEES)


def after_an(ctx: Context, i: int) -> tuple[int, int] | None:
    """"عن X قوله": the phrase between the last "عن" and the noun."""
    lo, _ = ctx.bounds(i)
    for k in range(i - 1, max(lo, i - LOOK_FOR_AN) - 1, -1):
        if ctx.norms[k] == "عن":
            return (k + 1, i) if k + 1 < i else None
    return None


def relayed_from(ctx: Context, j: int) -> tuple[int, int] | None:
    """The source after "عن" that follows a relaying verb's subject (skipping a time word)."""
    _, hi = ctx.bounds(j) if j < len(ctx.words) else (0, 0)
    for k in range(j, min(j + 4, hi)):
        if ctx.norms[k] == "عن":
            return phrase_after(ctx, k)
    return None
