"""Grading-only cases of chapter 20's checks (see shared/checks/hidden/__init__.py)."""
import numpy as np

from shared.checks.ch20 import PROBABILITIES6, Y6, detector_case, matrix_case


def _matrix_fixed():
    return [
        matrix_case([2, 2, 1, 0], [2, 1, 1, 2], 4, "4 samples, 4 classes (class 3 never occurs)"),
        matrix_case([0, 0, 0], [0, 0, 0], 1, "3 samples of the only class, all right"),
    ]


def _matrix_fresh(rng):
    cases = []
    for _ in range(3):
        n_classes, n = int(rng.integers(2, 7)), int(rng.integers(5, 30))
        y_true = rng.integers(0, n_classes, size=n)
        y_pred = np.where(rng.random(n) < 0.6, y_true, rng.integers(0, n_classes, size=n))
        cases.append(matrix_case(y_true, y_pred, n_classes,
                                 f"{n} random samples of {n_classes} classes"))
    return cases


def _detector_fixed():
    return [
        detector_case(PROBABILITIES6, Y6, 1, 0.0, "the 6 rows of the exercise, class 1, "
                                                  "threshold 0: every image flagged"),
        detector_case([[0.2, 0.8], [0.6, 0.4], [0.9, 0.1], [0.3, 0.7]], [1, 1, 0, 0], 0, 0.6,
                      "4 rows of 2 classes, class 0, threshold 0.6"),
    ]


def _detector_fresh(rng):
    cases = []
    for _ in range(3):
        n_classes, n = int(rng.integers(2, 6)), int(rng.integers(8, 30))
        scores = rng.normal(size=(n, n_classes)) * 2
        probabilities = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)
        y_true = np.where(rng.random(n) < 0.7, probabilities.argmax(axis=1),
                          rng.integers(0, n_classes, size=n))
        k, threshold = int(rng.integers(0, n_classes)), float(rng.choice([0.2, 0.3, 0.5, 0.7]))
        cases.append(detector_case(probabilities, y_true, k, threshold,
                                   f"{n} random rows of {n_classes} probabilities, class {k}, "
                                   f"threshold {threshold}"))
    return cases


HIDDEN = {"confusion_matrix": _matrix_fixed, "threshold_scores": _detector_fixed}
FRESH = {"confusion_matrix": _matrix_fresh, "threshold_scores": _detector_fresh}
