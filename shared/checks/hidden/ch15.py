"""Grading-only cases of chapter 15's checks (see shared/checks/hidden/__init__.py)."""

import numpy as np

from shared.checks.ch15 import dropconnect_case, dropout_case, relu_dropout_case

COLUMN = np.array([[1.5], [-3.0], [0.5]])
COLUMN_MASK = np.array([[1], [1], [0]])


def _mask(rng, shape, rate):
    return (rng.random(shape) >= rate).astype(int)


def _away_from_zero(rng, shape):
    """Inputs of a few decimals, none closer to 0 than 0.05 (ReLU's corner)."""
    values = rng.normal(size=shape).round(2)
    return np.where(np.abs(values) < 0.05, 0.5, values)


def _hidden_forward():
    return [
        dropout_case("a column [1.5, -3, 0.5], rate 0.1, mask [1, 1, 0]", COLUMN, COLUMN_MASK, 0.1)
    ]


def _fresh_forward(rng):
    cases = []
    for _ in range(3):
        shape, rate = (
            tuple(int(v) for v in rng.integers(1, 5, size=2)),
            float(rng.choice([0.1, 0.2, 0.4, 0.6])),
        )
        cases.append(
            dropout_case(
                f"a random {shape[0]}x{shape[1]} batch, rate {rate:g}, a random mask",
                rng.normal(size=shape).round(2),
                _mask(rng, shape, rate),
                rate,
            )
        )
    return cases


def _hidden_relu_dropout():
    return [
        relu_dropout_case(
            "a column: dvalues [1.5, -3, 0.5], inputs [2, -1, 4], rate 0.6, mask [1, 1, 0]",
            COLUMN,
            np.array([[2.0], [-1.0], [4.0]]),
            COLUMN_MASK,
            0.6,
        )
    ]


def _fresh_relu_dropout(rng):
    cases = []
    for _ in range(3):
        shape, rate = (
            tuple(int(v) for v in rng.integers(1, 5, size=2)),
            float(rng.choice([0.1, 0.3, 0.5])),
        )
        cases.append(
            relu_dropout_case(
                f"a random {shape[0]}x{shape[1]} batch, rate {rate:g}, a random mask",
                rng.normal(size=shape).round(2),
                _away_from_zero(rng, shape),
                _mask(rng, shape, rate),
                rate,
            )
        )
    return cases


def _hidden_dropconnect():
    rng = np.random.default_rng(15)
    return [
        dropconnect_case(
            "3 samples, a 4x2 weight matrix, rate 0.4",
            rng.normal(size=(3, 4)),
            rng.normal(size=(4, 2)),
            np.array([[1, 1], [0, 1], [1, 0], [1, 1]]),
            0.4,
            rng.normal(size=(3, 2)),
        )
    ]


def _fresh_dropconnect(rng):
    cases = []
    for _ in range(2):
        n, n_in, n_out = (int(v) for v in rng.integers(1, 5, size=3))
        rate = float(rng.choice([0.2, 0.5]))
        cases.append(
            dropconnect_case(
                f"{n} random samples, a random {n_in}x{n_out} weight matrix, rate {rate:g}",
                rng.normal(size=(n, n_in)).round(2),
                rng.normal(size=(n_in, n_out)).round(2),
                _mask(rng, (n_in, n_out), rate),
                rate,
                rng.normal(size=(n, n_out)).round(2),
            )
        )
    return cases


HIDDEN = {
    "dropout_forward": _hidden_forward,
    "relu_dropout_backward": _hidden_relu_dropout,
    "dropconnect_backward": _hidden_dropconnect,
}
FRESH = {
    "dropout_forward": _fresh_forward,
    "relu_dropout_backward": _fresh_relu_dropout,
    "dropconnect_backward": _fresh_dropconnect,
}
