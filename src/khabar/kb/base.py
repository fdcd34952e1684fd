"""In-memory indexes over the entries: names, demonyms, states, offices."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator

from khabar.kb.model import CITY, PERSON, REGION, STATE, Entry
from khabar.lang.clitics import CONJUNCTIONS, PREPOSITIONS
from khabar.lang.normalize import fold

# Order of entries that share a name in lookup(): states before the cities named like them, etc.
_KIND_RANK = {STATE: 0, CITY: 1, REGION: 2, "org": 3, PERSON: 4}
_CONJUNCTIONS = CONJUNCTIONS
_PREPOSITIONS = PREPOSITIONS
CACHED_LOOKUPS = 200_000
_DETACHED_WAW = re.compile(r"(?<= )و (?=\S)")


def match_key(text: str) -> str:
    """The key names are indexed under: `fold`, with a detached و joined to its word ("البوسنة و الهرسك")."""
    return _DETACHED_WAW.sub("و", fold(text))


_SERVANT_JOINED = re.compile(r"(?:(?<= )|^)عبدال(?=\S{2})")
_SERVANT_SPACED = re.compile(r"(?:(?<= )|^)عبد ال(?=\S{2})")


def spelling_twins(key: str) -> list[str]:
    """`key` and its other common spelling: theophoric names are written joined or spaced
    ("عبدالله" / "عبد الله", "عبدالرحمن" / "عبد الرحمن"), so a name is indexed both ways."""
    twins = [key]
    if "عبد" in key:
        joined = _SERVANT_SPACED.sub("عبدال", key)
        spaced = _SERVANT_JOINED.sub("عبد ال", key)
        twins += [t for t in (joined, spaced) if t != key]
    return twins


def clitic_forms(key: str) -> list[str]:
    """`key` (already folded) and the forms left after stripping proclitics, fewest letters removed first.

    و/ف, then ب/ل/ك (and لل → ال), then the article; nothing is stripped down to under 2 letters.
    """
    forms = [key]
    if len(key) > 3 and key[0] in _CONJUNCTIONS:
        forms.append(key[1:])
    for form in list(forms):
        if form.startswith("لل") and len(form) > 4:
            forms.append("ال" + form[2:])
        elif len(form) > 3 and form[0] in _PREPOSITIONS:
            forms.append(form[1:])
    for form in list(forms):
        if form.startswith("ال") and len(form) > 4:
            forms.append(form[2:])
    unique = list(dict.fromkeys(forms))
    unique.sort(key=lambda f: len(key) - len(f))  # stable: ties keep the order above
    return unique


def _rank(entry: Entry) -> tuple[int, int]:
    return _KIND_RANK.get(entry.kind, 3), -(entry.population or 0)


class KnowledgeBase:
    """Entities with Arabic names. Build with `load_kb()`; all lookups fold their input first."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self._entries: list[Entry] = list(entries)
        self._by_id: dict[str, Entry] = {}
        self._states: dict[str, Entry] = {}
        self._terms: dict[tuple[str, str], list[Entry]] = defaultdict(list)
        self._terms_of: dict[str, list[Entry]] = defaultdict(list)
        names: dict[str, dict[str, Entry]] = defaultdict(dict)
        demonyms: dict[str, dict[str, Entry]] = defaultdict(dict)
        for entry in self._entries:
            if entry.kind == PERSON:
                self._terms_of[entry.id].append(entry)
                for holder in (entry.country, entry.org):
                    if holder and entry.role:
                        self._terms[(holder, entry.role)].append(entry)
                known = self._by_id.get(entry.id)
                if known is not None and not _later(entry, known):
                    continue  # the person is represented by their latest term
            self._by_id[entry.id] = entry
            if entry.kind == STATE and entry.code:
                self._states[entry.code] = entry
                for form in entry.demonyms_ar:
                    demonyms[match_key(form)].setdefault(entry.id, entry)
        for entry in self._entries:
            shown = self._by_id[entry.id]  # every term's names lead to the person's latest term
            for name in (*entry.names_ar, *entry.acronyms_ar):
                for key in spelling_twins(match_key(name)):
                    if key:
                        names[key][shown.id] = shown
        self._names = {k: sorted(v.values(), key=_rank) for k, v in names.items()}
        self._demonyms = {k: list(v.values()) for k, v in demonyms.items()}
        for terms in self._terms.values():
            terms.sort(key=lambda e: (e.start or dt.date.min, e.name_en))
        self._looked: dict[str, tuple[Entry, ...]] = {}  # lookup() answers: the same names recur

    def __len__(self) -> int:
        return len(self._by_id)

    def entries(self, kind: str | None = None) -> Iterator[Entry]:
        """Every entity once (a person as their latest term), optionally of one kind."""
        return (e for e in self._by_id.values() if kind is None or e.kind == kind)

    def terms(self) -> Iterator[Entry]:
        """Every row of leaders.tsv and user person files: one Entry per office and term."""
        return (e for e in self._entries if e.kind == PERSON)

    def by_id(self, id: str) -> Entry | None:
        return self._by_id.get(id)

    def in_office(self, id: str, on: dt.date, after: dt.timedelta = dt.timedelta(0)) -> bool:
        """Does the person `id` hold one of their recorded offices on `on`, or did they within
        `after` before it (news go on naming a past president by surname)?"""
        for term in self._terms_of.get(id, ()):
            if (term.start is None or term.start <= on) and (term.end is None or on < term.end + after):
                return True
        return False

    def state(self, iso3: str) -> Entry | None:
        return self._states.get(iso3.upper())

    def lookup(self, text: str) -> list[Entry]:
        """Entities named exactly `text` (folded), also after stripping proclitics; best first."""
        found = self._looked.get(text)
        if found is None:
            out: dict[str, Entry] = {}
            for form in clitic_forms(match_key(text)):
                for entry in self._names.get(form, ()):
                    out.setdefault(entry.id, entry)
            found = tuple(out.values())
            if len(self._looked) >= CACHED_LOOKUPS:
                self._looked.clear()
            self._looked[text] = found
        return list(found)

    def stripped_letters(self, text: str) -> int:
        """How many leading letters of `text` are proclitics that a name lookup strips: 0 when the
        name is found as written (or not at all), 1 for "لبايدن" (ل + بايدن); "للأمم" keeps its ل."""
        key = match_key(text)
        for form in clitic_forms(key):
            if form in self._names:
                return len(key) - len(form) if key.endswith(form) else 0
        return 0

    def place(self, text: str) -> Entry | None:
        """The place a dateline names: the most populous city, else a state, else a region."""
        for form in clitic_forms(match_key(text)):
            found = [e for e in self._names.get(form, ()) if e.kind in (CITY, STATE, REGION)]
            if found:
                cities = [e for e in found if e.kind == CITY]
                if cities:
                    return max(cities, key=lambda e: e.population or 0)
                return next((e for e in found if e.kind == STATE), found[0])
        return None

    def demonym(self, text: str) -> Entry | None:
        """The state an adjective of nationality names ("الأميركية" -> United States)."""
        for form in clitic_forms(match_key(text)):
            states = self._demonyms.get(form)
            if states:
                return states[0]
        return None

    def holders(self, country: str, role: str, on: dt.date | None = None) -> list[Entry]:
        """Terms of `role` for a state (ISO3) or organisation code, in office on `on` (all when None).

        A state without any head_of_government row (presidential systems, monarchies that rule)
        answers that role with its head of state.
        """
        terms = self._terms.get((country, role))
        if terms is None and role == "head_of_government":
            terms = self._terms.get((country, "head_of_state"))
        terms = terms or []
        if on is None:
            return list(terms)
        return [t for t in terms if t.in_office(on)]

    def holders_by_title(self, country: str, title: str, on: dt.date | None = None) -> list[Entry]:
        """Terms whose Arabic title matches `title` ("رئيس الوزراء", "المستشار"), in office on `on`."""
        wanted = _title_key(title)
        out = []
        for (holder, _role), terms in self._terms.items():
            if holder != country:
                continue
            for term in terms:
                if any(_title_key(t) == wanted for t in term.title_ar) and (on is None or term.in_office(on)):
                    out.append(term)
        return sorted(out, key=lambda e: (e.start or dt.date.min, e.name_en))

    def names(self) -> Iterator[tuple[str, Entry]]:
        """(key, entry) for every Arabic name and acronym, the key made by `match_key` (fold plus a joined
        detached و): for gazetteers and dictionary matching."""
        for key, entries in self._names.items():
            for entry in entries:
                yield key, entry

    def demonyms(self) -> Iterator[tuple[str, Entry]]:
        """(key, state) for every nationality adjective, keyed like `names`."""
        for key, states in self._demonyms.items():
            for state in states:
                yield key, state


def _later(a: Entry, b: Entry) -> bool:
    """Is term `a` more recent than term `b` (open terms count as most recent)?"""
    if (a.end is None) != (b.end is None):
        return a.end is None
    return (a.start or dt.date.min) > (b.start or dt.date.min)


def _title_key(title: str) -> str:
    key = match_key(title)
    return key[2:] if key.startswith("ال") else key
