"""Who does an act of force decides its type: protesters who storm or besiege a building protest
(CAMEO 145, a violent protest), soldiers or fighters who raid a town attack it (190), while a police
raid stays coercion. The rules are data (lexicon/agents.yaml, `retype`): the lexicon modes they apply to,
the sectors of the doer, the type and CAMEO code the act then takes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from khabar.errors import DataFileError
from khabar.events.lexicon import Entry

KEYS = frozenset({"modes", "sectors", "type", "cameo", "foreign"})


@dataclass(frozen=True, slots=True)
class Retype:
    modes: frozenset[str]
    sectors: frozenset[str]
    type: str
    cameo: str
    foreign: bool = False  # only when the target is named and another state's


def read_retypes(rows: Any, path: str) -> tuple[Retype, ...]:
    if not isinstance(rows, list):
        raise DataFileError(path, 0, "retype must be a list of rules")
    out = []
    for row in rows:
        if not isinstance(row, dict) or not KEYS.issuperset(row) or not {"modes", "sectors", "type", "cameo"} <= set(row):
            raise DataFileError(path, 0, f"retype rule {row!r}: needs modes, sectors, type, cameo (and may say foreign)")
        out.append(Retype(frozenset(row["modes"]), frozenset(row["sectors"]), str(row["type"]), str(row["cameo"]),
                          bool(row.get("foreign"))))
    return tuple(out)


def retype(entry: Entry, rules: tuple[Retype, ...], sector: str | None, source: str | None,
           target: str | None) -> Entry:
    """The entry as its doer (`sector`, codes of `source` and `target`) makes it: the first rule that
    fits, else the entry itself."""
    if entry.mode is None or sector is None:
        return entry
    for rule in rules:
        if entry.mode in rule.modes and sector in rule.sectors and entry.type != rule.type:
            if rule.foreign and (target is None or target == source):
                continue  # an army's raid in its own state (or where unnamed): a security operation
            return replace(entry, type=rule.type, cameo=rule.cameo)
    return entry
