"""Mentions and entities of an article: the tagger's spans and the knowledge base's names, merged,
linked to one entry each, and grouped into distinct entities.

A name the knowledge base knows is trusted when it is unambiguous (a state, an organisation, a
person, or a name of several words); a single-word city or region ("الزاوية", also "corner") needs the
tagger's agreement or a word such as "مدينة" before it.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence

from khabar.article import Article, Entity, Mention, Tokens
from khabar.entities.fuzzy import fuzzy_names
from khabar.entities.gazetteer import (
    GENERIC_HEADS,
    HONORIFICS,
    Gazetteer,
    NameMatch,
    mention_start,
    name_gazetteer,
)
from khabar.entities.institutions import find_institutions
from khabar.entities.resolve import FullNames, resolve_references
from khabar.kb.base import match_key
from khabar.kb.model import CITY, REGION, STATE, Entry
from khabar.lang.normalize import fold
from khabar.page.agencies import load_agencies
from khabar.resources import Resources
from khabar.text.tokens import tokenize
from khabar.text.words import folded_words

TAG_TYPES = {"PER": "PER", "PERS": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}
PLACE_TRIGGERS = GENERIC_HEADS | frozenset(fold(w) for w in "في إلى الى من بمدينة".split())
# Common nouns that head names but are never a name alone ("حلف (اوكوس)": the alliance is AUKUS).
NOT_NAMES = GENERIC_HEADS | frozenset(fold(w) for w in (
    "حلف تحالف مجلس وزارة الوزارة الحكومة حكومة الجيش جيش الرئيس رئيس البيان بيان الاتحاد اتحاد "
    "المنظمة منظمة الوكالة وكالة الهيئة هيئة اللجنة لجنة الصندوق صندوق الحزب حزب الحركة حركة المجلس "
    "الجامعة جامعة الشركة الدولة دولة المنطقة العاصمة").split())


def article_date(article: Article) -> dt.date:
    """The date titles are resolved on: the dateline's, the reference date, or today."""
    if article.dateline is not None and article.dateline.date:
        return dt.date.fromisoformat(article.dateline.date)
    return article.reference_date or dt.date.today()


def home_country(article: Article) -> str | None:
    """The state a dispatch comes from: its dateline's, else its agency's home."""
    if article.dateline is not None and article.dateline.country:
        return article.dateline.country
    if article.agency:
        agency = next((a for a in load_agencies().by_credit.values() if a.code == article.agency), None)
        return agency.country if agency else None
    return None


def find_mentions(text: str, tokens: Tokens, spans: Sequence[tuple[int, int, str]], gazetteer: Gazetteer,
                  where: str = "body", home: str | None = None) -> tuple[list[Mention], list[NameMatch]]:
    """Mentions of one text from tagger spans (token ranges with a type) and dictionary matches.

    Returns the mentions and the nationality adjectives (demonym matches) seen on the way.
    """
    matches = gazetteer.match(tokens)
    demonyms = [m for m in matches if m.demonym]
    names = [m for m in matches if not m.demonym]
    taken = [False] * len(tokens)
    mentions: list[Mention] = []
    span_at = _span_at(spans, len(tokens))
    for match in names:
        tagged = any(i >= 0 for i in span_at[match.first:match.last])
        if not tagged and not _trusted(match, tokens):
            continue
        covering = spans[span_at[match.first]] if span_at[match.first] >= 0 else None
        if _inside_longer_name(match, covering):
            continue  # "ليزا جونسون" is not Boris Johnson, "ريال مدريد" no mention of Madrid: the whole name wins
        entry = _entry_as_tagged(match, covering)
        if entry is None:
            continue  # a town's name the tagger reads as a club or a person: its span is the tagger's
        start = match.start
        if entry.type == "PER" and match.last - match.first > 1 and tokens.splits[match.first][2] in HONORIFICS:
            start = mention_start(tokens, match.first + 1)  # "الملك عبد الله الثاني": the title is no part of the name
        mentions.append(_mention(text, start, match.end, entry.type, entry, where, "kb"))
        taken[match.first:match.last] = [True] * (match.last - match.first)
    states = {m.first: (m.last, m.entries[0].code or m.entries[0].country) for m in matches
              if m.demonym or m.entries[0].kind == STATE}
    for found in find_institutions(tokens, states, gazetteer.kb, home):
        start, end = mention_start(tokens, found.first), tokens.spans[found.last - 1][1]
        mentions.append(Mention(start, end, text[start:end], "ORG", found.name_en, None, found.country,
                                where=where, kind="org", how="institution"))
        taken[found.first:found.last] = [True] * (found.last - found.first)
    for first, last, tag in spans:
        if any(taken[first:last]):
            continue
        if last - first == 1 and tokens.splits[first][2] in NOT_NAMES:
            continue
        start, end = mention_start(tokens, first), tokens.spans[last - 1][1]
        whole = tokens.spans[first][0]
        entry, start = _link_span(gazetteer, text, start, whole, end, TAG_TYPES.get(tag, "MISC"))
        mentions.append(_mention(text, start, end, entry.type if entry else TAG_TYPES.get(tag, "MISC"),
                                 entry, where, "ner"))
    mentions.sort(key=lambda m: m.start)
    return mentions, demonyms


def _trusted(match: NameMatch, tokens: Tokens) -> bool:
    entry = match.entries[0]
    if match.last - match.first > 1 or entry.kind not in (CITY, REGION):
        return True
    before = fold(tokens.text[tokens.spans[match.first - 1][0]:tokens.spans[match.first - 1][1]]) \
        if match.first else ""
    if before not in PLACE_TRIGGERS:
        return False
    return entry.kind == REGION or (entry.population or 0) >= 100_000


def _span_at(spans: Sequence[tuple[int, int, str]], n: int) -> list[int]:
    """For each token, the index of the tagger span covering it, or -1 (tagger spans never overlap)."""
    at = [-1] * n
    for i, (first, last, _) in enumerate(spans):
        at[first:last] = [i] * (last - first)
    return at


def _inside_longer_name(match: NameMatch, covering: tuple[int, int, str] | None) -> bool:
    """Is the name part of a longer one the tagger found (`covering`, the tagger span over its first
    word): of another type (a place in the name of a club, a paper, a person or a tournament), or a
    person's name in a longer person's name?"""
    if covering is None:
        return False
    first, last, tag = covering
    if first <= match.first and match.last <= last and last - first > match.last - match.first:
        tag_type = TAG_TYPES.get(tag, "MISC")
        return tag_type != match.entries[0].type or tag_type == "PER"
    return False


def _entry_as_tagged(match: NameMatch, covering: tuple[int, int, str] | None) -> Entry | None:
    """The entry a name links to when the tagger found exactly its words with another type: one of
    the tagger's type if the knowledge base has it ("بشار" the man), else none when the name is only
    a town's ("برشلونة" the club, "بشار" in Algeria); states, capitals (which stand for their state)
    and the rest keep the knowledge base's reading."""
    entry = match.entries[0]
    tag_type = entry.type
    if covering is not None and covering[0] == match.first and covering[1] == match.last:
        tag_type = TAG_TYPES.get(covering[2], "MISC")
    if tag_type == entry.type or tag_type not in ("PER", "ORG"):
        return entry
    agreeing = next((e for e in match.entries if e.type == tag_type), None)
    if agreeing is not None:
        return agreeing
    return None if _town(entry) else entry


def _town(entry: Entry) -> bool:
    """A city or region that is no capital: many people, clubs and firms bear such names."""
    return entry.kind in (CITY, REGION) and not entry.is_capital


def _link_span(gazetteer: Gazetteer, text: str, start: int, whole: int, end: int,
               tag_type: str) -> tuple[Entry | None, int]:
    """The entry of a tagger span and where the mention starts: without the first word's proclitics,
    unless only the whole word links ("بوريال" is not ب + "وريال")."""
    starts = [start] if start == whole else [start, whole]
    for begin in starts:
        entries = gazetteer.kb.lookup(text[begin:end])
        same_type = [e for e in entries if e.type == tag_type]
        if not same_type and entries and tag_type in ("PER", "ORG") and _town(entries[0]):
            entries = []  # a club or a person named like a town (see _entry_as_tagged)
        if same_type or entries:
            return (same_type or entries)[0], begin
    if tag_type != "MISC":
        for begin in reversed(starts):
            entry = fuzzy_names(gazetteer.kb).closest(match_key(text[begin:end]), tag_type)
            if entry is not None:
                return entry, begin
    return None, start


def _mention(text: str, start: int, end: int, type_: str, entry: Entry | None, where: str, how: str) -> Mention:
    if entry is None:
        return Mention(start, end, text[start:end], type_, where=where, how=how)
    return Mention(start, end, text[start:end], type_, entry.name_en, entry.id, entry.country,
                   where=where, kind=entry.kind, how=how)


def group_entities(mentions: Sequence[Mention]) -> tuple[list[Mention], list[Entity]]:
    """Give short person names the entity of the full name met before ("بايدن" after "جو بايدن"), and
    group mentions into entities (by knowledge-base id, else by the full name's folded text)."""
    mentions = list(mentions)
    folded = [fold(m.text) for m in mentions]  # a short name keeps its text: these stay right
    keys: list[str] = []
    people = FullNames()  # what owner_among would find, by index (a scan per short name was quadratic)
    for index, mention in enumerate(mentions):
        key = mention.id or f"text:{mention.type}:{folded[index]}"
        if mention.id is None and mention.type == "PER":
            at = people.owner(folded[index])
            if at is not None:
                owner, key = mentions[at], keys[at]
                mentions[index] = Mention(mention.start, mention.end, mention.text, "PER", owner.name_en,
                                          owner.id, owner.country, mention.where, owner.kind, "short name")
        if mention.type == "PER":
            people.add(index, folded[index])
        keys.append(key)
    groups: dict[str, list[int]] = {}
    for index, key in enumerate(keys):
        groups.setdefault(key, []).append(index)
    entities = []
    for key, members in groups.items():
        first = mentions[members[0]]
        entities.append(Entity(first.id or key, first.type, first.name_en, first.country, tuple(members)))
    return mentions, entities


# What the tagger found in one article: spans of the body, and the headline's tokens and spans.
Tagged = tuple[list[tuple[int, int, str]], Tokens | None, list[tuple[int, int, str]]]


def link_entities(article: Article, resources: Resources, tagger=None, tagged: Tagged | None = None) -> None:
    """The entity step: mentions in the headline and the body, references by title and nationality.

    `tagged` is the article's entry of `tag_articles` when the tagger already ran over a batch."""
    gazetteer = resources.get(name_gazetteer)
    body_spans, head_tokens, head_spans = tagged if tagged is not None else tag_articles([article], tagger)[0]
    home = home_country(article)
    mentions, demonyms = find_mentions(article.body, article.tokens, body_spans, gazetteer, home=home)
    if article.headline is not None and head_tokens is not None:
        head_mentions, _ = find_mentions(article.headline.text, head_tokens, head_spans, gazetteer, "headline",
                                         home)
        mentions = head_mentions + mentions
    article.mentions, article.entities = group_entities(mentions)
    article.references = resolve_references(article, demonyms, gazetteer.kb, article_date(article))


def tag_articles(articles: Sequence[Article], tagger) -> list[Tagged]:
    """Tagger spans of the bodies (sentence by sentence) and headlines of many articles, all their
    sentences tagged in one call (scored together, decoded in groups of similar length)."""
    sents: list[list[str]] = []
    plans: list[tuple[Tokens | None, list[tuple[int, int]], list[tuple[int, int]]]] = []
    for article in articles:
        head = (article.headline_tokens or tokenize(article.headline.text)) if article.headline is not None else None
        body_bounds = _sentence_token_bounds(article.tokens, article) if len(article.tokens) else []
        head_bounds = [(0, len(head))] if head is not None and len(head) else []
        plans.append((head, body_bounds, head_bounds))
        if tagger is not None:
            words = folded_words(article.tokens).words if body_bounds else []
            sents.extend(words[a:b] for a, b in body_bounds)
            if head_bounds:
                sents.append(folded_words(head).words)
    found_spans = iter(_tagger_spans(tagger, sents) if tagger is not None and sents else ())
    out: list[Tagged] = []
    for head, body_bounds, head_bounds in plans:
        found: list[list[tuple[int, int, str]]] = []
        for bounds in (body_bounds, head_bounds):
            spans = []
            if tagger is not None:
                for begin, _ in bounds:
                    spans.extend((begin + a, begin + b, typ) for a, b, typ in next(found_spans))
            found.append(spans)
        out.append((found[0], head, found[1]))
    return out


def _tagger_spans(tagger, sents: Sequence[Sequence[str]]) -> list[list[tuple[int, int, str]]]:
    """Spans (first, end, type) per sentence: in one batch when the tagger can, else from its tags."""
    from khabar.entities.tagger import spans_from_tags

    if hasattr(tagger, "spans_many"):
        return tagger.spans_many(sents)
    return [spans_from_tags(tags) for tags in tagger.tag_many(sents)]


def _sentence_token_bounds(tokens: Tokens, article: Article) -> list[tuple[int, int]]:
    bounds, index = [], 0
    starts = folded_words(tokens).starts
    for sentence in article.sentences:
        begin = index
        index = max(index, bisect.bisect_left(starts, sentence.end))  # the tokens starting before its end
        if index > begin:
            bounds.append((begin, index))
    if index < len(starts):
        bounds.append((index, len(starts)))
    return bounds
