"""Grading-only cases of chapter 04's checks (see shared/checks/hidden/__init__.py)."""

import numpy as np

from shared import Activation_LeakyReLU, Activation_ReLU
from shared.checks import Case
from shared.checks.ch04 import LogProbabilities, reference


def _batch(rng):
    """A batch of 1 to 5 rows and 1 to 6 columns, with negatives, zeros and positives."""
    shape = tuple(int(n) for n in rng.integers(1, 7, size=2))
    values = rng.normal(scale=3.0, size=shape)
    values[rng.random(shape) < 0.2] = 0.0
    return values


def _relu_fixed():
    x = np.array([[6.0, -6.0, 0.5], [-0.5, 2.0, -2.0], [1.0, 1.0, -1.0]])
    return [
        Case(args=(x,), expected=reference(Activation_ReLU(), x)),
        Case(args=(np.array([0.0, 0.0]),), expected=np.array([0.0, 0.0]), label="[0, 0]"),
    ]


def _relu_fresh(rng):
    return [
        Case(args=(x,), expected=reference(Activation_ReLU(), x))
        for x in (_batch(rng), _batch(rng))
    ]


def _leaky_fixed():
    x = np.array([[-10.0, 10.0, -0.5], [4.0, -4.0, 0.0]])
    return [Case(args=(x, 0.2), expected=reference(Activation_LeakyReLU(0.2), x))]


def _leaky_fresh(rng):
    cases = []
    for _ in range(3):
        x, alpha = _batch(rng), float(rng.choice([0.0, 0.01, 0.05, 0.1, 0.3]))
        cases.append(Case(args=(x, alpha), expected=reference(Activation_LeakyReLU(alpha), x)))
    return cases


def _log_softmax_fixed():
    return [
        Case(args=(x,), expected=LogProbabilities(x))
        for x in (
            np.array([[3.0, 1.0], [-500.0, -501.0]]),
            np.array([[0.5, -0.5, 2.0, 1.0], [10.0, 10.0, 0.0, -10.0], [-3.0, 4.0, 0.0, 0.0]]),
            np.array([[7.0]]),
        )
    ]


def _log_softmax_fresh(rng):
    cases = []
    for offset in (0.0, float(rng.uniform(500, 2000)), float(rng.uniform(-2000, -500))):
        scores = _batch(rng) * rng.uniform(1, 300) + offset
        if scores.shape[1] > 1:
            scores[0, 0] = scores[0].max() - 1000  # a probability that underflows to 0
        cases.append(Case(args=(scores,), expected=LogProbabilities(scores)))
    return cases


HIDDEN = {
    "relu_forward": _relu_fixed,
    "leaky_relu": _leaky_fixed,
    "log_softmax": _log_softmax_fixed,
}
FRESH = {"relu_forward": _relu_fresh, "leaky_relu": _leaky_fresh, "log_softmax": _log_softmax_fresh}
