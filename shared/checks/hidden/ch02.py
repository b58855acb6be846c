"""Grading-only cases of chapter 02's checks (see shared/checks/hidden/__init__.py)."""

import numpy as np

from shared.checks import Case
from shared.checks.ch02 import (
    cosine_reference,
    layer_reference,
    product_shape_reference,
    station_reference,
)


def _numbers(rng, shape):
    """Numbers between -4 and 4 in steps of 0.25, as a NumPy array of the given shape."""
    return rng.integers(-16, 17, size=shape) / 4


def _layer_fixed():
    inputs, weights, biases = [0.5, -1.0], [[2.0, 2.0], [-1.0, 0.0], [0.0, 4.0]], [1.0, 0.5, 0.0]
    return [Case(args=(inputs, weights, biases), expected=layer_reference(inputs, weights, biases))]


def _layer_fresh(rng):
    cases = []
    for _ in range(3):
        n_inputs, n_neurons = (int(n) for n in rng.integers(1, 6, size=2))
        inputs = _numbers(rng, n_inputs).tolist()
        weights, biases = (
            _numbers(rng, (n_neurons, n_inputs)).tolist(),
            _numbers(rng, n_neurons).tolist(),
        )
        cases.append(
            Case(args=(inputs, weights, biases), expected=layer_reference(inputs, weights, biases))
        )
    return cases


def _shape_fixed():
    return [
        Case(args=((7, 2), (2, 2)), expected=(7, 2)),
        Case(args=((2, 7), (2, 7)), expected=None),
        Case(args=((1, 1), (1, 9)), expected=(1, 9)),
    ]


def _shape_fresh(rng):
    cases = []
    for fits in (True, True, False):
        m, n, p = (int(size) for size in rng.integers(1, 400, size=3))
        inner = n if fits else n + int(rng.integers(1, 50))
        cases.append(
            Case(args=((m, n), (inner, p)), expected=product_shape_reference((m, n), (inner, p)))
        )
    return cases


def _station_fixed():
    three = np.array([[30.0, 0.9, 2.0], [5.0, 0.1, 8.0], [15.0, 0.5, 0.0]])
    return [Case(args=(three,), expected=station_reference(three))]


def _station_fresh(rng):
    cases = []
    for n_samples in (int(rng.integers(1, 4)), int(rng.integers(4, 9))):
        batch = np.column_stack(
            [
                rng.uniform(-20, 40, n_samples),
                rng.uniform(0, 1, n_samples),
                rng.uniform(0, 25, n_samples),
            ]
        )
        cases.append(Case(args=(batch,), expected=station_reference(batch)))
    return cases


def _cosine_fixed():
    batch, weights = (
        np.array([[0.0, 2.0], [5.0, 0.0]]),
        np.array([[1.0, 1.0], [-3.0, 0.0], [0.0, 7.0]]),
    )
    return [
        Case(
            args=(batch, weights),
            expected=cosine_reference(batch, weights),
            label="2 samples on the axes, 3 neurons",
        )
    ]


def _cosine_fresh(rng):
    cases = []
    for n_samples, n_neurons, n_inputs in [
        (3, 3, 3),
        tuple(int(n) for n in rng.integers(1, 7, size=3)),
    ]:
        batch = rng.normal(size=(n_samples, n_inputs)) * rng.uniform(0.5, 5, size=(n_samples, 1))
        weights = rng.normal(size=(n_neurons, n_inputs)) * rng.uniform(0.5, 5, size=(n_neurons, 1))
        cases.append(Case(args=(batch, weights), expected=cosine_reference(batch, weights)))
    return cases


HIDDEN = {
    "layer_output": _layer_fixed,
    "product_shape": _shape_fixed,
    "station_layer": _station_fixed,
    "cosine_similarities": _cosine_fixed,
}
FRESH = {
    "layer_output": _layer_fresh,
    "product_shape": _shape_fresh,
    "station_layer": _station_fresh,
    "cosine_similarities": _cosine_fresh,
}
