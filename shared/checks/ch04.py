"""Exercise checks for chapter 04: Activation functions."""
import numpy as np

from shared import Activation_LeakyReLU, Activation_ReLU, Activation_Softmax
from shared.checks import Case, close_enough, run_check, show


def _reference(activation, inputs):
    """The output of a verified shared activation object on `inputs`."""
    activation.forward(inputs)
    return activation.output


def check_relu_forward(relu_forward):
    """Check relu_forward(inputs) = max(0, x) elementwise, on a vector and on batches; inputs must not change."""
    cases = [(np.array([-2.0, -0.5, 0.0, 1.5, 3.0]), None, False),
             (np.array([[0.25, -4.0, 2.0], [-1.0, 0.0, 7.5]]), "a batch of 2 rows", False),
             (np.array([[-3.0, -0.001], [-2.0, -5.0]]), "a batch whose inputs are all negative", False),
             (np.array([[6.0, -6.0, 0.5], [-0.5, 2.0, -2.0], [1.0, 1.0, -1.0]]), None, True)]
    run_check("relu_forward", relu_forward, [
        Case(args=(x,), expected=_reference(Activation_ReLU(), x), label=label, hidden=hidden)
        for x, label, hidden in cases
    ])


def check_leaky_relu(leaky_relu):
    """Check leaky_relu(inputs, alpha): x where x > 0, alpha * x elsewhere; inputs must not change."""
    cases = [(np.array([-2.0, -0.5, 0.0, 1.5, 3.0]), 0.1, "[-2, -0.5, 0, 1.5, 3] with alpha=0.1", False),
             (np.array([[0.25, -4.0, 2.0], [-100.0, 0.0, 7.5]]), 0.01, "a batch of 2 rows with alpha=0.01", False),
             (np.array([[-3.0, 2.0], [-2.0, -5.0]]), 0.0, "[[-3, 2], [-2, -5]] with alpha=0 (plain ReLU)", False),
             (np.array([[-10.0, 10.0, -0.5], [4.0, -4.0, 0.0]]), 0.2, None, True)]
    run_check("leaky_relu", leaky_relu, [
        Case(args=(x, alpha), expected=_reference(Activation_LeakyReLU(alpha), x), label=label, hidden=hidden)
        for x, alpha, label, hidden in cases
    ])


def _call_quietly(softmax, inputs):
    """Run the learner's softmax without NumPy's overflow warnings; a nan in the answer says enough.

    A row maximum or sum taken without keepdims=True has shape (n_samples,), which NumPy cannot line
    up with a batch of another width: the ValueError it raises then gets that explanation added.
    """
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        try:
            return softmax(inputs)
        except ValueError as error:
            if "broadcast" not in str(error):
                raise
            raise ValueError(f"{error}. If you took a row maximum or sum with axis=1, add keepdims=True: "
                             "without it the result has shape (n_samples,), which NumPy cannot line up "
                             "with the rows") from None


_KEEPDIMS_HINT = ("this is what np.max(inputs, axis=1) or np.sum(..., axis=1) without keepdims=True gives: "
                  "their shape (n_samples,) lines up with the columns, not the rows, so each row was shifted "
                  "or divided by other rows' numbers. Add keepdims=True to keep one value per row, as a "
                  "column of shape (n_samples, 1)")


class _Softmax:
    """The expected answer for one batch of scores, which remembers the scores to explain mistakes."""

    def __init__(self, scores):
        self.scores = scores
        self.probabilities = _reference(Activation_Softmax(), scores)

    def __repr__(self):
        return show(self.probabilities)

    def without_keepdims(self):
        """What a softmax whose row maximum or row sum lacks keepdims=True returns (square batches only)."""
        with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
            answers = []
            for max_keepdims, sum_keepdims in [(False, True), (True, False), (False, False)]:
                exp_values = np.exp(self.scores - np.max(self.scores, axis=1, keepdims=max_keepdims))
                answers.append(exp_values / np.sum(exp_values, axis=1, keepdims=sum_keepdims))
            return answers


def _softmax_close(got, expected):
    """Compare with the right probabilities; explain a missing keepdims and a nan or inf."""
    ok, reason = close_enough(got, expected.probabilities)
    if ok:
        return True, ""
    try:
        values = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        return False, reason
    if values.shape == expected.scores.shape and len(values) > 1:
        for wrong in expected.without_keepdims():
            if np.allclose(values, wrong, equal_nan=True):
                return False, _KEEPDIMS_HINT
    if values.shape == expected.scores.shape and not np.all(np.isfinite(values)):
        return False, ("the output contains nan or inf: an exp() overflowed, or all of a row's exponentials "
                       "became 0. Subtract each row's own maximum, np.max(inputs, axis=1, keepdims=True), "
                       "before np.exp")
    return False, reason


def check_softmax(softmax):
    """Check softmax(inputs) on batches of scores, small and as large as 1000."""
    cases = [
        (np.array([[1.0, 2.0, 3.0]]), "one row of small scores [[1, 2, 3]]", False),
        (np.array([[1000.0, 1001.0, 1002.0]]), "one row of large scores [[1000, 1001, 1002]]", False),
        (np.array([[-1000.0, 0.0, 1000.0], [0.0, 0.0, 0.0], [2.0, -1.0, 0.5]]),
         "a batch of 3 rows: [-1000, 0, 1000], [0, 0, 0] and [2, -1, 0.5]", False),
        (np.array([[1000.0, 999.0, 998.0, 0.0], [1.0, 2.0, 3.0, 4.0]]),
         "a batch of 2 rows on very different scales: [1000, 999, 998, 0] and [1, 2, 3, 4]", False),
        (np.array([[3.0, 1.0], [-500.0, -501.0]]), None, True),
        (np.array([[0.5, -0.5, 2.0, 1.0], [10.0, 10.0, 0.0, -10.0], [-3.0, 4.0, 0.0, 0.0]]), None, True),
    ]
    run_check("softmax", softmax, [
        Case(args=(x,), expected=_Softmax(x), label=label, hidden=hidden) for x, label, hidden in cases
    ], call=_call_quietly, compare=_softmax_close)
