"""Exercise checks for chapter 05: Loss."""
import numpy as np

from shared import Accuracy_Categorical, Loss_CategoricalCrossentropy
from shared.checks import Case, close_enough, run_check

PREDICTIONS = np.array([[0.5, 0.3, 0.2],
                        [0.1, 0.1, 0.8],
                        [0.25, 0.5, 0.25],
                        [0.6, 0.35, 0.05]])
SPARSE = np.array([0, 2, 2, 1])
ONE_HOT = np.eye(3, dtype=np.float64)[SPARSE]
WITH_ZERO = np.array([[1.0, 0.0, 0.0],
                      [0.0, 0.3, 0.7],
                      [0.2, 0.8, 0.0]])
WITH_ZERO_LABELS = np.array([0, 0, 1])


def _loss(y_pred, y_true):
    return Loss_CategoricalCrossentropy().calculate(y_pred, y_true)


def _accuracy(y_pred, y_true):
    return Accuracy_Categorical().calculate(np.argmax(y_pred, axis=1), y_true)


def _quietly(fn, *args):
    """Run the learner's code without NumPy's log(0) warnings; an inf in the answer says enough."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return fn(*args)


def _call_cross_entropy(fn, y_pred, y_true):
    """Call fn quietly; messages name the arguments by these parameter names."""
    return _quietly(fn, y_pred, y_true)


def _call_soft_cross_entropy(fn, y_pred, y_soft):
    """Call fn quietly; messages name the arguments by these parameter names."""
    return _quietly(fn, y_pred, y_soft)


def _finite_and_close(got, expected):
    """Like the default comparison, but explain an inf or nan loss."""
    try:
        value = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        return close_enough(got, expected)
    if value.shape == () and not np.isfinite(value):
        return False, ("the loss is inf or nan: np.log(0) happened (and 0 * log(0) is nan). Clip the "
                       "predictions to [1e-7, 1 - 1e-7] before taking the log")
    ok, reason = close_enough(got, expected)
    if not ok and value.ndim == 1:
        reason += " (return the mean over the batch, one number, not one loss per sample)"
    return ok, reason


def check_cross_entropy(categorical_cross_entropy):
    """Check categorical_cross_entropy(y_pred, y_true), the mean loss, with sparse and one-hot labels."""
    run_check("categorical_cross_entropy", categorical_cross_entropy, [
        Case(args=(PREDICTIONS, SPARSE), expected=_loss(PREDICTIONS, SPARSE),
             label="4 samples, 3 classes, sparse labels [0, 2, 2, 1]"),
        Case(args=(PREDICTIONS, ONE_HOT), expected=_loss(PREDICTIONS, ONE_HOT),
             label="the same 4 samples with one-hot labels"),
        Case(args=(PREDICTIONS[:2], SPARSE[:2].astype(np.uint8)), expected=_loss(PREDICTIONS[:2], SPARSE[:2]),
             label="the first 2 samples, labels as uint8 (like spiral_data's)"),
        Case(args=(WITH_ZERO, WITH_ZERO_LABELS), expected=_loss(WITH_ZERO, WITH_ZERO_LABELS),
             label="3 samples where the correct class gets probability 1, 0 and 0.8 (needs clipping)"),
        Case(args=(PREDICTIONS[1:], ONE_HOT[[2, 0, 1]]), expected=_loss(PREDICTIONS[1:], ONE_HOT[[2, 0, 1]]),
             hidden=True),
        Case(args=(WITH_ZERO, np.array([2, 1, 2])), expected=_loss(WITH_ZERO, np.array([2, 1, 2])), hidden=True),
    ], call=_call_cross_entropy, compare=_finite_and_close)


def check_accuracy(accuracy):
    """Check accuracy(y_pred, y_true), the fraction of samples whose highest probability is the label."""
    run_check("accuracy", accuracy, [
        Case(args=(PREDICTIONS, SPARSE), expected=_accuracy(PREDICTIONS, SPARSE),
             label="4 samples, sparse labels [0, 2, 2, 1] (2 correct)"),
        Case(args=(PREDICTIONS, ONE_HOT), expected=_accuracy(PREDICTIONS, ONE_HOT),
             label="the same 4 samples with one-hot labels"),
        Case(args=(WITH_ZERO, WITH_ZERO_LABELS), expected=_accuracy(WITH_ZERO, WITH_ZERO_LABELS),
             label="3 samples, labels [0, 0, 1] (2 correct)"),
        Case(args=(PREDICTIONS[1:3], np.array([0, 0])), expected=_accuracy(PREDICTIONS[1:3], np.array([0, 0])),
             label="2 samples, labels [0, 0] (both wrong)"),
        Case(args=(PREDICTIONS, np.array([0, 2, 1, 0])), expected=_accuracy(PREDICTIONS, np.array([0, 2, 1, 0])),
             hidden=True),
        Case(args=(WITH_ZERO, np.eye(3)[[0, 2, 1]]), expected=_accuracy(WITH_ZERO, np.array([0, 2, 1])),
             hidden=True),
    ])


SOFT = np.array([[0.7, 0.2, 0.1],
                 [0.0, 0.5, 0.5],
                 [0.1, 0.1, 0.8],
                 [1 / 3, 1 / 3, 1 / 3]])


def _soft_loss(y_pred, y_soft):
    """The mean over samples of -sum_j y_j log(clipped p_j), written term by term."""
    clipped = np.clip(y_pred, 1e-7, 1 - 1e-7)
    return float(np.mean([-sum(y * np.log(p) for y, p in zip(label, row)) for label, row in zip(y_soft, clipped)]))


def check_soft_cross_entropy(soft_cross_entropy):
    """Check soft_cross_entropy(y_pred, y_soft): the full sum over classes, averaged over the batch."""
    zero_where_label_zero = np.array([[0.0, 0.4, 0.6], [0.5, 0.5, 0.0]])
    labels_with_zeros = np.array([[0.0, 0.5, 0.5], [0.9, 0.1, 0.0]])
    smoothed = np.array([[0.9, 0.05, 0.05], [0.05, 0.05, 0.9], [0.05, 0.9, 0.05]])
    run_check("soft_cross_entropy", soft_cross_entropy, [
        Case(args=(PREDICTIONS, SOFT), expected=_soft_loss(PREDICTIONS, SOFT),
             label="4 samples, soft labels [0.7, 0.2, 0.1], [0, 0.5, 0.5], [0.1, 0.1, 0.8], [1/3, 1/3, 1/3]"),
        Case(args=(SOFT, SOFT), expected=_soft_loss(SOFT, SOFT),
             label="the same soft labels, predicted exactly (y_pred equal to y_soft)"),
        Case(args=(PREDICTIONS, ONE_HOT), expected=_loss(PREDICTIONS, ONE_HOT),
             label="4 samples with one-hot labels (the answer of Exercise 1)"),
        Case(args=(zero_where_label_zero, labels_with_zeros),
             expected=_soft_loss(zero_where_label_zero, labels_with_zeros),
             label="2 samples where a class with label 0 gets probability 0 (0 * log 0 needs clipping)"),
        Case(args=(WITH_ZERO, smoothed), expected=_soft_loss(WITH_ZERO, smoothed), hidden=True),
    ], call=_call_soft_cross_entropy, compare=_finite_and_close)
