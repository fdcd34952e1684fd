"""Wire agencies and the credits that name them (data in data/agencies.tsv)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from khabar.lang.normalize import fold
from khabar.resources import data_path, read_tsv


@dataclass(frozen=True, slots=True)
class Agency:
    code: str
    name_en: str
    country: str
    credits: tuple[str, ...]  # folded Arabic credits and Latin credits (case kept)


_DOTS_RE = re.compile(r"\s*\.\s*")


@dataclass(frozen=True, slots=True)
class AgencyTable:
    by_credit: dict[str, Agency]  # folded Arabic credit or lower-cased Latin credit -> agency
    pattern: str  # regex alternation of credits, longest first, for folded text

    def find(self, credit: str) -> Agency | None:
        key = fold(credit).strip(" ()/-–—:.")
        if "." in key:
            key = _DOTS_RE.sub(" ", key).strip()
        return self.by_credit.get(key) or self.by_credit.get(key.lower())


@lru_cache(maxsize=1)
def load_agencies() -> AgencyTable:
    by_credit: dict[str, Agency] = {}
    for _, row in read_tsv(data_path("khabar.page", "data/agencies.tsv"), ("code", "name_en", "credits_ar")):
        arabic = [fold(c) for c in row["credits_ar"].split("|") if c]
        latin = [c for c in row["credits_latin"].split("|") if c]
        agency = Agency(row["code"], row["name_en"], row["country"], tuple(arabic + latin))
        for credit in arabic:
            by_credit[credit] = agency
            by_credit[_DOTS_RE.sub(" ", credit).strip()] = agency
        for credit in latin:
            by_credit[credit.lower()] = agency
    names = sorted(by_credit, key=len, reverse=True)
    pattern = "|".join(re.escape(n).replace(r"\ ", r"[\s.]*") for n in names)
    return AgencyTable(by_credit, pattern)
