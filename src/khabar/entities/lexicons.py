"""Gazetteers for the tagger's features: named sources, each giving {type: folded names}.

A model records which sources it was trained with; the same sources are rebuilt when it is
loaded. Sources are optional: one that cannot be read (e.g. no knowledge base installed) is
empty, and the model still tags, only with less help.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from khabar.lang.normalize import fold

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


def build_name_list(pairs_path: Path, common: set[str], out_path: Path) -> int:
    """Person-name parts from Wikidata label transliterations (CC0), minus common news words.

    The pairs file holds `english<TAB>spaced Arabic letters<TAB>count`; alignment noise brings in
    function words, so folded forms found in `common` (the most frequent corpus words) are dropped.
    """
    names: set[str] = set()
    with open(pairs_path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2:
                continue
            word = fold(parts[1].replace(" ", ""))
            if len(word) > 1 and word not in common:
                names.add(word)
    out_path.write_text("# person-name parts, folded; derived from Wikidata labels (CC0)\n"
                        + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    return len(names)
