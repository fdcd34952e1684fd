"""The event lexicon: one YAML file per PLOVER type under events/lexicon/, validated and compiled.

A file names its `type`, a default CAMEO `cameo` code and its `entries`. An entry is one of
  verb:   "past/present" pairs (or a list of them), conjugated here into the common news forms
  forms:  surface forms as written (irregular verbs, participles)
  noun:   verbal nouns and other nouns, written without the article (matched with or without it)
  phrase: words separated by spaces; "a|b" gives alternatives, "past/present" a conjugated verb,
          "*" a gap of up to `gap` words (3 unless told)
with optional `cameo`, `mode` and constraints (`after`, `window`, `not_after`, `not_before`, `swap`,
`joint`). Matching is on folded forms (`fold`), so spelling variants of hamza and ta marbuta need no
entries of their own. Errors name the file and line (DataFileError).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from khabar.errors import DataFileError
from khabar.events.report import Context, ReportRule, parse_report, read_context
from khabar.events.scales import CAMEO_ROOTS, PLOVER_TYPES, ROOTS_OF_TYPE
from khabar.lang.normalize import fold
from khabar.resources import data_path

LEXICON_DIR = "lexicon"
DEFAULT_GAP = 3
DEFAULT_WINDOW = 3
KINDS = ("verb", "forms", "noun", "phrase")
OPTIONS = frozenset({"cameo", "mode", "after", "near", "not_near", "window", "not_after", "not_before", "swap", "joint", "bare", "speaker", "gap", "partner",
                     "note", "__line__"})
_NO_ACCUSATIVE = "اهيوى"
FILE_KEYS = frozenset({"type", "cameo", "note", "block_before", "entries", "report", "__line__"})


@dataclass(frozen=True, slots=True)
class Entry:
    """One compiled lexicon entry: a sequence of slots (sets of folded forms) with gaps between them."""

    type: str
    cameo: str
    slots: tuple[frozenset[str], ...]
    gaps: tuple[int, ...]  # most words allowed before each slot (the first is 0)
    verbal: tuple[bool, ...]  # per slot: verb forms, which never carry the article
    verb_forms: frozenset[str] = frozenset()  # forms of the first slot that are verbs (not nouns)
    present: frozenset[str] = frozenset()  # verb forms of the first slot in the present tense
    mode: str | None = None
    after: frozenset[str] = frozenset()  # one of these must follow within `window` words
    near: frozenset[str] = frozenset()  # one of these must stand within `window` words on either side
    not_near: frozenset[str] = frozenset()  # none of these may stand within `window` words on either side
    window: int = DEFAULT_WINDOW
    not_after: frozenset[str] = frozenset()  # the next word must not be one of these
    not_before: frozenset[str] = frozenset()  # the word before must not be one of these
    swap: bool = False  # the grammatical subject is the target ("استقبل": the guest is the source)
    joint: bool = False  # an act done together: joint subjects act towards each other
    bare: bool = False  # the first word matches only without the article ("قتل", not "القتل")
    speaker: bool = False  # the source is who speaks; the genitive after the trigger is the target
    named: bool = False  # (speaker: named) no event unless the speaker and the actor after are both coded
    partner: bool = False  # the other side is named with مع (or the subjects are joint): the object is the topic
    jussive: frozenset[str] = frozenset()  # short forms of a verb with a weak middle letter ("يزر"): only after لم/لا
    source: str = field(default="", compare=False)  # "path:line"


@dataclass(slots=True)
class Lexicon:
    """Entries indexed by the forms of their first slot; `block_before` per type."""

    index: dict[str, list[Entry]]
    block_before: dict[str, frozenset[str]]
    sizes: dict[str, tuple[int, int]]  # per type: (entries, forms)
    reports: dict[str, ReportRule] = field(default_factory=dict)  # per type: when a sentence reports it
    first_forms: frozenset[str] = field(init=False)  # the keys of `index`, for a word's forms to meet

    def __post_init__(self) -> None:
        self.first_forms = frozenset(self.index)

    def lookup(self, form: str) -> list[Entry]:
        return self.index.get(form, [])


class _LineLoader:
    """A SafeLoader that keeps the line of each mapping (as "__line__"), built on first use."""

    cls: Any = None

    @classmethod
    def get(cls) -> Any:
        if cls.cls is None:
            import yaml

            base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when libyaml is there

            class Loader(base):  # type: ignore[misc, valid-type]
                def construct_mapping(self, node: Any, deep: bool = False) -> dict:
                    mapping = super().construct_mapping(node, deep=True)
                    mapping["__line__"] = node.start_mark.line + 1
                    return mapping

            cls.cls = Loader
        return cls.cls


def conjugate(pair: str, hollow: bool = True) -> list[str]:
    """The news forms of a verb given as "past/present" (3rd person masculine singular each).

    Past: he, she, they (m, dual), we; present: he, she/you, we, I, they (m, dual, subjunctive). The
    feminine plural is left out: rare in news, and its forms collide with names ("أيدن" / "بايدن").
    Verbs with a weak last letter (دعا/يدعو, أجرى/يجري) drop it before a suffix, as written in news.
    `hollow`: also the jussive of a verb with a weak middle letter (زار/يزور: "لم يزر"); off for
    verbs whose short form is a common word ("يقل" of قال/يقول is "less").
    """
    past, _, present = pair.partition("/")
    past, present = fold(past.strip()), fold(present.strip())
    forms = {past, present} - {""}
    if past:
        stem = past[:-1] if past[-1] in "اي" else past
        forms.update({stem + "ت", stem + "وا", stem + "تا", past + "ا", past + "نا"})
        if past[-1] == "ي":
            forms.add(past + "ا")  # أجريا
    if present and present[0] in "يت":
        base = present[1:]
        forms.update({"ت" + base, "ن" + base, "ا" + base})
        for root in {present, "ت" + base}:
            weak = root[:-1] if root[-1] in "وي" else root
            forms.update({weak + "ون", root + "ان", weak + "وا"})
        if present[-1] in "وي":  # the jussive after لم drops a weak last letter: "لم يلتق"
            forms.update({present[:-1], "ت" + base[:-1], "ن" + base[:-1]})
        if hollow and len(present) == 4 and present[2] in "وي":  # and a weak middle one: "لم يزر", "لم تدن"
            forms.update(p + base[0] + base[2] for p in "يتن")
    return sorted(f for f in forms if len(f) >= 2)


def present_forms(pair: str) -> frozenset[str]:
    """The forms `conjugate` makes from the present stem of "past/present"."""
    past, _, present = pair.partition("/")
    if not present.strip():
        return frozenset()
    return frozenset(conjugate("/" + present)) - set(conjugate(past + "/"))


def _words(value: Any, path: str, line: int, what: str) -> list[str]:
    if isinstance(value, str | int):
        value = [value]
    if isinstance(value, list):
        value = [str(v) if isinstance(v, int) else v for v in value]  # years and numbers are words too
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataFileError(path, line, f"{what} must be a word or a list of words")
    return [v.strip() for v in value]


def _slot(word: str, path: str, line: int, noun: bool) -> tuple[frozenset[str], frozenset[str]]:
    """Folded forms of one slot (alternatives split on "|") and those of them that are conjugated
    verbs ("past/present")."""
    forms: set[str] = set()
    verbs: set[str] = set()
    for alt in word.split("|"):
        if "/" in alt:
            verbs.update(conjugate(alt))
            continue
        key = fold(alt)
        if not key:
            raise DataFileError(path, line, f"empty form in {word!r}")
        if noun and key.startswith("ال") and len(key) > 4:
            raise DataFileError(path, line, f"write the noun {alt!r} without the article")
        forms.add(key)
        if key[-1] not in _NO_ACCUSATIVE:
            forms.add(key + "ا")  # the accusative of an indefinite noun is written with an alef
    return frozenset(forms | verbs), frozenset(verbs)


Pattern = tuple[tuple[frozenset[str], ...], tuple[int, ...], tuple[bool, ...], frozenset[str]]


def _slots(kind: str, value: Any, path: str, line: int, gap: int) -> list[Pattern]:
    """One (slots, gaps, verbal, verb forms of the first slot) per pattern the entry gives."""
    words = _words(value, path, line, kind)
    if kind == "verb":
        bad = [w for w in words if w.count("/") != 1]
        if bad:
            raise DataFileError(path, line, f"a verb is written past/present: {bad[0]!r}")
        forms = frozenset(f for w in words for f in conjugate(w))
        return [((forms,), (0,), (True,), forms)]
    out: list[Pattern] = []
    if kind in ("forms", "noun"):
        single = [w for w in words if " " not in w]
        if single:
            slot, _ = _slot("|".join(single), path, line, noun=kind == "noun")
            out.append(((slot,), (0,), (False,), slot if kind == "forms" else frozenset()))
        words = [w for w in words if " " in w]  # a noun of several words is a phrase without gaps
    for phrase in words:
        slots: list[frozenset[str]] = []
        gaps: list[int] = []
        verbal: list[bool] = []
        first_verbs: frozenset[str] | None = None
        pending = 0
        for word in phrase.split():
            if word == "*":
                if not slots or pending:
                    raise DataFileError(path, line, f"misplaced gap in {phrase!r}")
                pending = gap
                continue
            forms, verbs = _slot(word, path, line, noun=False)
            slots.append(forms)
            gaps.append(pending)
            verbal.append(forms == verbs)
            first_verbs = verbs if first_verbs is None else first_verbs
            pending = 0
        if len(slots) < 2 or pending:
            raise DataFileError(path, line, f"a phrase needs two words or more and no gap at its end: {phrase!r}")
        out.append((tuple(slots), tuple(gaps), tuple(verbal), first_verbs or frozenset()))
    return out


def _cameo(value: Any, plover: str, path: str, line: int) -> str:
    code = str(value).strip()
    if not code.isdigit() or code[:2] not in CAMEO_ROOTS or not 2 <= len(code) <= 4:
        raise DataFileError(path, line, f"unknown CAMEO code {value!r}")
    if code[:2] not in ROOTS_OF_TYPE[plover]:
        raise DataFileError(path, line, f"CAMEO root {code[:2]} is not a {plover} event")
    return code


def _entries(raw: dict, plover: str, default_cameo: str, path: str, context: Context) -> Iterable[Entry]:
    line = raw.get("__line__", 0)
    kinds = [k for k in KINDS if k in raw]
    if len(kinds) != 1:
        raise DataFileError(path, line, f"an entry has exactly one of {', '.join(KINDS)}")
    unknown = set(raw) - OPTIONS - set(KINDS)
    if unknown:
        raise DataFileError(path, line, f"unknown key {sorted(unknown)[0]!r}")
    cameo = _cameo(raw["cameo"], plover, path, line) if "cameo" in raw else default_cameo
    window = raw.get("window", DEFAULT_WINDOW)
    gap = raw.get("gap", DEFAULT_GAP)
    if not isinstance(window, int) or not isinstance(gap, int) or window < 1 or gap < 1:
        raise DataFileError(path, line, "window and gap are whole numbers from 1")
    if raw.get("speaker") not in (None, True, False, "named"):
        raise DataFileError(path, line, "speaker is true, false or named")

    def folded(key: str) -> frozenset[str]:
        """The words of option `key`; "@name" takes a list of context.yaml ("@culture")."""
        out: set[str] = set()
        for w in _words(raw[key], path, line, key) if key in raw else []:
            if w.startswith("@") and w[1:] not in context:
                raise DataFileError(path, line, f"no list {w[1:]!r} in context.yaml")
            out |= context[w[1:]] if w.startswith("@") else {fold(w)}
        return frozenset(out)

    first_words = _words(raw[kinds[0]], path, line, kinds[0]) if kinds[0] in ("verb", "phrase") else []
    present = frozenset(f for w in first_words for alt in w.split()[0].split("|") if "/" in alt
                        for f in present_forms(alt))
    jussive = frozenset(f for w in first_words for alt in w.split()[0].split("|") if "/" in alt
                        for f in set(conjugate(alt)) - set(conjugate(alt, hollow=False)))
    for slots, gaps, verbal, verb_forms in _slots(kinds[0], raw[kinds[0]], path, line, gap):
        yield Entry(plover, cameo, slots, gaps, verbal, verb_forms, present, mode=raw.get("mode"), after=folded("after"),
                    near=folded("near"), not_near=folded("not_near"), window=window, not_after=folded("not_after"), not_before=folded("not_before"),
                    swap=bool(raw.get("swap")), joint=bool(raw.get("joint")), bare=bool(raw.get("bare")),
                    speaker=bool(raw.get("speaker")), named=raw.get("speaker") == "named",
                    partner=bool(raw.get("partner")), jussive=jussive,
                    source=f"{path}:{line}")


def read_file(path: Path, context: Context) -> tuple[str, list[Entry], frozenset[str], ReportRule | None]:
    """(type, entries, block_before, report rule) of one lexicon file; raises DataFileError on a bad entry."""
    import yaml

    name = str(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader.get())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataFileError(name, mark.line + 1 if mark else 0, f"not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise DataFileError(name, 1, "a lexicon file is a mapping with type, cameo and entries")
    unknown = set(data) - FILE_KEYS
    if unknown:
        raise DataFileError(name, data["__line__"], f"unknown key {sorted(unknown)[0]!r}")
    plover = data.get("type")
    if plover not in PLOVER_TYPES:
        raise DataFileError(name, data["__line__"], f"unknown PLOVER type {plover!r}")
    cameo = _cameo(data.get("cameo"), plover, name, data["__line__"])
    entries = data.get("entries")
    if not isinstance(entries, list) or not entries:
        raise DataFileError(name, data["__line__"], "entries must be a non-empty list")
    out: list[Entry] = []
    for raw in entries:
        if not isinstance(raw, dict):
            raise DataFileError(name, data["__line__"], f"an entry is a mapping, not {raw!r}")
        out.extend(_entries(raw, plover, cameo, name, context))
    block = frozenset(fold(w) for w in data.get("block_before") or [])
    report = parse_report(data["report"], name, data["__line__"], context) if "report" in data else None
    return plover, out, block, report


def compile_lexicon(paths: Iterable[Path], context: Context | None = None) -> Lexicon:
    """The lexicon of the type files `paths` (their `@name` lists from `context`, default context.yaml)."""
    context = read_context() if context is None else context
    index: dict[str, list[Entry]] = defaultdict(list)
    block: dict[str, frozenset[str]] = {}
    sizes: dict[str, tuple[int, int]] = {}
    reports: dict[str, ReportRule] = {}
    for path in paths:
        plover, entries, block_before, report = read_file(path, context)
        if report is not None:
            reports[plover] = report
        block[plover] = block.get(plover, frozenset()) | block_before
        n, forms = sizes.get(plover, (0, 0))
        sizes[plover] = (n + len(entries), forms + sum(len(s) for e in entries for s in e.slots))
        for entry in entries:
            for form in entry.slots[0]:
                index[form].append(entry)
    for entries in index.values():
        entries.sort(key=lambda e: -len(e.slots))  # longer patterns first
    return Lexicon(dict(index), block, sizes, reports)


def lexicon_paths() -> list[Path]:
    folder = data_path("khabar.events", LEXICON_DIR)
    return [folder / f"{t.lower()}.yaml" for t in PLOVER_TYPES]


def load_lexicon(context: Context | None = None) -> Lexicon:
    """The packaged lexicon, read afresh (the pipeline reads it once, in the event tables)."""
    return compile_lexicon(lexicon_paths(), context)
