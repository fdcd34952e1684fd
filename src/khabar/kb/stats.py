"""Figures of the packaged knowledge base: entities by kind, how many carry a Wikidata QID, how
many come from open data, size on disk and load time (`khabar kb stats`)."""

from __future__ import annotations

import time
from collections import Counter
from importlib import resources
from pathlib import Path

from khabar.kb.base import KnowledgeBase
from khabar.kb.load import build_entries, package_sources

KB_BUDGET_MB = 4.0  # the knowledge base's tables; the package as a whole stays under 40 MB
PACKAGE_BUDGET_MB = 40.0


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def kb_stats() -> dict[str, object]:
    began = time.perf_counter()
    kb = KnowledgeBase(build_entries(package_sources()))
    load_seconds = time.perf_counter() - began
    kinds: Counter[str] = Counter()
    with_qid: Counter[str] = Counter()
    open_data: Counter[str] = Counter()
    for entry in kb.entries():
        kinds[entry.kind] += 1
        with_qid[entry.kind] += not entry.id.startswith("khabar:")
        open_data[entry.kind] += "/open/" in entry.source
    data = Path(str(resources.files("khabar.kb") / "data"))
    package = Path(str(resources.files("khabar")))
    return {
        "entities": len(kb), "by_kind": dict(kinds), "with_qid": dict(with_qid),
        "with_qid_total": sum(with_qid.values()), "from_open_data": dict(open_data),
        "terms_of_office": sum(1 for _ in kb.terms()), "names_ar": sum(1 for _ in kb.names()),
        "kb_mb": round(_size(data) / 1e6, 2), "kb_budget_mb": KB_BUDGET_MB,
        "package_mb": round(_size(package) / 1e6, 2), "package_budget_mb": PACKAGE_BUDGET_MB,
        "load_seconds": round(load_seconds, 3),
    }
