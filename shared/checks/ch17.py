"""Exercise checks for chapter 17: Regression."""
import numpy as np

from shared import Loss_MeanAbsoluteError
from shared.checks import ATOL, Case, close_enough, loss_backward, loss_forward, run_check
from shared.gradcheck import numerical_gradient

# (label, predictions, targets): one output, several outputs, and exact hits (error 0).
INPUTS = [
    ("3 samples with 1 output", np.array([[0.5], [-1.0], [2.0]]),
     np.array([[1.0], [-0.5], [1.25]])),
    ("2 samples with 3 outputs", np.array([[1.0, 2.0, -1.0], [0.0, 0.5, 3.0]]),
     np.array([[0.0, 2.5, -2.0], [1.0, 0.5, 1.0]])),
    ("4 samples with 2 outputs, two predictions exactly on target",
     np.array([[0.1, 0.2], [0.3, -0.4], [2.0, 0.0], [-1.5, 1.0]]),
     np.array([[0.1, 0.0], [0.0, -0.4], [1.0, 1.0], [-1.0, 2.0]])),
]


class Subgradient:
    """The expected MAE gradient. At an exact hit |error| has a corner and any slope from
    -1/(n k) to +1/(n k) is right: `value` holds np.sign's choice, 0, and `slack` 1/(n k) there."""

    def __init__(self, y_pred, y_true):
        self.value = np.sign(y_pred - y_true) / y_pred.size + 0.0  # + 0.0: no -0.0 in messages
        self.slack = np.where(y_pred == y_true, 1 / y_pred.size, 0.0)

    def __repr__(self):
        if not self.slack.any():
            return repr(self.value)
        return (f"{self.value!r}, or any value from -{self.slack.max():g} to {self.slack.max():g} "
                "where the prediction is exactly on target")


def _within_subgradient(got, expected):
    """A value inside the allowed range at an exact hit is taken as np.sign's; the rest must
    match."""
    ok, reason = close_enough(got, expected.value)
    if ok or not expected.slack.any():
        return ok, reason
    try:
        numbers = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return ok, reason
    if numbers.shape != expected.value.shape:
        return ok, reason
    inside = (expected.slack > 0) & (np.abs(numbers - expected.value) <= expected.slack + ATOL)
    return close_enough(np.where(inside, expected.value, numbers), expected.value)


def mae_cases(inputs, answer):
    return [Case(args=(y_pred, y_true), expected=answer(y_pred, y_true),
                 label=f"{label}: predictions {y_pred.tolist()}, targets {y_true.tolist()}")
            for label, y_pred, y_true in inputs]


def reference_mae_forward(y_pred, y_true):
    return Loss_MeanAbsoluteError().forward(y_pred, y_true)


def check_mae_forward(Loss_MeanAbsoluteError_class):
    """Loss_MeanAbsoluteError().forward(y_pred, y_true) -> one loss per sample, shape (n,)."""
    run_check("Loss_MeanAbsoluteError.forward", Loss_MeanAbsoluteError_class,
              mae_cases(INPUTS, reference_mae_forward), call=loss_forward)


def check_mae_backward(Loss_MeanAbsoluteError_class):
    """Loss_MeanAbsoluteError().backward(dvalues, y_true) stores the gradient in .dinputs; at an
    exact hit any slope from -1/(n k) to +1/(n k) is accepted."""
    run_check("Loss_MeanAbsoluteError.backward", Loss_MeanAbsoluteError_class,
              mae_cases(INPUTS, Subgradient), call=loss_backward, compare=_within_subgradient)


def huber_case(label, y_pred, y_true, delta):
    """Expected gradient of the mean Huber loss over all n * k outputs, by numerical
    differentiation."""
    def mean_loss(predictions):
        error = np.abs(predictions - y_true)
        return np.mean(np.where(error <= delta, 0.5 * error ** 2, delta * (error - 0.5 * delta)))

    return Case(args=(y_pred, y_true, delta),
                expected=numerical_gradient(mean_loss, y_pred.copy()) + 0.0,
                label=f"{label}: predictions {y_pred.tolist()}, targets {y_true.tolist()}, "
                      f"delta {delta:g}")


def check_huber_backward(huber_backward):
    """huber_backward(dvalues, y_true, delta) -> the gradient of the mean Huber loss with respect to
    the predictions dvalues, compared with numerical gradients; no argument changes."""
    run_check("huber_backward", huber_backward, [
        huber_case("3 samples with 1 output, one error beyond delta",
                   np.array([[0.5], [-1.0], [4.0]]), np.array([[1.0], [-0.5], [1.0]]), 1.0),
        huber_case("2 samples with 3 outputs", np.array([[1.0, 2.0, -1.0], [0.0, 0.5, 3.0]]),
                   np.array([[0.0, 2.6, -2.5], [1.0, 0.2, 1.0]]), 0.5),
    ])
