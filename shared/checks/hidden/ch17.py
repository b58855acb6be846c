"""Grading-only cases of chapter 17's checks (see shared/checks/hidden/__init__.py)."""

import numpy as np

from shared.checks.ch17 import Subgradient, huber_case, mae_cases, reference_mae_forward

HIDDEN_INPUTS = [
    (
        "1 sample with 4 outputs, one exactly on target",
        np.array([[3.0, -2.0, 0.5, 1.0]]),
        np.array([[1.0, -2.0, 1.5, -1.0]]),
    )
]


def _fresh_inputs(rng):
    inputs = []
    for _ in range(3):
        n, k = int(rng.integers(1, 5)), int(rng.integers(1, 4))
        y_true = rng.normal(size=(n, k)).round(2)
        y_pred = np.where(rng.random((n, k)) < 0.2, y_true, rng.normal(size=(n, k)).round(2))
        inputs.append((f"{n} random samples with {k} outputs", y_pred, y_true))
    return inputs


def _fresh_huber(rng):
    cases = []
    for _ in range(3):
        n, k = int(rng.integers(1, 5)), int(rng.integers(1, 4))
        delta = float(rng.choice([0.25, 0.5, 1.0]))
        y_true = rng.normal(size=(n, k)).round(2)
        error = rng.uniform(-3 * delta, 3 * delta, size=(n, k)).round(3)
        error = np.where(
            np.abs(np.abs(error) - delta) < 0.01, error + 0.05, error
        )  # clear of the seam
        cases.append(
            huber_case(f"{n} random samples with {k} outputs", y_true + error, y_true, delta)
        )
    return cases


HIDDEN = {
    "Loss_MeanAbsoluteError.forward": lambda: mae_cases(HIDDEN_INPUTS, reference_mae_forward),
    "Loss_MeanAbsoluteError.backward": lambda: mae_cases(HIDDEN_INPUTS, Subgradient),
    "huber_backward": lambda: [
        huber_case(
            "1 sample with 4 outputs, errors inside and beyond delta 2",
            np.array([[3.0, -2.0, 0.5, 6.0]]),
            np.array([[1.5, -2.0, 1.5, -1.0]]),
            2.0,
        )
    ],
}
FRESH = {
    "Loss_MeanAbsoluteError.forward": lambda rng: mae_cases(
        _fresh_inputs(rng), reference_mae_forward
    ),
    "Loss_MeanAbsoluteError.backward": lambda rng: mae_cases(_fresh_inputs(rng), Subgradient),
    "huber_backward": _fresh_huber,
}
