"""Logistic regression over sets of binary features, by Newton steps with an L2 penalty (the bias is
not penalised): the learner the events tools share (events_realis.py, events_confidence.py)."""

from __future__ import annotations

import numpy as np


def fit_logistic(rows: list[dict], min_count: int, l2: float) -> tuple[float, dict[str, float]]:
    """(bias, weight per feature) learned from rows {"features": set of names, "yes": bool} (or a
    "target" between 0 and 1: the share of annotators who said yes); features seen on fewer than
    `min_count` rows get no weight. Weights are rounded to 4 places."""
    counts: dict[str, int] = {}
    for r in rows:
        for f in r["features"]:
            counts[f] = counts.get(f, 0) + 1
    names = sorted(f for f, n in counts.items() if n >= min_count)
    x = np.array([[1.0] + [float(f in r["features"]) for f in names] for r in rows])
    y = np.array([float(r.get("target", r["yes"])) for r in rows])  # a share of annotators, or yes/no
    w = np.zeros(x.shape[1])
    decay = np.full(x.shape[1], l2)
    decay[0] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-x @ w))
        grad = x.T @ (p - y) + decay * w
        hess = x.T @ (x * (p * (1 - p))[:, None]) + np.diag(decay + 1e-6)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return float(w[0]), {n: round(float(v), 4) for n, v in zip(names, w[1:], strict=True)}
