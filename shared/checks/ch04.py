"""Exercise checks for chapter 04: Activation functions."""
import numpy as np

from shared import Activation_ReLU, Activation_Softmax
from shared.checks import Case, close_enough, run_check


def _reference(activation_class, inputs):
    """The output of the verified shared activation on `inputs`."""
    activation = activation_class()
    activation.forward(inputs)
    return activation.output


def check_relu_forward(relu_forward):
    """Check relu_forward(inputs) = max(0, x) elementwise, on a vector and on batches."""
    cases = [np.array([-2.0, -0.5, 0.0, 1.5, 3.0]),
             np.array([[0.25, -4.0, 2.0], [-1.0, 0.0, 7.5]]),
             np.array([[-3.0, -0.001], [-2.0, -5.0]])]
    labels = [None, "a batch of 2 rows", "a batch whose inputs are all negative"]
    run_check("relu_forward", relu_forward, [
        Case(args=(x,), expected=_reference(Activation_ReLU, x), label=label) for x, label in zip(cases, labels)
    ])


def _call_quietly(softmax, inputs):
    """Run the learner's softmax without NumPy's overflow warnings; a nan in the answer says enough."""
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        return softmax(inputs)


def _finite_and_close(got, expected):
    """Like the default comparison, but explain a nan or inf in the answer."""
    try:
        values = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        return close_enough(got, expected)
    if values.shape == np.shape(expected) and not np.all(np.isfinite(values)):
        return False, ("the output contains nan or inf: an exp() overflowed, or a row's exponentials all "
                       "became 0. Subtract each row's own maximum before np.exp")
    return close_enough(got, expected)


def check_softmax(softmax):
    """Check softmax(inputs) on batches of scores, small and as large as 1000."""
    cases = [
        (np.array([[1.0, 2.0, 3.0]]), "one row of small scores [[1, 2, 3]]"),
        (np.array([[1000.0, 1001.0, 1002.0]]), "one row of large scores [[1000, 1001, 1002]]"),
        (np.array([[-1000.0, 0.0, 1000.0], [0.0, 0.0, 0.0], [2.0, -1.0, 0.5]]),
         "a batch of 3 rows: [-1000, 0, 1000], [0, 0, 0] and [2, -1, 0.5]"),
        (np.array([[1000.0, 999.0, 998.0, 0.0], [1.0, 2.0, 3.0, 4.0]]),
         "a batch of 2 rows on very different scales: [1000, 999, 998, 0] and [1, 2, 3, 4]"),
    ]
    run_check("softmax", softmax, [
        Case(args=(x,), expected=_reference(Activation_Softmax, x), label=label) for x, label in cases
    ], call=_call_quietly, compare=_finite_and_close)
