"""Exercise checks for chapter 04: Activation functions."""

import numpy as np

from shared import Activation_LeakyReLU, Activation_ReLU
from shared.checks import Case, close_enough, run_check, show


def reference(activation, inputs):
    """The output of a verified shared activation object on `inputs`."""
    activation.forward(inputs)
    return activation.output


def _array_close(got, expected):
    """A new NumPy array, close to the expected one."""
    if not isinstance(got, np.ndarray):
        return (
            False,
            f"return a NumPy array (np.maximum and np.where give one), not a {type(got).__name__}",
        )
    return close_enough(got, expected)


def check_relu_forward(relu_forward):
    """Check relu_forward(inputs) = max(0, x) elementwise, on a vector and on batches."""
    cases = [
        (np.array([-2.0, -0.5, 0.0, 1.5, 3.0]), None),
        (np.array([[0.25, -4.0, 2.0], [-1.0, 0.0, 7.5]]), "a batch of 2 rows"),
        (np.array([[-3.0, -0.001], [-2.0, -5.0]]), "a batch whose inputs are all negative"),
    ]
    run_check(
        "relu_forward",
        relu_forward,
        [
            Case(args=(x,), expected=reference(Activation_ReLU(), x), label=label)
            for x, label in cases
        ],
        compare=_array_close,
    )


def check_leaky_relu(leaky_relu):
    """Check leaky_relu(inputs, alpha): x where x > 0, alpha * x elsewhere."""
    cases = [
        (np.array([-2.0, -0.5, 0.0, 1.5, 3.0]), 0.1, "[-2, -0.5, 0, 1.5, 3] with alpha=0.1"),
        (
            np.array([[0.25, -4.0, 2.0], [-100.0, 0.0, 7.5]]),
            0.01,
            "a batch of 2 rows with alpha=0.01",
        ),
        (
            np.array([[-3.0, 2.0], [-2.0, -5.0]]),
            0.0,
            "[[-3, 2], [-2, -5]] with alpha=0 (plain ReLU)",
        ),
    ]
    run_check(
        "leaky_relu",
        leaky_relu,
        [
            Case(args=(x, alpha), expected=reference(Activation_LeakyReLU(alpha), x), label=label)
            for x, alpha, label in cases
        ],
        compare=_array_close,
    )


def _call_quietly(log_softmax, inputs):
    """Run the learner's code without NumPy's overflow and log(0) warnings (nan, inf say enough).

    A row maximum or sum taken without keepdims=True has shape (n_samples,), which NumPy cannot line
    up with a batch of another width: the ValueError it raises then gets that explanation added.
    """
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        try:
            return log_softmax(inputs)
        except ValueError as error:
            if "broadcast" not in str(error):
                raise
            raise ValueError(
                f"{error}. If you took a row maximum or sum with axis=1, add keepdims=True: "
                "without it the result has shape (n_samples,), which NumPy cannot line up "
                "with the rows"
            ) from None


_KEEPDIMS_HINT = (
    "this is what np.max(inputs, axis=1) or np.sum(..., axis=1) without keepdims=True gives: "
    "their shape (n_samples,) lines up with the columns, not the rows, so each row was shifted "
    "by other rows' numbers. Add keepdims=True to keep one value per row, as a column of "
    "shape (n_samples, 1)"
)


def log_softmax_reference(scores, max_keepdims=True, sum_keepdims=True):
    """log(softmax(scores)) row by row: shifted - log(sum(exp(shifted))), shifted by the max."""
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        shifted = scores - np.max(scores, axis=1, keepdims=max_keepdims)
        return shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=sum_keepdims))


class LogProbabilities:
    """The expected answer for one batch of scores, keeping the scores to explain mistakes."""

    def __init__(self, scores):
        self.scores = scores
        self.values = log_softmax_reference(scores)

    def __repr__(self):
        return show(self.values)

    def without_keepdims(self):
        """What a log-softmax whose row maximum or sum lacks keepdims=True gives (square)."""
        return [
            log_softmax_reference(self.scores, max_keepdims, sum_keepdims)
            for max_keepdims, sum_keepdims in [(False, True), (True, False), (False, False)]
        ]


def _log_softmax_close(got, expected):
    """Compare with the right log-probabilities; explain log(0), overflow and a missing keepdims."""
    if not isinstance(got, np.ndarray):
        return False, f"return a NumPy array, not a {type(got).__name__}"
    ok, reason = close_enough(got, expected.values)
    if ok:
        return True, ""
    values = got.astype(np.float64) if np.issubdtype(got.dtype, np.number) else None
    if values is None or values.shape != expected.scores.shape:
        return False, reason
    if len(values) > 1:
        for wrong in expected.without_keepdims():
            if np.allclose(values, wrong, equal_nan=True):
                return False, _KEEPDIMS_HINT
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        unshifted = expected.scores - np.log(np.sum(np.exp(expected.scores), axis=1, keepdims=True))
    overflowed = not np.all(np.isfinite(unshifted)) and np.allclose(
        values, unshifted, equal_nan=True
    )
    if np.any(values == -np.inf) and not overflowed:
        return False, (
            "the output contains -inf: a probability underflowed to 0 and then went through "
            "np.log. Never take the log of a probability: the log of the softmax formula is "
            "shifted - log(sum(exp(shifted))), and that sum is at least 1"
        )
    if not np.all(np.isfinite(values)):
        return False, (
            "the output contains nan or inf: an exp() overflowed. Subtract each row's own "
            "maximum, np.max(inputs, axis=1, keepdims=True), before np.exp"
        )
    return False, reason


def check_log_softmax(log_softmax):
    """Check log_softmax(inputs) on batches of scores, small and as large as 1000."""
    cases = [
        (np.array([[1.0, 2.0, 3.0]]), "one row of small scores [[1, 2, 3]]"),
        (np.array([[1000.0, 1001.0, 1002.0]]), "one row of large scores [[1000, 1001, 1002]]"),
        (
            np.array([[-1000.0, 0.0, 1000.0], [0.0, 0.0, 0.0], [2.0, -1.0, 0.5]]),
            "a batch of 3 rows: [-1000, 0, 1000], [0, 0, 0] and [2, -1, 0.5]",
        ),
        (
            np.array([[1000.0, 999.0, 998.0, 0.0], [1.0, 2.0, 3.0, 4.0]]),
            "a batch of 2 rows on very different scales: [1000, 999, 998, 0] and [1, 2, 3, 4]",
        ),
    ]
    run_check(
        "log_softmax",
        log_softmax,
        [Case(args=(x,), expected=LogProbabilities(x), label=label) for x, label in cases],
        call=_call_quietly,
        compare=_log_softmax_close,
    )
