"""English spellings of Arabic names the knowledge base does not hold.

Two learned parts, both made by `khabar romanise train` from Arabic–English name-word pairs (the
Wikidata pairs of ../shared/data/wikidata-name-translit, CC0):

- a word table: the spelling most often attested for each Arabic name word ("محمد" -> "mohamed");
- a letter model for words the table lacks: each Arabic letter is aligned to the Latin letters it
  is written with (hard EM over monotone alignments, seeded by data/romanise_seed.tsv), and a word
  is spelled letter by letter, each taking the spelling most seen with its neighbours (backing off
  from both neighbours to one to none).

Name particles (بن، أبو، عبد، ال …) come from data/name_particles.tsv. Nothing is read at import.
"""

from __future__ import annotations

import hashlib
import math
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from khabar.lang.letters import DIACRITICS, TATWEEL
from khabar.lang.normalize import fold
from khabar.resources import Resources, data_path

MAX_CHUNK = 3  # Latin letters one Arabic letter may align to ("م" -> "moh" in "mohamed")
EM_ROUNDS = 4
MIN_CONTEXT_COUNT = 2  # a context seen once is noise: back off to a smaller one
START, END = "^", "$"
TRUSTED_COUNT = 3  # a spelling attested this often is kept in the word table whatever the letters say
MAX_TABLE_CER = 0.75  # else it must be about what the letter model reads
_STRIP = str.maketrans(dict.fromkeys(DIACRITICS + TATWEEL, None))
_ARTICLE = "ال"
_SERVANT = "عبد"  # the first half of theophoric names


def clean(word: str) -> str:
    """An Arabic word as the model reads it: no diacritics or tatweel, letters otherwise as written
    (hamza seats and ta marbuta tell vowels, so they are not folded)."""
    return word.translate(_STRIP).strip()


def read_table(path: str | Path) -> Iterator[dict[str, str]]:
    """Rows of a TSV file whose header follows any `#` comment lines (comments say where a
    learned table comes from)."""
    with Path(path).open(encoding="utf-8") as handle:
        header: list[str] | None = None
        for line in handle:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            yield dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=False))


# ---- reading the pairs ----

def read_pairs(path: str | Path) -> Iterator[tuple[str, str, int]]:
    """(arabic word, english word, count) from a file of `english<TAB>a r a b i c<TAB>count` lines.
    Latin spellings with accents ("jesús", "garcía") are read too (see `train`)."""
    with Path(path).open(encoding="utf-8") as handle:
        for line in handle:
            cells = line.rstrip("\n").split("\t")
            if len(cells) != 3 or not cells[2].isdigit():
                continue
            english, arabic = unicodedata.normalize("NFC", cells[0].strip().lower()), clean(cells[1].replace(" ", ""))
            if english.isalpha() and _plain(english).isascii() and arabic:
                yield arabic, english, int(cells[2])


def _plain(latin: str) -> str:
    """A Latin spelling without its accents ("jesús" -> "jesus"); letters without a decomposition
    ("ł", "ø") stay, and such a word is no plain Latin."""
    return "".join(c for c in unicodedata.normalize("NFD", latin) if not unicodedata.combining(c))


def held_out(arabic: str, share: int = 10) -> bool:
    """One Arabic word in `share` is kept for testing, chosen by a hash (the same every run)."""
    return int(hashlib.md5(arabic.encode("utf-8")).hexdigest(), 16) % share == 0


# ---- the letter model ----

def _seed() -> dict[str, tuple[str, ...]]:
    """Built once, by the process's Resources (see _build_seed)."""
    return Resources.default().get(_build_seed)


def _build_seed(resources: Resources) -> dict[str, tuple[str, ...]]:
    seed: dict[str, tuple[str, ...]] = {}
    for row in read_table(data_path("khabar.lang", "data/romanise_seed.tsv")):
        seed[row["letter"]] = tuple(row["latin"].split("|"))
    return seed


def _seed_score(letter: str, chunk: str) -> float:
    """Log-score of an alignment before any learning: a chunk that starts like the letter's usual
    spellings (vowels may follow), else a penalty growing with its length."""
    starts = _seed().get(letter, ())
    if chunk == "":
        return -1.0 if "" in starts else -4.0
    for start in starts:
        if start and chunk.startswith(start) and all(c in "aeiouy" for c in chunk[len(start):]):
            return -0.5 * (len(chunk) - len(start))
    return -4.0 - len(chunk)


def _align(arabic: str, english: str, score) -> list[str] | None:
    """The best monotone alignment of each Arabic letter to a chunk of 0..MAX_CHUNK Latin letters
    covering `english` exactly; None when there is none."""
    n, m = len(arabic), len(english)
    if m > n * MAX_CHUNK:
        return None
    best = [[-math.inf] * (m + 1) for _ in range(n + 1)]
    back = [[0] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n):
        row, letter = best[i], arabic[i]
        for j in range(m + 1):
            if row[j] == -math.inf:
                continue
            for k in range(0, min(MAX_CHUNK, m - j) + 1):
                value = row[j] + score(letter, english[j:j + k])
                if value > best[i + 1][j + k]:
                    best[i + 1][j + k] = value
                    back[i + 1][j + k] = k
    if best[n][m] == -math.inf:
        return None
    chunks, j = [], m
    for i in range(n, 0, -1):
        k = back[i][j]
        chunks.append(english[j - k:j])
        j -= k
    return chunks[::-1]


def _learned_score(counts: dict[str, Counter]) -> callable:
    totals = {letter: sum(c.values()) for letter, c in counts.items()}

    def score(letter: str, chunk: str) -> float:
        seen = counts.get(letter)
        if not seen:
            return _seed_score(letter, chunk)
        return math.log((seen.get(chunk, 0) + 0.01) / (totals[letter] + 1.0))
    return score


def _contexts(arabic: str, i: int) -> tuple[str, ...]:
    """The keys a letter's spelling is looked up under, most specific first."""
    prev = arabic[i - 1] if i else START
    nxt = arabic[i + 1] if i + 1 < len(arabic) else END
    letter = arabic[i]
    return (f"{prev}{letter}{nxt}", f"{prev}{letter}_", f"_{letter}{nxt}", f"_{letter}_")


@dataclass
class Model:
    """A word table and a letter model: Arabic word -> English word, context -> chunk."""

    words: dict[str, str]
    chunks: dict[str, tuple[str, int]]

    def spell(self, word: str) -> str:
        """The English spelling of one Arabic word (lower case)."""
        word = clean(word)
        known = self.words.get(word) or self.words.get(fold(word))
        if known is not None:
            return known
        return self.letters(word)

    def knows(self, word: str) -> bool:
        """Is `word` an attested name word (in the word table)?"""
        word = clean(word)
        return word in self.words or fold(word) in self.words

    def letters(self, word: str) -> str:
        """The spelling the letter model gives, without the word table."""
        out = []
        for i in range(len(word)):
            for key in _contexts(word, i):
                found = self.chunks.get(key)
                if found is not None and (found[1] >= MIN_CONTEXT_COUNT or key.startswith("_")
                                          and key.endswith("_")):
                    out.append(found[0])
                    break
        return "".join(out)


def train(pairs: Iterable[tuple[str, str, int]], rounds: int = EM_ROUNDS) -> Model:
    """Learn the word table and the letter model from (arabic, english, count) pairs.

    The letter model and the table's spellings come from plain Latin spellings; a word attested
    only with accents ("خيسوس", jesús, as Spanish names are written) takes its most attested such
    spelling when it is seen at least TRUSTED_COUNT times (one label with accents is often no
    spelling of the word) and the letter model spells it otherwise ("khesus"); where the letters
    give it but for its accents ("اريك", eric), they are left to do so: many bearers write none."""
    pairs = list(pairs)
    accented = [pair for pair in pairs if not pair[1].isascii()]
    pairs = [pair for pair in pairs if pair[1].isascii()]
    score = _seed_score
    aligned: list[tuple[str, list[str], int]] = []
    for _ in range(rounds):
        counts: dict[str, Counter] = defaultdict(Counter)
        aligned = []
        for arabic, english, count in pairs:
            chunks = _align(arabic, english, score)
            if chunks is None:
                continue
            aligned.append((arabic, chunks, count))
            for letter, chunk in zip(arabic, chunks, strict=True):
                counts[letter][chunk] += 1
        score = _learned_score(counts)
    by_context: dict[str, Counter] = defaultdict(Counter)
    for arabic, chunks, _count in aligned:
        for i, chunk in enumerate(chunks):
            for key in _contexts(arabic, i):
                by_context[key][chunk] += 1  # each pair once: frequent names would drown the rest
    chunks = {key: seen.most_common(1)[0] for key, seen in by_context.items()}
    model = Model({}, chunks)
    by_word: dict[str, Counter] = defaultdict(Counter)
    for arabic, english, count in pairs:
        # a label that is no spelling of the word ("The Narcicyst" for "السلمان") is seen once and
        # far from what the letters say
        if count >= TRUSTED_COUNT or cer(model.letters(arabic), english) <= MAX_TABLE_CER:
            by_word[arabic][english] += count
    model.words = {arabic: spellings.most_common(1)[0][0] for arabic, spellings in by_word.items()}
    with_accents: dict[str, Counter] = defaultdict(Counter)
    known = {fold(arabic) for arabic in model.words}  # a word is read by its fold too ("اريك" as "إريك")
    for arabic, english, count in accented:
        if fold(arabic) not in known:
            with_accents[arabic][english] += count
    for arabic, spellings in with_accents.items():
        english, count = spellings.most_common(1)[0]
        if count >= TRUSTED_COUNT and _plain(english) != model.letters(arabic):
            model.words[arabic] = english  # not when the letters spell it but for the accents ("eric")
    return model


# ---- files ----

WORDS_FILE, CHUNKS_FILE = "data/romanise_words.tsv", "data/romanise_letters.tsv"
_SOURCE = "wikidata-name-translit (Merhav & Ash 2018, Wikidata labels)"
_LICENCE = "CC0-1.0"


def save(model: Model, folder: str | Path) -> tuple[Path, Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    words, chunks = folder / Path(WORDS_FILE).name, folder / Path(CHUNKS_FILE).name
    head = f"# learned by `khabar romanise train` from {_SOURCE}; licence {_LICENCE}\n"
    words.write_text(head + "arabic\tlatin\n" + "".join(
        f"{a}\t{e}\n" for a, e in sorted(model.words.items())), encoding="utf-8")
    chunks.write_text(head + "context\tlatin\tcount\n" + "".join(
        f"{c}\t{e}\t{n}\n" for c, (e, n) in sorted(model.chunks.items())), encoding="utf-8")
    return words, chunks


def load(folder: str | Path | None = None) -> Model:
    """The model in `folder` (default: the packaged one)."""
    words_path = Path(folder) / Path(WORDS_FILE).name if folder else data_path("khabar.lang", WORDS_FILE)
    chunks_path = Path(folder) / Path(CHUNKS_FILE).name if folder else data_path("khabar.lang", CHUNKS_FILE)
    words = {row["arabic"]: row["latin"] for row in read_table(words_path)}
    for arabic, latin in list(words.items()):
        words.setdefault(fold(arabic), latin)
    chunks = {row["context"]: (row["latin"], int(row["count"] or 0))
              for row in read_table(chunks_path)}
    return Model(words, chunks)


def packaged() -> Model | None:
    """Built once, by the process's Resources (see _build_packaged)."""
    return Resources.default().get(_build_packaged)


def _build_packaged(resources: Resources) -> Model | None:
    """The shipped model, or None when it has not been built."""
    try:
        return load()
    except FileNotFoundError:
        return None


def _particles() -> dict[str, str]:
    """Built once, by the process's Resources (see _build_particles)."""
    return Resources.default().get(_build_particles)


def name_particles(folded: bool = True) -> frozenset[str]:
    """The particles of Arabic personal names ("بن", "أبو", "آل", "عبد"): words that bind a name's
    parts together (data/name_particles.tsv), folded or as the table writes them."""
    if folded:
        return frozenset(_particles())
    return Resources.default().get(_build_written_particles)


def _build_written_particles(resources: Resources) -> frozenset[str]:
    path = data_path("khabar.lang", "data/name_particles.tsv")
    return frozenset(clean(row["arabic"]) for row in read_table(path))


def _build_particles(resources: Resources) -> dict[str, str]:
    path = data_path("khabar.lang", "data/name_particles.tsv")
    return {fold(row["arabic"]): row["latin"] for row in read_table(path)}


# ---- names ----

def romanise(name: str, model: Model | None = None) -> str | None:
    """An English spelling of an Arabic name ("عبد الرحيم سالم" -> "Abdul Rahim Salem"), or None
    when no model is built or the name has no Arabic word."""
    model = model or packaged()
    if model is None:
        return None
    particles = _particles()
    out: list[str] = []
    after_servant = False
    for word in name.split():
        word = clean(word)
        if not word:
            continue
        if not word[0].isalpha() or word.isascii():
            out.append(word)
            continue
        key = fold(word)
        if key in particles:
            out.append(particles[key])
            after_servant = key == _SERVANT
            continue
        if after_servant and word.startswith(_ARTICLE) and len(word) > 3:
            word = word[2:]  # "عبد الكريم" is "Abdul Karim": the article is in "Abdul"
        after_servant = False
        spelled = _with_article(word, model, particles)
        if spelled:
            out.append(spelled)
    return " ".join(out) or None


def _with_article(word: str, model: Model, particles: dict[str, str]) -> str:
    """A word with the article: the table's spelling when it knows the whole word, else "Al-" and
    the rest ("الجارالله" -> "Al-Jarallah"); assimilated or not, news write "Al-"."""
    whole = model.words.get(word) or model.words.get(fold(word))
    if whole is not None:
        return _title(whole)
    if word.startswith(_ARTICLE) and len(word) > 3:
        prefix = particles.get(_ARTICLE, "Al")
        return f"{prefix}-{_title(model.spell(word[2:]))}"
    return _title(model.spell(word))


def _title(word: str) -> str:
    return word[:1].upper() + word[1:]


# ---- measuring ----

def cer(predicted: str, gold: str) -> float:
    """Character error rate: edit distance over the gold length."""
    if not gold:
        return float(bool(predicted))
    prev = list(range(len(gold) + 1))
    for i, a in enumerate(predicted, 1):
        cur = [i]
        for j, b in enumerate(gold, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a != b)))
        prev = cur
    return prev[-1] / len(gold)


@dataclass(frozen=True)
class Scores:
    words: int
    exact: float  # the most attested spelling
    any_attested: float  # one of the attested spellings
    cer: float  # against the most attested spelling


def evaluate(model: Model, pairs: Sequence[tuple[str, str, int]]) -> Scores:
    """Letter-model figures on (arabic, english, count) pairs: each Arabic word once, judged against
    its most attested spelling (exact, CER) and against any attested one."""
    by_word: dict[str, Counter] = defaultdict(Counter)
    for arabic, english, count in pairs:
        if english.isascii():  # the letter model spells plain Latin (see `train`)
            by_word[arabic][english] += count
    exact = anyone = 0
    errors = 0.0
    for arabic, spellings in by_word.items():
        best = spellings.most_common(1)[0][0]
        guess = model.letters(arabic)
        exact += guess == best
        anyone += guess in spellings
        errors += cer(guess, best)
    n = len(by_word) or 1
    return Scores(len(by_word), exact / n, anyone / n, errors / n)


def split(pairs: Iterable[tuple[str, str, int]]) -> tuple[list, list]:
    """Training and held-out pairs, by a hash of the Arabic word (a word is never in both)."""
    train_pairs, test_pairs = [], []
    for pair in pairs:
        (test_pairs if held_out(pair[0]) else train_pairs).append(pair)
    return train_pairs, test_pairs
