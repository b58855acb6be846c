"""Exercise checks for chapter 05: Loss."""

import numpy as np

from shared import Loss_CategoricalCrossentropy
from shared.checks import Case, close_enough, run_check

PREDICTIONS = np.array([[0.5, 0.3, 0.2], [0.1, 0.1, 0.8], [0.25, 0.5, 0.25], [0.6, 0.35, 0.05]])
SPARSE = np.array([0, 2, 2, 1])
ONE_HOT = np.eye(3, dtype=np.float64)[SPARSE]
WITH_ZERO = np.array([[1.0, 0.0, 0.0], [0.0, 0.3, 0.7], [0.2, 0.8, 0.0]])
WITH_ZERO_LABELS = np.array([0, 0, 1])


def loss_reference(y_pred, y_true):
    """The mean categorical cross-entropy, from shared.Loss_CategoricalCrossentropy."""
    return float(Loss_CategoricalCrossentropy().calculate(y_pred, y_true))


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
        return False, (
            "the loss is inf or nan: np.log(0) happened (and 0 * log(0) is nan). Clip the "
            "predictions to [1e-7, 1 - 1e-7] before taking the log"
        )
    ok, reason = close_enough(got, expected)
    if not ok and value.ndim == 1:
        reason += " (return the mean over the batch, one number, not one loss per sample)"
    return ok, reason


def check_cross_entropy(categorical_cross_entropy):
    """Check categorical_cross_entropy(y_pred, y_true), the mean loss, sparse and one-hot labels."""
    run_check(
        "categorical_cross_entropy",
        categorical_cross_entropy,
        [
            Case(
                args=(PREDICTIONS, SPARSE),
                expected=loss_reference(PREDICTIONS, SPARSE),
                label="4 samples, 3 classes, sparse labels [0, 2, 2, 1]",
            ),
            Case(
                args=(PREDICTIONS, ONE_HOT),
                expected=loss_reference(PREDICTIONS, ONE_HOT),
                label="the same 4 samples with one-hot labels",
            ),
            Case(
                args=(PREDICTIONS[:2], SPARSE[:2].astype(np.uint8)),
                expected=loss_reference(PREDICTIONS[:2], SPARSE[:2]),
                label="the first 2 samples, labels as uint8 (like spiral_data's)",
            ),
            Case(
                args=(WITH_ZERO, WITH_ZERO_LABELS),
                expected=loss_reference(WITH_ZERO, WITH_ZERO_LABELS),
                label="3 samples where the correct class gets probability 1, 0 and 0.8 "
                "(needs clipping)",
            ),
        ],
        call=_call_cross_entropy,
        compare=_finite_and_close,
    )


SECTION_2 = np.array(
    [
        [0.6, 0.3, 0.1],  # section 2's batch
        [0.2, 0.2, 0.6],
        [0.25, 0.7, 0.05],
        [0.8, 0.15, 0.05],
    ]
)
SECTION_2_LABELS = np.array([0, 2, 1, 1])
FOUR_CLASSES = np.array([[0.1, 0.2, 0.3, 0.4], [0.4, 0.3, 0.2, 0.1], [0.05, 0.5, 0.3, 0.15]])
FOUR_CLASSES_LABELS = np.array([2, 3, 3])


def top_k_reference(y_pred, y_true, k):
    """The fraction of samples whose correct class has fewer than k classes more probable."""
    correct = [row[label] for row, label in zip(y_pred, y_true)]
    ahead = [sum(p > mine for p in row) for row, mine in zip(y_pred, correct)]
    return float(np.mean([count < k for count in ahead]))


def _fraction(got, expected):
    """One number, the fraction of samples: explain a count and one answer per sample."""
    ok, reason = close_enough(got, expected)
    if ok:
        return True, ""
    if np.ndim(got) == 1:
        reason += (
            " (return one number for the batch, the mean over samples, not one value per sample)"
        )
    elif np.ndim(got) == 0 and isinstance(got, (int, float, np.number)) and got > 1:
        reason += " (return the fraction of samples, between 0 and 1, not their count)"
    return False, reason


def check_top_k_accuracy(top_k_accuracy):
    """Check top_k_accuracy(y_pred, y_true, k) with k from 1 to the number of classes."""
    cases = [
        (
            SECTION_2,
            SECTION_2_LABELS,
            1,
            "section 2's batch, labels [0, 2, 1, 1], k=1 (the accuracy)",
        ),
        (SECTION_2, SECTION_2_LABELS, 2, "section 2's batch, labels [0, 2, 1, 1], k=2"),
        (
            FOUR_CLASSES,
            FOUR_CLASSES_LABELS,
            2,
            "3 samples with 4 classes: [0.1, 0.2, 0.3, 0.4], [0.4, 0.3, 0.2, 0.1], "
            "[0.05, 0.5, 0.3, 0.15], "
            "labels [2, 3, 3], k=2",
        ),
        (FOUR_CLASSES, FOUR_CLASSES_LABELS, 3, "the same 3 samples with 4 classes, k=3"),
    ]
    run_check(
        "top_k_accuracy",
        top_k_accuracy,
        [
            Case(args=(y_pred, y_true, k), expected=top_k_reference(y_pred, y_true, k), label=label)
            for y_pred, y_true, k, label in cases
        ],
        compare=_fraction,
    )


SOFT = np.array([[0.7, 0.2, 0.1], [0.0, 0.5, 0.5], [0.1, 0.1, 0.8], [1 / 3, 1 / 3, 1 / 3]])


def soft_loss_reference(y_pred, y_soft):
    """The mean over samples of -sum_j y_j log(clipped p_j), written term by term."""
    clipped = np.clip(y_pred, 1e-7, 1 - 1e-7)
    return float(
        np.mean(
            [-sum(y * np.log(p) for y, p in zip(label, row)) for label, row in zip(y_soft, clipped)]
        )
    )


def check_soft_cross_entropy(soft_cross_entropy):
    """Check soft_cross_entropy(y_pred, y_soft): the full sum over classes, batch mean."""
    zero_where_label_zero = np.array([[0.0, 0.4, 0.6], [0.5, 0.5, 0.0]])
    labels_with_zeros = np.array([[0.0, 0.5, 0.5], [0.9, 0.1, 0.0]])
    run_check(
        "soft_cross_entropy",
        soft_cross_entropy,
        [
            Case(
                args=(PREDICTIONS, SOFT),
                expected=soft_loss_reference(PREDICTIONS, SOFT),
                label="4 samples, soft labels [0.7, 0.2, 0.1], [0, 0.5, 0.5], [0.1, 0.1, 0.8], "
                "[1/3, 1/3, 1/3]",
            ),
            Case(
                args=(SOFT, SOFT),
                expected=soft_loss_reference(SOFT, SOFT),
                label="the same soft labels, predicted exactly (y_pred equal to y_soft)",
            ),
            Case(
                args=(PREDICTIONS, ONE_HOT),
                expected=loss_reference(PREDICTIONS, ONE_HOT),
                label="4 samples with one-hot labels (the answer of Exercise 1)",
            ),
            Case(
                args=(zero_where_label_zero, labels_with_zeros),
                expected=soft_loss_reference(zero_where_label_zero, labels_with_zeros),
                label="2 samples where a class with label 0 gets probability 0 "
                "(0 * log 0 needs clipping)",
            ),
        ],
        call=_call_soft_cross_entropy,
        compare=_finite_and_close,
    )
