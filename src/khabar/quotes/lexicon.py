"""The word lists of the quotes layer: speech words (data/speech_verbs.tsv) and speaker renderings
(data/speakers.tsv), folded once and cached; the closed classes of grammar words
(data/grammar_words.tsv)."""

from __future__ import annotations

from dataclasses import dataclass

from khabar.lang.normalize import fold
from khabar.resources import Resources, data_path, read_tsv

CUE_KINDS = ("verb", "participle", "noun", "according", "relay")
SPEAKER_KINDS = ("document", "source", "anaphor", "institution", "title")
PRONOUN_SUFFIXES = ("هما", "هم", "ها", "ه")

GRAMMAR_CLASSES = ("boundary", "complementiser", "relative", "addressee", "name_head", "title_start",
                   "speech_object", "name_particle", "title_noun", "office_complement", "to_pronoun")


def _grammar_words() -> dict[str, frozenset[str]]:
    """The closed word classes of data/grammar_words.tsv, folded (read once, at import: a few hundred
    words that every quotes module tests against)."""
    found: dict[str, set[str]] = {name: set() for name in GRAMMAR_CLASSES}
    for _, row in read_tsv(data_path("khabar.quotes", "data/grammar_words.tsv"), ("word", "class")):
        if row["class"] not in found:
            raise ValueError(f"grammar_words.tsv: unknown class {row['class']!r} for {row['word']}")
        found[row["class"]].add(fold(row["word"]))
    return {name: frozenset(words) for name, words in found.items()}


_GRAMMAR = _grammar_words()
# Words that end a speaker phrase: complementisers, prepositions, time words, adverbs.
BOUNDARY_WORDS = _GRAMMAR["boundary"]
# "ان" and its forms open the reported clause.
COMPLEMENTISERS = _GRAMMAR["complementiser"]
RELATIVES = _GRAMMAR["relative"]
# A speaker phrase talking *to* someone ends there ("قال الوزير للصحفيين").
ADDRESSEES = _GRAMMAR["addressee"]
# Words before a quoted span that make it a name or title, not speech («حركة «حماس»).
NAME_HEADS = _GRAMMAR["name_head"]
# First words of a quoted document title ("إعلان سلوك الأطراف ...").
TITLE_STARTS = _GRAMMAR["title_start"]
# Nouns a speech verb takes as object with a pronoun ("واختتم حديثه"): no subject there.
SPEECH_OBJECTS = _GRAMMAR["speech_object"]
NAME_PARTICLES = _GRAMMAR["name_particle"]
# "له", "لها", "لهم": the one spoken to, as a pronoun; never part of who speaks ("قالت لها").
TO_PRONOUNS = _GRAMMAR["to_pronoun"]
# Nouns of office ("وزير", "السفير" without its article): "وقال الوزير" is the minister named before.
TITLE_NOUNS = _GRAMMAR["title_noun"]
# Words that make an office noun another office ("رئيس الوزراء" is not "الرئيس").
OFFICE_COMPLEMENTS = _GRAMMAR["office_complement"]


@dataclass(frozen=True, slots=True)
class CueWord:
    form: str  # folded
    kind: str  # one of CUE_KINDS
    needs: str  # "", "conj" or "fi"


@dataclass(frozen=True, slots=True)
class SpeakerWord:
    words: tuple[str, ...]  # folded words of the Arabic phrase
    en: str
    kind: str  # one of SPEAKER_KINDS
    en_country: str  # English with "{}" for the state of a following demonym ("" = none)


def cue_words() -> dict[str, CueWord]:
    """Built once, by the process's Resources (see _build_cue_words)."""
    return Resources.default().get(_build_cue_words)


def _build_cue_words(resources: Resources) -> dict[str, CueWord]:
    """Folded form -> speech word."""
    out: dict[str, CueWord] = {}
    for _, row in read_tsv(data_path("khabar.quotes", "data/speech_verbs.tsv"), ("form", "kind")):
        if row["kind"] not in CUE_KINDS:
            raise ValueError(f"speech_verbs.tsv: unknown kind {row['kind']!r} for {row['form']}")
        form = fold(row["form"])
        out[form] = CueWord(form, row["kind"], row.get("needs", ""))
    return out


def speaker_words() -> tuple[SpeakerWord, ...]:
    """Built once, by the process's Resources (see _build_speaker_words)."""
    return Resources.default().get(_build_speaker_words)


def _build_speaker_words(resources: Resources) -> tuple[SpeakerWord, ...]:
    """Speaker renderings, longest Arabic phrase first (so "البيان المشترك" wins over "البيان")."""
    rows = []
    for _, row in read_tsv(data_path("khabar.quotes", "data/speakers.tsv"), ("ar", "en", "kind")):
        if row["kind"] not in SPEAKER_KINDS:
            raise ValueError(f"speakers.tsv: unknown kind {row['kind']!r} for {row['ar']}")
        rows.append(SpeakerWord(tuple(fold(row["ar"]).split()), row["en"], row["kind"], row.get("en_country", "")))
    return tuple(sorted(rows, key=lambda r: -len(r.words)))


def speaker_words_by_first() -> dict[str, tuple[SpeakerWord, ...]]:
    """Built once, by the process's Resources (see _build_speaker_words_by_first)."""
    return Resources.default().get(_build_speaker_words_by_first)


def _build_speaker_words_by_first(resources: Resources) -> dict[str, tuple[SpeakerWord, ...]]:
    """`speaker_words` grouped by their first word, each group in the same order (longest first)."""
    groups: dict[str, list[SpeakerWord]] = {}
    for row in speaker_words():
        if row.words:
            groups.setdefault(row.words[0], []).append(row)
    return {first: tuple(rows) for first, rows in groups.items()}


def state_adjectives() -> dict[str, str]:
    """Built once, by the process's Resources (see _build_state_adjectives)."""
    return Resources.default().get(_build_state_adjectives)


def _build_state_adjectives(resources: Resources) -> dict[str, str]:
    """ISO3 -> the English adjective put before a state's institution ("US", "Iranian")."""
    rows = read_tsv(data_path("khabar.quotes", "data/state_adjectives.tsv"), ("iso3", "adjective_en"))
    return {row["iso3"]: row["adjective_en"] for _, row in rows}


def has_pronoun(norm: str, nouns: frozenset[str]) -> bool:
    """Is `norm` one of `nouns` with a pronoun suffix ("حديثه")?"""
    return any(norm.endswith(p) and norm[: -len(p)] in nouns for p in PRONOUN_SUFFIXES)


def cue_surfaces() -> frozenset[str]:
    """Built once, by the process's Resources (see _build_cue_surfaces)."""
    return Resources.default().get(_build_cue_surfaces)


def _build_cue_surfaces(resources: Resources) -> frozenset[str]:
    """Every folded token in which `cue_word` can find a speech word (a speech word with و/ف before it
    and a pronoun after it); most tokens are not, and need not be looked at further."""
    stems = set(cue_words())
    stems |= {form + suffix for form, word in cue_words().items() if word.kind == "noun" for suffix in PRONOUN_SUFFIXES}
    return frozenset(stems | {conj + stem for stem in stems for conj in "وف"})


def cue_word(norm: str) -> tuple[CueWord, bool, str] | None:
    """The speech word a folded token is (after a و/ف and for nouns a pronoun suffix), with
    whether a conjunction was found and the suffix; None when it is no speech word. Remembered per
    form in the word table."""
    return Resources.default().column(_cue_word)(norm)


def _cue_word(norm: str) -> tuple[CueWord, bool, str] | None:
    table = cue_words()
    candidates = [(norm, False)]
    if len(norm) >= 3 and norm[0] in "وف":
        candidates.append((norm[1:], True))
    for word, conj in candidates:
        found = table.get(word)
        if found is not None:
            return found, conj, ""
        for suffix in PRONOUN_SUFFIXES:
            base = word[: -len(suffix)]
            if word.endswith(suffix) and len(base) >= 3:
                noun = table.get(base)
                if noun is not None and noun.kind == "noun":
                    return noun, conj, suffix
    return None
