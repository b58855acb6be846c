"""Exercise checks for chapter 02: Coding our first neurons."""

import numpy as np

from shared.checks import Case, close_enough, run_check


def layer_reference(inputs, weights, biases):
    """A layer's outputs for one sample, weights one row per neuron: W x + b, computed with
    NumPy and returned as the plain list the exercise asks for."""
    outputs = np.dot(np.asarray(weights, dtype=float), np.asarray(inputs, dtype=float))
    return (outputs + np.asarray(biases, dtype=float)).tolist()


def check_layer_output(layer_output):
    """Check layer_output(inputs, weights, biases) on plain lists: 2, 1 and 4 neurons."""
    cases = [
        ([1.0, 2.0, 3.0], [[0.5, 0.0, -1.0], [1.0, 1.0, 1.0]], [0.5, -2.0], None),
        (
            [4.0, -2.0],
            [[0.25, 0.5]],
            [3.0],
            "a layer of one neuron: [4.0, -2.0], [[0.25, 0.5]], [3.0]",
        ),
        (
            [2.0],
            [[1.0], [-1.0], [0.5], [0.0]],
            [0.0, 1.0, -1.0, 0.5],
            "four neurons with one input each",
        ),
    ]
    run_check(
        "layer_output",
        layer_output,
        [
            Case(
                args=(inputs, weights, biases),
                expected=layer_reference(inputs, weights, biases),
                label=label,
            )
            for inputs, weights, biases, label in cases
        ],
    )


def _same_shape(got, expected):
    """Compare a predicted shape (a tuple, or None: "cannot be multiplied") with the right one."""
    if expected is None:
        return got is None, "these shapes cannot be multiplied, so the answer is None"
    if got is None:
        return False, "these shapes can be multiplied: return the product's shape as a tuple"
    if not isinstance(got, tuple):
        return False, (
            f"return the shape as a tuple, such as (2, 4), like NumPy's .shape, "
            f"not a {type(got).__name__}"
        )
    try:
        got = tuple(int(n) for n in got)
    except (TypeError, ValueError):
        return False, "return a tuple of two whole numbers, such as (2, 4)"
    return got == expected, "a product (m, n) x (n, p) has shape (m, p)"


def product_shape_reference(shape_a, shape_b):
    """The shape NumPy gives A @ B for arrays of these 2-D shapes, or None where it refuses."""
    try:
        return tuple(int(n) for n in (np.zeros(shape_a) @ np.zeros(shape_b)).shape)
    except ValueError:
        return None


def check_product_shape(product_shape):
    """Check product_shape(shape_a, shape_b) on shapes that fit and shapes that do not."""
    run_check(
        "product_shape",
        product_shape,
        [
            Case(args=((2, 3), (3, 4)), expected=(2, 4)),
            Case(args=((3, 2), (3, 4)), expected=None),
            Case(args=((1, 5), (5, 1)), expected=(1, 1)),
            Case(args=((5, 1), (1, 5)), expected=(5, 5)),
            Case(args=((300, 2), (2, 64)), expected=(300, 64)),
            Case(
                args=((4, 3), (4, 3)),
                expected=None,
                label="(4, 3), (4, 3): a batch times weights stored one row per neuron",
            ),
        ],
        compare=_same_shape,
    )


def station_reference(batch):
    """The weather-station layer's outputs, computed reading by reading from its spec."""
    temperature, humidity, wind = batch[:, 0], batch[:, 1], batch[:, 2]
    return np.stack(
        [1.8 * temperature + 32, temperature - 0.5 * wind - 1, 10 * humidity - wind], axis=1
    )


def check_station_layer(station_layer):
    """Check station_layer(batch): three neurons written from a spec, on batches of 2 and 1."""
    two = np.array([[20.0, 0.5, 4.0], [0.0, 1.0, 0.0]])
    one = np.array([[-10.0, 0.2, 10.0]])
    run_check(
        "station_layer",
        station_layer,
        [
            Case(
                args=(two,),
                expected=station_reference(two),
                label="2 samples: [20, 0.5, 4] and [0, 1, 0]",
            ),
            Case(args=(one,), expected=station_reference(one), label="1 sample: [[-10, 0.2, 10]]"),
        ],
        compare=_array_close,
    )


def _array_close(got, expected):
    """A NumPy array (the result of a matrix product), close to the expected one."""
    if not isinstance(got, np.ndarray):
        return (
            False,
            f"return a NumPy array, the result of the matrix product, not a {type(got).__name__}",
        )
    return close_enough(got, expected)


def cosine_reference(batch, weights):
    """cos(angle) between every sample (row of batch) and every neuron's weights (a row)."""
    return np.array(
        [[np.dot(x, w) / (np.linalg.norm(x) * np.linalg.norm(w)) for w in weights] for x in batch]
    )


def check_cosine_similarities(cosine_similarities):
    """Check cosine_similarities(batch, weights): section 2's vectors, 3 x 2, and a square case."""
    cases = [
        (
            np.array([[3.0, 4.0]]),
            np.array([[4.0, 3.0], [-4.0, 3.0], [-6.0, -8.0]]),
            "section 2's vectors: batch [[3, 4]], weights [[4, 3], [-4, 3], [-6, -8]]",
        ),
        (
            np.array([[1.0, 2.0, 2.0], [0.0, 3.0, 4.0], [-2.0, 0.0, 0.0]]),
            np.array([[2.0, 1.0, 2.0], [0.0, 0.0, 5.0]]),
            "3 samples with 3 inputs, 2 neurons",
        ),
        (
            np.array([[1.0, 0.0], [1.0, 1.0]]),
            np.array([[3.0, 4.0], [0.0, -2.0]]),
            "2 samples with 2 inputs, 2 neurons (square: forgetting the transpose still runs, "
            "but gives other numbers)",
        ),
    ]
    run_check(
        "cosine_similarities",
        cosine_similarities,
        [
            Case(args=(batch, weights), expected=cosine_reference(batch, weights), label=label)
            for batch, weights, label in cases
        ],
        compare=_array_close,
    )
