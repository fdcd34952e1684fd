"""`khabar kb build`: the packaged tables made from open data, reproducibly.

Reads (under the shared data folder):
- places-dr5hn (ODbL-1.0 database, DbCL-1.0 contents): cities of the Arab League states with QIDs,
  coordinates and Arabic names; provinces (admin-1) with QIDs and Arabic names. Its Arabic names
  are partly machine-made ("أد دلنجات" for الدلنجات, "قسطنطين" for Constantine), so a city's name
  is accepted only where a GeoNames place within MAX_KM carries it, and a province's only where
  GeoNames has it for a town of the same state (most provinces bear their capital's name).
- geonames-cities15000 (CC BY 4.0): the Arabic alternate names that agree.
- parties-partyfacts (MIT; Wikidata labels CC0): parties with QIDs and native Arabic names.

Writes kb/data/open/{cities,regions,parties}.tsv, each row with its source and licence. Entities
the hand-written core already has (same QID, or same country and Arabic name) are left out: the
core wins. Nothing here runs at read time.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import sqlite3
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from khabar.kb.base import KnowledgeBase
from khabar.kb.importers import arabic_names
from khabar.kb.model import CITY, ORG_KIND, REGION, STATE
from khabar.lang.normalize import fold

ARAB_LEAGUE = ("DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA",
               "SA", "SO", "SD", "SY", "TN", "AE", "YE")
PARTY_STATES = frozenset({"DZA", "BHR", "COM", "DJI", "EGY", "IRQ", "JOR", "KWT", "LBN", "LBY", "MRT", "MAR",
                          "OMN", "PSE", "QAT", "SAU", "SOM", "SDN", "SYR", "TUN", "ARE", "YEM", "IRN", "TUR",
                          "ISR"})
MAX_KM = 15.0  # a GeoNames place this close with the same Arabic name agrees
MIN_POPULATION = 10_000  # smaller towns share their names with too many words and people
OUT_DIR = "open"

DR5HN = ("places-dr5hn", "ODbL-1.0 (database), DbCL-1.0 (contents)")
GEONAMES = ("geonames-cities15000", "CC-BY-4.0")
PARTYFACTS = ("parties-partyfacts", "MIT (Party Facts); CC0 (Wikidata)")
_PROVINCE_HEADS = re.compile(r"^(محافظة|ولاية|منطقة|إقليم|اقليم|مقاطعة|عمالة|بلدية|قضاء|لواء|شعبية)\s+")


@dataclass(frozen=True)
class Place:
    lat: float
    lon: float
    names: frozenset[str]  # folded Arabic names
    country: str  # ISO2
    population: int


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def geonames_places(data: Path) -> dict[str, list[Place]]:
    """GeoNames populated places with Arabic names, by ISO2 country."""
    out: dict[str, list[Place]] = defaultdict(list)
    with zipfile.ZipFile(data / GEONAMES[0] / "cities15000.zip") as archive:
        member = next(n for n in archive.namelist() if n.endswith(".txt"))
        with archive.open(member) as raw:
            for line in io.TextIOWrapper(raw, encoding="utf-8"):
                cells = line.rstrip("\n").split("\t")
                if len(cells) < 15 or cells[6] != "P":
                    continue
                names = frozenset(fold(n) for n in arabic_names(cells[3].split(",")))
                if names:
                    out[cells[8]].append(Place(float(cells[4]), float(cells[5]), names, cells[8],
                                               int(cells[14]) if cells[14].isdigit() else 0))
    return out


def _agrees(name: str, lat: float, lon: float, places: list[Place]) -> Place | None:
    key = fold(name)
    for place in places:
        if key in place.names and _km((lat, lon), (place.lat, place.lon)) <= MAX_KM:
            return place
    return None


def _known(kb: KnowledgeBase, kind: str) -> tuple[set[str], set[tuple[str, str]]]:
    qids, names = set(), set()
    for entry in kb.entries(kind):
        if not entry.id.startswith("khabar:"):
            qids.add(entry.id)
        for name in entry.names_ar:
            names.add((entry.country or "", fold(name)))
    return qids, names


def _cell(text: str) -> str:
    return " ".join(str(text).replace("|", " ").split())


def build_cities(data: Path, kb: KnowledgeBase, geonames: dict[str, list[Place]]) -> list[tuple[str, ...]]:
    """Cities of the Arab League states whose dr5hn Arabic name GeoNames agrees with."""
    iso3_of = {s.iso2: s.code for s in kb.entries(STATE) if s.iso2 and s.code}
    known_qids, known_names = _known(kb, CITY)
    rows: dict[str, tuple[str, ...]] = {}
    for iso2 in ARAB_LEAGUE:
        path = data / DR5HN[0] / "contributions" / "cities" / f"{iso2}.json"
        if not path.exists():
            continue
        for city in json.loads(path.read_text(encoding="utf-8")):
            qid, country = city.get("wikiDataId") or "", iso3_of.get(iso2)
            name = _cell((city.get("translations") or {}).get("ar") or "")
            if not (qid and country and name) or qid in known_qids or qid in rows:
                continue
            if (country, fold(name)) in known_names or kb.lookup(name):
                continue  # the core names it, here or elsewhere ("روسو" is Roseau): no second reading
            place = _agrees(name, float(city["latitude"]), float(city["longitude"]), geonames.get(iso2, []))
            population = max(int(city.get("population") or 0), place.population if place else 0)
            if place is None or population < MIN_POPULATION:
                continue
            rows[qid] = (qid, _cell(city["name"]), country, name, str(population), "0",
                         f"{DR5HN[0]}+{GEONAMES[0]}", f"{DR5HN[1]}; {GEONAMES[1]}")
            known_names.add((country, fold(name)))
    return sorted(rows.values(), key=lambda r: (r[2], -int(r[4]), r[1]))


def build_regions(data: Path, kb: KnowledgeBase, geonames: dict[str, list[Place]],
                  taken: frozenset[str] = frozenset()) -> list[tuple[str, ...]]:
    """First-level divisions of the Arab League states whose Arabic name is confirmed (`taken`:
    QIDs already written as cities)."""
    iso3_of = {s.iso2: s.code for s in kb.entries(STATE) if s.iso2 and s.code}
    known_qids, known_names = _known(kb, REGION)
    city_qids, city_names = _known(kb, CITY)
    rows: list[tuple[str, ...]] = []
    with sqlite3.connect(data / DR5HN[0] / "sqlite" / "states.sqlite3") as db:
        found = db.execute("SELECT name, country_code, translations, wikiDataId, type FROM states "
                           f"WHERE country_code IN ({','.join('?' * len(ARAB_LEAGUE))}) ORDER BY id",
                           ARAB_LEAGUE).fetchall()
    seen: set[str] = set()
    for name_en, iso2, translations, qid, _type in found:
        country = iso3_of.get(iso2)
        name = _cell(json.loads(translations or "{}").get("ar") or "")
        if not (qid and country and name) or qid in known_qids or qid in city_qids or qid in seen | taken:
            continue
        bare = _PROVINCE_HEADS.sub("", name)
        if (country, fold(bare)) in known_names or (country, fold(bare)) in city_names or kb.lookup(bare):
            continue  # the core has it (as a province, as the city it is named after, or elsewhere)
        if not any(fold(bare) in p.names for p in geonames.get(iso2, [])):
            continue
        names = [bare] if bare == name else [bare, name]
        seen.add(qid)
        rows.append((qid, _cell(name_en), country, "|".join(names), "province", f"{DR5HN[0]}+{GEONAMES[0]}",
                     f"{DR5HN[1]}; {GEONAMES[1]}"))
    return rows


def build_parties(data: Path, kb: KnowledgeBase) -> list[tuple[str, ...]]:
    """Parties of the Arab League states, Iran, Turkey and Israel with an Arabic native name."""
    known_qids, known_names = _known(kb, ORG_KIND)
    codes = {e.code for e in kb.entries(ORG_KIND) if e.code}
    rows: list[tuple[str, ...]] = []
    path = data / PARTYFACTS[0] / "import" / "wikipedia" / "wikidata.csv"
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            country, qid = row["country"], row["wikidata_id"]
            names = _headed(arabic_names([row.get("name_native") or ""]), kb)
            if country not in PARTY_STATES or not qid or not names or qid in known_qids:
                continue
            if any((country, fold(n)) in known_names or ("", fold(n)) in known_names for n in names):
                continue
            code = f"PF{row['partyfacts_id']}"
            if code in codes:
                continue
            codes.add(code)
            rows.append((code, qid, _cell(row["name"]), country, "|".join(_cell(n) for n in names), "",
                         "party", "0", PARTYFACTS[0], PARTYFACTS[1]))
    return rows


# Heads a party's name is written with in news: a party named by one nationality word ("العراقيون", the
# Iraqis) is kept only with one of them ("ائتلاف العراقيون"); alone, the word is the people.
PARTY_HEADS = ("حركة", "حزب", "تيار", "ائتلاف", "قائمة")


def _headed(names: list[str], kb: KnowledgeBase) -> list[str]:
    """The party's names, a name of one word that is a nationality word replaced by it after each head."""
    out: list[str] = []
    for name in names:
        alone = " " not in name.strip() and kb.demonym(fold(name)) is not None
        out.extend([f"{head} {name}" for head in PARTY_HEADS] if alone else [name])
    return out


CITIES_HEADER = ("qid", "name_en", "country", "names_ar", "population", "is_capital", "source", "licence")
REGIONS_HEADER = ("qid", "name_en", "country", "names_ar", "kind", "source", "licence")
PARTIES_HEADER = ("code", "qid", "name_en", "country", "names_ar", "acronyms_ar", "kind", "stands_for_state",
                  "source", "licence")


def _write(path: Path, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    head = "# made by `khabar kb build` from open data; see kb/data/SOURCE.md. Do not edit by hand.\n"
    body = "".join("\t".join(row) + "\n" for row in rows)
    path.write_text(head + "\t".join(header) + "\n" + body, encoding="utf-8")


def build(data: str | Path, out: str | Path, kb: KnowledgeBase) -> dict[str, int]:
    """Write the open-data tables into `out` (kb/data/open); `kb` is the hand-written core."""
    data, out = Path(data), Path(out)
    geonames = geonames_places(data)
    cities = build_cities(data, kb, geonames)
    tables = {"cities": (CITIES_HEADER, cities),
              "regions": (REGIONS_HEADER, build_regions(data, kb, geonames, frozenset(r[0] for r in cities))),
              "parties": (PARTIES_HEADER, build_parties(data, kb))}
    for name, (header, rows) in tables.items():
        _write(out / f"{name}.tsv", header, rows)
    return {name: len(rows) for name, (_, rows) in tables.items()}
