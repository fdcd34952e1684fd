"""From a speaker phrase to a speaker: a person named in it, a statement, an anonymous source, an
institution, a title that an earlier apposition ties to a name, in that order of trust.

The entity layer's mentions come first; the knowledge base answers for names it did not link; the
table of data/speakers.tsv renders what has no entity ("البيان المشترك" -> joint statement).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from itertools import islice

from khabar.article import Mention
from khabar.lang.normalize import fold
from khabar.quotes.context import Context, Cue, Speaker, cues_between
from khabar.quotes.lexicon import (
    OFFICE_COMPLEMENTS,
    TITLE_NOUNS,
    SpeakerWord,
    speaker_words_by_first,
    state_adjectives,
)
from khabar.quotes.phrases import phrase_after

MAX_KB_WORDS = 5  # longest run of words looked up in the knowledge base
_STATEMENT = frozenset({"بيان", "بيانا"})
_ISSUED = frozenset({"صادر", "صادرا", "صادره", "الصادر", "الصادره"})
_JOINT = frozenset({"مشترك", "مشتركا", "المشترك"})
_SEPARATORS = " \t\u060c,"
# "المتحدث" and "الناطق" name the same office: either refers back to a spokesperson named either way
_SPOKESPERSON = ("متحدث", "ناطق")
# English institution names that a state's adjective can shorten ("Embassy of France" -> "French Embassy")
_STATE_OF = re.compile(r"^(Embassy|Consulate|Government|Presidency|Parliament) of ")
_MINISTRY = re.compile(r"^Ministry of (?:the )?(.+?)(?: \(.+\))?$")
_HEAD_STATE = re.compile(r"^(.+) \((.+)\)$")


def resolve(ctx: Context, lo: int, hi: int) -> Speaker:
    """The speaker named by tokens [lo, hi)."""
    words = [k for k in range(lo, hi) if ctx.is_word(k)]
    text, start, end = ctx.text(lo, hi)
    if not words:
        return Speaker(text, start, end)
    named = _named_after(ctx, start, end)
    if named is not None:
        return named
    issuer = _statement(ctx, words)
    if issuer is not None:
        return issuer
    row, used = _table_row(ctx, words)
    if row is not None and row.kind == "title":
        return _title(ctx, row, words[used:], text, start, end)
    if row is not None and row.kind in ("document", "source", "anaphor"):
        # before any name in the phrase: "مصادر مقربة من الرئيس" are not the president
        if row.kind == "source":
            return _institution(ctx, row, words, used)
        said, s, e = ctx.text(words[0], words[used - 1] + 1)
        if row.kind == "anaphor":
            # "المتحدث ناصر كنعاني": a person named with the title is the speaker
            person = next((m for m in ctx.mentions_in(s, end) if m.type == "PER"), None)
            if person is not None:
                return from_mention(ctx, person)
            return _antecedent(ctx, row, Speaker(said, s, e, row.en))
        return Speaker(said, s, e, row.en)
    person = next((m for m in ctx.mentions_in(start, end) if m.type == "PER"), None)
    if person is not None:
        return from_mention(ctx, person)
    holder = _title_holder(ctx, words, start, end)
    if holder is not None:
        return Speaker(text, start, end, holder.name_en, holder.id)
    org = next((m for m in ctx.mentions_in(start, end) if m.type == "ORG" or m.how == "institution"), None)
    if org is not None:
        return from_mention(ctx, org)
    if len(words) == 1 and (fuller := _fuller(ctx, Speaker(text, start, end))) is not None:
        return Speaker(text, start, end, fuller.en, fuller.id, fuller.country)  # as earlier_name gives it
    titled = _titled_before(ctx, words, start)
    if titled is not None:
        return Speaker(text, start, end, titled.en, titled.id)
    known = _known(ctx, words)
    if known is not None:
        return known
    if row is not None and row.kind == "institution":
        return _institution(ctx, row, words, used)
    if len(words) <= 2:
        return earlier_name(ctx, Speaker(text, start, end))
    return Speaker(text, start, end)


TITLE_REACH = 6  # words between a title noun and the name it introduces ("وزير الخارجية الأمريكي أنتوني بلينكن")


def _titled_before(ctx: Context, words: list[int], start: int) -> Speaker | None:
    """"وقال الوزير", "أضاف السفير": an office noun with its article alone (or with one more word)
    is the person last named with that office before ("وزير الخارجية ... أنتوني بلينكن")."""
    if len(words) > 2:
        return None
    norm = ctx.norms[words[0]]
    if not norm.startswith("ال") or norm[2:] not in TITLE_NOUNS:
        return None
    noun = norm[2:]
    # the last person named before `start` with the office noun among the words before the name
    holders = ctx.index(_office_words).get(noun, [])
    started = bisect.bisect_right(ctx.mention_starts, start)  # mentions starting by `start`
    for n in reversed(holders[:bisect.bisect_left(holders, started)]):
        mention = ctx.mentions[n]
        if mention.end > start:
            continue
        for k in _title_window(ctx, mention):
            key = ctx.keys[k]
            if noun not in (key, key[2:] if key.startswith("ال") else key):
                continue
            if ctx.norms[k + 1] in OFFICE_COMPLEMENTS and (len(words) < 2 or ctx.norms[words[1]] != ctx.norms[k + 1]):
                return None  # "رئيس الوزراء X" is not "الرئيس"
            said = from_mention(ctx, mention)
            return said if said.en else None
    return None


def _title_window(ctx: Context, mention: Mention) -> range:
    """The tokens before a person's name where a title introducing it can stand."""
    at = ctx.token_at(mention.start)
    return range(max(ctx.bounds(at)[0] if at < len(ctx.words) else 0, at - TITLE_REACH), at)


def _office_words(ctx: Context) -> dict[str, list[int]]:
    """Each word (with and without its article) of the title windows, with the person mentions
    (indices in order) whose window holds it; made once per article (`Context.index`): each "قال
    الوزير" looking back through every mention before it made a long document quadratic."""
    found: dict[str, list[int]] = {}
    for n, mention in enumerate(ctx.mentions):
        if mention.type != "PER":
            continue
        for k in _title_window(ctx, mention):
            key = ctx.keys[k]
            for form in {key, key[2:] if key.startswith("ال") else key}:
                held = found.setdefault(form, [])
                if not held or held[-1] != n:
                    held.append(n)
    return found


def _title_holder(ctx: Context, words: list[int], start: int, end: int) -> Mention | None:
    """The person a title that starts the phrase names on the article's date, as the entity layer
    resolved it ("الرئيس الأمريكي" -> Joe Biden in 2023); a title further in belongs to another
    office or person ("نائب الرئيس", "مستشار الرئيس")."""
    first = ctx.words[words[0]]
    titles = ctx.titles  # in order of offset: the first that starts at one of these, by bisection
    for at in sorted({start, first.start, first.stem_start}):
        k = bisect.bisect_left(titles, at, key=_mention_start)
        if k < len(titles) and titles[k].start == at:
            return titles[k]
    return None


def _mention_start(mention: Mention) -> int:
    return mention.start


def _named_after(ctx: Context, start: int, end: int) -> Speaker | None:
    """A person named in apposition right after a phrase that names none: "المتحدث باسم الخارجية
    الإيرانية، ناصر كنعاني" is Nasser Kanaani, "وزير الخارجية، سامر الخطيب،" the minister."""
    if any(m.type == "PER" for m in ctx.mentions_in(start, end)):
        return None
    at = end
    while at < len(ctx.body) and ctx.body[at] in " \t":
        at += 1
    if at >= len(ctx.body) or ctx.body[at] not in "\u060c,":
        return None
    at += 1
    while at < len(ctx.body) and ctx.body[at] in " \t":
        at += 1
    mention = ctx.mention_at(at)
    if mention is not None and mention.type == "PER" and mention.start == at:
        return from_mention(ctx, mention)
    return None


def from_mention(ctx: Context, mention: Mention) -> Speaker:
    """A mention as speaker; an unlinked person takes the name of an earlier, fuller one."""
    country = mention.country if mention.type == "ORG" or mention.how == "institution" else None
    said = Speaker(mention.text, mention.start, mention.end, mention.name_en, mention.id, country)
    if said.en is not None or mention.type != "PER":
        return said
    said = earlier_name(ctx, said)
    if said.en is None:
        entry = next((e for e in ctx.kb.lookup(mention.text) if e.type == "PER"), None)
        if entry is not None:
            said = Speaker(mention.text, mention.start, mention.end, entry.name_en, entry.id)
    return said


def _table_row(ctx: Context, words: list[int]) -> tuple[SpeakerWord | None, int]:
    """The longest row of speakers.tsv that the phrase starts with, and how many words it covers."""
    forms = [ctx.words[words[0]].key] + [ctx.norms[k] for k in words[1:]]
    for row in speaker_words_by_first().get(forms[0], ()):
        n = len(row.words)
        if n <= len(forms) and tuple(forms[:n]) == row.words:
            return row, n
    return None, 0


def _statement(ctx: Context, words: list[int]) -> Speaker | None:
    """"بيان مشترك" is the joint statement; "بيان X" and "بيان صادر عن X" are X's."""
    if ctx.words[words[0]].key not in _STATEMENT:
        return None
    text, start, end = ctx.text(words[0], words[-1] + 1)
    rest = words[1:]
    if rest and ctx.words[rest[0]].norm in _JOINT:
        return Speaker(text, start, end, "joint statement")
    if rest and ctx.words[rest[0]].norm in _ISSUED:
        rest = rest[2:] if len(rest) > 1 and ctx.words[rest[1]].norm == "عن" else rest[1:]
    if not rest:
        source = _issued_by(ctx, words[-1] + 1)
        return source or Speaker(text, start, end, "statement")
    return resolve(ctx, rest[0], rest[-1] + 1)


def _issued_by(ctx: Context, k: int) -> Speaker | None:
    """"بيان من مكتب الرئيس", "بيان عن الوزارة": the one after the preposition."""
    if k < len(ctx.words) and ctx.norms[k] in ("من", "عن") and ctx.bounds(k) == ctx.bounds(k - 1):
        span = phrase_after(ctx, k)
        if span is not None:
            return resolve(ctx, *span)
    return None


def _title(ctx: Context, row: SpeakerWord, rest: list[int], text: str, start: int, end: int) -> Speaker:
    """A spokesperson: the person named with the title or next to it earlier, else "<what they speak
    for> spokesperson"."""
    person = next((m for m in ctx.mentions_in(start, end) if m.type == "PER"), None)
    if person is not None:
        return from_mention(ctx, person)
    known = _known(ctx, rest, ("PER",)) if rest else None
    if known is not None:
        return known
    named = apposition(ctx, start, end)
    if named is not None and named.en:
        return Speaker(text, start, end, named.en, named.id)
    if rest:
        what = resolve(ctx, rest[0], rest[-1] + 1)
        if what.en:
            return Speaker(text, start, end, row.en.format(short_name(what)), what.id)
    return Speaker(text, start, end)


def short_name(said: Speaker) -> str:
    """A state's institution as news write it before "spokesperson": the state's adjective and the
    institution ("Embassy of the United States" -> "US Embassy", "Ministry of Defence (Russia)" ->
    "Russian Defence Ministry"); knowledge-base entities and other names as they are."""
    en = said.en or ""
    adjective = state_adjectives().get(said.country or "")
    if adjective is None or said.id is not None:  # a knowledge-base entity keeps its own name
        return en
    if (found := _STATE_OF.match(en)) is not None:
        return f"{adjective} {found.group(1)}"
    if (found := _MINISTRY.match(en)) is not None:
        return f"{adjective} {found.group(1)} Ministry"
    if (found := _HEAD_STATE.match(en)) is not None:
        return f"{adjective} {found.group(1)}"
    return en


def apposition(ctx: Context, start: int, end: int) -> Speaker | None:
    """The person written next to an earlier occurrence of the phrase at [start, end)
    ("إدوين صموئيل، المتحدث باسم الحكومة" makes a later "المتحدث باسم الحكومة" Edwin Samuel)."""
    folded, offsets = ctx.folded()
    key = fold(ctx.body[start:end])
    for at in _earlier(folded, offsets, key, start):
        left, right = offsets[at], offsets[at + len(key)]
        while left > 0 and ctx.body[left - 1] in _SEPARATORS:
            left -= 1
        while right < len(ctx.body) and ctx.body[right] in _SEPARATORS:
            right += 1
        m = _people(ctx).touching(left, right)
        if m is not None:
            return from_mention(ctx, m)
        named = ctx.named_at_end.get(left)
        if named is not None:
            return named
    return None


def _earlier(folded: str, offsets: list[int], key: str, start: int) -> Iterator[int]:
    """Where `key` occurs in `folded` at a body offset before `start`, the nearest first, at most
    RECENT of them (found backwards: a phrase repeated all through a long document is not
    searched from its start for each occurrence)."""
    if not key:
        return
    limit = bisect.bisect_left(offsets, start)  # folded characters before `start`
    at = folded.rfind(key, 0, limit + len(key) - 1)
    for _ in range(RECENT):
        if at < 0:
            return
        yield at
        at = folded.rfind(key, 0, at + len(key) - 1)


def _antecedent(ctx: Context, row: SpeakerWord, said: Speaker) -> Speaker:
    """"البيان" is the last statement's issuer; "الوزارة" the last ministry named; "المتحدث" the last
    spokesperson who spoke; else the table's words."""
    if row.words[0] == "البيان":
        issuer = _last_statement(ctx, ctx.token_at(said.start))
    else:
        head = _without_article(row.words[0])
        issuer = _last_named(ctx, _SPOKESPERSON if head.startswith(_SPOKESPERSON) else (head,), said.start)
    if issuer is not None and issuer.en:
        return Speaker(said.text, said.start, said.end, issuer.en, issuer.id, issuer.country)
    return said


def _without_article(folded: str) -> str:
    return folded[2:] if folded.startswith("ال") and len(folded) > 4 else folded


def _statements(ctx: Context) -> list[int]:
    """The tokens that are statements ("بيان", without the article), in order."""
    return [k for k, key in enumerate(ctx.keys) if key in _STATEMENT and not ctx.norms[k].startswith("ال")]


def _organisations(ctx: Context) -> list[int]:
    """The indices of the organisation and institution mentions, in order."""
    return [i for i, m in enumerate(ctx.mentions) if m.type == "ORG" or m.how == "institution"]


def _last_statement(ctx: Context, before: int) -> Speaker | None:
    """The issuer of the last of the RECENT statements ("بيان", without the article) before token
    `before` that names one, or the speaker of its sentence."""
    statements = ctx.index(_statements)
    at = bisect.bisect_left(statements, before)
    for k in reversed(statements[max(0, at - RECENT):at]):
        span = phrase_after(ctx, k)
        if span is not None:
            found = _statement(ctx, [k, *(j for j in range(*span) if ctx.is_word(j))])
            if found is not None and found.en not in (None, "statement"):
                return found
        owner = _speaker_of_sentence(ctx, k)
        if owner is not None:
            return owner
    return None


def _speaker_of_sentence(ctx: Context, k: int) -> Speaker | None:
    """The speaker of the last cue before token `k` in its sentence ("قالت الوزارة في بيان")."""
    lo, _ = ctx.bounds(k)
    for cue in reversed(cues_between(ctx.cues, lo, k)):
        if cue.speaker is not None:
            return cue.speaker
    return None


# How many speakers back a short name or an anaphor looks for its antecedent: more than an article
# holds, and a bound for a long document, where each would otherwise look through all before it.
RECENT = 64


def _recent_cues(ctx: Context, before: int) -> Sequence[Cue]:
    """The last RECENT cues at tokens up to the one at body offset `before`."""
    k = bisect.bisect_right(ctx.cue_indexes, ctx.token_at(before))
    return ctx.cues[max(0, k - RECENT):k]


def _last_named(ctx: Context, heads: tuple[str, ...], before: int) -> Speaker | None:
    """The last organisation mention or speaker with an English name before `before` whose name
    (without its article) starts with one of `heads` (folded words), among the last RECENT of each
    (a mention before a speaker at the same offset)."""
    bare = _people(ctx).bare
    # the speaker that fits starting last (the first of them in text order at one offset)
    spoken = None
    for cue in _recent_cues(ctx, before):
        said = cue.speaker
        if (said is not None and said.end <= before and (spoken is None or said.start > spoken.start)
                and said.en and bare(said.text).startswith(heads)):
            spoken = said
    k = bisect.bisect_left(ctx.mention_starts, before)
    organisations = ctx.index(_organisations)  # not every mention before, looked through for them
    at = bisect.bisect_left(organisations, k)
    earlier = (ctx.mentions[organisations[j]] for j in range(at - 1, -1, -1))
    # latest start first; one is made a speaker only when its words fit (each anaphor made speakers
    # of all RECENT mentions and folded them afresh)
    for mention in islice((m for m in earlier if m.end <= before), RECENT):
        if spoken is not None and mention.start < spoken.start:
            break
        if bare(mention.text).startswith(heads) and (said := from_mention(ctx, mention)).en:
            return said
    return spoken


def _known(ctx: Context, words: list[int], wanted: tuple[str, ...] = ("PER", "ORG")) -> Speaker | None:
    """A person the knowledge base knows anywhere in the phrase, else an organisation or state it
    starts with; the longest run of words wins."""
    runs = [(a, n) for n in range(min(MAX_KB_WORDS, len(words)), 0, -1) for a in range(len(words) - n + 1)]
    looked: dict[tuple[int, int], Sequence] = {}  # each run looked up once for both kinds
    for kind in wanted:
        for a, n in runs:
            if (kind == "ORG" and a > 0) or (n == 1 and a > 0 and _given_name_before(ctx, words[a - 1])):
                continue
            sub = words[a:a + n]
            found = looked.get((a, n))
            if found is None:
                found = looked[a, n] = ctx.kb.lookup(" ".join(ctx.texts[k] for k in sub))
            entry = next((e for e in found if e.type == kind or (kind == "ORG" and e.kind == "state")), None)
            if entry is not None:
                text, start, end = ctx.text(sub[0], sub[-1] + 1)
                return Speaker(text, start, end, entry.name_en, entry.id)
    return None


def _given_name_before(ctx: Context, k: int) -> bool:
    """An unknown word without "ال" before a lone surname is likely a given name ("ليزا جونسون"):
    the surname alone would name someone else."""
    return not ctx.keys[k].startswith("ال") and not ctx.kb.lookup(ctx.texts[k])


def earlier_name(ctx: Context, speaker: Speaker) -> Speaker:
    """A short name takes the English of an earlier, fuller name that contains it ("وانغ" after
    "وانغ يي"), or none when that one has none: the short form must not be linked to someone else."""
    fuller = _fuller(ctx, speaker)
    if fuller is None:
        return speaker
    return Speaker(speaker.text, speaker.start, speaker.end, fuller.en, fuller.id, fuller.country)


def _fuller(ctx: Context, speaker: Speaker) -> Speaker | None:
    people = _people(ctx)
    key = people.fold(speaker.text)
    named = people.fuller(key, speaker.start)
    named += [c.speaker for c in _recent_cues(ctx, speaker.start)
              if c.speaker is not None and c.speaker.end <= speaker.start]
    inner = f" {key} "
    padded = people.padded
    found = [s for s in named if (full := padded(s.text)) != inner and inner in full]
    if not found:
        return None
    return max(found, key=lambda s: (s.en is not None, s.start))


def _people(ctx: Context) -> _People:
    """The person mentions of `ctx` by the runs of their words, made once per article (`Context.index`)."""
    return ctx.index(_people_of)


def _people_of(ctx: Context) -> _People:
    return _People(ctx.mentions)


class _People:
    """Person mentions by each run of their folded words (not the whole name): the best fuller name
    ending by an offset is found by bisection, not by folding every mention again for each short
    name (that made a long document quadratic)."""

    MAX_WORDS = 6

    def __init__(self, mentions: Sequence[Mention]) -> None:
        runs: dict[str, list[tuple[int, int]]] = {}
        self._mentions = mentions
        self._folded: dict[str, str] = {}
        self._bare: dict[str, str] = {}
        self._padded: dict[str, str] = {}
        self._by_end: dict[int, int] = {}  # the first person mention ending at an offset
        self._by_start: dict[int, int] = {}  # and starting at one
        for n, m in enumerate(mentions):
            if m.type == "PER":
                self._by_end.setdefault(m.end, n)
                self._by_start.setdefault(m.start, n)
        for n, m in enumerate(mentions):
            if m.type != "PER":
                continue
            words = fold(m.text).split(" ")
            for a in range(len(words)):
                for b in range(a + 1, min(len(words), a + self.MAX_WORDS) + 1):
                    if b - a < len(words):
                        runs.setdefault(" ".join(words[a:b]), []).append((m.end, n))
        # per run: ends in order, and the best mention so far (with English first, then the latest start)
        self._runs: dict[str, tuple[list[int], list[int]]] = {}
        for run, found in runs.items():
            found.sort()
            ends, best = [], []
            for end, n in dict.fromkeys(found):
                ends.append(end)
                best.append(n if not best or self._rank(n) > self._rank(best[-1]) else best[-1])
            self._runs[run] = (ends, best)

    def fold(self, text: str) -> str:
        """fold(text), remembered for the article (speakers are folded again for each short name)."""
        folded = self._folded.get(text)
        if folded is None:
            folded = self._folded[text] = fold(text)
        return folded

    def padded(self, text: str) -> str:
        """fold(text) between two spaces (to find a run of whole words in it), remembered likewise."""
        found = self._padded.get(text)
        if found is None:
            found = self._padded[text] = f" {self.fold(text)} "
        return found

    def bare(self, text: str) -> str:
        """fold(text) without its article, remembered for the article (for each anaphor)."""
        found = self._bare.get(text)
        if found is None:
            found = self._bare[text] = _without_article(self.fold(text))
        return found

    def touching(self, left: int, right: int) -> Mention | None:
        """The first person mention (in order) that ends at `left` or starts at `right`."""
        found = [n for n in (self._by_end.get(left), self._by_start.get(right)) if n is not None]
        return self._mentions[min(found)] if found else None

    def _rank(self, n: int) -> tuple[bool, int, int]:
        m = self._mentions[n]
        return m.name_en is not None, m.start, -n

    def fuller(self, key: str, before: int) -> list[Speaker]:
        """The best person mention ending by `before` whose name holds the words `key` (a list of 0 or 1)."""
        ends, best = self._runs.get(key, ((), ()))
        k = bisect.bisect_right(ends, before)  # type: ignore[arg-type]
        if not k:
            return []
        m = self._mentions[best[k - 1]]
        return [Speaker(m.text, m.start, m.end, m.name_en, m.id)]


def _institution(ctx: Context, row: SpeakerWord, words: list[int], used: int) -> Speaker:
    """"وزارة الخارجية الروسية", "مسؤولون أمريكيون": the table's words with the state of the
    nationality adjective after them."""
    last = used
    en = row.en
    if used == len(words) and row.kind == "institution":
        # "السفارة", "الحكومة" alone: the embassy or government the article named before
        text, start, end = ctx.text(words[0], words[-1] + 1)
        key = " ".join((_without_article(row.words[0]), *row.words[1:]))
        named = _last_named(ctx, (key,), start)
        if named is not None:
            return Speaker(text, start, end, named.en, named.id, named.country)
    country = None
    if used < len(words) and row.en_country:
        state = ctx.kb.demonym(ctx.words[words[used]].text)
        if state is not None:
            country = state.code or state.country
            # people are "a US official"; institutions keep the state's name ("Ministry of Defence (Russia)")
            adjective = state_adjectives().get(country or "") if row.kind == "source" else None
            en, last = row.en_country.format(adjective or state.name_en), used + 1
    text, start, end = ctx.text(words[0], words[last - 1] + 1)
    return Speaker(text, start, end, en, country=country if row.kind == "institution" else None)
