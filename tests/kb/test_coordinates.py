"""The knowledge base's coordinates table (kb/data/coordinates.tsv) and the rules that wrote it
(khabar.kb.coordinates). The table tests read only the committed files; the rules are tested on
GeoNames rows composed here; rewriting the table from ../shared needs the shared data (skipped
without it)."""

from __future__ import annotations

import math

import pytest

from khabar.kb.coordinates import Town, build_points, latin_key, match_city, read_towns
from khabar.kb.model import CITY, LOC, REGION, Entry
from khabar.resources import data_path, read_tsv
from khabar.serve.outlines import Outline, load_outlines

NEAR_KM = 40.0  # outlines are thinned to 0.06° and drop islets under 0.005 sq. deg (serve/data/SOURCE.md)
# Natural Earth draws de facto borders (serve/data/SOURCE.md): these states' places may lie in the
# outline of the state holding them (Western Sahara, Ceuta and Melilla too small to be drawn, Crimea).
DE_FACTO = {"ESH": "MAR", "ESP": "MAR", "UKR": "RUS"}


def _table() -> list[dict[str, str]]:
    return [row for _, row in read_tsv(data_path("khabar.kb", "data/coordinates.tsv"), ("id", "lat", "lon"))]


def _km_to(outline: Outline, lon: float, lat: float) -> float:
    """Distance from a point to an outline (0 inside), on a local flat projection."""
    if outline.contains((lon, lat)):
        return 0.0
    scale = math.cos(math.radians(lat))
    best = math.inf
    for ring in outline.rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            dx, dy = x2 - x1, y2 - y1
            t = max(0.0, min(1.0, ((lon - x1) * dx + (lat - y1) * dy) / ((dx * dx + dy * dy) or 1.0)))
            best = min(best, math.hypot((x1 + t * dx - lon) * scale, y1 + t * dy - lat) * 111.2)
    return best


def test_rows_are_valid_and_name_places_of_the_knowledge_base(kb):
    rows = _table()
    assert len(rows) > 1000
    assert len({r["id"] for r in rows}) == len(rows)
    for row in rows:
        entry = kb.by_id(row["id"])
        assert entry is not None and entry.kind == row["kind"] and entry.kind in (CITY, REGION), row
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row
        assert row["geonameid"].isdigit() and row["how"], row
        assert not row["admin1"] or row["admin1"][:2].isalpha() and "." in row["admin1"], row


def test_each_point_lies_in_its_country(kb):
    outlines = load_outlines()
    far = []
    for row in _table():
        country = kb.by_id(row["id"]).country
        if country is None or country not in outlines:
            continue  # Jerusalem has no country; a few micro-states have no outline drawn
        lon, lat = float(row["lon"]), float(row["lat"])
        allowed = [outlines[c] for c in (country, DE_FACTO.get(country)) if c in outlines]
        if min(_km_to(o, lon, lat) for o in allowed) > NEAR_KM:
            far.append((row["id"], row["name_en"], country))
    assert far == []


def test_the_cities_most_named_in_news_are_in_the_table(kb):
    have = {r["id"] for r in _table()}
    capitals = [e for e in kb.entries(CITY) if e.is_capital and (e.population or 0) >= 1_000_000]
    assert capitals and sum(e.id in have for e in capitals) / len(capitals) >= 0.95


def _town(geonameid: str, name: str, lat: float, lon: float, population: int, *, arabic: str = "",
          feature: str = "PPL", country: str = "XA", alternates: str = "") -> Town:
    names = ",".join(filter(None, (alternates, arabic)))
    line = "\t".join([geonameid, name, name, names, str(lat), str(lon), "P", feature, country, "", "01", "", "",
                      "", str(population), "", "", "", ""])
    return read_towns([line])[0]


def _city(name_en: str, names_ar: tuple[str, ...], *, capital: bool = False, population: int | None = None,
          country: str | None = "XAA") -> Entry:
    return Entry(id=f"khabar:city:{latin_key(name_en)}", type=LOC, kind=CITY, name_en=name_en, country=country,
                 names_ar=names_ar, population=population, is_capital=capital)


def test_a_town_named_both_ways_beats_a_larger_one_named_one_way():
    towns = [_town("1", "Tarabulus", 34.4, 35.8, 900_000, arabic="طرابلس"),
             _town("2", "Tripoli", 32.9, 13.2, 50_000, arabic="طرابلس")]
    town, how = match_city(_city("Tripoli", ("طرابلس",)), [(towns, 1, "")])
    assert town.geonameid == "2" and how == "english+arabic"


def test_two_far_towns_of_one_name_and_like_size_are_ambiguous_and_get_no_point():
    towns = [_town("1", "Newtown", 10.0, 10.0, 100_000), _town("2", "Newtown", 12.0, 12.0, 80_000)]
    town, how = match_city(_city("Newtown", ("نيوتاون",)), [(towns, 1, "")])
    assert town is None and how.startswith("ambiguous")
    towns[1] = _town("2", "Newtown", 12.0, 12.0, 8_000)  # a village of the same name: the city wins
    assert match_city(_city("Newtown", ("نيوتاون",)), [(towns, 1, "")])[0].geonameid == "1"
    towns[1] = _town("2", "Newtown", 10.1, 10.1, 80_000)  # two rows of one place: the larger
    assert match_city(_city("Newtown", ("نيوتاون",)), [(towns, 1, "")])[0].geonameid == "1"


def test_a_capital_takes_the_seat_of_government_and_sizes_that_disagree_are_other_places():
    towns = [_town("1", "Capitol Heights", 5.0, 5.0, 20_000, arabic="كابيتول"),
             _town("2", "Capitol", 7.0, 7.0, 60_000, feature="PPLC", alternates="Capitol City")]
    assert match_city(_city("Capitol City", ("كابيتول",), capital=True), [(towns, 1, "")])[0].geonameid == "2"
    small = [_town("3", "Ariel", 32.1, 35.2, 20_000), _town("4", "Old Town", 31.8, 35.2, 900_000,
                                                               alternates="Ariel", arabic="أريئيل")]
    town, _ = match_city(_city("Ariel", ("أريئيل",), population=20_000), [(small, 1, "")])
    assert town.geonameid == "3"


def test_the_neighbours_and_the_world_are_searched_only_with_stronger_names():
    here: list[Town] = []
    near = [_town("1", "Borderville", 1.0, 1.0, 30_000, alternates="Border Town")]
    world = [_town("2", "Border Town", 40.0, 40.0, 30_000, arabic="بوردر")]
    pools = [(here, 1, ""), (near, 2, " (neighbour)"), (world, 3, " (elsewhere)")]
    town, how = match_city(_city("Border Town", ("بوردر",)), pools)  # an alternate name alone is too weak
    assert town.geonameid == "2" and how == "english+arabic (elsewhere)"


def test_english_names_compare_without_accents_articles_or_punctuation():
    assert latin_key("Al Ḩudaydah") == latin_key("al-Hudaydah") == "hudaydah"
    assert latin_key("Nukuʻalofa") == latin_key("Nuku'alofa")


def test_the_tool_rewrites_the_committed_table(kb, shared_data):
    if not (shared_data / "geonames-cities15000" / "cities15000.zip").exists():
        pytest.skip("GeoNames cities15000 not in the shared data; the committed table is tested above")
    points, _ = build_points(shared_data, kb)
    assert sorted(p.row() for p in points) == sorted(tuple(r.values()) for r in _table())
