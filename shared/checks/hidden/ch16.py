"""Grading-only cases of chapter 16's checks (see shared/checks/hidden/__init__.py)."""

import numpy as np

from shared.checks.ch16 import bce_cases, reference_backward, reference_forward, weighted_case

HIDDEN_INPUTS = [
    (
        "4 samples with 2 outputs",
        np.array([[0.5, 0.5], [0.9, 0.1], [0.3, 0.8], [0.6, 0.4]]),
        np.array([[1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]),
    ),
    (
        "1 sample with 4 outputs, one prediction exactly 1 on a target of 0",
        np.array([[0.2, 0.7, 1.0, 0.5]]),
        np.array([[0.0, 1.0, 0.0, 0.0]]),
    ),
]


def _fresh_inputs(rng):
    inputs = []
    for _ in range(3):
        n, k = int(rng.integers(1, 5)), int(rng.integers(1, 5))
        inputs.append(
            (
                f"{n} random samples with {k} outputs",
                rng.uniform(0.02, 0.98, size=(n, k)).round(3),
                rng.integers(0, 2, size=(n, k)).astype(float),
            )
        )
    return inputs


def _fresh_weighted(rng):
    cases = []
    for _ in range(3):
        n, k = int(rng.integers(1, 5)), int(rng.integers(1, 4))
        cases.append(
            weighted_case(
                f"{n} random samples with {k} outputs",
                rng.normal(size=(n, k)).round(2),
                rng.integers(0, 2, size=(n, k)).astype(float),
                float(rng.choice([0.5, 2.0, 3.0, 10.0])),
            )
        )
    return cases


HIDDEN = {
    "Loss_MultiLabelBinaryCrossentropy.forward": lambda: bce_cases(
        reference_forward, HIDDEN_INPUTS
    ),
    "Loss_MultiLabelBinaryCrossentropy.backward": lambda: bce_cases(
        reference_backward, HIDDEN_INPUTS
    ),
    "weighted_bce_backward": lambda: [
        weighted_case(
            "1 sample with 4 outputs, all targets yes",
            np.array([[-3.0, 0.0, 1.0, 4.0]]),
            np.ones((1, 4)),
            0.25,
        )
    ],
}
FRESH = {
    "Loss_MultiLabelBinaryCrossentropy.forward": lambda rng: bce_cases(
        reference_forward, _fresh_inputs(rng)
    ),
    "Loss_MultiLabelBinaryCrossentropy.backward": lambda rng: bce_cases(
        reference_backward, _fresh_inputs(rng)
    ),
    "weighted_bce_backward": _fresh_weighted,
}
