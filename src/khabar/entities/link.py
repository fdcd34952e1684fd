"""Mentions and entities of an article: the tagger's spans and the knowledge base's names, merged,
linked to one entry each, and grouped into distinct entities.

A name the knowledge base knows is trusted when it is unambiguous (a state, an organisation, a
person, or a name of several words); a single-word city or region ("الزاوية", also "corner") needs the
tagger's agreement or a word such as "مدينة" before it.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence

from khabar.article import Article, Entity, Mention, Tokens
from khabar.entities.fuzzy import one_letter_variant, words_agree
from khabar.entities.gazetteer import (
    GENERIC_HEADS,
    Gazetteer,
    NameMatch,
    honorific_words,
    mention_start,
    name_gazetteer,
)
from khabar.entities.institutions import descriptor_heads, find_institutions
from khabar.entities.orgnames import OrgName, find_org_names
from khabar.entities.resolve import FullNames, resolve_references
from khabar.kb import knowledge_base
from khabar.kb.base import clitic_forms, match_key
from khabar.kb.model import CITY, REGION, STATE, Entry
from khabar.lang.normalize import fold
from khabar.lang.romanise import name_particles, romanise
from khabar.lang.romanise import packaged as romanise_model
from khabar.page.agencies import load_agencies
from khabar.resources import Resources, data_path, read_tsv
from khabar.text.section import soft_news
from khabar.text.tokens import tokenize
from khabar.text.words import folded_words, positions_in

TAG_TYPES = {"PER": "PER", "PERS": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}
PLACE_TRIGGERS = GENERIC_HEADS | frozenset(fold(w) for w in "في إلى الى من بمدينة".split())
# Classes of data/not_names.tsv whose word cannot start a name ("دولار أمريكي", "كانون الثاني").
NEVER_FIRST = frozenset({"currency", "unit", "month", "day"})
LOOK_BEHIND = 40  # characters before a person's mention read for a nationality adjective
SURNAME_AFTER_OFFICE = dt.timedelta(days=4 * 365)  # a past leader named by surname alone, this long after
GIVEN_NAME_RATIO = 2  # a word starting people's names this many times as often as it ends them
# Wikidata people bearing a one-word name (data/surname_persons.tsv) from which the office alone no
# longer links it: chosen on ANT pages 6,001-18,000, checked on the first 6,000 (data/SOURCE.md)
COMMON_SURNAME = 20


def not_names() -> dict[str, str]:
    """Built once, by the process's Resources (see _build_not_names)."""
    return Resources.default().get(_build_not_names)


def _build_not_names(resources: Resources) -> dict[str, str]:
    """Folded words that are never a name alone (heads of names, currencies, units, months, days)
    and their class; generic place heads ("مدينة") too."""
    table = {fold(row["word"]): row["class"]
             for _, row in read_tsv(data_path("khabar.entities", "data/not_names.tsv"), ("word", "class"))}
    return {**dict.fromkeys(GENERIC_HEADS, "head"), **table}


def _build_adjective_names(resources: Resources) -> tuple[frozenset[str], frozenset[str]]:
    """(names that are also an adjective, words after which such a name is the place): see
    data/adjective_names.tsv."""
    rows = [(fold(row["word"]), row["kind"])
            for _, row in read_tsv(data_path("khabar.entities", "data/adjective_names.tsv"), ("word", "kind"))]
    return frozenset(w for w, k in rows if k == "name"), frozenset(w for w, k in rows if k == "context")


def adjective_reading(tokens: Tokens, i: int) -> bool:
    """Is token i a place's name that reads here as the adjective it also is ("مالي": financial, not
    Mali)? After a noun it can qualify ("دعم مالي", "عجز مالي", "دعم فني ومالي") it is the adjective;
    at the start, after punctuation, a preposition ("في مالي", "بمالي") or a noun that takes a state
    ("رئيس مالي", "شمال مالي") it is the place."""
    names, context = Resources.default().get(_build_adjective_names)
    before, _, stem = tokens.splits[i]  # stems are folded
    if stem not in names or i == 0:
        return False
    word = tokens.text[tokens.spans[i][0]:tokens.spans[i][1]]
    if before and fold(word[:before]) not in ("و", "ف"):
        return False  # "بمالي", "لمالي": a preposition
    prev = tokens.text[tokens.spans[i - 1][0]:tokens.spans[i - 1][1]]
    if not prev[:1].isalpha():
        return False
    stem_before = tokens.splits[i - 1][2]
    if stem_before.startswith("ال"):
        return False  # an indefinite adjective qualifies no definite noun: "زار الوزير مالي" is the place
    if before:  # "ومالي": an adjective after another nisba adjective ("فني ومالي"), else a place in a list
        return stem_before.endswith(("ي", "يه")) and stem_before not in context
    return stem_before not in context


def is_not_a_name(tokens: Tokens, first: int, last: int, kb=None) -> bool:
    """Is the tagger span tokens[first:last] no name: all its words common nouns of not_names.tsv
    ("حلف", "كانون الثاني"), or a currency, unit, month or day with a nationality adjective
    ("الدولار الأمريكي"; "ريال مدريد" stays a name)?"""
    table = not_names()
    words = [tokens.splits[i][2] for i in range(first, last)]
    if table.get(words[0]) in NEVER_FIRST and kb is not None:
        return all(w in table or kb.demonym(w) is not None for w in words[1:])
    if len(words) > 1 and all(table.get(w) == "letter" for w in words):
        return False  # spelled-out Latin letters together are an acronym ("إم بي سي"); one alone is none
    return all(w in table for w in words)


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
                  where: str = "body", home: str | None = None, prior: NamePrior | None = None
                  ) -> tuple[list[Mention], list[NameMatch]]:
    """Mentions of one text from tagger spans (token ranges with a type) and dictionary matches.

    Returns the mentions and the nationality adjectives (demonym matches) seen on the way.
    `prior` (see `name_prior`) settles where a person's name starts when a proclitic may be its letter.
    """
    matches = gazetteer.match(tokens)
    demonyms = [m for m in matches if m.demonym]
    names = [m for m in matches if not m.demonym]
    spans = _adjacent_people_apart(tokens, _conjoined_people_apart(tokens, _particle_ends_joined(tokens, spans)), names)
    taken = [False] * len(tokens)
    named: list[tuple[int, int]] = []  # token ranges of the knowledge base's names kept
    mentions: list[Mention] = []
    span_at = _span_at(spans, len(tokens))
    for first, last, suffix in _quoted_outlets(tokens):
        mentions.append(_outlet(text, tokens, first, last, suffix, gazetteer.kb, where))
        taken[first:last] = [True] * (last - first)
    states = {m.first: (m.last, m.entries[0].code or m.entries[0].country) for m in matches
              if m.demonym or m.entries[0].kind == STATE}
    institutions = find_institutions(tokens, states, gazetteer.kb, home)
    for found in _org_names(tokens, gazetteer.kb, names, institutions, taken):
        start, end = mention_start(tokens, found.first), tokens.spans[found.last - 1][1]
        mentions.append(Mention(start, end, text[start:end], "ORG", found.name_en, None, found.country,
                                where=where, kind="org", how="org name", name_from="translated"))
        taken[found.first:found.last] = [True] * (found.last - found.first)
    for match in names:
        if any(taken[match.first:match.last]):
            continue
        if match.last - match.first == 1 and adjective_reading(tokens, match.first):
            taken[match.first] = True  # "دعم مالي": financial, no mention of Mali (nor a tagger span there)
            continue
        tagged = any(i >= 0 for i in span_at[match.first:match.last])
        if not tagged and not _trusted(match, tokens, prior):
            continue
        covering = spans[span_at[match.first]] if span_at[match.first] >= 0 else None
        if _inside_longer_name(match, covering):
            continue  # "ليزا جونسون" is not Boris Johnson, "ريال مدريد" no mention of Madrid: the whole name wins
        if match.entries[0].kind in (CITY, REGION) and _after_honorific(tokens, match.first):
            # "الملكة فيكتوريا", "الأمير هاري": a title of a person before a place's name makes it a person's
            person = next((e for e in match.entries if e.type == "PER"), None)
            mentions.append(_mention(text, match.start, match.end, "PER", person, where, "kb"))
            taken[match.first:match.last] = [True] * (match.last - match.first)
            continue
        entry = _entry_as_tagged(match, covering)
        if entry is None:
            continue  # a town's name the tagger reads as a club or a person: its span is the tagger's
        entry = _city_named_like_a_state(match, entry, tokens, home)
        start = match.start
        if entry.type == "PER":
            # "الملك عبد الله الثاني", "آية الله علي خامنئي": the title is no part of the name
            stems = [tokens.splits[i][2] for i in range(match.first, match.last)]
            skip = honorific_words(stems, 0)
            if 0 < skip < len(stems):
                start = mention_start(tokens, match.first + skip)
        headed = _with_place_head(text, tokens, match, entry, gazetteer.kb, where)
        if headed is not None:
            mentions.append(headed)
            taken[match.first - 1:match.last] = [True] * (match.last - match.first + 1)
            continue
        mentions.append(_mention(text, start, match.end, entry.type, entry, where, "kb"))
        taken[match.first:match.last] = [True] * (match.last - match.first)
        named.append((match.first, match.last))
    for found in institutions:
        if any(first <= found.first and found.last <= last for first, last in named):
            # a ministry's head inside a name the knowledge base knows whole (the head, then a state's
            # adjective): the whole name is the mention; its state word was matched with it, not apart
            continue
        start, end = mention_start(tokens, found.first), tokens.spans[found.last - 1][1]
        mentions.append(Mention(start, end, text[start:end], found.type, found.name_en, None, found.country,
                                where=where, kind="org", how="institution"))
        taken[found.first:found.last] = [True] * (found.last - found.first)
    for first, last, tag in spans:
        if any(taken[first:last]):
            continue
        if TAG_TYPES.get(tag) == "PER":
            last = _without_trailing_object(tokens, first, last)
            if first and not taken[first - 1] and _spaced(tokens, first) and _opener_at(tokens, first - 1) is not None:
                first -= 1
        if is_not_a_name(tokens, first, last, gazetteer.kb):
            continue
        if TAG_TYPES.get(tag) in ("ORG", "LOC") and _never_a_name(tokens.splits[first][2], prior):
            continue  # "حماية الأمن": an organisation or place starts with a word the news never uses in a name
        start, end = _name_start(tokens, first, tag, prior), tokens.spans[last - 1][1]
        whole = tokens.spans[first][0]
        tag_type = TAG_TYPES.get(tag, "MISC")
        if tag_type == "LOC" and (feature := _feature_span(text, tokens, gazetteer, first, end, where)) is not None:
            mentions.append(feature)
            continue
        if tag_type == "PER" and _names_after(tokens, first + 1, last) >= 2 and (opener := _opener_at(tokens, first)) is not None:
            mentions.append(_opened_name(text, tokens, gazetteer, opener, first + 1, end, where))
            continue
        entry, start = _link_span(gazetteer, text, start, whole, end, tag_type)
        mentions.append(_mention(text, start, end, entry.type if entry else tag_type, entry, where, "ner"))
    mentions.sort(key=lambda m: m.start)
    mentions = [_country_checked(text, m, gazetteer.kb) for m in join_cut_names(text, mentions, gazetteer)]
    return institutions_referred_back(names_kept_whole(text, mentions)), demonyms


def _org_names(tokens: Tokens, kb, names: Sequence[NameMatch], institutions: Sequence, taken: Sequence[bool]
               ) -> list[OrgName]:
    """Organisation names of a head, a state's adjective and qualifiers (see `orgnames`) that no
    quoted outlet, state institution, or knowledge-base organisation or person overlaps: those are
    read as they were."""
    found = []
    for name in find_org_names(tokens, kb):
        if any(taken[name.first:name.last]):
            continue
        if any(other.first < name.last and name.first < other.last for other in institutions):
            continue
        if any(m.first < name.last and name.first < m.last and m.entries[0].type in ("ORG", "PER") for m in names):
            continue
        found.append(name)
    return found


_PROCLITICS = frozenset("وفبلك")
_OPENING = frozenset('"«“\'')
_CLOSING = frozenset('"»”\'')
MAX_OUTLET_TOKENS = 5


def media_heads() -> dict[str, str]:
    """Built once, by the process's Resources (see _build_media_heads)."""
    return Resources.default().get(_build_media_heads)


def _build_media_heads(resources: Resources) -> dict[str, str]:
    """Folded head noun of data/media_heads.tsv -> the English word an outlet named after a place takes."""
    rows = read_tsv(data_path("khabar.entities", "data/media_heads.tsv"), ("head_ar",))
    return {fold(row["head_ar"]): row.get("suffix_en", "") for _, row in rows}


def _quoted_outlets(tokens: Tokens) -> list[tuple[int, int, str]]:
    """(first, last, English suffix) of each outlet's name in quotation marks right after a media head
    ("قناة "روسيا 1"", "تلفزيون «فلسطين»"): a few tokens between an opening and a closing mark."""
    heads = media_heads()
    keys = tokens.keys()
    found = []
    for i in positions_in(heads, keys):
        opening = i + 1
        if opening >= len(tokens) or keys[opening] not in _OPENING:
            continue
        close = next((j for j in range(opening + 1, min(len(tokens), opening + 2 + MAX_OUTLET_TOKENS))
                      if keys[j] in _CLOSING or keys[j] in _OPENING), None)
        if close is None or close == opening + 1 or keys[close] not in _CLOSING:
            continue
        if any(not any(c.isalnum() for c in keys[j]) for j in range(opening + 1, close)):
            continue  # punctuation inside: a quotation, not a name
        found.append((opening + 1, close, heads[keys[i]]))
    return found


def _outlet(text: str, tokens: Tokens, first: int, last: int, suffix: str, kb, where: str) -> Mention:
    """The outlet named by tokens[first:last]: the knowledge base's organisation of that name; else,
    when the name is a state's or a city's, alone or with Latin letters or digits, that place's
    English name with them and the head's English ("Russia 1", "Palestine TV"); else the name
    romanised (a region's name is no translation of the outlet's: "الشرق الأوسط" is Asharq
    Al-Awsat, not "Middle East")."""
    start, end = tokens.spans[first][0], tokens.spans[last - 1][1]
    name = text[start:end]
    known = next((e for e in kb.lookup(name) if e.type == "ORG"), None)
    if known is not None:
        return _mention(text, start, end, "ORG", known, where, "outlet")
    for cut in range(last, first, -1):
        place = next((e for e in kb.lookup(text[start:tokens.spans[cut - 1][1]]) if e.kind in (STATE, CITY)), None)
        rest = text[tokens.spans[cut][0]:end] if cut < last else ""
        if place is not None and rest.isascii():  # "روسيا 1"; "الإمارات اليوم" is romanised whole
            name_en = " ".join(p for p in (place.name_en, rest, suffix) if p)
            return Mention(start, end, name, "ORG", name_en, None, place.country or place.code, where=where,
                           kind="org", how="outlet")
    name_en = romanise(uncut(name))
    return Mention(start, end, name, "ORG", name_en, where=where, how="outlet",
                   name_from="romanised" if name_en else None)


def name_openers() -> frozenset[str]:
    """Built once, by the process's Resources (see _build_name_openers)."""
    return Resources.default().get(_build_name_openers)


def _build_name_openers(resources: Resources) -> frozenset[str]:
    """Folded words of data/name_openers.tsv: without the article, they open a person's name."""
    return frozenset(fold(row["word"]) for _, row in read_tsv(data_path("khabar.entities", "data/name_openers.tsv"),
                                                              ("word",)))


def _spaced(tokens: Tokens, i: int) -> bool:
    """Is token `i` apart from the token before it by one space only?"""
    return tokens.text[tokens.spans[i - 1][1]:tokens.spans[i][0]] == " "


def _opener_at(tokens: Tokens, i: int) -> int | None:
    """Where token `i` starts as a word that opens a person's name as its part ("سيد" of "سيد حسين
    رضوي", Sayyid; data/name_openers.tsv), after a conjunction "و"; None when it is none. "السيد"
    with the article is the courtesy "Mr" (honorifics.tsv) and is not one. Read as written: the
    tokeniser may take "س" of "سيد" for a proclitic."""
    start, end = tokens.spans[i]
    word = fold(tokens.text[start:end])
    if word in name_openers():
        return start
    return start + 1 if word[:1] == "و" and word[1:] in name_openers() else None


def _names_after(tokens: Tokens, first: int, last: int) -> int:
    """How many words of tokens[first:last] are no name particle ("أبو حفيظة" is one name)."""
    particles = name_particles()
    return sum(tokens.splits[i][2] not in particles for i in range(first, last))


def _opened_name(text: str, tokens: Tokens, gazetteer: Gazetteer, start: int, rest: int, end: int, where: str
                 ) -> Mention:
    """A person's name of two words or more (besides particles) after an opener (`start`, the opener; `rest`, the token
    after it): the mention holds the opener, the name is linked and spelled without it, as English
    writes most such names ("سيد علي خامنئي" is Ali Khamenei; the title's spelling varies: Seyed,
    Sayyid, Syed)."""
    begin = tokens.spans[rest][0]
    entry, _ = _link_span(gazetteer, text, begin, begin, end, "PER")
    if entry is not None and entry.type == "PER":
        return _mention(text, start, end, "PER", entry, where, "ner")
    name_en = romanise(uncut(text[begin:end]))
    return Mention(start, end, text[start:end], "PER", name_en, where=where, how="ner",
                   name_from="romanised" if name_en else None)


def _never_a_name(word: str, prior: NamePrior | None) -> bool:
    """Is a word (a folded stem) never part of a name in the news by the tagger's lexicon, read
    with or without a first letter that may be a proclitic the tokeniser left on ("لرومانيا")?
    Heads of names (data/not_names.tsv) are not."""
    if prior is None or not prior.never_a_name(word) or not_names().get(word) == "head":
        return False  # a head of names ("هيئة") starts them, whatever the lexicon says
    return not (word[:1] in _PROCLITICS and len(word) > 3 and not prior.never_a_name(word[1:]))


def names_kept_whole(text: str, mentions: list[Mention]) -> list[Mention]:
    """A person's short name whose first letter was read as a proclitic ("لوان" after "سيمونا
    ماريانا لوان" is not ل + "وان"): when the word with the letter is a word of a person named
    earlier and the word without it is not, the mention keeps the letter."""
    out: list[Mention] = []
    words: set[str] = set()  # folded words of the person mentions so far
    for mention in mentions:
        if (mention.type == "PER" and mention.id is None and mention.start > 0
                and text[mention.start - 1] in _PROCLITICS and (mention.start < 2 or text[mention.start - 2].isspace())):
            folded = fold(mention.text)
            whole = fold(text[mention.start - 1:mention.end])
            if whole.split()[0] in words and folded.split()[0] not in words:
                start = mention.start - 1
                name_en = romanise(text[start:mention.end])
                mention = Mention(start, mention.end, text[start:mention.end], "PER", name_en, where=mention.where,
                                  how=mention.how, name_from="romanised" if name_en else None)
        if mention.type == "PER":
            words.update(fold(mention.text).split())
        out.append(mention)
    return out


def place_heads() -> dict[str, PlaceHead]:
    """Built once, by the process's Resources (see _build_place_heads)."""
    return Resources.default().get(_build_place_heads)


@dataclasses.dataclass(frozen=True, slots=True)
class PlaceHead:
    """A word before a place's name that makes it another place (data/place_heads.tsv)."""

    english: str  # the English word added to the place's name, or a pattern with {} (features)
    feature: bool = False  # a natural feature or camps: any place's name or a name of its own follows

    def name_en(self, place_en: str) -> str:
        return self.english.format(place_en) if "{}" in self.english else f"{place_en} {self.english}"


def _build_place_heads(resources: Resources) -> dict[str, PlaceHead]:
    """Folded head word -> its PlaceHead, from data/place_heads.tsv."""
    rows = read_tsv(data_path("khabar.entities", "data/place_heads.tsv"), ("head_ar", "suffix_en"))
    return {fold(row["head_ar"]): PlaceHead(row["suffix_en"], row.get("feature") == "1") for _, row in rows}


def _place_head_before(tokens: Tokens, first: int) -> PlaceHead | None:
    """The place head written right before token `first` (with or without a proclitic: "بنهر"), apart
    from it by spaces, a hashtag or an underscore only ("محافظة #صعدة"); None when there is none."""
    if first == 0 or tokens.text[tokens.spans[first - 1][1]:tokens.spans[first][0]].strip(" #_"):
        return None
    head = place_heads().get(tokens.splits[first - 1][2])
    if head is not None and head.feature and tokens.splits[first][0]:
        return None  # "جبل باليمن": a mountain in Yemen, not its name
    return head


def _with_place_head(text: str, tokens: Tokens, match: NameMatch, entry: Entry, kb, where: str) -> Mention | None:
    """A town or region with a head word before it ("محافظة أربيل", "مخيم طولكرم"): one mention with
    the head; the knowledge base's entry for the whole name, else the region itself, else the town's
    name with the head's English ("Erbil Governorate", no id: it is not the town). A natural
    feature's head ("بحيرة تشاد", "نهر الفولغا") does the same before any place, a state too: the
    lake is not the state ("Lake Chad")."""
    head = _place_head_before(tokens, match.first)
    if head is None or entry.type != "LOC" or (entry.kind not in (CITY, REGION) and not head.feature):
        return None
    start = mention_start(tokens, match.first - 1)
    whole = next((e for e in kb.lookup(text[start:match.end]) if e.type == "LOC"), None)
    if whole is not None:
        return _mention(text, start, match.end, "LOC", whole, where, "kb")
    if entry.kind == REGION and not head.feature:
        return _mention(text, start, match.end, "LOC", entry, where, "kb")
    country = entry.country if entry.kind == CITY else None  # a lake or river named after a state is no state's
    return Mention(start, match.end, text[start:match.end], "LOC", head.name_en(entry.name_en), None, country,
                   where=where, kind=REGION, how="kb")


def _feature_span(text: str, tokens: Tokens, gazetteer: Gazetteer, first: int, end: int, where: str
                  ) -> Mention | None:
    """A place the tagger found right after a natural feature's head ("نهر", "بحيرة", "جبال";
    data/place_heads.tsv): one mention with the head, the knowledge base's entry for the whole name,
    else the head's English with the place's (linked, or romanised)."""
    head = _place_head_before(tokens, first)
    if head is None or not head.feature:
        return None
    start = mention_start(tokens, first - 1)
    whole = next((e for e in gazetteer.kb.lookup(uncut(text[start:end])) if e.type == "LOC"), None)
    if whole is not None:
        return _mention(text, start, end, "LOC", whole, where, "ner")
    inner, _ = _link_span(gazetteer, text, mention_start(tokens, first), tokens.spans[first][0], end, "LOC")
    name = uncut(text[mention_start(tokens, first):end])
    # a feature's English name has no article ("نهر الفولغا" is the Volga River, not "Al-Volga")
    bare = name[2:] if name.startswith("ال") and len(name.split()[0]) > 3 else name
    place_en = inner.name_en if inner is not None and inner.type == "LOC" else romanise(bare)
    if not place_en:
        return None
    return Mention(start, end, text[start:end], "LOC", head.name_en(place_en), where=where, kind=REGION, how="ner",
                   name_from=None if inner is not None and inner.type == "LOC" else "romanised")


def institutions_referred_back(mentions: list[Mention]) -> list[Mention]:
    """An institution named without its state ("وزارة الخارجية", "السفارة") after the same one named
    with it ("وزارة الخارجية البريطانية") is that one: it takes the earlier mention's link."""
    out: list[Mention] = []
    # the last ORG mention so far by each run of its first words (folded, with the space after them):
    # looked up at once, not by reading all the earlier ones for each (quadratic on a long document)
    last_by_first_words: dict[str, Mention] = {}
    for mention in mentions:
        if mention.how == "institution" and mention.id is None:
            earlier = last_by_first_words.get(fold(mention.text) + " ")
            if earlier is not None:
                mention = Mention(mention.start, mention.end, mention.text, mention.type, earlier.name_en, earlier.id,
                                  earlier.country, mention.where, earlier.kind, "referred back")
        if (mention.type == "ORG" and mention.id is not None) or mention.how == "institution":
            folded = fold(mention.text)
            at = folded.find(" ")
            while at >= 0:
                last_by_first_words[folded[:at + 1]] = mention
                at = folded.find(" ", at + 1)
        out.append(mention)
    return out


def _country_checked(text: str, mention: Mention, kb) -> Mention:
    """A person the text calls by another state's nationality ("الرئيس الفرنسي X" with X linked to
    someone of another state) is not that knowledge-base person: the link is dropped."""
    if mention.type != "PER" or not mention.id or not mention.country:
        return mention
    before = text[max(0, mention.start - LOOK_BEHIND):mention.start].split()
    said = kb.demonym(before[-1]) if before else None
    if said is None or said.code == mention.country:
        return mention
    name_en = romanise(mention.text)
    return Mention(mention.start, mention.end, mention.text, "PER", name_en, where=mention.where,
                   how=mention.how, name_from="romanised" if name_en else None)


_CUTS = frozenset("#_\n")  # what splits a name in posts and wrapped lines: "دونالد #ترمب"


def join_cut_names(text: str, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """A person's given name cut from the rest of the name by a hashtag or a line break belongs to
    the mention after it: the two become one mention, linked as the whole name or as the second."""
    out: list[Mention] = []
    for mention in mentions:
        before = out[-1] if out else None
        if (before is not None and before.type == "PER" and mention.type == "PER" and before.id is None
                and before.where == mention.where):
            gap = text[before.end:mention.start]
            # cut by a hashtag or a line break ("رجب طيب #أردوغان"), or two unknown names side by
            # side, the first of one word ("سيمونا" "ماريانا لوان")
            apart = gap == " " and mention.id is None and " " not in before.text.strip()
            if gap and not gap.strip(" \t#_\n") and (_CUTS & set(gap) or apart):
                whole = before.text + " " + mention.text
                entry = next((e for e in gazetteer.kb.lookup(whole) if e.type == "PER"), None)
                if entry is None and mention.id is not None:
                    # the second's link only when the whole agrees with their name: "#إيفانكا_ترمب"
                    # is not Donald Trump
                    known = gazetteer.kb.by_id(mention.id)
                    entry = known if known is not None and words_agree(match_key(whole), known) else None
                joined = _mention(text, before.start, mention.end, "PER", entry, mention.where, mention.how)
                out[-1] = joined
                continue
        out.append(mention)
    return out


def _conjoined_people_apart(tokens: Tokens, spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Tagger spans with a person span cut where "و" joins a second person to the first ("أندرو
    وسارة", "هاري وميغان"): a word after the first that is و + a known name word, when the whole word
    is no name word ("وليد", "وائل" stay whole; the romaniser's word table decides)."""
    model = romanise_model()
    out: list[tuple[int, int, str]] = []
    for first, last, tag in spans:
        if TAG_TYPES.get(tag) == "PER" and model is not None:
            for i in range(first + 1, last):
                start, end = tokens.spans[i]
                if (tokens.splits[i][0] == 1 and tokens.text[start] == "و"
                        and model.knows(tokens.text[start + 1:end]) and not model.knows(tokens.text[start:end])):
                    out.append((first, i, tag))
                    first = i
        out.append((first, last, tag))
    return out


def _particle_ends_joined(tokens: Tokens, spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Tagger spans that end on a name particle ("جبال أبو" of "جبال أبو النار", "محمد بن" of "محمد بن
    راشد") run on to the word after it: a particle binds a name to what follows, it ends none."""
    # as written, not folded: "آبي" (Abe) is no "أبي"; the article alone ("بنديكت ال 16") binds nothing
    particles = name_particles(folded=False) - {"ال"}
    out: list[tuple[int, int, str]] = []
    starts = {first for first, _, _ in spans}
    for first, last, tag in spans:
        while (last < len(tokens) and _stem_as_written(tokens, last - 1) in particles and last not in starts
               and len(tokens.splits[last][2]) > 1 and tokens.splits[last][2][0].isalpha()
               and tokens.text[tokens.spans[last - 1][1]:tokens.spans[last][0]] == " "):
            last += 1
        out.append((first, last, tag))
    return out


def _stem_as_written(tokens: Tokens, i: int) -> str:
    """Token `i` without its proclitics, as written (hamza seats and madda kept)."""
    start, end = tokens.spans[i]
    return tokens.text[start + tokens.splits[i][0]:end]


def _adjacent_people_apart(tokens: Tokens, spans: list[tuple[int, int, str]], names: Sequence[NameMatch]
                           ) -> list[tuple[int, int, str]]:
    """Tagger spans with a person span cut where it holds two people side by side, as verb, subject,
    object ("واتهم الوزير ستيفن منوشين حسن نصر الله"): a knowledge-base person's full name (two words
    or more) that starts or ends the span, the rest two words or more, no name particle ("بن",
    "آل", "عبد") at the cut binding the two halves into one name."""
    people = {(m.first, m.last) for m in names if m.entries[0].type == "PER" and m.last - m.first >= 2}
    if not people:
        return spans
    particles = name_particles()
    out: list[tuple[int, int, str]] = []
    for first, last, tag in spans:
        cut = None
        if TAG_TYPES.get(tag) == "PER" and last - first >= 4:
            cut = next((at for at in range(first + 2, last - 1)
                        if ((first, at) in people or (at, last) in people)
                        and tokens.splits[at - 1][2] not in particles and tokens.splits[at][2] not in particles),
                       None)
        if cut is None:
            out.append((first, last, tag))
        else:
            out += [(first, cut, tag), (cut, last, tag)]
    return out


def uncut(name: str) -> str:
    """A name as written in posts, with its hashtag and underscores taken for spaces ("مايك #بومبيو",
    "#زياد_عيتاني" -> "زياد عيتاني"): what the knowledge base and the romaniser read."""
    if "#" not in name and "_" not in name:
        return name
    return " ".join(name.replace("#", " ").replace("_", " ").split())


def _without_trailing_object(tokens: Tokens, first: int, last: int) -> int:
    """The end of a person's span without the nouns the tagger ran on into: a word with a
    preposition and the article ("وانغ للصحفيين", "بالقرار") ends no person's name."""
    model = romanise_model()
    while last - first > 1:
        prefix, _, stem = tokens.splits[last - 1]
        start, end = tokens.spans[last - 1]
        glued, word = tokens.text[start:start + prefix], fold(tokens.text[start:end])
        split_off = bool(set(glued) & set("لب")) and stem.startswith("ال")
        # the tokeniser keeps "للصحفيين" whole: لل or بال before at least three letters
        whole = word.startswith(("لل", "بال")) and len(word) > 5 and not (model and model.knows(word))
        if not (split_off or whole):
            break
        last -= 1
    return last


def _name_start(tokens: Tokens, first: int, tag: str, prior: NamePrior | None = None) -> int:
    """Where a tagger span's first word starts as a name: after its proclitics, unless the whole
    word is a known name word and its stem is not ("وليد", "سامر", "فيصل" are names; "وسامر" is و +
    "سامر") — the romaniser's word table of attested name words decides; when it knows both
    ("فريد" and "ريد", "كارا" and "ارا"), the one more often a person's name in the news (`prior`)."""
    stripped = mention_start(tokens, first)
    whole = tokens.spans[first][0]
    if stripped == whole or TAG_TYPES.get(tag) != "PER":
        return stripped
    model = romanise_model()
    if model is None:
        return stripped
    end = tokens.spans[first][1]
    # each way to read the word: all its letters, without the first, ... without all its proclitics
    # ("وسامر" is و + "سامر", not و + س + "امر")
    known = [s for s in range(whole, stripped + 1) if model.knows(tokens.text[s:end])]
    if not known:
        return stripped
    if stripped not in known:
        return known[0]
    if prior is None:
        return stripped
    return max(known, key=lambda s: (prior(fold(tokens.text[s:end])), s))


TYPE_PRIORS = ("tpPER", "tpLOC", "tpORG", "tpMISC")


class NamePrior:
    """How name-like words are in the news, from the tagger's word lexicon: for each folded word, how
    often its contexts are a person's, a place's, an organisation's, another name's (bucketed, 0 for
    never), and its frequency."""

    def __init__(self, clusters: Mapping[str, tuple[str, ...]], names: Sequence[str], freq: Mapping[str, int]):
        self._clusters, self._freq = clusters, freq
        self._columns = [names.index(n) for n in TYPE_PRIORS]

    def _buckets(self, word: str) -> list[int]:
        values = self._clusters.get(word)
        if values is None:
            return []
        return [int(values[c]) if values[c].isdigit() else -1 for c in self._columns]

    def __call__(self, word: str) -> tuple[int, int]:
        """(the person bucket, the frequency): the larger, the likelier a person's name."""
        buckets = self._buckets(word)
        return (buckets[0] if buckets else -1, self._freq.get(word, 0))

    def organisation(self, word: str) -> int:
        """The organisation bucket of `word` (-1 when the lexicon lacks it)."""
        buckets = self._buckets(word)
        return buckets[2] if buckets else -1

    def never_a_name(self, word: str) -> bool:
        """Is `word` in the lexicon with no name-like contexts of any type ("بنا", "with us")?"""
        buckets = self._buckets(word)
        return bool(buckets) and all(b == 0 for b in buckets)


def name_prior(tagger) -> NamePrior | None:
    """The name priors of the tagger's word lexicon, or None for a tagger without them."""
    res = getattr(getattr(tagger, "features", None), "res", None)
    if res is None or not res.clusters or not set(TYPE_PRIORS) <= set(res.cluster_names):
        return None
    return NamePrior(res.clusters, res.cluster_names, res.freq or {})


_CAPITAL_WORDS = frozenset(fold(w) for w in ("العاصمة", "عاصمة"))


def _after_honorific(tokens: Tokens, first: int) -> bool:
    """Does a person's title or honorific ("الملكة", "الأمير", "الشيخ", data/honorifics.tsv) stand
    right before token `first`, with or without a proclitic ("للملكة")?"""
    return first > 0 and honorific_words([tokens.splits[first - 1][2]], 0) > 0


def _city_named_like_a_state(match: NameMatch, entry: Entry, tokens: Tokens, home: str | None) -> Entry:
    """"عمان" is Oman and Amman: the city when "العاصمة" comes just before it ("العاصمة الأردنية
    عمان") or the dispatch is from the city's state; else the state."""
    if entry.kind != STATE:
        return entry
    city = next((e for e in match.entries if e.kind == CITY and e.country != (entry.code or entry.country)), None)
    if city is None:
        return entry
    before = {tokens.splits[i][2] for i in range(max(0, match.first - 2), match.first)}
    return city if before & _CAPITAL_WORDS or (home is not None and city.country == home) else entry


def _trusted(match: NameMatch, tokens: Tokens, prior: NamePrior | None = None) -> bool:
    entry = match.entries[0]
    if (prior is not None and match.last - match.first == 1 and entry.kind not in (CITY, REGION)
            and prior.never_a_name(tokens.splits[match.first][2])):
        return False  # "بنا" ("with us") is not the Bahrain News Agency: a word never seen as a name
    if prior is not None and match.last - match.first == 1 and entry.type == "ORG" and _verbal_noun(match, tokens, prior):
        return False
    if match.last - match.first > 1 or entry.kind not in (CITY, REGION):
        return True
    before = fold(tokens.text[tokens.spans[match.first - 1][0]:tokens.spans[match.first - 1][1]]) \
        if match.first else ""
    if before not in PLACE_TRIGGERS and not _in_place(tokens, match.first):
        return False
    return entry.kind == REGION or (entry.population or 0) >= 100_000


def _in_place(tokens: Tokens, i: int) -> bool:
    """Is token `i` a name without the article with "ب" ("in") glued before it ("بجدة"): a place
    trigger like "في" before it."""
    prefix, _, key = tokens.splits[i]
    start = tokens.spans[i][0]
    return prefix > 0 and tokens.text[start + prefix - 1] == "ب" and not key.startswith("ال")


def _verbal_noun(match: NameMatch, tokens: Tokens, prior: NamePrior) -> bool:
    """Is a one-word organisation name, as found here, the common word it also is: a word without the
    article that the news seldom uses as an organisation's name (the lexicon's bucket at most 1), with a
    preposition glued to it ("بفتح الأبواب") or a noun right after it, its object or its subject ("فتح
    المعبر", "فتح تحقيق", "فتح طالب النار")? Before a particle ("وأكدت فتح أن") or و ("فتح وحماس"), or
    joined by و to a word before ("حماس وفتح ترفضان"), it stays the name."""
    word = tokens.splits[match.first][2]
    if word.startswith("ال") or prior.organisation(word) > 1:
        return False
    prefix, _, _ = tokens.splits[match.first]
    start = tokens.spans[match.first][0]
    if prefix > 0 and tokens.text[start + prefix - 1] in "بلك":
        return True  # after a preposition: the noun
    if prefix > 0 and match.first > 0 and tokens.text[start] in "و" \
            and tokens.text[tokens.spans[match.first - 1][0]:tokens.spans[match.first - 1][1]][:1].isalpha():
        return False  # joined by و to the word before: a list of names ("حماس وفتح ترفضان")
    if match.last >= len(tokens):
        return False
    after_prefix, _, after = tokens.splits[match.last]
    first = tokens.text[tokens.spans[match.last][0]:tokens.spans[match.last][1]][:1]
    if after_prefix > 0 or not first.isalpha() or len(after) <= 3 or after in not_names() \
            or after in _LINK_PARTICLES:
        return False
    return True


# Words after which a one-word name stays a name: particles opening a clause or a phrase
_LINK_PARTICLES = frozenset(fold(w) for w in "أن إن التي الذي الذين على إلى عن بين حول ضد لدى عند بعد قبل منذ خلال".split())


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
        entries = gazetteer.kb.lookup(uncut(text[begin:end]))
        same_type = [e for e in entries if e.type == tag_type]
        if not same_type and entries and tag_type in ("PER", "ORG") and _town(entries[0]):
            entries = []  # a club or a person named like a town (see _entry_as_tagged)
        if same_type or entries:
            # a proclitic the tokeniser left on the word is no part of the mention ("لبايدن")
            return (same_type or entries)[0], begin + gazetteer.kb.stripped_letters(text[begin:end])
    if tag_type != "MISC":
        for begin in reversed(starts):
            key = match_key(uncut(text[begin:end]))
            entry = gazetteer.fuzzy.closest(key, tag_type)
            # names are not fuzzed into other names (an organisation's or place's words either:
            # "الاتحاد الآسيوي" is not the EU, "العذراء" not Iraq); a place may have a letter mistyped
            if entry is not None and (words_agree(key, entry) or (entry.type == "LOC" and one_letter_variant(key, entry))):
                return entry, begin
            entry = gazetteer.fuzzy.variant(key, tag_type)  # "تشي جينبنغ": Xi Jinping spelled another way
            if entry is not None and words_agree(key, entry):
                return entry, begin
    return None, start


ROMANISED_TYPES = ("PER", "LOC")  # names; an organisation's name is mostly words, not a name


def _mention(text: str, start: int, end: int, type_: str, entry: Entry | None, where: str, how: str) -> Mention:
    if entry is None:
        name_en = romanise(uncut(text[start:end])) if type_ in ROMANISED_TYPES else None
        return Mention(start, end, text[start:end], type_, name_en, where=where, how=how,
                       name_from="romanised" if name_en else None)
    return Mention(start, end, text[start:end], type_, entry.name_en, entry.id, entry.country,
                   where=where, kind=entry.kind, how=how)


def group_entities(mentions: Sequence[Mention], kb_names: dict[str, str] | None = None
                   ) -> tuple[list[Mention], list[Entity]]:
    """Give short person names the entity of the full name met before ("بايدن" after "جو بايدن"), and
    group mentions into entities (by knowledge-base id, else by the full name's folded text).
    `kb_names`: the knowledge base's Arabic name by id, shown for a linked entity."""
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
        entities.append(Entity(first.id or key, first.type, first.name_en, first.country, tuple(members),
                               kb_names.get(first.id) if kb_names and first.id else None))
    return mentions, entities


def _ghost(mention: Mention, given: frozenset[str]) -> bool:
    """A given name alone that no fuller name of the article owns ("محمد", "فلاديمير"): no entity."""
    return (mention.type == "PER" and mention.id is None and " " not in mention.text.strip()
            and fold(mention.text) in given)


def person_given_names(resources: Resources) -> frozenset[str]:
    """The resource: `given_names` of the pipeline's knowledge base."""
    return given_names(resources.get(knowledge_base))


def person_first_words(resources: Resources) -> dict[str, frozenset[str]]:
    """The resource: each folded word that starts a name of several words of the pipeline's
    knowledge-base people, with those people's ids."""
    found: dict[str, set[str]] = {}
    for entry in resources.get(knowledge_base).entries("person"):
        for name in entry.names_ar:
            words = match_key(name).split()
            if len(words) > 1:
                found.setdefault(words[0], set()).add(entry.id)
    return {word: frozenset(ids) for word, ids in found.items()}


def surname_persons(resources: Resources) -> dict[str, int]:
    """The resource: Wikidata people bearing each folded one-word name of the knowledge base's
    people, from data/surname_persons.tsv (tools/surname_persons.py)."""
    rows = read_tsv(data_path("khabar.entities", "data/surname_persons.tsv"), ("word", "persons"))
    return {row["word"]: int(row["persons"]) for _, row in rows}


def given_names(kb) -> frozenset[str]:
    """Folded words that start the names of the knowledge base's people more often than they end
    one (by people: "محمد" starts many names and ends Mahathir Mohamad's)."""
    first: Counter[str] = Counter()
    last: Counter[str] = Counter()
    for entry in kb.entries("person"):
        keys = [match_key(name).split() for name in entry.names_ar]
        first.update({words[0] for words in keys if len(words) > 1})
        last.update({words[-1] for words in keys})
    return frozenset(w for w, n in first.items() if n > GIVEN_NAME_RATIO * last[w])


# What the tagger found in one article: spans of the body, and the headline's tokens and spans.
Tagged = tuple[list[tuple[int, int, str]], Tokens | None, list[tuple[int, int, str]]]


def link_entities(article: Article, resources: Resources, tagger=None, tagged: Tagged | None = None) -> None:
    """The entity step: mentions in the headline and the body, references by title and nationality.

    `tagged` is the article's entry of `tag_articles` when the tagger already ran over a batch."""
    gazetteer = resources.get(name_gazetteer)
    body_spans, head_tokens, head_spans = tagged if tagged is not None else tag_articles([article], tagger)[0]
    home = home_country(article)
    prior = name_prior(tagger)
    mentions, demonyms = find_mentions(article.body, article.tokens, body_spans, gazetteer, home=home, prior=prior)
    if article.headline is not None and head_tokens is not None:
        head_mentions, _ = find_mentions(article.headline.text, head_tokens, head_spans, gazetteer, "headline",
                                         home, prior)
        mentions = head_mentions + mentions
    on = article_date(article)
    article.mentions = mentions
    references = resolve_references(article, demonyms, gazetteer.kb, on)
    texts = {"body": article.body, "headline": article.headline.text if article.headline is not None else ""}
    mentions = lone_surnames_checked(mentions, references, gazetteer.kb, on, resources.get(person_first_words), texts,
                                     resources.get(surname_persons), given_name_test(prior),
                                     lambda: soft_news(article, resources))
    mentions, _ = group_entities(mentions)
    given = resources.get(person_given_names)
    kept = [m for m in mentions if not _ghost(m, given)]
    descriptors = [m for m in kept if _descriptor(m, gazetteer.kb)]
    if descriptors:
        kept = [m for m in kept if m not in descriptors]
        references = sorted([*references, *(dataclasses.replace(m, kind="descriptor") for m in descriptors)],
                            key=lambda m: m.start)
    shown = {m.id: entry.names_ar[0] for m in kept if m.id and (entry := gazetteer.kb.by_id(m.id)) is not None
             and entry.names_ar}
    article.mentions, article.entities = group_entities(kept, shown)
    article.references = references


_CAPITAL = fold("عاصمة")  # with or without the article and a proclitic ("للعاصمة")


def _descriptor(mention: Mention, kb) -> bool:
    """"العاصمة الأردنية" stands for Amman without naming it, "الحكومة البريطانية" for the British
    government: a reference, not a mention of a name (the annotation policy: descriptors are no
    entity forms)."""
    words = fold(mention.text).split()
    if len(words) != 2:
        return False
    if mention.type == "ORG" and any(form in descriptor_heads() for form in clitic_forms(words[0])):
        # "الحكومة البريطانية", "حكومة سريلانكا": a state's government described, not named
        return kb.demonym(words[1]) is not None or any(e.kind == STATE for e in kb.lookup(words[1]))
    return mention.type == "LOC" and words[0].endswith(_CAPITAL) and kb.demonym(words[1]) is not None


def lone_surnames_checked(mentions: Sequence[Mention], references: Sequence[Mention], kb,
                          on: dt.date, starts: Mapping[str, frozenset[str]] | None = None,
                          texts: Mapping[str, str] | None = None,
                          persons: Mapping[str, int] | None = None,
                          given: Callable[[str], bool] | None = None,
                          private: Callable[[], bool] | None = None) -> list[Mention]:
    """A person linked by one word of their name ("الأسد", "الحريري") keeps the link only when the
    article names them in full too, a title resolves to them, or they hold an office on the
    article's date (or left it at most SURNAME_AFTER_OFFICE before); else the mention is an unknown
    person with a romanised name ("هيلي" in 2018 is not the defence secretary of 2024). The office is
    not enough for a word that starts another person's name (`starts`, see `person_first_words`:
    "مصطفى" alone is not Mohammad Mustafa) or that many people bear (`persons`, see `surname_persons`:
    "سانشيز" in a football report is not Spain's prime minister): such a word needs a person's title
    or honorific right before it ("الملكة إليزابيث"; `texts`, the text of each `where`).

    Whatever the office, the word is someone else's when a given name (`given`, a test of a word as
    written, see `given_name_test`) stands right before it that the knowledge-base person's names lack ("ناصر الخليفي" is not Mohammed Al-Khulaifi): the
    mention is then that other person, with the given name, unlinked. In an article about sport or the arts (`private`, asked
    only when needed), where players, coaches and artists bear leaders' surnames, the office is
    not enough either: the lone word needs the full name, a title that resolves to the person, or
    a rank right before it ("الملك", "الرئيس"; a courtesy such as "السيد" or "الشيخ" is no rank)."""
    full = {m.id for m in mentions if m.type == "PER" and m.id and " " in uncut(m.text)}
    titled = {r.id for r in references if r.kind == "title"}
    ends = {(m.where, m.end) for m in mentions if " " in m.text.strip()}  # names of several words
    swallowed: list[tuple[str, int, int]] = []  # given names joined to the lone word after them
    is_private: bool | None = None
    out = []
    for mention in mentions:
        if not (mention.type == "PER" and mention.id and mention.how in ("kb", "ner")
                and " " not in uncut(mention.text)):
            out.append(mention)
            continue
        word = match_key(mention.text)
        text = texts.get(mention.where, "") if texts else ""
        start = _given_name_start(text, mention, given, kb, ends) if given and text else None
        unlink = start is not None
        if not unlink and mention.id not in full and mention.id not in titled:
            if (not kb.in_office(mention.id, on, SURNAME_AFTER_OFFICE)
                    or (_shared_word(word, mention.id, starts, persons) and not (text and _title_before(text, mention.start)))):
                unlink = True
            elif private is not None and not (text and _title_before(text, mention.start, ranks_only=True)):
                if is_private is None:
                    is_private = private()
                unlink = is_private
        if start is not None:
            swallowed.append((mention.where, start, mention.start))
        if unlink:
            begin = mention.start if start is None else start
            written = text[begin:mention.end] if start is not None else mention.text
            name_en = romanise(written)
            mention = Mention(begin, mention.end, written, "PER", name_en, where=mention.where,
                              how=mention.how, name_from="romanised" if name_en else None)
        out.append(mention)
    if swallowed:  # the given name's own mention, if the tagger made one, is now part of the name
        out = [m for m in out if not any(m.where == where and begin <= m.start and m.end <= end
                                         for where, begin, end in swallowed)]
    return out


# The tagger lexicon's person bucket (0-4: how often a word's contexts in the news are a person's)
# from which a word before a surname is read as a given name: "ناصر" and "جمال" are 3-4; words
# such as "على" and "أمام", whose folds are names too ("علي", "إمام"), are 0.
GIVEN_NAME_BUCKET = 3


def given_name_test(prior: NamePrior | None) -> Callable[[str], bool] | None:
    """Is a word as written a person's given name: name-like in the news by the tagger's lexicon
    (GIVEN_NAME_BUCKET), a name word the romaniser's table attests, and neither a name particle
    ("بن", "أبو") nor a word of data/not_names.tsv ("مساعد" before a name is an aide)? None without
    a lexicon."""
    if prior is None:
        return None
    particles = name_particles()

    model, common = romanise_model(), not_names()

    def test(word: str) -> bool:
        folded = fold(word)
        return (folded not in particles and folded not in common and prior(folded)[0] >= GIVEN_NAME_BUCKET
                and (model is None or model.knows(word)))

    return test


def _given_name_start(text: str, mention: Mention, given: Callable[[str], bool], kb,
                      ends: set[tuple[str, int]] = frozenset()) -> int | None:
    """Where a given name written right before a lone word starts ("ناصر" before "الخليفي"), when
    the word's knowledge-base person bears no name with it; else None. A title or honorific
    before the word is no given name, nor is a word with the article ("البابا"), nor the last word of
    another name of several words (`ends`: (where, end offset) of such mentions; "هيكتور كوبر للسيسي"); a
    word with a preposition glued on ("للسيسي") takes no given name."""
    before = text[max(0, mention.start - LOOK_BEHIND):mention.start]
    words = before.split()
    if (not words or not before.endswith(" ") or before.rstrip().endswith(tuple(",،.:;؛\"'«»()"))
            or fold(mention.text).startswith("لل")
            or (mention.where, mention.start - len(before) + len(before.rstrip())) in ends):
        return None
    first = words[-1]
    if not given(first) or fold(first).startswith("ال") or honorific_words([fold(first)], 0):
        return None
    entry = kb.by_id(mention.id)
    pair = match_key(first + " " + mention.text)
    if entry is None or any(pair in match_key(name) for name in entry.names_ar):
        return None
    return mention.start - len(before) + before.rstrip().rfind(first)


def _shared_word(word: str, id: str, starts: Mapping[str, frozenset[str]] | None,
                 persons: Mapping[str, int] | None) -> bool:
    """Does `word` start another knowledge-base person's name, or do many people bear it?"""
    return bool((starts is not None and starts.get(word, frozenset()) - {id})
                or (persons is not None and persons.get(word, 0) >= COMMON_SURNAME))


def _title_before(text: str, start: int, ranks_only: bool = False) -> bool:
    """Does a person's title or honorific ("الملكة", "للرئيس") end right before offset `start`?
    `ranks_only`: a rank ("الملك", "الرئيس"), not a courtesy ("السيد", "الشيخ"; data/honorifics.tsv)."""
    before = text[max(0, start - LOOK_BEHIND):start].split()
    if not before:
        return False
    courtesies = courtesy_words() if ranks_only else frozenset()
    return any(honorific_words([form], 0) and form not in courtesies for form in clitic_forms(fold(before[-1])))


def courtesy_words() -> frozenset[str]:
    """Built once, by the process's Resources (see _build_courtesies)."""
    return Resources.default().get(_build_courtesies)


def _build_courtesies(resources: Resources) -> frozenset[str]:
    """Folded honorifics of data/honorifics.tsv of kind `courtesy`: said of anyone, no office."""
    rows = read_tsv(data_path("khabar.entities", "data/honorifics.tsv"), ("words",))
    return frozenset(fold(row["words"]) for _, row in rows if row.get("kind") == "courtesy")


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


# Tokens scored in one call of the tagger: a batch of news articles is well under it; one huge
# document is scored in parts, so that the score matrices stay small whatever the input.
TAGGER_CALL_TOKENS = 50_000


def _tagger_spans(tagger, sents: Sequence[Sequence[str]]) -> list[list[tuple[int, int, str]]]:
    """Spans (first, end, type) per sentence: in batches when the tagger can, else from its tags."""
    from khabar.entities.tagger import spans_from_tags

    if not hasattr(tagger, "spans_many"):
        return [spans_from_tags(tags) for tags in tagger.tag_many(sents)]
    out: list[list[tuple[int, int, str]]] = []
    for part in _token_batches(sents, TAGGER_CALL_TOKENS):
        out.extend(tagger.spans_many(part))
    return out


def _token_batches(sents: Sequence[Sequence[str]], limit: int) -> Iterator[Sequence[Sequence[str]]]:
    """`sents` in runs of consecutive sentences of at most `limit` tokens (a longer sentence alone)."""
    begin = size = 0
    for end, sent in enumerate(sents):
        if size and size + len(sent) > limit:
            yield sents[begin:end]
            begin, size = end, 0
        size += len(sent)
    if begin < len(sents):
        yield sents[begin:]


def _sentence_token_bounds(tokens: Tokens, article: Article) -> list[tuple[int, int]]:
    bounds, index = [], 0
    starts = folded_words(tokens).starts
    for sentence in article.sentences:
        begin = index
        index = max(index, bisect.bisect_left(starts, sentence.end))  # the tokens starting before its end
        bounds.extend(_windows(begin, index))
    bounds.extend(_windows(index, len(starts)))
    return bounds


# A "sentence" longer than this (a text without sentence ends) is tagged in windows of this many
# tokens: the tagger's context is a few words, and its memory must not grow with one sentence.
MAX_SENTENCE_TOKENS = 1_000


def _windows(begin: int, end: int) -> Iterator[tuple[int, int]]:
    for start in range(begin, end, MAX_SENTENCE_TOKENS):
        yield start, min(end, start + MAX_SENTENCE_TOKENS)
