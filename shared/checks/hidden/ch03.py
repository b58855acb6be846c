"""Grading-only cases of chapter 03's checks (see shared/checks/hidden/__init__.py)."""

import numpy as np

from shared.checks import Case
from shared.checks.ch03 import InitSpec, collapse_reference, reference_forward


def _layers(rng, sizes):
    """(weights, biases) of dense layers with these sizes, drawn from rng."""
    return [
        (rng.normal(size=(n_in, n_out)), rng.normal(size=(1, n_out)))
        for n_in, n_out in zip(sizes[:-1], sizes[1:])
    ]


def _stack_fixed():
    X0 = np.array([[1.0, -1.0], [0.5, 2.0], [0.0, 0.0], [-1.5, 1.0]])
    params = [
        (np.array([[0.5, -1.0, 2.0], [1.0, 0.0, -0.5]]), np.array([[0.0, 0.5, -0.5]])),
        (np.array([[1.0], [-1.0], [0.5]]), np.array([[0.1]])),
    ]
    return [
        Case(
            args=(X0, params),
            expected=reference_forward(X0, params),
            label="two layers: 2 -> 3 -> 1",
        ),
        Case(
            args=(X0, params[:1]),
            expected=reference_forward(X0, params[:1]),
            label="a single 2 -> 3 layer",
        ),
    ]


def _stack_fresh(rng):
    cases = []
    for depth in (2, int(rng.integers(3, 6))):
        sizes = [int(n) for n in rng.integers(1, 6, size=depth + 1)]
        inputs = rng.normal(size=(int(rng.integers(1, 6)), sizes[0]))
        params = _layers(rng, sizes)
        cases.append(Case(args=(inputs, params), expected=reference_forward(inputs, params)))
    return cases


def _init_fixed():
    return [
        Case(args=(5, 2), expected=InitSpec(5, 2)),
        Case(args=(1, 1), expected=InitSpec(1, 1)),
        Case(args=(100, 300), expected=InitSpec(100, 300)),
    ]


def _init_fresh(rng):
    small = [
        Case(args=(int(n_in), int(n_out)), expected=InitSpec(int(n_in), int(n_out)))
        for n_in, n_out in rng.integers(1, 9, size=(2, 2))
    ]
    n_in, n_out = int(rng.integers(100, 200)), int(rng.integers(100, 150))  # over 10,000 weights
    return [*small, Case(args=(n_in, n_out), expected=InitSpec(n_in, n_out))]


def _merge_expected(weights_a, biases_a, weights_b, biases_b):
    return np.hstack([weights_a, weights_b]), np.hstack([biases_a, biases_b])


def _merge_fixed():
    We, Be = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]]), np.array([[-1.0, -2.0]])
    args = (We, Be, We[:, ::-1].copy(), Be * 3)
    return [Case(args=args, expected=_merge_expected(*args), label="two 4 -> 2 layers")]


def _merge_fresh(rng):
    cases = []
    for _ in range(2):
        n_inputs, n_a, n_b = (int(n) for n in rng.integers(1, 6, size=3))
        ((weights_a, biases_a),) = _layers(rng, [n_inputs, n_a])
        ((weights_b, biases_b),) = _layers(rng, [n_inputs, n_b])
        args = (weights_a, biases_a, weights_b, biases_b)
        cases.append(Case(args=args, expected=_merge_expected(*args)))
    return cases


def _collapse_fixed():
    w1, b1 = np.array([[1.0, -1.0, 0.5]]), np.array([[2.0, 0.0, -1.0]])  # 1 -> 3
    w2, b2 = np.array([[0.5], [1.0], [-2.0]]), np.array([[0.25]])  # 3 -> 1
    return [
        Case(
            args=(w1, b1, w2, b2),
            expected=collapse_reference(w1, b1, w2, b2),
            label="a 1 -> 3 layer, then a 3 -> 1 layer",
        )
    ]


def _collapse_fresh(rng):
    cases = []
    for sizes in ([3, 3, 3], [int(n) for n in rng.integers(1, 6, size=3)]):
        (w1, b1), (w2, b2) = _layers(rng, sizes)
        cases.append(Case(args=(w1, b1, w2, b2), expected=collapse_reference(w1, b1, w2, b2)))
    return cases


HIDDEN = {
    "stack_forward": _stack_fixed,
    "init_params": _init_fixed,
    "merge_layers": _merge_fixed,
    "collapse_layers": _collapse_fixed,
}
FRESH = {
    "stack_forward": _stack_fresh,
    "init_params": _init_fresh,
    "merge_layers": _merge_fresh,
    "collapse_layers": _collapse_fresh,
}
