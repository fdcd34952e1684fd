"""Arabic clitics as data (lang/data/clitics.tsv), read and checked once, for every stage that strips or
splits them: the text stage's segmenter, the knowledge base's name forms, the lexicon lookups."""

from __future__ import annotations

from khabar.errors import DataFileError
from khabar.resources import data_path, read_tsv

KINDS = ("conjunction", "preposition", "future", "article", "suffix")
CLASSES = frozenset({"object", "third", "lookup"})


def _read() -> dict[str, list[tuple[str, frozenset[str]]]]:
    path = data_path("khabar.lang", "data/clitics.tsv")
    table: dict[str, list[tuple[str, frozenset[str]]]] = {kind: [] for kind in KINDS}
    for number, row in read_tsv(path, ("form", "kind")):
        classes = frozenset(row.get("classes", "").split())
        if row["kind"] not in table:
            raise DataFileError(str(path), number, f"unknown kind {row['kind']!r}")
        if classes - CLASSES:
            raise DataFileError(str(path), number, f"unknown classes {sorted(classes - CLASSES)}")
        table[row["kind"]].append((row["form"], classes))
    suffixes = [form for form, _ in table["suffix"]]
    if suffixes != sorted(suffixes, key=len, reverse=True):
        raise DataFileError(str(path), 0, "suffixes must be listed longest first")
    return table


_TABLE = _read()

CONJUNCTIONS = "".join(form for form, _ in _TABLE["conjunction"])  # و ف
PREPOSITIONS = "".join(form for form, _ in _TABLE["preposition"])  # ب ل ك
FUTURE = "".join(form for form, _ in _TABLE["future"])  # س
ARTICLE = _TABLE["article"][0][0]  # ال
SUFFIXES = tuple(form for form, _ in _TABLE["suffix"])  # every pronoun suffix, longest first


def suffixes(*classes: str) -> tuple[str, ...]:
    """The pronoun suffixes in all of `classes`, longest first."""
    wanted = frozenset(classes)
    return tuple(form for form, have in _TABLE["suffix"] if wanted <= have)
