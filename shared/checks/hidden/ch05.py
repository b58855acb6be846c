"""Grading-only cases of chapter 05's checks (see shared/checks/hidden/__init__.py)."""

import numpy as np

from shared.checks import Case
from shared.checks.ch05 import (
    ONE_HOT,
    PREDICTIONS,
    WITH_ZERO,
    loss_reference,
    soft_loss_reference,
    top_k_reference,
)


def _probabilities(rng, n_samples, n_classes):
    """Rows of probabilities summing to 1 (no two equal), as a softmax would give."""
    return rng.dirichlet(np.ones(n_classes), size=n_samples)


def _sizes(rng):
    return int(rng.integers(1, 9)), int(rng.integers(2, 7))


def _cross_entropy_fixed():
    labels = np.array([2, 1, 2])
    return [
        Case(
            args=(PREDICTIONS[1:], ONE_HOT[[2, 0, 1]]),
            expected=loss_reference(PREDICTIONS[1:], ONE_HOT[[2, 0, 1]]),
        ),
        Case(args=(WITH_ZERO, labels), expected=loss_reference(WITH_ZERO, labels)),
    ]


def _cross_entropy_fresh(rng):
    cases = []
    for one_hot in (False, True):
        n_samples, n_classes = _sizes(rng)
        y_pred, labels = (
            _probabilities(rng, n_samples, n_classes),
            rng.integers(0, n_classes, size=n_samples),
        )
        y_pred[0, labels[0]] = 0.0  # a correct class given probability 0: clipping needed
        y_true = np.eye(n_classes)[labels] if one_hot else labels
        cases.append(Case(args=(y_pred, y_true), expected=loss_reference(y_pred, y_true)))
    return cases


def _top_k_fixed():
    labels = np.array([0, 2, 1, 0])
    return [
        Case(args=(PREDICTIONS, labels, 1), expected=top_k_reference(PREDICTIONS, labels, 1)),
        Case(args=(PREDICTIONS, labels, 3), expected=1.0, label="k equal to the number of classes"),
    ]


def _top_k_fresh(rng):
    cases = []
    for _ in range(3):
        n_samples, n_classes = int(rng.integers(5, 30)), int(rng.integers(3, 11))
        y_pred, y_true = (
            _probabilities(rng, n_samples, n_classes),
            rng.integers(0, n_classes, size=n_samples),
        )
        k = int(rng.integers(1, n_classes))
        cases.append(Case(args=(y_pred, y_true, k), expected=top_k_reference(y_pred, y_true, k)))
    return cases


def _soft_fixed():
    smoothed = np.array([[0.9, 0.05, 0.05], [0.05, 0.05, 0.9], [0.05, 0.9, 0.05]])
    return [
        Case(
            args=(WITH_ZERO, smoothed),
            expected=soft_loss_reference(WITH_ZERO, smoothed),
            label="label-smoothed rows and predictions with zeros",
        )
    ]


def _soft_fresh(rng):
    cases = []
    for _ in range(2):
        n_samples, n_classes = _sizes(rng)
        y_pred, y_soft = (
            _probabilities(rng, n_samples, n_classes),
            _probabilities(rng, n_samples, n_classes),
        )
        cases.append(Case(args=(y_pred, y_soft), expected=soft_loss_reference(y_pred, y_soft)))
    return cases


HIDDEN = {
    "categorical_cross_entropy": _cross_entropy_fixed,
    "top_k_accuracy": _top_k_fixed,
    "soft_cross_entropy": _soft_fixed,
}
FRESH = {
    "categorical_cross_entropy": _cross_entropy_fresh,
    "top_k_accuracy": _top_k_fresh,
    "soft_cross_entropy": _soft_fresh,
}
