"""Whether a sentence reports an event of a type, by a logistic model learned from labelled sentences.

The features are those a reader weighs (see report.py): the tense and clause of the trigger, a
question, a year, length, the evidence lists of the type's `report` block, every word list of
context.yaml (claims, series, traffic among them), whether only the people of a protest are named
("رفع المتظاهرون"), and the modes of the triggers (negated, future, hypothetical). The weights are learned
by `tools/events_realis.py` from the labelled sentences of the Arabic PLOVER gold standard and kept
in data/realis.json; a type without learned weights falls back on the points of its `report` block.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from khabar.errors import DataFileError
from khabar.events.report import (
    FEATURES,
    Context,
    Evidence,
    ReportRule,
    evidence_found,
    is_number,
    report_parts,
)
from khabar.resources import data_path

if TYPE_CHECKING:
    from khabar.events.modes import Modes
    from khabar.events.triggers import Match, SentenceWords

MODEL_FILE = "data/realis.json"


@dataclass(frozen=True, slots=True)
class RealisModel:
    """Weights of one type: the probability that a sentence with a trigger of it reports it."""

    bias: float
    weights: dict[str, float]
    threshold: float

    def probability(self, features: Iterable[str]) -> float:
        score = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(min(score, 30.0), -30.0)))


def read_models() -> dict[str, RealisModel]:
    """The learned models by PLOVER type (empty when the file is absent; read once, by the event
    tables)."""
    path = data_path("khabar.events", MODEL_FILE)
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {t: RealisModel(float(m["bias"]), {k: float(v) for k, v in m["weights"].items()},
                               float(m["threshold"])) for t, m in data["types"].items()}
    except (ValueError, KeyError, TypeError) as exc:
        raise DataFileError(str(path), 0, f"not a realis model: {exc}") from exc


def context_evidence(context: Context) -> tuple[tuple[str, Evidence], ...]:
    """Each word list of context.yaml as a feature of its own."""
    return tuple((f"@{name}", Evidence(0, words)) for name, words in sorted(context.items())
                 if name not in ("negations", "relatives"))


def realis_features(words: SentenceWords, matches: Sequence[Match], rule: ReportRule,
                    modes: Sequence[Modes]) -> frozenset[str]:
    """The names of the features that hold for the sentence's triggers of one type."""
    parts = report_parts(words, matches, _all_features(rule))
    found = set(parts)
    # the block's own points, from the same parts: each computed feature weighs what the rule gives it
    points = sum(rule.features[name] if name in FEATURES else weight for name, weight in parts.items()
                 if name in rule.features or name not in FEATURES) - rule.threshold
    found.update(f"points>={n:+d}" for n in range(-3, 3) if points >= n)  # the block's hand-set points
    if any(map(is_number, words.texts)):
        found.add("number")
    tables = words.tables
    context = tables.context
    negations = context.get("negations", frozenset()) | context.get("relatives", frozenset())
    found.update(name for name, item in tables.context_evidence if evidence_found(words, item, negations))
    if any(m.negated for m in modes):
        found.add("negated")
    if any(m.future for m in modes):
        found.add("future")
    if any(m.hypothetical for m in modes):
        found.add("hypothetical")
    if all(m.negated or m.future or m.hypothetical for m in modes):
        found.add("irrealis")  # every trigger denied, planned, feared or intended
    if not any(m.verbal for m in matches):
        found.add("nouns_only")
    found.update(f"cameo{m.entry.cameo}" for m in matches)  # the kind of act: a killing, a raid, a march
    if len(matches) > 1:
        found.add("several")
    participants = context.get("participants")
    if participants and all(words.forms[j].all & participants for m in matches for j in m.words):
        found.add("participants_only")  # the people of a protest named, the protest itself not
    return frozenset(found)


def _all_features(rule: ReportRule) -> ReportRule:
    """The rule with every computed feature switched on, so that report_parts names all that hold."""
    return ReportRule(rule.threshold, dict.fromkeys(FEATURES, 1), rule.evidence, rule.realis)


def reports(plover: str, words: SentenceWords, matches: Sequence[Match], rule: ReportRule,
            modes: Sequence[Modes]) -> bool:
    """Does the sentence report its triggers of `plover`? The learned model where there is one."""
    return judge(plover, words, matches, rule, modes)[0]


def doubt(plover: str, words: SentenceWords, matches: Sequence[Match], rule: ReportRule,
          modes: Sequence[Modes]) -> float:
    """The learned probability that the sentence reports its triggers of `plover` (1.0 without a model)."""
    model = words.tables.models.get(plover)
    return 1.0 if model is None else model.probability(realis_features(words, matches, rule, modes))


def judge(plover: str, words: SentenceWords, matches: Sequence[Match], rule: ReportRule,
          modes: Sequence[Modes], features: frozenset[str] | None = None) -> tuple[bool, float]:
    """`reports` and `doubt` together, the features worked out once (or given, when the caller made
    them already); the probability is 0.0 where the block rules the sentence out before any model
    (only irrealis triggers), 1.0 where the type has no model."""
    if rule.realis and all(m.negated or m.future or m.hypothetical for m in modes):
        return False, 0.0  # only named as denied, planned, feared or intended
    model = words.tables.models.get(plover)
    if model is None:
        return sum(report_parts(words, matches, rule).values()) >= rule.threshold, 1.0
    if features is None:
        features = realis_features(words, matches, rule, modes)
    probability = model.probability(features)
    return probability >= model.threshold, probability
