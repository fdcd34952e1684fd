"""Read-only access to package data files (TSV with a header row), and the Resources handed to the steps:
what they look up, built once, and the word table."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from importlib import resources
from itertools import repeat
from pathlib import Path
from typing import Any, Generic, TypeVar

from khabar.errors import DataFileError
from khabar.settings import Settings


def data_path(package: str, name: str) -> Path:
    """Filesystem path of a data file shipped in `package` (e.g. "khabar.page", "data/agencies.tsv")."""
    return Path(str(resources.files(package).joinpath(name)))


def read_tsv(path: str | Path, required: tuple[str, ...] = ()) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a TSV file as (line number, {column: value}); raises DataFileError on a bad row."""
    path = Path(path)
    with path.open(encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n").split("\t")
        missing = [c for c in required if c not in header]
        if missing:
            raise DataFileError(str(path), 1, f"missing columns: {', '.join(missing)}")
        for number, line in enumerate(handle, start=2):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if len(cells) > len(header):
                raise DataFileError(str(path), number, f"{len(cells)} cells for {len(header)} columns")
            cells += [""] * (len(header) - len(cells))
            row = dict(zip(header, (c.strip() for c in cells), strict=True))
            for column in required:
                if not row[column]:
                    raise DataFileError(str(path), number, f"empty {column!r}")
            yield number, row


T = TypeVar("T")
_MISSING: Any = object()
WORD_FORMS = 500_000  # forms a word table holds before it starts afresh: more than ANT's 261,000
# Forms with no Arabic letter a column keeps: 3,249 in 3,000 ANT articles; random text brings one
# per character.
FOREIGN_FORMS = 50_000
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u066e-\u06d3\u06d5\u06fa-\u06fc\ufb50-\ufdff\ufe70-\ufefc]").search


class WordColumn(Generic[T]):
    """One fact about word forms (a function of the word as written), worked out once per form."""

    __slots__ = ("foreign", "function", "known", "table")

    def __init__(self, table: WordTable, function: Callable[[str], T]) -> None:
        self.table = table
        self.function = function
        self.known: dict[str, T] = {}
        self.foreign = 0  # forms with no Arabic letter among `known`

    def __call__(self, word: str) -> T:
        known = self.known
        if word in known:
            return known[word]
        found = self.function(word)
        foreign = _ARABIC_LETTER(word) is None
        # Past FOREIGN_FORMS forms with no Arabic letter (random text: each one new), answers are
        # worked out and not kept: news holds a few thousand (digits, marks, Latin names), met again.
        if foreign and self.foreign >= self.table.foreign_limit:
            return found
        if len(known) >= self.table.limit:
            self.table.clear()
        self.foreign += foreign
        known[word] = found
        return found

    def many(self, words: list[str]) -> list[T]:
        """The answers for a list of words: one dict lookup per word met before, in C."""
        found = list(map(self.known.get, words, repeat(_MISSING)))
        if _MISSING in found:
            found = [self(w) if f is _MISSING else f for f, w in zip(found, words, strict=True)]
        return found


class WordTable:
    """Every word form the stages meet, once (as spaCy's Vocab): one string object per form, and a
    column per fact that a stage asks about a form (its fold, its clitic split, the event lexicon's
    forms, …). All columns are emptied together when one holds `limit` forms: one policy, one place.
    A column keeps at most `foreign_limit` forms with no Arabic letter; past them it answers such a
    form without keeping it (random text would fill the table with forms never met again)."""

    def __init__(self, limit: int = WORD_FORMS, foreign_limit: int = FOREIGN_FORMS) -> None:
        self.limit = limit
        self.foreign_limit = foreign_limit
        self.strings: dict[str, str] = {}
        self.columns: dict[Callable[[str], Any], WordColumn[Any]] = {}

    def column(self, function: Callable[[str], T]) -> WordColumn[T]:
        """The column of `function`, made on first request."""
        found = self.columns.get(function)
        if found is None:
            found = self.columns[function] = WordColumn(self, function)
        return found

    def intern(self, words: list[str]) -> list[str]:
        """`words` with each form replaced by the table's own string object: a key that is the very
        object looked up matches without its letters being compared. A text of more tokens than the
        table holds forms is given back as it is: it would fill the table alone."""
        if len(words) > self.limit:
            return words
        if len(self.strings) > self.limit:
            self.clear()
        return list(map(self.strings.setdefault, words, words))

    def clear(self) -> None:
        self.strings.clear()
        for column in self.columns.values():
            column.known.clear()
            column.foreign = 0


class Shelf:
    """What has been built for one knowledge base: the resources by their build function, the word
    table, and how many times each resource was built."""

    def __init__(self) -> None:
        self.built: dict[Callable[[Resources], Any], Any] = {}
        self.builds: Counter[str] = Counter()
        self.words = WordTable()


# One shelf per process and knowledge base: pipelines with the same user files share their tables,
# models and word table (loading the knowledge base and the tagger costs seconds).
_SHELVES: dict[tuple[str, ...], Shelf] = {}
_DEFAULT: dict[None, Resources] = {}  # Resources.default()


class Resources:
    """What the stages look up — knowledge base (with the user's files), lexicons, tagger, tables — built
    once from the Settings and handed to every step, with the word table and the settings.

    A resource is a function of the Resources (`build(resources) -> value`) declared by the stage that
    owns it; `get(build)` builds it on first request and keeps it. Resources with the same
    knowledge-base files share what is built, in a process (`shared=False`: a shelf of its own)."""

    def __init__(self, settings: Settings | None = None, *, shared: bool = True) -> None:
        self.settings = settings or Settings()
        key = self.settings.kb_files
        if shared:
            shelf = _SHELVES.get(key)
            if shelf is None:
                shelf = _SHELVES[key] = Shelf()
        else:
            shelf = Shelf()
        self.shelf = shelf
        self.words = shelf.words
        self._built = shelf.built

    @classmethod
    def default(cls) -> Resources:
        """The process's Resources for the default settings (the packaged knowledge base): what calls
        made outside a pipeline use. One object, made on first request."""
        found = _DEFAULT.get(None)
        if found is None:
            found = _DEFAULT[None] = cls()
        return found

    @property
    def builds(self) -> Counter[str]:
        """How many times each resource was built (by its function's qualified name)."""
        return self.shelf.builds

    def get(self, build: Callable[[Resources], T]) -> T:
        try:
            return self._built[build]
        except KeyError:
            self.shelf.builds[f"{build.__module__}.{build.__qualname__}"] += 1
            value = self._built[build] = build(self)
            return value

    def column(self, function: Callable[[str], T]) -> WordColumn[T]:
        """A column of the word table (see WordTable.column)."""
        return self.words.column(function)
