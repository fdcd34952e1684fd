"""Read and check the knowledge-base TSV files. The table of a file is told by its header row.

Every row is checked (column count, codes, dates, vocabularies, Arabic script in Arabic columns) and
a bad one raises DataFileError with its file and line. Blank lines and lines starting with "#" are
skipped. Later files may replace a row of an earlier file by using the same id; inside one file an id
may appear once (people excepted: they have one row per office and term).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from khabar.errors import DataFileError
from khabar.kb.model import (
    CITY,
    LOC,
    ORG,
    ORG_KIND,
    ORG_KINDS,
    PER,
    PERSON,
    REGION,
    REGION_KINDS,
    ROLES,
    STATE,
    Entry,
    slugify,
)
from khabar.lang.letters import ARABIC_LETTER_RE
from khabar.lang.normalize import fold

PACKAGE_FILES = ("states.tsv", "cities.tsv", "regions.tsv", "organisations.tsv", "leaders.tsv")
# Made by `khabar kb build` from open data (kb/build.py); read after the hand-written core when present.
OPEN_FILES = ("open/cities.tsv", "open/regions.tsv", "open/parties.tsv")
_PROVENANCE = frozenset({"source", "licence"})  # where a row comes from, under which licence

# table -> (required columns, optional columns)
SCHEMAS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "states": (frozenset({"iso3", "name_en", "names_ar"}),
               frozenset({"qid", "iso2", "demonyms_ar", "capital_qid", "capital_ar", "note"}) | _PROVENANCE),
    "cities": (frozenset({"name_en", "country", "names_ar"}),
               frozenset({"qid", "population", "is_capital", "note"}) | _PROVENANCE),
    "regions": (frozenset({"name_en", "names_ar", "kind"}), frozenset({"qid", "country", "note"}) | _PROVENANCE),
    "organisations": (frozenset({"code", "name_en", "names_ar", "kind"}),
                      frozenset({"qid", "country", "acronyms_ar", "stands_for_state", "note"}) | _PROVENANCE),
    "leaders": (frozenset({"name_en", "names_ar", "role"}),
                frozenset({"qid", "country", "org", "title_ar", "start", "end", "note"}) | _PROVENANCE),
}
# States first: every other table checks its country codes against them.
TABLE_ORDER = ("states", "cities", "regions", "organisations", "leaders")

_QID = re.compile(r"Q[1-9][0-9]*")
_ISO3 = re.compile(r"[A-Z]{3}")
_ISO2 = re.compile(r"[A-Z]{2}")
_CODE = re.compile(r"[A-Z][A-Z0-9+_-]*")


@dataclass(slots=True)
class Row:
    path: str
    line: int
    cells: dict[str, str]

    def fail(self, reason: str) -> DataFileError:
        return DataFileError(self.path, self.line, reason)

    def get(self, column: str) -> str:
        return self.cells.get(column, "")


def table_of(header: Sequence[str]) -> str | None:
    """The table whose columns `header` has, or None."""
    cols = set(header)
    found = [name for name, (req, opt) in SCHEMAS.items() if req <= cols <= req | opt]
    return found[0] if len(found) == 1 else None


def read_rows(path: str, text: str) -> tuple[str, list[Row]]:
    """Split one TSV text into checked-width rows; returns (table name, rows)."""
    table: str | None = None
    header: list[str] = []
    rows: list[Row] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r")
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if table is None:
            header = [c.strip() for c in cells]
            if len(set(header)) != len(header):
                raise DataFileError(path, number, "repeated column in header")
            table = table_of(header)
            if table is None:
                raise DataFileError(path, number, f"header matches no knowledge-base table: {header}")
            continue
        if len(cells) != len(header):
            raise DataFileError(path, number, f"{len(cells)} columns, header has {len(header)}")
        rows.append(Row(path, number, {h: c.strip() for h, c in zip(header, cells, strict=True)}))
    if table is None:
        raise DataFileError(path, 1, "no header row")
    return table, rows


# ---- cell parsers: each raises through row.fail so the message names file and line ----

def _arabic_list(row: Row, column: str, required: bool = False) -> tuple[str, ...]:
    value = row.get(column)
    if not value:
        if required:
            raise row.fail(f"{column} is empty")
        return ()
    items = [v.strip() for v in value.split("|")]
    for item in items:
        if not item:
            raise row.fail(f"{column} has an empty name (stray '|')")
        if not ARABIC_LETTER_RE.search(item):
            raise row.fail(f"{column} value {item!r} has no Arabic letter")
    return tuple(dict.fromkeys(items))


def _pattern(row: Row, column: str, pattern: re.Pattern[str], what: str, required: bool = False) -> str | None:
    value = row.get(column)
    if not value:
        if required:
            raise row.fail(f"{column} is empty")
        return None
    if not pattern.fullmatch(value):
        raise row.fail(f"{column} {value!r} is not {what}")
    return value


def _text(row: Row, column: str) -> str:
    value = row.get(column)
    if not value:
        raise row.fail(f"{column} is empty")
    return value


def _flag(row: Row, column: str) -> bool:
    value = row.get(column)
    if value not in ("", "0", "1"):
        raise row.fail(f"{column} must be 0 or 1, not {value!r}")
    return value == "1"


def _int(row: Row, column: str) -> int | None:
    value = row.get(column).replace(",", "").replace("_", "")
    if not value:
        return None
    if not value.isdigit():
        raise row.fail(f"{column} {row.get(column)!r} is not a whole number")
    return int(value)


def _date(row: Row, column: str) -> dt.date | None:
    value = row.get(column)
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise row.fail(f"{column} {value!r} is not a date YYYY-MM-DD") from None


def _choice(row: Row, column: str, allowed: Iterable[str]) -> str:
    value = row.get(column)
    if value not in allowed:
        raise row.fail(f"{column} {value!r} is not one of {sorted(allowed)}")
    return value


class _Builder:
    """Turns rows into entries, table by table, keeping what later tables check against."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}  # non-person entries by id, in load order
        self.people: list[Entry] = []
        self.states: dict[str, str] = {}  # iso3 -> id
        self.org_codes: dict[str, tuple[str, str]] = {}  # code -> (path, id)
        self.seen: dict[tuple[str, str], str] = {}  # (path, id) -> first line, for in-file repeats
        self.state_rows: list[tuple[Row, Entry, str | None, tuple[str, ...]]] = []

    def _add(self, row: Row, entry: Entry) -> None:
        key = (row.path, entry.id)
        if key in self.seen:
            raise row.fail(f"id {entry.id} already used on line {self.seen[key]} of this file")
        self.seen[key] = str(row.line)
        known = self.entries.pop(entry.id, None)  # a later file replaces; re-insert keeps the new order
        if known is not None and known.kind != entry.kind:
            raise row.fail(f"id {entry.id} is already a {known.kind} ({known.source})")
        self.entries[entry.id] = entry

    def _country(self, row: Row, column: str = "country", required: bool = False) -> str | None:
        iso3 = _pattern(row, column, _ISO3, "an ISO 3166 alpha-3 code", required)
        if iso3 is not None and iso3 not in self.states:
            raise row.fail(f"{column} {iso3} is not a state of states.tsv")
        return iso3

    def state(self, row: Row) -> None:
        iso3 = _pattern(row, "iso3", _ISO3, "an ISO 3166 alpha-3 code", required=True)
        assert iso3 is not None
        qid = _pattern(row, "qid", _QID, "a Wikidata id like Q30")
        entry = Entry(
            id=qid or f"khabar:state:{iso3.lower()}", type=LOC, kind=STATE, name_en=_text(row, "name_en"),
            country=iso3, names_ar=_arabic_list(row, "names_ar", required=True), code=iso3,
            iso2=_pattern(row, "iso2", _ISO2, "an ISO 3166 alpha-2 code"),
            demonyms_ar=_arabic_list(row, "demonyms_ar"), source=f"{row.path}:{row.line}")
        if (row.path, f"iso3:{iso3}") in self.seen:
            raise row.fail(f"iso3 {iso3} already used on line {self.seen[(row.path, f'iso3:{iso3}')]} of this file")
        self.seen[(row.path, f"iso3:{iso3}")] = str(row.line)
        old = self.states.get(iso3)
        if old is not None and old != entry.id:
            self.entries.pop(old, None)
        self._add(row, entry)
        self.states[iso3] = entry.id
        capital_qid = _pattern(row, "capital_qid", _QID, "a Wikidata id like Q61")
        self.state_rows.append((row, entry, capital_qid, _arabic_list(row, "capital_ar")))

    def city(self, row: Row) -> None:
        name_en = _text(row, "name_en")
        country = self._country(row)
        qid = _pattern(row, "qid", _QID, "a Wikidata id like Q61")
        slug = f"{slugify(name_en)}-{(country or 'xx').lower()}"
        self._add(row, Entry(
            id=qid or f"khabar:city:{slug}", type=LOC, kind=CITY, name_en=name_en, country=country,
            names_ar=_arabic_list(row, "names_ar", required=True), population=_int(row, "population"),
            is_capital=_flag(row, "is_capital"), source=f"{row.path}:{row.line}"))

    def region(self, row: Row) -> None:
        name_en = _text(row, "name_en")
        qid = _pattern(row, "qid", _QID, "a Wikidata id like Q7204")
        self._add(row, Entry(
            id=qid or f"khabar:region:{slugify(name_en)}", type=LOC, kind=REGION, name_en=name_en,
            country=self._country(row), names_ar=_arabic_list(row, "names_ar", required=True),
            subkind=_choice(row, "kind", REGION_KINDS), source=f"{row.path}:{row.line}"))

    def organisation(self, row: Row) -> None:
        name_en = _text(row, "name_en")
        code = _pattern(row, "code", _CODE, "an upper-case code like UNSC")
        qid = _pattern(row, "qid", _QID, "a Wikidata id like Q1065")
        country = self._country(row)
        stands = _flag(row, "stands_for_state")
        if stands and country is None:
            raise row.fail("stands_for_state is 1 but country is empty")
        entry = Entry(
            id=qid or f"khabar:org:{(code or slugify(name_en)).lower()}", type=ORG, kind=ORG_KIND,
            name_en=name_en, country=country, names_ar=_arabic_list(row, "names_ar", required=True),
            code=code, subkind=_choice(row, "kind", ORG_KINDS), acronyms_ar=_arabic_list(row, "acronyms_ar"),
            stands_for_state=stands, source=f"{row.path}:{row.line}")
        if code is not None:
            old = self.org_codes.get(code)
            if old is not None and old[0] == row.path and old[1] != entry.id:
                raise row.fail(f"organisation code {code} already used in this file")
            if old is not None and old[1] != entry.id:
                self.entries.pop(old[1], None)  # a later file takes the code over
            self.org_codes[code] = (row.path, entry.id)
        self._add(row, entry)

    def person(self, row: Row) -> None:
        name_en = _text(row, "name_en")
        qid = _pattern(row, "qid", _QID, "a Wikidata id like Q6279")
        country = self._country(row)
        org = _pattern(row, "org", _CODE, "an organisation code")
        if org is not None and org not in self.org_codes:
            raise row.fail(f"org {org} is not a code of organisations.tsv")
        start, end = _date(row, "start"), _date(row, "end")
        if start and end and end < start:
            raise row.fail(f"end {end} is before start {start}")
        self.people.append(Entry(
            id=qid or f"khabar:person:{slugify(name_en)}", type=PER, kind=PERSON, name_en=name_en,
            country=country, names_ar=_arabic_list(row, "names_ar", required=True), org=org,
            role=_choice(row, "role", ROLES), title_ar=_arabic_list(row, "title_ar"), start=start, end=end,
            source=f"{row.path}:{row.line}"))

    def link_capitals(self) -> None:
        """Point each state at its capital city: by capital_qid, else by capital_ar among its capitals."""
        for row, entry, capital_qid, capital_ar in self.state_rows:
            if self.states.get(entry.country or "") != entry.id:
                continue  # replaced by a later file
            capital: str | None = None
            if capital_qid is not None:
                city = self.entries.get(capital_qid)
                if city is None or city.kind != CITY:
                    raise row.fail(f"capital_qid {capital_qid} is not a city of cities.tsv")
                capital = city.id
            elif capital_ar:
                wanted = {fold(n) for n in capital_ar}
                for city in self.entries.values():
                    if (city.kind == CITY and city.country == entry.country
                            and wanted & {fold(n) for n in city.names_ar}):
                        capital = city.id
                        if city.is_capital:
                            break
            self.entries[entry.id] = dataclasses.replace(entry, capital=capital)


def build_entries(sources: Sequence[tuple[str, str]]) -> list[Entry]:
    """All entries of the given (path label, text) sources, checked and linked."""
    by_table: dict[str, list[Row]] = {name: [] for name in TABLE_ORDER}
    for path, text in sources:
        table, rows = read_rows(path, text)
        by_table[table].extend(rows)
    builder = _Builder()
    handlers = {"states": builder.state, "cities": builder.city, "regions": builder.region,
                "organisations": builder.organisation, "leaders": builder.person}
    for table in TABLE_ORDER:
        for row in by_table[table]:
            handlers[table](row)
    builder.link_capitals()
    return [*builder.entries.values(), *builder.people]


def package_sources(core_only: bool = False) -> list[tuple[str, str]]:
    """The packaged tables: the hand-written core, then (unless `core_only`) the open-data tables
    `khabar kb build` made, those that exist."""
    data = resources.files("khabar.kb") / "data"
    names = [*PACKAGE_FILES, *(() if core_only else (n for n in OPEN_FILES if (data / n).is_file()))]
    return [(str(data / name), (data / name).read_text(encoding="utf-8")) for name in names]


def user_sources(paths: Iterable[str | Path]) -> list[tuple[str, str]]:
    """Read user files; a directory stands for the *.tsv files in it, in name order."""
    out: list[tuple[str, str]] = []
    for item in paths:
        path = Path(item)
        files = sorted(path.glob("*.tsv")) if path.is_dir() else [path]
        for file in files:
            try:
                out.append((str(file), file.read_text(encoding="utf-8")))
            except (OSError, UnicodeDecodeError) as exc:
                raise DataFileError(str(file), 0, f"cannot read: {exc}") from exc
    return out


__all__ = ["OPEN_FILES", "PACKAGE_FILES", "SCHEMAS", "build_entries", "package_sources", "read_rows", "table_of", "user_sources"]
