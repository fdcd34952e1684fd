"""States as the dashboard draws them: code, names, Wikidata id (from the knowledge base's states.tsv)
and where the capital lies (data/capitals.tsv), read once."""

from __future__ import annotations

from dataclasses import dataclass

from khabar.resources import Resources, data_path, read_tsv


@dataclass(frozen=True, slots=True)
class State:
    iso3: str
    qid: str
    name_en: str
    name_ar: str
    lat: float | None
    lon: float | None


def load_states() -> dict[str, State]:
    """States by ISO3 code (built once, by the process's Resources)."""
    return Resources.default().get(state_table)


def state_table(resources: Resources) -> dict[str, State]:
    """The resource: states by ISO3 code, with their capital's place."""
    where = {row["iso3"]: (float(row["lat"]), float(row["lon"]))
             for _, row in read_tsv(data_path("khabar.serve", "data/capitals.tsv"), ("iso3", "lat", "lon"))}
    states = {}
    for _, row in read_tsv(data_path("khabar.kb", "data/states.tsv"), ("iso3", "name_en", "names_ar")):
        lat, lon = where.get(row["iso3"], (None, None))
        states[row["iso3"]] = State(row["iso3"], row.get("qid", ""), row["name_en"],
                                    row["names_ar"].split("|")[0], lat, lon)
    return states
