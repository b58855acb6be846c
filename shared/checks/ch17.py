"""Exercise checks for chapter 17: Regression."""
import numpy as np

from shared import Loss_MeanAbsoluteError, Loss_MeanSquaredError
from shared.checks import Case, loss_backward, loss_forward, run_check

# (label, predictions, targets): one output, several outputs, and exact hits (error 0).
INPUTS = [
    ("3 samples with 1 output", np.array([[0.5], [-1.0], [2.0]]), np.array([[1.0], [-0.5], [1.25]])),
    ("2 samples with 3 outputs", np.array([[1.0, 2.0, -1.0], [0.0, 0.5, 3.0]]),
     np.array([[0.0, 2.5, -2.0], [1.0, 0.5, 1.0]])),
    ("4 samples with 2 outputs, two predictions exactly on target",
     np.array([[0.1, 0.2], [0.3, -0.4], [2.0, 0.0], [-1.5, 1.0]]),
     np.array([[0.1, 0.0], [0.0, -0.4], [1.0, 1.0], [-1.0, 2.0]])),
]
HIDDEN = ("1 sample with 4 outputs, one exactly on target", np.array([[3.0, -2.0, 0.5, 1.0]]),
          np.array([[1.0, -2.0, 1.5, -1.0]]))


def _gradient(loss, y_pred, y_true):
    loss.backward(y_pred, y_true)
    return loss.dinputs


def _cases(answer):
    # `+ 0.0` turns any -0.0 into 0.0, so that messages show plain zeros.
    return [Case(args=(y_pred, y_true), expected=answer(y_pred, y_true) + 0.0, hidden=hidden,
                 label=f"{label}: predictions {y_pred.tolist()}, targets {y_true.tolist()}")
            for (label, y_pred, y_true), hidden in [(case, False) for case in INPUTS] + [(HIDDEN, True)]]


def check_mse_backward(mse_backward):
    """mse_backward(dvalues, y_true) -> the gradient of the mean squared error with respect to
    the predictions dvalues, for any number of outputs per sample; dvalues and y_true stay unchanged."""
    run_check("mse_backward", mse_backward,
              _cases(lambda y_pred, y_true: _gradient(Loss_MeanSquaredError(), y_pred, y_true)))


def check_mae_forward(Loss_MeanAbsoluteError_class):
    """Loss_MeanAbsoluteError().forward(y_pred, y_true) -> one loss per sample, shape (n,)."""
    run_check("Loss_MeanAbsoluteError.forward", Loss_MeanAbsoluteError_class,
              _cases(lambda y_pred, y_true: Loss_MeanAbsoluteError().forward(y_pred, y_true)),
              call=loss_forward)


def check_mae_backward(Loss_MeanAbsoluteError_class):
    """Loss_MeanAbsoluteError().backward(dvalues, y_true) stores the gradient in .dinputs."""
    run_check("Loss_MeanAbsoluteError.backward", Loss_MeanAbsoluteError_class,
              _cases(lambda y_pred, y_true: _gradient(Loss_MeanAbsoluteError(), y_pred, y_true)),
              call=loss_backward)
