"""Exercise checks for chapter 02: Coding our first neurons."""
import numpy as np

from shared.checks import Case, run_check


def check_layer_output(layer_output):
    """Check layer_output(inputs, weights, biases) on plain lists: 2, 1 and 4 neurons."""
    run_check("layer_output", layer_output, [
        Case(args=([1.0, 2.0, 3.0], [[0.5, 0.0, -1.0], [1.0, 1.0, 1.0]], [0.5, -2.0]),
             expected=[-2.0, 4.0]),
        Case(args=([4.0, -2.0], [[0.25, 0.5]], [3.0]), expected=[3.0],
             label="a layer of one neuron: [4.0, -2.0], [[0.25, 0.5]], [3.0]"),
        Case(args=([2.0], [[1.0], [-1.0], [0.5], [0.0]], [0.0, 1.0, -1.0, 0.5]),
             expected=[2.0, -1.0, 0.0, 0.5], label="four neurons with one input each"),
        Case(args=([0.5, -1.0], [[2.0, 2.0], [-1.0, 0.0], [0.0, 4.0]], [1.0, 0.5, 0.0]),
             expected=[0.0, 0.0, -4.0], hidden=True),
    ])


def check_layer_output_numpy(layer_output_numpy):
    """Check layer_output_numpy(inputs, weights, biases) on one sample and on two batches.

    weights holds one row per neuron, as in the plain-Python layer, so a batch needs the transpose.
    """
    run_check("layer_output_numpy", layer_output_numpy, [
        Case(args=(np.array([1.0, 2.0, 3.0]), np.array([[0.5, 0.0, -1.0], [1.0, 1.0, 1.0]]), np.array([0.5, -2.0])),
             expected=np.array([-2.0, 4.0]), label="one sample (a 1-D array of 3 inputs), 2 neurons"),
        Case(args=(np.array([[1.0, 2.0], [-1.0, 0.5], [0.0, -3.0]]),
                   np.array([[1.0, 0.0], [0.5, -0.5], [-2.0, 1.0], [0.25, 0.25]]),
                   np.array([0.0, 1.0, -1.0, 0.5])),
             expected=np.array([[1.0, 0.5, -1.0, 1.25], [-1.0, 0.25, 1.5, 0.375], [0.0, 2.5, -4.0, -0.25]]),
             label="a batch of 3 samples with 2 inputs, 4 neurons (weights of shape (4, 2))"),
        Case(args=(np.array([[1.0, 2.0], [3.0, -1.0]]), np.array([[0.5, -1.0], [2.0, 0.25]]), np.array([0.25, -0.5])),
             expected=np.array([[-1.25, 2.0], [2.75, 5.25]]),
             label="a batch of 2 samples with 2 inputs, 2 neurons (square weights: forgetting the transpose "
                   "still runs, but gives other numbers)"),
        Case(args=(np.array([[1.0, 2.0, 3.0], [0.0, -1.0, 2.0]]), np.array([[1.0, 1.0, -1.0]]), np.array([0.5])),
             expected=np.array([[0.5], [-2.5]]), hidden=True),
    ])


def _same_shape(got, expected):
    """Compare a predicted shape (a tuple, or None for "cannot be multiplied") with the right one."""
    if expected is None:
        return got is None, "these shapes cannot be multiplied, so the answer is None"
    if got is None:
        return False, "these shapes can be multiplied: return the product's shape as a tuple"
    try:
        got = tuple(int(n) for n in got)
    except (TypeError, ValueError):
        return False, "return a tuple of two whole numbers, such as (2, 4)"
    return got == expected, "a product (m, n) x (n, p) has shape (m, p)"


def check_product_shape(product_shape):
    """Check product_shape(shape_a, shape_b) on shapes that fit and shapes that do not."""
    run_check("product_shape", product_shape, [
        Case(args=((2, 3), (3, 4)), expected=(2, 4)),
        Case(args=((3, 2), (3, 4)), expected=None),
        Case(args=((1, 5), (5, 1)), expected=(1, 1)),
        Case(args=((5, 1), (1, 5)), expected=(5, 5)),
        Case(args=((300, 2), (2, 64)), expected=(300, 64)),
        Case(args=((4, 3), (4, 3)), expected=None, label="(4, 3), (4, 3): a batch times weights stored one row per neuron"),
        Case(args=((7, 2), (2, 2)), expected=(7, 2), hidden=True),
        Case(args=((2, 7), (2, 7)), expected=None, hidden=True),
    ], compare=_same_shape)


def _station(batch):
    """The weather-station layer of exercise 4, computed reading by reading from its spec."""
    temperature, humidity, wind = batch[:, 0], batch[:, 1], batch[:, 2]
    return np.stack([1.8 * temperature + 32, temperature - 0.5 * wind - 1, 10 * humidity - wind], axis=1)


def check_station_layer(station_layer):
    """Check station_layer(batch): three neurons written from a spec, on batches of 2, 1 and 3 samples."""
    two = np.array([[20.0, 0.5, 4.0], [0.0, 1.0, 0.0]])
    one = np.array([[-10.0, 0.2, 10.0]])
    three = np.array([[30.0, 0.9, 2.0], [5.0, 0.1, 8.0], [15.0, 0.5, 0.0]])
    run_check("station_layer", station_layer, [
        Case(args=(two,), expected=_station(two), label="2 samples: [20, 0.5, 4] and [0, 1, 0]"),
        Case(args=(one,), expected=_station(one), label="1 sample: [[-10, 0.2, 10]]"),
        Case(args=(three,), expected=_station(three), hidden=True),
    ])
