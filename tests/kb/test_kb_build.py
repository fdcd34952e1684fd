"""`khabar kb build` from the shared open data, and the figures of `khabar kb stats`."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.kb import KnowledgeBase
from khabar.kb.build import build, build_cities, geonames_places
from khabar.kb.load import build_entries, package_sources, user_sources
from khabar.kb.stats import kb_stats
from khabar.lang.normalize import fold


@pytest.fixture(scope="module")
def core() -> KnowledgeBase:
    return KnowledgeBase(build_entries(package_sources(core_only=True)))


@pytest.fixture(scope="module")
def built(tmp_path_factory, shared_data: Path, core: KnowledgeBase) -> Path:
    out = tmp_path_factory.mktemp("open")
    build(shared_data, out, core)
    return out


def _rows(path: Path) -> list[dict[str, str]]:
    lines = [x for x in path.read_text(encoding="utf-8").splitlines() if x and not x.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, x.split("\t"), strict=True)) for x in lines[1:]]


def test_kb_build_every_row_says_its_source_and_licence(built):
    for name in ("cities", "regions", "parties"):
        rows = _rows(built / f"{name}.tsv")
        assert rows, name
        assert all(r["source"] and r["licence"] and r["qid"].startswith("Q") for r in rows)


def test_kb_build_tables_load_with_the_core(built, core):
    kb = KnowledgeBase(build_entries([*package_sources(core_only=True), *user_sources([built])]))
    assert len(kb) > len(core)
    for entry in core.entries():  # the core wins: nothing of it is replaced
        assert kb.by_id(entry.id) == entry


def test_kb_build_leaves_out_what_the_core_has(built, core):
    core_qids = {e.id for e in core.entries()}
    core_names = {(e.country, fold(n)) for e in core.entries("city") for n in e.names_ar}
    for row in _rows(built / "cities.tsv"):
        assert row["qid"] not in core_qids
        assert not any((row["country"], fold(n)) in core_names for n in row["names_ar"].split("|"))


def test_kb_build_city_names_need_geonames_agreement(shared_data, core):
    geonames = geonames_places(shared_data)
    rows = build_cities(shared_data, core, geonames)
    # every accepted Arabic name is carried by some GeoNames place of the same state
    iso2 = {e.code: e.iso2 for e in core.entries("state")}
    for row in rows:
        names = set().union(*(p.names for p in geonames[iso2[row[2]]]))
        assert fold(row[3]) in names


def test_kb_stats_reports_counts_size_and_load_time():
    figures = kb_stats()
    assert figures["entities"] == sum(figures["by_kind"].values())
    assert 0 < figures["with_qid_total"] <= figures["entities"]
    assert figures["kb_mb"] <= figures["kb_budget_mb"]
    assert figures["package_mb"] <= figures["package_budget_mb"]
    assert figures["load_seconds"] > 0
