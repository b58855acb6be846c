"""Grading-only cases of chapter 09's checks: fixed edge cases and fresh random ones."""

import numpy as np

from shared.checks import Case
from shared.checks.ch09 import _combined_dinputs, _dense_gradients, leaky_case, tanh_case


def _away_from_zero(rng, shape, low=0.05, high=3.0):
    """Random numbers of both signs, none closer to 0 than `low` (a numerical probe there would
    straddle the corner of a ReLU)."""
    return rng.choice([-1.0, 1.0], size=shape) * rng.uniform(low, high, size=shape)


def _leaky_fixed():
    return [
        leaky_case(
            "3 samples, 2 inputs each, with an exact zero, alpha = 0.1",
            [[0.0, -5.0], [7.5, -0.3], [0.2, 0.0]],
            [[3.0, 1.0], [-1.0, 2.0], [-4.0, 0.5]],
            0.1,
        ),
        leaky_case(
            "alpha = 1 (the identity: every gradient passes)", [[-2.0, 1.0]], [[0.5, -1.5]], 1.0
        ),
    ]


def _leaky_fresh(rng):
    cases = []
    for _ in range(3):
        shape = tuple(int(n) for n in rng.integers(1, 5, size=2))
        alpha = float(rng.uniform(0.01, 0.6))
        cases.append(
            leaky_case(
                f"a random batch of shape {shape}, alpha = {alpha:.4f}",
                _away_from_zero(rng, shape),
                rng.normal(size=shape),
                alpha,
            )
        )
    return cases


def _dense_case(label, inputs, weights, dvalues):
    return Case(
        args=(inputs, weights, dvalues),
        expected=_dense_gradients(inputs, weights, dvalues),
        label=label,
    )


def _dense_fixed():
    return [
        _dense_case(
            "2 samples, 3 inputs, 2 neurons",
            np.array([[2.0, -1.0, 0.5], [0.0, 1.5, -2.0]]),
            np.array([[1.0, -0.5], [0.25, 2.0], [-1.0, 0.75]]),
            np.array([[0.5, -1.5], [2.0, 1.0]]),
        )
    ]


def _dense_fresh(rng):
    cases = []
    for _ in range(3):
        n, n_inputs, n_neurons = (int(k) for k in rng.integers(1, 6, size=3))
        cases.append(
            _dense_case(
                f"{n} random samples, {n_inputs} inputs, {n_neurons} neurons",
                rng.normal(size=(n, n_inputs)),
                rng.normal(size=(n_inputs, n_neurons)),
                rng.normal(size=(n, n_neurons)),
            )
        )
    return cases


def _combined_case(label, probabilities, y_true):
    return Case(
        args=(probabilities, y_true), expected=_combined_dinputs(probabilities, y_true), label=label
    )


def _combined_fixed():
    probabilities = np.array([[0.25, 0.25, 0.25, 0.25], [0.1, 0.6, 0.2, 0.1]])
    return [
        _combined_case(
            "2 samples, 4 classes, labels one-hot for classes [0, 0]",
            probabilities,
            np.eye(4)[[0, 0]],
        ),
        _combined_case("1 sample, 2 classes, label 1", np.array([[0.9, 0.1]]), np.array([1])),
    ]


def _combined_fresh(rng):
    cases = []
    for one_hot in (False, True, False):
        n, classes = int(rng.integers(2, 7)), int(rng.integers(2, 6))
        probabilities = rng.dirichlet(np.ones(classes), size=n)
        labels = rng.integers(0, classes, size=n)
        y_true = np.eye(classes)[labels] if one_hot else labels
        kind = "one-hot labels" if one_hot else "labels as class indices"
        cases.append(
            _combined_case(f"{n} random samples, {classes} classes, {kind}", probabilities, y_true)
        )
    return cases


def _tanh_fixed():
    return [
        tanh_case(
            "2 samples, 4 inputs each",
            np.array([[-0.7, 0.3, 1.1, -2.0], [0.05, -1.4, 0.8, 0.0]]),
            np.array([[1.5, -0.5, 2.0, 1.0], [-1.0, 0.3, -2.5, 4.0]]),
        )
    ]


def _tanh_fresh(rng):
    cases = []
    for _ in range(2):
        shape = tuple(int(n) for n in rng.integers(1, 5, size=2))
        cases.append(
            tanh_case(
                f"a random batch of shape {shape}",
                rng.uniform(-3, 3, size=shape),
                rng.normal(size=shape),
            )
        )
    return cases


HIDDEN = {
    "leaky_relu_backward": _leaky_fixed,
    "dense_backward": _dense_fixed,
    "softmax_crossentropy_backward": _combined_fixed,
    "Activation_Tanh.backward": _tanh_fixed,
}
FRESH = {
    "leaky_relu_backward": _leaky_fresh,
    "dense_backward": _dense_fresh,
    "softmax_crossentropy_backward": _combined_fresh,
    "Activation_Tanh.backward": _tanh_fresh,
}
