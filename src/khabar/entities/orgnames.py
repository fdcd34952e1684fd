"""Organisation names made of a head noun, a state's adjective and words that qualify the head:
"الجمعية الأردنية للتنمية الريفية", "المركز الثقافي الفرنسي", "البنك الكندي اللبناني".

The head has the article ("الجمعية"); adjectives with the article follow it, one at least a state's
("الكويتية"), the others words of data/org_names.tsv ("الخيرية"); after the state's adjective a
genitive with "ل" may follow ("للإغاثة", "لحقوق الإنسان"), its words all from the table, joined by
"و" or not. A head with a state's adjective alone ("الشركة الأميركية") describes a body named
before, it names none (the annotation policy: descriptors are no entity forms), and is left out.

The English name puts the qualifiers before the head, in the order English writes them (the
Arabic order reversed), the state by its name, the genitive after "for": "Jordan Charity
Organization", "Kuwait Society for Human Rights". A word the table lacks ends the name where it
stands; the name needs its English words all known, else the name is not read. A head without the article right before ("حزب الرابطة الإسلامية الباكستانية") names
the kind of body and is part of the mention.
"""

from __future__ import annotations

from dataclasses import dataclass

from khabar.article import Tokens
from khabar.kb import KnowledgeBase
from khabar.lang.normalize import fold
from khabar.resources import Resources, data_path, read_tsv
from khabar.text.words import positions_in

_ARTICLE = "ال"
MAX_QUALIFIERS = 4  # adjectives between the head and the genitive, the state's included
MAX_GENITIVE = 4  # words of the genitive


@dataclass(frozen=True, slots=True)
class OrgName:
    first: int  # token index of the head
    last: int  # token index after the name
    name_en: str
    country: str | None


@dataclass(frozen=True, slots=True)
class _Table:
    heads: dict[str, str]  # folded head without the article -> English
    words: dict[str, str]  # folded word without the article -> English
    ends: frozenset[str]  # folded words (article included) that end a name
    definite_heads: frozenset[str]  # the heads with the article, as the tokens' folded stems are


def _table() -> _Table:
    """Built once, by the process's Resources (see _build_table)."""
    return Resources.default().get(_build_table)


def _build_table(resources: Resources) -> _Table:
    heads: dict[str, str] = {}
    words: dict[str, str] = {}
    ends: set[str] = set()
    for _, row in read_tsv(data_path("khabar.entities", "data/org_names.tsv"), ("word_ar", "english", "role")):
        if row["role"] == "end":
            ends.add(fold(row["word_ar"]))
        else:
            (heads if row["role"] == "head" else words)[fold(row["word_ar"])] = row["english"]
    return _Table(heads, words, frozenset(ends), frozenset(_ARTICLE + head for head in heads))


def _english(word: str, table: dict[str, str]) -> str | None:
    """The English of a folded word without the article: as it is, or without a feminine or
    relative ending ("الخيرية" -> "خيري")."""
    found = table.get(word)
    if found is None and len(word) > 3 and word.endswith("ه"):
        found = table.get(word[:-1])
    return found


def _spaced(tokens: Tokens, i: int) -> bool:
    """Is token `i` apart from the one before by one space only (no punctuation between)?"""
    return tokens.text[tokens.spans[i - 1][1]:tokens.spans[i][0]] == " "


def _proclitics(tokens: Tokens, i: int) -> str:
    """The proclitic letters the tokeniser split off token `i`, as written (folded)."""
    start = tokens.spans[i][0]
    return fold(tokens.text[start:start + tokens.splits[i][0]])


def find_org_names(tokens: Tokens, kb: KnowledgeBase) -> list[OrgName]:
    """Organisation names among the tokens (see the module's doc)."""
    table = _table()
    keys = tokens.keys()
    found: list[OrgName] = []
    after = 0  # token index after the name found last
    for i in positions_in(table.definite_heads, keys):
        if i < after:
            continue
        name = _name_at(tokens, keys, i, kb, table)
        if name is not None:
            found.append(name)
            after = name.last
    return found


def _name_at(tokens: Tokens, keys: list[str], i: int, kb: KnowledgeBase, table: _Table) -> OrgName | None:
    key = keys[i]
    if not key.startswith(_ARTICLE) or key[2:] not in table.heads:
        return None
    head_en = table.heads[key[2:]]
    qualifiers: list[str] = []  # English of the adjectives, in Arabic order
    states: list[str] = []
    j = i + 1
    while j < len(tokens) and j - i <= MAX_QUALIFIERS and _spaced(tokens, j) and not tokens.splits[j][0]:
        word = keys[j]
        if not word.startswith(_ARTICLE):
            break
        state = kb.demonym(word)
        if state is not None and state.name_en:
            qualifiers.append(state.name_en)
            states.append(state.code or state.country)
        elif (english := _english(word[2:], table.words)) is not None:
            qualifiers.append(english)
        else:
            break
        j += 1
    if not states:
        return None
    genitive, j = _genitive(tokens, keys, j, table)
    if genitive is None or _goes_on(tokens, keys, j, table):
        return None  # words the table lacks go on with the name: it is not read
    if len(qualifiers) == 1 and not genitive:
        return None  # "الشركة الأميركية": a descriptor
    name_en = " ".join([*reversed(qualifiers), head_en])
    if genitive:
        name_en += " for " + genitive
    # a head without the article before the name is the kind of body it is ("حزب الرابطة ...",
    # the party of that name): part of the mention
    first = i - 1 if i and keys[i - 1] in table.heads and _spaced(tokens, i) else i
    return OrgName(first, j, name_en, states[0])


def _goes_on(tokens: Tokens, keys: list[str], j: int, table: _Table) -> bool:
    """Does a word with the article that the table lacks and that ends no name stand right after
    token `j - 1`: the name goes on with it? (After "و" another phrase begins.)"""
    if j >= len(tokens) or not _spaced(tokens, j) or tokens.splits[j][0]:
        return False
    return keys[j].startswith(_ARTICLE) and keys[j] not in table.ends


def _genitive(tokens: Tokens, keys: list[str], j: int, table: _Table) -> tuple[str | None, int]:
    """The English of a genitive with "ل" starting at token `j` ("للتنمية الاقتصادية العربية" ->
    "Arab Economic Development") and the token index after it; ("", j) when there is none, (None,
    j) when there is one whose first word the table lacks. Each part joined by "و" is put in
    English order (its words reversed)."""
    if j >= len(tokens) or not _spaced(tokens, j):
        return "", j
    first = keys[j]
    clitics = _proclitics(tokens, j)
    if clitics == "ل" and first.startswith(_ARTICLE):
        word = first[2:]  # "للإغاثة": ل + الإغاثة
    elif not clitics and first.startswith("ل") and not first.startswith(_ARTICLE):
        word = first[1:]  # "لحقوق": ل + a noun in construct
    else:
        return "", j
    english = _english(word, table.words)
    if english is None:
        return None, j
    parts: list[list[str]] = [[english]]
    end = j + 1
    while end < len(tokens) and end - j < MAX_GENITIVE and _spaced(tokens, end):
        clitics, word = _proclitics(tokens, end), keys[end]
        if clitics not in ("", "و") or not word.startswith(_ARTICLE):
            break
        english = _english(word[2:], table.words)
        if english is None:
            break
        if clitics == "و":
            parts.append([english])
        else:
            parts[-1].append(english)
        end += 1
    return " and ".join(" ".join(reversed(part)) for part in parts), end
