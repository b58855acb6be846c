"""Exercise checks for chapter 03: Adding layers."""
from contextlib import contextmanager

import numpy as np

from shared import Layer_Dense
from shared.checks import Case, run_check


@contextmanager
def _same_random_state(seed=None):
    """Run a block (seeded with `seed` if given) and put NumPy's global random state back afterwards,
    so that a check never changes the random numbers the notebook draws after it."""
    state = np.random.get_state()
    try:
        if seed is not None:
            np.random.seed(seed)
        yield
    finally:
        np.random.set_state(state)


def _reference_forward(inputs, params):
    """The output of shared.Layer_Dense layers with the given (weights, biases), applied in order."""
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
W2 = np.array([[0.5, 0.0, -1.0, 2.0]])  # 1 input -> 4 neurons
B2 = np.array([[0.0, 0.25, 0.5, -0.75]])
X2 = np.array([[2.0], [-1.0], [0.0]])


def check_dense_forward(dense_forward):
    """Check dense_forward(inputs, weights, biases) = inputs @ weights + biases on two batches."""
    run_check("dense_forward", dense_forward, [
        Case(args=(X1, W1, B1), expected=_reference_forward(X1, [(W1, B1)]),
             label="2 samples with 3 inputs, weights (3, 2), biases (1, 2)"),
        Case(args=(X2, W2, B2), expected=_reference_forward(X2, [(W2, B2)]),
             label="3 samples with 1 input, weights (1, 4), biases (1, 4)"),
        Case(args=(X2 - 1.0, W2 * 2.0, B2 + 1.0), expected=_reference_forward(X2 - 1.0, [(W2 * 2.0, B2 + 1.0)]),
             hidden=True),
    ])


def check_stack_forward(stack_forward):
    """Check stack_forward(inputs, params) through one layer and through three layers."""
    W3 = np.array([[1.0], [-1.0], [0.5], [0.25]])  # 4 inputs -> 1 neuron
    B3 = np.array([[0.1]])
    W0 = np.array([[0.5, -1.0, 2.0], [1.0, 0.0, -0.5]])  # 2 inputs -> 3 neurons
    B0 = np.array([[0.0, 0.5, -0.5]])
    X0 = np.array([[1.0, -1.0], [0.5, 2.0], [0.0, 0.0], [-1.5, 1.0]])
    deep = [(W0, B0), (np.array([[1.0, 0.0, -1.0, 0.5], [0.5, 1.0, 0.0, -2.0], [-0.5, 0.25, 1.0, 1.0]]),
                       np.array([[0.0, -0.5, 0.25, 0.0]])), (W3, B3)]
    run_check("stack_forward", stack_forward, [
        Case(args=(X1, [(W1, B1)]), expected=_reference_forward(X1, [(W1, B1)]), label="one layer: 3 -> 2"),
        Case(args=(X0, deep), expected=_reference_forward(X0, deep),
             label="three layers: 2 -> 3 -> 4 -> 1, a batch of 4 samples"),
        Case(args=(X0, deep[:2]), expected=_reference_forward(X0, deep[:2]), hidden=True),
    ])


class _InitSpec:
    """What init_params(n_inputs, n_neurons) should return (an expected value for the check)."""

    def __init__(self, n_inputs, n_neurons):
        self.n_inputs, self.n_neurons = n_inputs, n_neurons

    def __repr__(self):
        return (f"(weights of shape ({self.n_inputs}, {self.n_neurons}) from 0.01 * np.random.randn, "
                f"biases of zeros of shape (1, {self.n_neurons}))")


def _call_seeded(init_params, n_inputs, n_neurons):
    """Call init_params under a fixed seed, leaving the notebook's random numbers untouched."""
    with _same_random_state(seed=1234):
        return init_params(n_inputs, n_neurons)


def _fits(got, spec):
    """Check shapes, float dtypes, zero biases and (for big layers) the spread of the weights."""
    if not isinstance(spec, _InitSpec):
        return False, ""
    if not isinstance(got, tuple) or len(got) != 2:
        return False, "return two arrays: weights, biases"
    weights, biases = (np.asarray(a) for a in got)
    for name, array, shape in [("weights", weights, (spec.n_inputs, spec.n_neurons)),
                               ("biases", biases, (1, spec.n_neurons))]:
        if array.shape != shape:
            return False, f"{name} have shape {array.shape}, expected {shape}"
        if not np.issubdtype(array.dtype, np.floating):
            return False, f"{name} have dtype {array.dtype}, expected floats"
    if np.any(biases != 0):
        return False, "the biases should all start at zero"
    if weights.size >= 1000:
        spread, mean = float(np.std(weights)), float(np.mean(weights))
        if not 0.0095 < spread < 0.0105:
            return False, f"the weights' standard deviation is {spread:.4g}, expected about 0.01"
        if abs(mean) > 0.0005:
            return False, f"the weights' mean is {mean:.4g}, expected about 0 (as many negative as positive)"
    elif len(np.unique(weights)) < weights.size:
        return False, "the weights should all be different random numbers"
    return True, ""


def check_init_params(init_params):
    """Check init_params(n_inputs, n_neurons): shapes, zero biases, and weights spread like 0.01 * randn."""
    run_check("init_params", init_params, [
        Case(args=(2, 3), expected=_InitSpec(2, 3)),
        Case(args=(4, 1), expected=_InitSpec(4, 1)),
        Case(args=(200, 50), expected=_InitSpec(200, 50),
             label="200, 50 (10,000 weights: their mean and spread are checked)"),
        Case(args=(5, 2), expected=_InitSpec(5, 2), hidden=True),
        Case(args=(100, 300), expected=_InitSpec(100, 300), hidden=True),
    ], call=_call_seeded, compare=_fits)


def check_merge_layers(merge_layers):
    """Check merge_layers(weights_a, biases_a, weights_b, biases_b): the side-by-side layer's parameters."""
    Wb, Bb = np.array([[2.0], [0.0], [-1.0]]), np.array([[0.75]])  # 3 inputs -> 1 neuron, beside W1, B1
    Wc, Bc = np.array([[1.0], [-2.0]]), np.array([[0.5]])  # 2 inputs -> 1 neuron
    Wd, Bd = np.array([[0.5, 0.0, 3.0], [1.0, -1.0, 0.25]]), np.array([[0.0, -0.5, 1.0]])  # 2 -> 3
    We, Be = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]]), np.array([[-1.0, -2.0]])  # 4 -> 2
    run_check("merge_layers", merge_layers, [
        Case(args=(W1, B1, Wb, Bb), expected=(np.hstack([W1, Wb]), np.hstack([B1, Bb])),
             label="a 3 -> 2 layer beside a 3 -> 1 layer"),
        Case(args=(Wc, Bc, Wd, Bd), expected=(np.hstack([Wc, Wd]), np.hstack([Bc, Bd])),
             label="a 2 -> 1 layer beside a 2 -> 3 layer"),
        Case(args=(We, Be, We[:, ::-1], Be * 3), expected=(np.hstack([We, We[:, ::-1]]), np.hstack([Be, Be * 3])),
             hidden=True),
    ], parts=("weights", "biases"))
