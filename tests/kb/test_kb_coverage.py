"""Coverage of the packaged data against reference datasets in /work/shared/data (read, never copied).

Skipped when the shared data directory is absent. Percentages are printed (run with -s to see them).
"""

from __future__ import annotations

import gettext
import json
import re
import unicodedata
import zipfile

import pytest

from khabar.lang.normalize import fold

ARAB_LEAGUE_ISO2 = {"DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA", "SA",
                    "SO", "SD", "SY", "TN", "AE", "YE"}
# Codes and capital names those datasets spell differently from us.
ISO3_ALIASES = {"UNK": "XKX"}
CAPITAL_ALIASES = {"east jerusalem": "jerusalem", "melekeok": "ngerulmud", "ulan bator": "ulaanbaatar",
                   "nay pyi taw": "naypyidaw", "tarawa": "south tarawa", "kiev": "kyiv", "nur sultan": "astana",
                   "luxembourg": "luxembourg city", "yaren": "yaren district", "san marino": "city of san marino",
                   "el aaiun": "laayoune", "hargeysa": "hargeisa"}


def _key(text: str) -> str:
    """Lower-case ASCII key of an English name, without bracketed or comma-separated qualifiers."""
    text = re.split(r"[,(]", text)[0]
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z ]+", " ", text.replace("'", "").replace("-", " "))
    text = " ".join(text.split())
    return CAPITAL_ALIASES.get(text, text)


def _need(path):
    if not path.exists():
        pytest.skip(f"{path} not found")
    return path


def test_every_independent_state_is_present(kb, shared_data):
    countries = json.loads(_need(shared_data / "countries-mledoze" / "countries.json").read_text(encoding="utf-8"))
    wanted = {ISO3_ALIASES.get(c["cca3"], c["cca3"]) for c in countries if c.get("independent") or c.get("unMember")}
    missing = sorted(code for code in wanted if kb.state(code) is None)
    print(f"\nindependent/UN-member states: {len(wanted)}, missing: {missing}")
    assert not missing


def test_every_capital_resolves(kb, shared_data):
    rows = _need(shared_data / "geonames-cities15000" / "countryInfo.tsv").read_text(encoding="utf-8").splitlines()
    cities_by_key = {}
    for city in kb.entries("city"):
        cities_by_key.setdefault(_key(city.name_en), []).append(city)
    checked, failures = 0, []
    for row in rows:
        cells = row.split("\t")
        if row.startswith("#") or len(cells) < 6 or not cells[5].strip():
            continue
        state = kb.state(ISO3_ALIASES.get(cells[1], cells[1]))
        if state is None:
            continue  # a dependency, not a state
        checked += 1
        candidates = [c for c in cities_by_key.get(_key(cells[5]), []) if c.country in (state.code, None)]
        if not candidates:
            failures.append(f"{state.code}: no city {cells[5]!r}")
            continue
        city = candidates[0]
        found = kb.place(city.names_ar[0])
        if found is None or found.id != city.id:
            failures.append(f"{state.code}: place({city.names_ar[0]}) -> {found and found.name_en}")
    print(f"\ncapitals checked: {checked}, failures: {failures}")
    assert checked > 190 and not failures


def _iso_arabic_names(shared_data) -> list[tuple[str, str]]:
    """(ISO3, Arabic name) pairs from the Debian iso-codes Arabic catalogue."""
    codes = json.loads(_need(shared_data / "iso-codes" / "json" / "iso_3166-1.json").read_text(encoding="utf-8"))
    with _need(shared_data / "iso-codes" / "locale-ar" / "iso_3166-1.mo").open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog  # noqa: SLF001 - msgid -> msgstr is what we need
    pairs = []
    for country in codes["3166-1"]:
        for field in ("name", "official_name", "common_name"):
            english = country.get(field)
            arabic = catalog.get(english) if english else None  # the "" msgid is the catalogue header
            if arabic and arabic != english:
                pairs.append((country["alpha_3"], arabic))
    return pairs


def _readings(name: str) -> list[str]:
    """A catalogue name and its natural readings: "إيران، الجمهورية الإسلامية" and "المجر (هنغاريا)"
    also stand for the part after the comma and for each side of the brackets."""
    parts = [name, *name.split("،")[::-1], *re.split(r"[()]", name)]
    return [p.strip() for p in parts if p.strip()]


def test_iso_arabic_country_names_resolve(kb, shared_data):
    pairs = [(iso3, name) for iso3, name in _iso_arabic_names(shared_data) if kb.state(iso3) is not None]
    missing = [(iso3, name) for iso3, name in pairs
               if not any(iso3 in {e.code for e in kb.lookup(r) if e.kind == "state"} for r in _readings(name))]
    share = 1 - len(missing) / len(pairs)
    print(f"\niso-codes Arabic names: {len(pairs)}, resolved {share:.1%}, missing: {missing}")
    assert share >= 0.9


def _arab_cities(shared_data, min_population: int):
    with zipfile.ZipFile(_need(shared_data / "geonames-cities15000" / "cities15000.zip")) as archive:
        text = archive.read("cities15000.txt").decode("utf-8")
    for line in text.splitlines():
        cells = line.split("\t")
        if len(cells) < 15 or cells[6] != "P" or cells[8] not in ARAB_LEAGUE_ISO2:
            continue
        if int(cells[14] or 0) > min_population:
            yield cells[1], cells[8], [n for n in cells[3].split(",") if re.search("[\u0600-\u06ff]", n)]


def test_arab_cities_over_250k_are_present(kb, shared_data):
    iso3_of = {s.iso2: s.code for s in kb.entries("state")}
    ours = {(c.country, _key(c.name_en)) for c in kb.entries("city")}
    cities = list(_arab_cities(shared_data, 250_000))
    missing = []
    for name, iso2, arabic in cities:
        country = iso3_of[iso2]
        if (country, _key(name)) in ours or (None, _key(name)) in ours:
            continue
        places = [kb.place(n) for n in arabic]
        if any(p is not None and p.country == country for p in places):  # a city or a named district
            continue
        missing.append(f"{name} ({iso2})")
    share = 1 - len(missing) / len(cities)
    print(f"\nArab cities over 250,000: {len(cities)}, present {share:.1%}, missing: {missing}")
    assert share >= 0.9


def test_fold_is_stable_on_reference_names(shared_data):
    # The coverage above relies on fold(); it must be idempotent on every Arabic country name.
    for _, name in _iso_arabic_names(shared_data):
        assert fold(fold(name)) == fold(name)
