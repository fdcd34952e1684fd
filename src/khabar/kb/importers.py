"""Turn public gazetteer dumps into knowledge-base TSV files that `load_kb(extra=...)` reads.

`import_geonames` reads a GeoNames cities table (cities15000.txt, or the .zip holding it) and writes a
cities.tsv-format file; `import_wikidata` reads a Wikidata JSON dump (an array with one entity per line)
and writes one file per table it found rows for. Both skip what the packaged data already has, so the
output only adds.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from khabar.kb import KnowledgeBase, default_kb
from khabar.kb.model import CITY, STATE, slugify
from khabar.lang.letters import ARABIC_LETTER_RE
from khabar.lang.normalize import fold, strip_diacritics

# Letters of Persian, Urdu, Pashto and Kurdish that Arabic does not write: GeoNames does not tag the
# language of an alternate name, so a name holding one of these is taken as not Arabic.
_NOT_ARABIC = re.compile("[\u067e\u0686\u0698\u06af\u06a9\u06cc\u06d2\u0679\u0688\u0691\u06ba\u06be\u06c1\u06d5"
                         "\u0681\u0685\u0689\u0693\u0696\u069a\u06ab\u06bc\u06d0\u06c6\u06b5\u06ce\u200c]")
_UNSAFE = re.compile(r"[\t\r\n|]+")

CITIES_HEADER = ("qid", "name_en", "country", "names_ar", "population", "is_capital")
REGIONS_HEADER = ("qid", "name_en", "country", "names_ar", "kind")
ORGS_HEADER = ("code", "qid", "name_en", "country", "names_ar", "acronyms_ar", "kind", "stands_for_state")
PEOPLE_HEADER = ("qid", "name_en", "names_ar", "country", "org", "role", "title_ar", "start", "end")
STATES_HEADER = ("iso3", "iso2", "qid", "name_en", "names_ar", "demonyms_ar", "capital_qid", "capital_ar")


def arabic_names(names: Iterable[str]) -> list[str]:
    """The Arabic-script names among `names`, without diacritics, one per folded form."""
    out: dict[str, str] = {}
    for raw in names:
        name = _clean(strip_diacritics(raw))
        if name and ARABIC_LETTER_RE.search(name) and not _NOT_ARABIC.search(name):
            out.setdefault(fold(name), name)
    return list(out.values())


def _clean(text: str) -> str:
    return " ".join(_UNSAFE.sub(" ", text).split())


def _write(path: Path, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["\t".join(header), *("\t".join(row) for row in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _known_cities(kb: KnowledgeBase) -> set[tuple[str, str]]:
    return {(e.country or "", fold(n)) for e in kb.entries(CITY) for n in e.names_ar}


# ---- GeoNames ----

def _geonames_lines(path: Path) -> Iterator[str]:
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            member = next(n for n in archive.namelist() if n.endswith(".txt"))
            with archive.open(member) as raw:
                yield from io.TextIOWrapper(raw, encoding="utf-8")
    else:
        with path.open(encoding="utf-8") as handle:
            yield from handle


def import_geonames(path: str | Path, out_path: str | Path, min_population: int = 15000,
                    kb: KnowledgeBase | None = None) -> int:
    """Write the populated places of a GeoNames table with Arabic names as a cities.tsv file.

    Columns read (GeoNames order): 1 name, 3 alternate names, 6 feature class, 7 feature code,
    8 country code (ISO2), 14 population. Places of countries missing from states.tsv, places without
    an Arabic name and cities the knowledge base already has are left out. Returns the rows written.
    """
    kb = kb or default_kb()
    iso3_of = {s.iso2: s.code for s in kb.entries(STATE) if s.iso2 and s.code}
    known = _known_cities(kb)
    best: dict[str, tuple[int, tuple[str, ...]]] = {}
    for line in _geonames_lines(Path(path)):
        cells = line.rstrip("\n").split("\t")
        if len(cells) < 15 or cells[6] != "P":
            continue
        population = int(cells[14]) if cells[14].isdigit() else 0
        country = iso3_of.get(cells[8])
        names = arabic_names(cells[3].split(","))
        if population < min_population or country is None or not names:
            continue
        if any((country, fold(n)) in known for n in names):
            continue
        name_en = _clean(cells[1])
        slug = f"{slugify(name_en)}-{country.lower()}"
        row = ("", name_en, country, "|".join(names), str(population), "1" if cells[7] == "PPLC" else "0")
        if slug not in best or best[slug][0] < population:  # same name twice in a country: keep the larger
            best[slug] = (population, row)
    rows = sorted((r for _, r in best.values()), key=lambda r: (r[2], -int(r[4]), r[1]))
    _write(Path(out_path), CITIES_HEADER, rows)
    return len(rows)


# ---- Wikidata ----

HUMAN = "Q5"
STATE_CLASSES = frozenset({"Q3624078", "Q6256", "Q7275"})  # sovereign state, country, state
CITY_CLASSES = frozenset({"Q515", "Q1549591", "Q5119", "Q1637706", "Q200250", "Q486972", "Q3957", "Q532",
                          "Q1093829", "Q15284", "Q22865"})
CAPITAL_CLASS = "Q5119"
REGION_CLASSES = {"Q165": "sea", "Q9430": "ocean", "Q4022": "river", "Q5107": "continent", "Q37901": "strait",
                  "Q23397": "lake", "Q8502": "mountain", "Q23442": "island", "Q8514": "desert",
                  "Q82794": "region", "Q10864048": "province", "Q107390": "province", "Q1322134": "gulf"}
ORG_CLASSES = {"Q484652": "igo", "Q245065": "igo", "Q7278": "party", "Q7210356": "party",
               "Q17127659": "armed_group", "Q15925165": "armed_group", "Q4830453": "company",
               "Q783794": "company", "Q6881511": "company", "Q192283": "agency", "Q1331793": "media",
               "Q11032": "media", "Q79913": "ngo", "Q163740": "ngo", "Q327333": "institution",
               "Q2659904": "institution", "Q43229": "other"}


def _entities(path: Path) -> Iterator[dict[str, Any]]:
    """Entities of a dump: a JSON array written one entity per line (trailing commas allowed)."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            text = line.strip().rstrip(",")
            if text in ("", "[", "]"):
                continue
            try:
                entity = json.loads(text)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not a JSON entity: {exc.msg}") from exc
            if isinstance(entity, dict) and entity.get("id"):
                yield entity


def _claim_values(entity: dict[str, Any], prop: str) -> list[Any]:
    out = []
    for claim in entity.get("claims", {}).get(prop, ()):
        value = claim.get("mainsnak", {}).get("datavalue", {}).get("value")
        if isinstance(value, dict) and "id" in value:
            out.append(value["id"])
        elif isinstance(value, dict) and "amount" in value:
            out.append(value["amount"])
        elif value is not None:
            out.append(value)
    return out


def _label(entity: dict[str, Any], lang: str) -> str:
    return _clean(entity.get("labels", {}).get(lang, {}).get("value", ""))


def _names_ar(entity: dict[str, Any]) -> list[str]:
    aliases = [a.get("value", "") for a in entity.get("aliases", {}).get("ar", ())]
    return arabic_names([_label(entity, "ar"), *aliases])


def import_wikidata(path: str | Path, out_path: str | Path, kb: KnowledgeBase | None = None) -> dict[str, int]:
    """Write the people, organisations, states, cities and regions of a Wikidata dump as TSV files.

    `out_path` is a directory; it receives wikidata_<table>.tsv for each table with rows (load them
    all with `load_kb([out_path])`). P31 (instance of) picks the table, P17 the country (P27 for people),
    mapped to ISO3 through the QIDs of states.tsv and P298 codes met in the dump; P297/P298 give a
    state's codes, P1082 a city's population. Entities without an Arabic label or alias, and QIDs the
    knowledge base already has, are skipped. Returns rows written per table.
    """
    kb = kb or default_kb()
    entities = list(_entities(Path(path)))
    iso3_of = {s.id: s.code for s in kb.entries(STATE) if s.code}
    for entity in entities:  # states in the dump name countries for the other entities
        codes = [c for c in _claim_values(entity, "P298") if isinstance(c, str)]
        if codes:
            iso3_of.setdefault(entity["id"], codes[0].upper())
    known_iso3 = {s.code for s in kb.entries(STATE)}
    tables: dict[str, list[tuple[str, ...]]] = {"states": [], "cities": [], "regions": [], "organisations": [],
                                                 "persons": []}
    for entity in entities:
        qid = entity["id"]
        names = _names_ar(entity)
        if kb.by_id(qid) is not None or not names:
            continue
        classes = set(_claim_values(entity, "P31"))
        name_en = _label(entity, "en") or qid
        country = next((iso3_of[c] for c in _claim_values(entity, "P17") if c in iso3_of), "")
        joined = "|".join(names)
        iso3 = iso3_of.get(qid, "")
        if classes & STATE_CLASSES and iso3 and iso3 not in known_iso3:
            # capital_qid stays empty: it must name a city row, and the dump may not hold that city
            iso2 = next((c.upper() for c in _claim_values(entity, "P297") if isinstance(c, str)), "")
            tables["states"].append((iso3, iso2, qid, name_en, joined, "", "", ""))
        elif HUMAN in classes:
            nationality = next((iso3_of[c] for c in _claim_values(entity, "P27") if c in iso3_of), country)
            tables["persons"].append((qid, name_en, joined, nationality, "", "other", "", "", ""))
        elif classes & CITY_CLASSES:
            population = max((int(float(a)) for a in _claim_values(entity, "P1082")
                              if isinstance(a, str | int | float)), default=0)
            tables["cities"].append((qid, name_en, country, joined, str(population) if population else "",
                                     "1" if CAPITAL_CLASS in classes else "0"))
        elif org_kind := next((ORG_CLASSES[c] for c in sorted(classes) if c in ORG_CLASSES), None):
            tables["organisations"].append(("", qid, name_en, country, joined, "", org_kind, "0"))
        elif region_kind := next((REGION_CLASSES[c] for c in sorted(classes) if c in REGION_CLASSES), None):
            tables["regions"].append((qid, name_en, country, joined, region_kind))
    headers = {"states": STATES_HEADER, "cities": CITIES_HEADER, "regions": REGIONS_HEADER,
               "organisations": ORGS_HEADER, "persons": PEOPLE_HEADER}
    out_dir = Path(out_path)
    counts = {}
    for table, rows in tables.items():
        if rows:
            _write(out_dir / f"wikidata_{table}.tsv", headers[table], rows)
            counts[table] = len(rows)
    return counts
