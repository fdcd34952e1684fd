"""The one record type of the knowledge base and the closed vocabularies its files may use."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

# Entity types as the NER layer names them.
LOC, ORG, PER = "LOC", "ORG", "PER"

# Coarse kinds; the finer one (sea, igo, party, ...) goes in Entry.subkind.
STATE, CITY, REGION, ORG_KIND, PERSON = "state", "city", "region", "org", "person"

ROLES = frozenset({"head_of_state", "head_of_government", "foreign_minister", "defence_minister",
                   "crown_prince", "other"})
REGION_KINDS = frozenset({"sea", "ocean", "gulf", "strait", "river", "lake", "continent", "region",
                          "territory", "area", "mountain", "island", "desert", "canal", "province",
                          "crossing", "camp", "landmark"})
ORG_KINDS = frozenset({"igo", "institution", "party", "armed_group", "ngo", "company", "agency", "media",
                       "court", "military", "other"})  # military: a state's forces, or a coalition led by one


@dataclass(frozen=True, slots=True)
class Entry:
    """One entity (or, for people, one term in one office: a person has one Entry per row)."""

    id: str  # Wikidata QID if known, else "khabar:<kind>:<slug>"
    type: str  # LOC | ORG | PER
    kind: str  # state | city | region | org | person
    name_en: str
    country: str | None  # ISO3
    names_ar: tuple[str, ...]
    code: str | None = None  # actor code: ISO3 for states, short code for organisations
    subkind: str | None = None  # region kind (sea, strait, ...) or organisation kind (igo, party, ...)
    iso2: str | None = None
    demonyms_ar: tuple[str, ...] = ()
    capital: str | None = None  # id of the capital city (states)
    population: int | None = None
    is_capital: bool = False
    acronyms_ar: tuple[str, ...] = ()
    stands_for_state: bool = False  # "the Kremlin said" means Russia said
    org: str | None = None  # organisation code of a person's post (UN for the Secretary-General)
    role: str | None = None
    title_ar: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None  # first day out of office; None while in office
    source: str = field(default="", compare=False)  # "path:line" of the row, for error reports

    def in_office(self, on: dt.date) -> bool:
        """True when this term covers `on` (start inclusive, end exclusive)."""
        if self.start is not None and on < self.start:
            return False
        return self.end is None or on < self.end


_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """ASCII slug of an English name: "Khamis Mushait" -> "khamis-mushait"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _SLUG_DROP.sub("-", ascii_text.lower()).strip("-") or "x"
