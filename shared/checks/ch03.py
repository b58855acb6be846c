"""Exercise checks for chapter 03: Adding layers."""

from contextlib import contextmanager

import numpy as np

from shared import Layer_Dense
from shared.checks import Case, close_enough, run_check


@contextmanager
def _same_random_state(seed=None):
    """Run a block (seeded with `seed` if given), then put NumPy's global random state back,
    so that a check never changes the random numbers the notebook draws after it."""
    state = np.random.get_state()
    try:
        if seed is not None:
            np.random.seed(seed)
        yield
    finally:
        np.random.set_state(state)


def reference_forward(inputs, params):
    """The output of shared.Layer_Dense layers with these (weights, biases), in order."""
    output = inputs
    for weights, biases in params:
        with _same_random_state():
            layer = Layer_Dense(*weights.shape, dtype=np.float64)
        layer.set_parameters(weights, biases)
        layer.forward(output)
        output = layer.output
    return output


W1 = np.array([[1.0, -0.5], [0.25, 2.0], [-1.0, 0.0]])  # 3 inputs -> 2 neurons
B1 = np.array([[0.5, -1.0]])
X1 = np.array([[1.0, 2.0, 3.0], [-2.0, 0.0, 0.5]])


def _pair(got, expected):
    """A tuple (weights, biases), each close to the expected array."""
    if not isinstance(got, tuple):
        return False, f"return a tuple (weights, biases), not a {type(got).__name__}"
    return close_enough(got, expected, ("weights", "biases"))


def check_stack_forward(stack_forward):
    """Check stack_forward(inputs, params) through one layer and through three layers."""
    W3 = np.array([[1.0], [-1.0], [0.5], [0.25]])  # 4 inputs -> 1 neuron
    B3 = np.array([[0.1]])
    W0 = np.array([[0.5, -1.0, 2.0], [1.0, 0.0, -0.5]])  # 2 inputs -> 3 neurons
    B0 = np.array([[0.0, 0.5, -0.5]])
    X0 = np.array([[1.0, -1.0], [0.5, 2.0], [0.0, 0.0], [-1.5, 1.0]])
    deep = [
        (W0, B0),
        (
            np.array([[1.0, 0.0, -1.0, 0.5], [0.5, 1.0, 0.0, -2.0], [-0.5, 0.25, 1.0, 1.0]]),
            np.array([[0.0, -0.5, 0.25, 0.0]]),
        ),
        (W3, B3),
    ]
    run_check(
        "stack_forward",
        stack_forward,
        [
            Case(
                args=(X1, [(W1, B1)]),
                expected=reference_forward(X1, [(W1, B1)]),
                label="one layer: 3 -> 2",
            ),
            Case(
                args=(X0, deep),
                expected=reference_forward(X0, deep),
                label="three layers: 2 -> 3 -> 4 -> 1, a batch of 4 samples",
            ),
        ],
    )


class InitSpec:
    """What init_params(n_inputs, n_neurons) should return (an expected value for the check)."""

    def __init__(self, n_inputs, n_neurons):
        self.n_inputs, self.n_neurons = n_inputs, n_neurons

    def __repr__(self):
        return (
            f"(weights of shape ({self.n_inputs}, {self.n_neurons}) from 0.01 * np.random.randn, "
            f"biases of zeros of shape (1, {self.n_neurons})), new random weights on every call"
        )


def _plain(value):
    """The learner's answer as plain data: arrays and numbers kept, anything else named."""
    if isinstance(value, (tuple, list)):
        return type(value)(_plain(item) for item in value)
    if isinstance(value, (np.ndarray, np.generic, int, float)):
        return value
    return f"<a {type(value).__name__}>"


def _call_twice_seeded(init_params, n_inputs, n_neurons):
    """Two calls with the same sizes, under a fixed seed; the notebook's random numbers stay."""
    with _same_random_state(seed=1234):
        first = _plain(init_params(n_inputs, n_neurons))
        second = _plain(init_params(n_inputs, n_neurons))
    return {"first call": first, "second call": second}


STATISTICS_FROM = 10_000  # weights: from this many on, their mean and spread are checked


def _fits(got, spec):
    """Check shapes, float dtypes, zero biases, the weights' spread, new weights on each call."""
    first, second = got["first call"], got["second call"]
    if not isinstance(first, tuple):
        return False, f"return a tuple (weights, biases), not a {type(first).__name__}"
    if len(first) != 2:
        return False, f"return a tuple of two arrays, (weights, biases), not of {len(first)}"
    try:
        weights, biases = (np.asarray(a, dtype=float) for a in first)
    except (TypeError, ValueError):
        return False, "return a tuple of two NumPy arrays, (weights, biases)"
    for name, array, original, shape in [
        ("weights", weights, first[0], (spec.n_inputs, spec.n_neurons)),
        ("biases", biases, first[1], (1, spec.n_neurons)),
    ]:
        if array.shape != shape:
            return False, f"{name} have shape {array.shape}, expected {shape}"
        if not np.issubdtype(np.asarray(original).dtype, np.floating):
            return False, f"{name} have dtype {np.asarray(original).dtype}, expected floats"
    if np.any(biases != 0):
        return False, "the biases should all start at zero"
    if weights.size >= STATISTICS_FROM:
        spread, mean = float(np.std(weights)), float(np.mean(weights))
        if not 0.0095 < spread < 0.0105:
            return False, f"the weights' standard deviation is {spread:.4g}, expected about 0.01"
        if abs(mean) > 0.0005:
            return (
                False,
                f"the weights' mean is {mean:.4g}, expected about 0 (as many negative as positive)",
            )
    elif len(np.unique(weights)) < weights.size:
        return False, "the weights should all be different random numbers"
    try:
        same = np.array_equal(np.asarray(second[0], dtype=float), weights)
    except (TypeError, ValueError, IndexError, KeyError):
        same = False
    if same:
        return False, (
            "two calls with the same sizes gave the same weights, so two layers of a network "
            "would start as copies of each other. Did you seed inside the function "
            "(np.random.seed)? Seed once, at the top of the notebook, and let every call draw "
            "new numbers"
        )
    return True, ""


def check_init_params(init_params):
    """Check init_params(n_inputs, n_neurons): shapes, zero biases, a spread like 0.01 * randn,
    and different weights from two calls."""
    run_check(
        "init_params",
        init_params,
        [
            Case(args=(2, 3), expected=InitSpec(2, 3)),
            Case(args=(4, 1), expected=InitSpec(4, 1)),
            Case(
                args=(200, 50),
                expected=InitSpec(200, 50),
                label="200, 50 (10,000 weights: their mean and spread are checked)",
            ),
        ],
        call=_call_twice_seeded,
        compare=_fits,
    )


def check_merge_layers(merge_layers):
    """Check merge_layers(weights_a, biases_a, weights_b, biases_b): the side-by-side layer."""
    Wb, Bb = np.array([[2.0], [0.0], [-1.0]]), np.array([[0.75]])  # 3 -> 1, beside W1, B1
    Wc, Bc = np.array([[1.0], [-2.0]]), np.array([[0.5]])  # 2 inputs -> 1 neuron
    Wd, Bd = np.array([[0.5, 0.0, 3.0], [1.0, -1.0, 0.25]]), np.array([[0.0, -0.5, 1.0]])  # 2 -> 3
    run_check(
        "merge_layers",
        merge_layers,
        [
            Case(
                args=(W1, B1, Wb, Bb),
                expected=(np.hstack([W1, Wb]), np.hstack([B1, Bb])),
                label="a 3 -> 2 layer beside a 3 -> 1 layer",
            ),
            Case(
                args=(Wc, Bc, Wd, Bd),
                expected=(np.hstack([Wc, Wd]), np.hstack([Bc, Bd])),
                label="a 2 -> 1 layer beside a 2 -> 3 layer",
            ),
        ],
        compare=_pair,
    )


def collapse_reference(weights1, biases1, weights2, biases2):
    """The one layer that two layers in a row, with nothing between them, amount to."""
    return weights1 @ weights2, biases1 @ weights2 + biases2


def check_collapse_layers(collapse_layers):
    """Check collapse_layers(weights1, biases1, weights2, biases2) on three pairs of layers."""
    Wa, Ba = np.array([[1.0, 2.0], [0.0, -1.0]]), np.array([[0.5, -0.5]])  # 2 -> 2
    Wb, Bb = np.array([[2.0, 0.0], [1.0, 3.0]]), np.array([[1.0, -2.0]])  # 2 -> 2
    Wc, Bc = (
        np.array([[0.5, -1.0, 0.0, 2.0], [1.0, 0.25, -0.5, 0.0]]),
        np.array([[0.0, 1.0, -1.0, 0.5]]),
    )  # 2 -> 4
    cases = [
        (W1, B1, Wc, Bc, "a 3 -> 2 layer, then a 2 -> 4 layer"),
        (
            Wa,
            Ba,
            Wb,
            Bb,
            "a 2 -> 2 layer, then another 2 -> 2 layer (square: the order of the product matters)",
        ),
        (Wb, np.zeros((1, 2)), Wc, Bc, "a 2 -> 2 layer with zero biases, then a 2 -> 4 layer"),
    ]
    run_check(
        "collapse_layers",
        collapse_layers,
        [
            Case(args=(w1, b1, w2, b2), expected=collapse_reference(w1, b1, w2, b2), label=label)
            for w1, b1, w2, b2, label in cases
        ],
        compare=_pair,
    )
