"""What the event coder looks up, built once per pipeline from its Resources (the resource
`event_tables`): the lexicon, the agents table, the knowledge base's names (with the user's files),
the context lists, the realis and confidence models and the word counts; and its columns of the word table (a word's
lookup forms, the names it may begin, its actor information, its lexicon hits), made with bound
methods of the tables so that two knowledge bases never share an answer."""

from __future__ import annotations

from khabar.errors import DataFileError
from khabar.events.actors import (
    Agents,
    Gazetteer,
    WordInfo,
    known_forms,
    make_gazetteer,
    name_heads,
    read_agents,
    word_info,
)
from khabar.events.confidence import ConfidenceModel, read_confidence
from khabar.events.forms import WordForms, word_forms
from khabar.events.lexicon import Entry, Lexicon, load_lexicon
from khabar.events.realis import RealisModel, context_evidence, read_models
from khabar.events.report import Context, Evidence, read_context
from khabar.events.triggers import HARD_STOPS, is_word, lookup_word
from khabar.kb import knowledge_base
from khabar.kb.model import Entry as KbEntry
from khabar.resources import Resources, data_path
from khabar.text.clitics import splitter, word_counts

Hits = tuple[tuple[Entry, bool, str], ...]
Record = tuple[WordForms, bool, bool, bool, bool, Hits]  # forms, stop, word, speaks, skips, hits
Flags = tuple[WordForms | None, bool, bool, bool, bool, Hits]  # a Record, its forms perhaps not made
# The quick records by (is a hard stop, is a word): one object each, whatever the number of tokens.
_QUICK: dict[tuple[bool, bool], Flags] = {(stop, word): (None, stop, word, False, False, ())
                                          for stop in (False, True) for word in (False, True)}

TOWN_RATES = "data/place_name_rates.tsv"  # made by tools/place_name_rates.py
# A town name seen this often in the table's news, and tagged as a name in under this share of it, is
# a common word. Real towns the tagger misses are still tagged in some 40-50% (الحديدة، الموصل، حلب);
# common words in under 15% (عنه، بلد، الباب، الخبر).
COMMON_SEEN = 10
COMMON_RATE = 0.2


def read_common_towns() -> frozenset[str]:
    """Town names of one word that are far more often a common word than a name in news (see
    tools/place_name_rates.py); empty when the table is absent."""
    path = data_path("khabar.events", TOWN_RATES)
    if not path.exists():
        return frozenset()
    out = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()[1:], 2):
        try:
            form, seen, named = line.split("\t")
            common = int(seen) >= COMMON_SEEN and int(named) < COMMON_RATE * int(seen)
        except ValueError as exc:
            raise DataFileError(str(path), n, f"expected form, seen and named counts: {exc}") from exc
        if common:
            out.add(form)
    return frozenset(out)


class EventTables:
    def __init__(self, resources: Resources) -> None:
        self.context: Context = read_context()
        self.lexicon: Lexicon = load_lexicon(self.context)
        self.agents: Agents = read_agents()
        self.gazetteer: Gazetteer = make_gazetteer(resources.get(knowledge_base))
        self.models: dict[str, RealisModel] = read_models()
        self.confidence: ConfidenceModel | None = read_confidence()
        self.context_evidence: tuple[tuple[str, Evidence], ...] = context_evidence(self.context)
        self.counts: dict[str, int] = resources.get(word_counts)
        self.known_forms = known_forms(self.gazetteer, self.agents)
        self.common_towns: frozenset[str] = read_common_towns()
        self.split = resources.column(resources.get(splitter))
        self.forms = resources.column(self.word_forms)
        self.heads = resources.column(self.name_heads)
        self.info = resources.column(self.word_info)
        self.entries = resources.column(self.name_entries)
        self.records = resources.column(self.record)

    # the functions of the columns (each worked out once per word form)
    def word_forms(self, text: str) -> WordForms:
        return word_forms(text, self.split)

    def name_heads(self, text: str) -> tuple[str, ...]:
        return name_heads(text, self)

    def word_info(self, text: str) -> WordInfo:
        return word_info(text, self)

    def name_entries(self, key: str) -> tuple[KbEntry, ...]:
        """The knowledge-base entries of a name (a key of the gazetteer)."""
        return tuple(self.gazetteer.kb.lookup(key))

    def record(self, text: str) -> Record:
        """(forms, is a hard stop, is a word, a verb of saying, a word that may stand in a phrase's
        gap, lexicon entries it starts) of one token as written."""
        forms = self.forms(text)
        agents = self.agents
        return (forms, text in HARD_STOPS, is_word(text, forms), not forms.all.isdisjoint(agents.speech_verbs),
                not forms.all.isdisjoint(agents.skip), lookup_word(self.lexicon, forms))

    def quick_record(self, text: str, norm: str) -> Flags | None:
        """`record` of a token that folds to `norm`, without its forms (None in their place), when
        that fold starts with no Arabic letter (it is then the token's one form) and is no lexicon
        entry's first form, verb of saying or gap word; None for any other token. Random text
        brings a million such tokens, each new: their forms are made only for a sentence that needs
        them."""
        if norm and "\u0621" <= norm[0] <= "\u064a":  # as word_forms tells the two kinds apart
            return None
        agents = self.agents
        if norm in self.lexicon.first_forms or norm in agents.speech_verbs or norm in agents.skip:
            return None
        return _QUICK[text in HARD_STOPS, bool(norm) and text[0].isalpha()]


def event_tables(resources: Resources) -> EventTables:
    """The resource: the event coder's tables for the pipeline's knowledge base."""
    return EventTables(resources)
