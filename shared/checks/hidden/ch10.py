"""Grading-only cases of chapter 10's checks: fixed edge cases and fresh random ones."""

import numpy as np

from shared.checks.ch10 import (
    _adam_case,
    _cosine_case,
    _cube,
    _nesterov_case,
    _valley_gradient,
    smoothed_case,
)


def _smoothed_fixed():
    return [
        smoothed_case("one loss [3.5], beta 0.99: the loss itself", [3.5], 0.99),
        smoothed_case("a rising curve [0.1, 0.2, 0.4, 0.8], beta 0.7", [0.1, 0.2, 0.4, 0.8], 0.7),
    ]


def _smoothed_fresh(rng):
    cases = []
    for _ in range(3):
        losses = [float(loss) for loss in rng.uniform(0.05, 2.5, size=int(rng.integers(3, 9)))]
        beta = float(rng.uniform(0.3, 0.99))
        cases.append(smoothed_case(f"{len(losses)} random losses, beta {beta:.4f}", losses, beta))
    return cases


def _nesterov_fixed():
    return [
        _nesterov_case(
            "gradient_at(w) = w**3 on a 2x2 matrix, lr=0.05, momentum=0.7",
            np.array([[0.3, -1.5], [2.0, 0.1]]),
            np.array([[-0.2, 0.4], [0.1, 0.0]]),
            _cube,
            0.05,
            0.7,
        )
    ]


def _nesterov_fresh(rng):
    return [
        _nesterov_case(
            "the valley at a random point with a random velocity",
            rng.uniform(-4, 4, size=2),
            rng.uniform(-1, 1, size=2),
            _valley_gradient,
            float(rng.uniform(0.005, 0.05)),
            float(rng.uniform(0.5, 0.95)),
        ),
        _nesterov_case(
            "gradient_at(w) = w**3 at a random 2x3 point",
            rng.uniform(-2, 2, size=(2, 3)),
            rng.uniform(-0.5, 0.5, size=(2, 3)),
            _cube,
            float(rng.uniform(0.01, 0.1)),
            float(rng.uniform(0.5, 0.95)),
        ),
    ]


def _adam_fixed():
    return [
        _adam_case(
            "step t=10 with beta_1=0.8, beta_2=0.99, eps=1e-6",
            np.array([0.7, -0.3]),
            np.array([-0.5, 2.0]),
            np.array([0.1, 0.3]),
            np.array([0.02, 0.5]),
            10,
            0.02,
            0.8,
            0.99,
            1e-6,
        )
    ]


def _adam_fresh(rng):
    cases = []
    for _ in range(3):
        shape = tuple(int(n) for n in rng.integers(1, 4, size=2))
        t = int(rng.integers(1, 40))
        cases.append(
            _adam_case(
                f"a random {shape} parameter at step t={t}",
                rng.normal(size=shape),
                rng.normal(size=shape),
                0.1 * rng.normal(size=shape),
                0.1 * rng.uniform(0, 1, size=shape),
                t,
                float(rng.uniform(0.001, 0.1)),
                float(rng.uniform(0.8, 0.95)),
                float(rng.uniform(0.99, 0.9999)),
                1e-7,
            )
        )
    return cases


def _cosine_fixed():
    return [
        _cosine_case(
            "step 700 of 1000, learning_rate 0.02, 100 warm-up steps", 700, 1000, 0.02, 100
        ),
        _cosine_case(
            "step 49 of 300, learning_rate 0.5, 50 warm-up steps (the last warm-up step)",
            49,
            300,
            0.5,
            50,
        ),
    ]


def _cosine_fresh(rng):
    total = int(rng.integers(50, 5000))
    warmup = int(rng.integers(1, total // 4))
    rate = float(rng.uniform(0.001, 1.0))
    return [
        _cosine_case(
            f"step {warmup} of {total}, learning_rate {rate:.4f}, {warmup} warm-up steps",
            warmup,
            total,
            rate,
            warmup,
        ),
        _cosine_case(
            f"a warm-up step of a {total}-step run",
            int(rng.integers(0, warmup)),
            total,
            rate,
            warmup,
        ),
        _cosine_case(
            f"a step after the warm-up of a {total}-step run",
            int(rng.integers(warmup, total)),
            total,
            rate,
            warmup,
        ),
    ]


HIDDEN = {
    "smoothed_loss": _smoothed_fixed,
    "nesterov_update": _nesterov_fixed,
    "adam_update": _adam_fixed,
    "cosine_learning_rate": _cosine_fixed,
}
FRESH = {
    "smoothed_loss": _smoothed_fresh,
    "nesterov_update": _nesterov_fresh,
    "adam_update": _adam_fresh,
    "cosine_learning_rate": _cosine_fresh,
}
