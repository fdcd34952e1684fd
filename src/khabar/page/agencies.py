"""Wire agencies and the credits that name them (data in data/agencies.tsv)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from khabar.lang.normalize import fold
from khabar.resources import Resources, data_path, read_tsv


@dataclass(frozen=True, slots=True)
class Agency:
    code: str
    name_en: str
    country: str
    credits: tuple[str, ...]  # folded Arabic credits and Latin credits (case kept)

    @property
    def named(self) -> bool:
        """False for credits that name no one agency ("وكالات"): evidence of a dateline, no code."""
        return self.code != UNNAMED


UNNAMED = "AGENCIES"


_DOTS_RE = re.compile(r"\s*\.\s*")
MAX_JOINT_CHARS = 60  # a joint credit names a few agencies, not a sentence
_JOINT_RE = re.compile(r"\s*[/،,]\s*|\s+[-–—]\s+|\s+و\s*(?=\S)")


@dataclass(frozen=True, slots=True)
class AgencyTable:
    by_credit: dict[str, Agency]  # folded Arabic credit or lower-cased Latin credit -> agency
    pattern: str  # regex alternation of credits, longest first, for folded text
    hint: re.Pattern[str]  # the Arabic credits as written and folded, for a fast look at raw text

    def find(self, credit: str) -> Agency | None:
        """The agency a credit names; for a joint credit ("بنا/كونا", "وام - رويترز") the first."""
        key = fold(credit).strip(" ()/-–—:.")
        if "." in key:
            key = _DOTS_RE.sub(" ", key).strip()
        found = self.by_credit.get(key) or self.by_credit.get(key.lower())
        if found is None and len(key) <= MAX_JOINT_CHARS and _JOINT_RE.search(key):
            parts = [self._one(part) for part in _JOINT_RE.split(key) if part.strip()]
            if parts and all(parts):
                return parts[0]
        return found

    def _one(self, key: str) -> Agency | None:
        key = key.strip(" ()/-–—:.")
        return self.by_credit.get(key) or self.by_credit.get(key.lower())


def load_agencies() -> AgencyTable:
    """Built once, by the process's Resources (see _build_load_agencies)."""
    return Resources().get(_build_load_agencies)


def _build_load_agencies(resources: Resources) -> AgencyTable:
    by_credit: dict[str, Agency] = {}
    written: set[str] = set()
    for _, row in read_tsv(data_path("khabar.page", "data/agencies.tsv"), ("code", "name_en", "credits_ar")):
        written.update(c for c in row["credits_ar"].split("|") if c)
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
    forms = sorted(written | {fold(c) for c in written}, key=len, reverse=True)
    hint = re.compile("|".join(re.escape(f) for f in forms))
    return AgencyTable(by_credit, pattern, hint)
