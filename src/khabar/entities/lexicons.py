"""Gazetteers for the tagger's features: named sources, each giving {type: folded names}.

A model records which sources it was trained with; the same sources are rebuilt when it is
loaded. Sources are optional: one that cannot be read (e.g. no knowledge base installed) is
empty, and the model still tags, only with less help.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

Gazetteers = dict[str, frozenset[str]]
NAMES_FILE = "ner-person-names.txt"


def kb_gazetteers() -> Gazetteers:
    """Names of places, organisations and people, and demonyms (type DEM), from `khabar.kb`."""
    try:
        from khabar.kb import default_kb
    except ImportError:
        return {}
    kb = default_kb()
    out: dict[str, set[str]] = {}
    for name, entry in kb.names():
        if name:
            out.setdefault(entry.type, set()).add(name)
    out["DEM"] = {name for name, _ in kb.demonyms() if name}
    return {t: frozenset(v) for t, v in out.items()}


def name_list_gazetteers(model_dir: Path) -> Gazetteers:
    """Single-word person-name parts shipped beside the model (type NAME)."""
    path = model_dir / NAMES_FILE
    if not path.exists():
        return {}
    words = [w for w in path.read_text(encoding="utf-8").split("\n") if w and not w.startswith("#")]
    return {"NAME": frozenset(words)}


def load_gazetteers(sources: Iterable[str], model_dir: Path,
                    extra: Mapping[str, Callable[[], Mapping[str, Iterable[str]]]] | None = None) -> Gazetteers:
    """Merge the named sources ("kb", "names", or keys of `extra`) into one {type: names} mapping."""
    builtin: dict[str, Callable[[], Mapping[str, Iterable[str]]]] = {
        "kb": kb_gazetteers, "names": lambda: name_list_gazetteers(model_dir)}
    builtin.update(extra or {})
    merged: dict[str, set[str]] = {}
    for src in sources:
        for typ, names in builtin[src]().items():
            merged.setdefault(typ, set()).update(names)
    return {t: frozenset(v) for t, v in merged.items()}
