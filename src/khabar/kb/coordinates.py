"""Coordinates of the knowledge base's places from GeoNames (`tools/place_coordinates.py` writes
kb/data/coordinates.tsv with it; see kb/data/COORDINATES.md). Nothing here runs at read time: the
pipeline reads the committed table (khabar.events.location.place_coordinates).

Cities (the hand-written core and the open-data table): the GeoNames populated places of the city's
country (ISO3 → ISO2 by GeoNames' countryInfo) are matched on the English name (GeoNames' name,
ASCII name or a Latin alternate name, compared without accents, case or punctuation) and on the
Arabic names (GeoNames' Arabic-script alternate names, compared by `fold`). A candidate named both
ways beats one named one way, and one whose main name is the English name beats one that only lists
it among its alternates. Among the best candidates the most populous wins, unless a second one at
least half as populous lies more than AMBIGUOUS_KM away: the name then means two towns and the city
gets no point (no point is better than a wrong one). A city with no country (Jerusalem) is matched
in every country, and must be named both ways.

Regions with a country (provinces, territories such as the Gaza Strip): the admin-1 unit of
GeoNames' regionInfo whose English name is the region's (generic words like "Governorate" aside),
else the admin-1 unit whose seat (feature code PPLA) bears one of the region's Arabic names without
its head word ("محافظة حلب" → حلب). The point is the mean of the unit's cities in cities15000 (a
centroid of its towns, not of its area). Regions without a country (seas, continents) get none.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from khabar.kb.base import KnowledgeBase
from khabar.kb.importers import arabic_names
from khabar.kb.model import CITY, REGION, Entry
from khabar.lang.normalize import fold

GEONAMES = "geonames-cities15000"
AMBIGUOUS_KM = 50.0  # two towns of one name this far apart are two places, not two rows of one
SIZE_RATIO = 10.0  # how far a town's population may be from the knowledge base's rough figure
RIVAL_SHARE = 0.5  # a rival this populous (share of the best) makes the name ambiguous
COLUMNS = ("id", "name_en", "kind", "lat", "lon", "geonameid", "admin1", "adm1_code", "how")
# Words naming the kind of an admin-1 unit, left out when names are compared.
_UNIT_WORDS = frozenset({"governorate", "province", "state", "region", "district", "prefecture", "wilayah",
                         "wilaya", "muhafazat", "mintaqat", "emirate", "municipality", "of", "the"})
_PROVINCE_HEADS = re.compile(r"^(محافظه|ولايه|منطقه|اقليم|مقاطعه|عماله|بلديه|قضاء|قضا|لواء|لوا|شعبيه)\s+")
_APOSTROPHES = re.compile("['`\u2018\u2019\u02bb\u02bc\u02be\u02bf]")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Town:
    """One GeoNames row of cities15000."""

    geonameid: str
    name: str
    lat: float
    lon: float
    feature: str
    country: str  # ISO2
    admin1: str
    population: int
    main: frozenset[str]  # name and ASCII name, as `latin_key`
    latin: frozenset[str]  # every Latin name, as `latin_key`
    arabic: frozenset[str]  # Arabic-script names, folded


@dataclass(frozen=True, slots=True)
class Point:
    id: str
    name_en: str
    kind: str
    lat: float
    lon: float
    geonameid: str
    admin1: str  # GeoNames' "ISO2.code"
    adm1_code: str  # GDELT's ADM1Code: FIPS country code and admin-1 code ("IZ07" for Baghdad)
    how: str

    def row(self) -> tuple[str, ...]:
        return (self.id, self.name_en, self.kind, f"{self.lat:.4f}", f"{self.lon:.4f}", self.geonameid,
                self.admin1, self.adm1_code, self.how)


def latin_key(name: str) -> str:
    """An English/Latin name without accents, case, punctuation or a leading article ("Al Ḩudaydah"
    and "al-Hudaydah" agree)."""
    name = _APOSTROPHES.sub("", name)  # Nukuʻalofa, Nuku'alofa and Nukualofa are one name
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    words = _NOT_WORD.sub(" ", text).split()
    if len(words) > 1 and words[0] in ("al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "the"):
        words = words[1:]
    return " ".join(words)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def read_towns(lines: io.TextIOBase | list[str]) -> list[Town]:
    """The populated places (feature class P) of a GeoNames dump."""
    towns = []
    for line in lines:
        cells = line.rstrip("\n").split("\t")
        if len(cells) < 15 or cells[6] != "P":
            continue
        alternates = [n for n in cells[3].split(",") if n]
        latin = {latin_key(n) for n in (cells[1], cells[2], *alternates) if n.isascii() or _latin(n)}
        towns.append(Town(cells[0], cells[1], float(cells[4]), float(cells[5]), cells[7], cells[8], cells[10],
                          int(cells[14]) if cells[14].isdigit() else 0,
                          frozenset({latin_key(cells[1]), latin_key(cells[2])}) - {""}, frozenset(latin - {""}),
                          frozenset(fold(n) for n in arabic_names(alternates))))
    return towns


def _latin(name: str) -> bool:
    return all(unicodedata.name(c, "").startswith("LATIN") or not c.isalpha() for c in name)


def name_keys(name_en: str) -> set[str]:
    """Keys of a knowledge-base English name: whole, and without the disambiguation Wikipedia titles
    carry ("Kingston, Jamaica", "Monaco (city)")."""
    plain = re.sub(r"\s*\(.*?\)", "", name_en)
    return {latin_key(name_en), latin_key(plain), latin_key(plain.split(",")[0])} - {""}


def _city_rank(keys: set[str], arabic_keys: set[str], town: Town) -> int:
    """3: named both ways; 2: by its main English name or in Arabic; 1: by an English alternate; 0: not."""
    english = bool(keys & town.latin)
    arabic = bool(arabic_keys & town.arabic)
    if english and arabic:
        return 3
    if arabic or keys & town.main:
        return 2
    return 1 if english else 0


def _sized(rough: int | None, population: int) -> bool:
    """A town more than SIZE_RATIO times larger or smaller than the knowledge base's rough figure is
    another place of the same name (Ariel the settlement, not "Ariel" the old name of Jerusalem)."""
    return not rough or not population or 1 / SIZE_RATIO <= population / rough <= SIZE_RATIO


def match_city(entry: Entry, pools: list[tuple[list[Town], int, str]]) -> tuple[Town | None, str]:
    """The town of `entry` and how it was chosen, or (None, why not). `pools`: the towns to look in,
    in order, each with the least rank it accepts and its name (the city's country at any rank; its
    neighbours, and then the world, only by stronger names: a territory GeoNames files under another
    code, a settlement it files under the neighbour that holds it)."""
    keys, arabic_keys = name_keys(entry.name_en), {fold(n) for n in entry.names_ar}
    for towns, least, where in pools:
        named = [(rank, town) for town in towns if (rank := _city_rank(keys, arabic_keys, town)) >= least]
        seats = [t for _, t in named if t.feature == "PPLC"]
        if entry.is_capital and seats:  # the seat of government, by any of its names and whatever its size
            return seats[0], f"capital{where}"
        ranked = [(rank, town) for rank, town in named if _sized(entry.population, town.population)]
        if not ranked:
            continue
        top = max(rank for rank, _ in ranked)
        best = sorted((town for rank, town in ranked if rank == top), key=lambda t: (-t.population, t.geonameid))
        chosen = best[0]
        for rival in best[1:]:
            if rival.population >= RIVAL_SHARE * chosen.population and \
                    _km((chosen.lat, chosen.lon), (rival.lat, rival.lon)) > AMBIGUOUS_KM:
                return None, f"ambiguous: {chosen.geonameid} and {rival.geonameid}"
        how = {3: "english+arabic", 2: "arabic" if arabic_keys & chosen.arabic else "english",
               1: "english alternate"}[top]
        return chosen, how + where
    return None, "no match"


def _unit_key(name: str) -> str:
    return " ".join(w for w in latin_key(name).split() if w not in _UNIT_WORDS)


def match_region(entry: Entry, units: dict[str, tuple[str, str]], towns: list[Town]) -> tuple[str | None, str]:
    """The admin-1 code ("ISO2.code") of a region among its country's `units` ({code: (name,
    ascii name)}) and how it was found, or (None, why not)."""
    key = _unit_key(entry.name_en)
    named = [code for code, names in units.items() if key and key in {_unit_key(n) for n in names}]
    if len(named) == 1:
        return named[0], "admin1 name"
    if len(named) > 1:
        return None, "ambiguous admin1 name"
    bare = {_PROVINCE_HEADS.sub("", fold(name)) for name in entry.names_ar if _PROVINCE_HEADS.match(fold(name))}
    seats = {f"{t.country}.{t.admin1}" for t in towns if t.feature == "PPLA" and bare & t.arabic}
    if len(seats) == 1:
        return seats.pop(), "admin1 seat"
    return None, "ambiguous admin1 seat" if seats else "no match"


def _countries(data: Path) -> tuple[dict[str, str], dict[str, str], dict[str, list[str]]]:
    """ISO3 → ISO2, ISO2 → FIPS and ISO2 → neighbours' ISO2, from GeoNames' countryInfo."""
    iso2_of, fips_of, neighbours = {}, {}, {}
    for line in (data / GEONAMES / "countryInfo.tsv").read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if line.startswith("#") or len(cells) < 4:
            continue
        iso2_of[cells[1]] = cells[0]
        fips_of[cells[0]] = cells[3]
        neighbours[cells[0]] = [c for c in (cells[17] if len(cells) > 17 else "").split(",") if c]
    return iso2_of, fips_of, neighbours


def _units(data: Path) -> tuple[dict[str, dict[str, tuple[str, str]]], dict[str, str]]:
    """Admin-1 units by ISO2 country ({code: (name, ascii name)}), and their GeoNames ids by code."""
    units: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)
    ids = {}
    for line in (data / GEONAMES / "regionInfo.tsv").read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if line.startswith("#") or len(cells) < 4:
            continue
        units[cells[0].split(".")[0]][cells[0]] = (cells[1], cells[2])
        ids[cells[0]] = cells[3]
    return units, ids


def load_towns(data: Path) -> list[Town]:
    with zipfile.ZipFile(data / GEONAMES / "cities15000.zip") as archive:
        member = next(n for n in archive.namelist() if n.endswith(".txt"))
        with archive.open(member) as raw:
            return read_towns(io.TextIOWrapper(raw, encoding="utf-8"))


def build_points(data: Path, kb: KnowledgeBase) -> tuple[list[Point], dict[str, str]]:
    """Points of the knowledge base's cities and regions, and why each place left out has none."""
    towns = load_towns(data)
    iso2_of, fips_of, neighbours = _countries(data)
    units, ids = _units(data)
    by_country: dict[str, list[Town]] = defaultdict(list)
    by_unit: dict[str, list[Town]] = defaultdict(list)
    for town in towns:
        by_country[town.country].append(town)
        by_unit[f"{town.country}.{town.admin1}"].append(town)

    def adm1(code: str) -> str:
        iso2, _, unit = code.partition(".")
        return f"{fips_of.get(iso2, iso2)}{unit}" if unit and unit != "00" else ""

    points, missing = [], {}
    for entry in sorted(kb.entries(CITY), key=lambda e: e.id):
        iso2 = iso2_of.get(entry.country or "", "")
        near = [t for c in neighbours.get(iso2, []) for t in by_country.get(c, [])]
        pools = [(by_country.get(iso2, []), 1, ""), (near, 2, " (neighbour)"), (towns, 3, " (elsewhere)")]
        town, how = match_city(entry, pools if iso2 else pools[2:])
        if town is None:
            missing[entry.id] = how
            continue
        code = f"{town.country}.{town.admin1}" if town.admin1 else ""
        points.append(Point(entry.id, entry.name_en, CITY, town.lat, town.lon, town.geonameid, code, adm1(code),
                            how))
    for entry in sorted(kb.entries(REGION), key=lambda e: e.id):
        iso2 = iso2_of.get(entry.country or "", "")
        if not iso2:
            continue  # seas, continents, disputed areas: no admin-1 unit to stand for them
        code, how = match_region(entry, units.get(iso2, {}), by_country.get(iso2, []))
        members = by_unit.get(code or "", [])
        if code is None or not members:
            missing[entry.id] = how if code is None else "no towns in its admin1 unit"
            continue
        lat = sum(t.lat for t in members) / len(members)
        lon = sum(t.lon for t in members) / len(members)
        points.append(Point(entry.id, entry.name_en, REGION, lat, lon, ids.get(code, ""), code, adm1(code),
                            f"{how}; mean of {len(members)} town{'s' if len(members) > 1 else ''}"))
    return points, missing


def write_points(points: list[Point], out: Path) -> None:
    lines = ["\t".join(COLUMNS), *("\t".join(p.row()) for p in sorted(points, key=lambda p: (p.kind, p.id)))]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
