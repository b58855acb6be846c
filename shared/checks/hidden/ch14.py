"""Grading-only cases of chapter 14's checks (see shared/checks/hidden/__init__.py)."""

import numpy as np

from shared.checks.ch14 import activity_case, gradient_cases, pseudo_huber_case


def _hidden_gradients():
    return gradient_cases(
        [
            (
                "a 3x2 layer with weight L1 = 0.05 and bias L2 = 0.25",
                np.array([[0.0, -0.3], [1.2, 0.0], [-2.5, 0.7]]),
                np.array([[0.0, 0.4]]),
                0.05,
                0.0,
                0.0,
                0.25,
            ),
            (
                "a 1x4 layer with bias L1 = 0.5 and weight L2 = 1",
                np.array([[1.0, -2.0, 0.0, 0.5]]),
                np.array([[-1.0, 0.0, 2.0, 0.0]]),
                0.0,
                1.0,
                0.5,
                0.0,
            ),
        ]
    )


def _random_layer(rng, rows, columns):
    """Weights and biases of a few decimals, some of them exactly 0 (the corner of |w|)."""
    weights = rng.normal(size=(rows, columns)).round(2) * (rng.random((rows, columns)) > 0.2)
    biases = rng.normal(size=(1, columns)).round(2) * (rng.random((1, columns)) > 0.3)
    return weights, biases


def _fresh_gradients(rng):
    settings = []
    for _ in range(3):
        rows, columns = int(rng.integers(1, 5)), int(rng.integers(1, 5))
        weights, biases = _random_layer(rng, rows, columns)
        l1w, l2w, l1b, l2b = (rng.choice([0.0, 0.001, 0.01, 0.1], size=4)).tolist()
        settings.append(
            (
                f"a random {rows}x{columns} layer, coefficients {l1w:g}, {l2w:g}, {l1b:g}, {l2b:g}",
                weights,
                biases,
                l1w,
                l2w,
                l1b,
                l2b,
            )
        )
    return gradient_cases(settings)


def _hidden_pseudo_huber():
    return [
        pseudo_huber_case(
            "a 3x2 layer, strength 0.5, eps 0.1",
            np.array([[-0.2, 0.4], [0.0, 1.5], [3.0, -0.6]]),
            0.5,
            0.1,
        ),
        pseudo_huber_case(
            "weights [[0, 0.05, -0.05]] all inside eps 1, strength 2",
            np.array([[0.0, 0.05, -0.05]]),
            2.0,
            1.0,
        ),
    ]


def _fresh_pseudo_huber(rng):
    cases = []
    for _ in range(3):
        shape = (int(rng.integers(1, 4)), int(rng.integers(1, 4)))
        strength, eps = float(rng.choice([0.01, 0.1, 1.0])), float(rng.choice([0.01, 0.1, 0.5]))
        weights = (rng.normal(size=shape) * rng.choice([eps, 1.0])).round(3)
        cases.append(
            pseudo_huber_case(
                f"random {shape[0]}x{shape[1]} weights, strength {strength:g}, eps {eps:g}",
                weights,
                strength,
                eps,
            )
        )
    return cases


def _hidden_activity():
    return [
        activity_case(
            "one sample [[3, -1]], weights [[1, 0], [0, 1]], biases [[0, 2]], strength 0.5",
            np.array([[3.0, -1.0]]),
            np.eye(2),
            np.array([[0.0, 2.0]]),
            0.5,
        )
    ]


def _fresh_activity(rng):
    cases = []
    for _ in range(3):
        n, features, neurons = (int(value) for value in rng.integers(1, 5, size=3))
        strength = float(rng.choice([0.001, 0.01, 0.1, 1.0]))
        inputs, weights = (
            rng.normal(size=(n, features)).round(2),
            rng.normal(size=(features, neurons)).round(2),
        )
        biases = rng.normal(size=(1, neurons)).round(2)
        cases.append(
            activity_case(
                f"{n} random samples of {features} features into {neurons} neurons, "
                f"strength {strength:g}",
                inputs,
                weights,
                biases,
                strength,
            )
        )
    return cases


HIDDEN = {
    "regularization_gradients": _hidden_gradients,
    "pseudo_huber_gradient": _hidden_pseudo_huber,
    "activity_penalty_gradients": _hidden_activity,
}
FRESH = {
    "regularization_gradients": _fresh_gradients,
    "pseudo_huber_gradient": _fresh_pseudo_huber,
    "activity_penalty_gradients": _fresh_activity,
}
