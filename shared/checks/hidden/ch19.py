"""Grading-only cases of chapter 19's checks (see shared/checks/hidden/__init__.py)."""
import numpy as np

from shared.checks.ch19 import X7, X10, Y7, Y10, counts_case, minibatch_case


def _minibatches_fixed():
    return [
        minibatch_case(X7[:6], Y7[:6], 2, "6 samples in batches of 2"),
        minibatch_case(X10, Y10, 1, "10 samples in batches of 1"),
        minibatch_case(X10[:3], Y10[:3], 3, "3 samples in one batch of exactly 3"),
    ]


def _minibatches_fresh(rng):
    cases = []
    for _ in range(3):
        n, features = int(rng.integers(5, 30)), int(rng.integers(1, 5))
        batch_size = int(rng.integers(2, n + 3))
        X = rng.normal(size=(n, features)).round(3)
        y = rng.integers(0, 10, size=n)
        cases.append(minibatch_case(X, y, batch_size,
                                    f"{n} random samples of {features} features in batches of "
                                    f"{batch_size}"))
    return cases


def _counts_fixed():
    return [
        counts_case([0, 1, 0, 1, 0, 1], 1, 2, "labels [0 1 0 1 0 1], batches of 1, 2 classes"),
        counts_case([3, 3, 3, 0, 0, 0, 1, 1], 3, 4,
                    "labels [3 3 3 0 0 0 1 1], batches of 3, 4 classes (class 2 never occurs)"),
    ]


def _counts_fresh(rng):
    cases = []
    for sort in (False, True, False):
        n_classes, n = int(rng.integers(2, 7)), int(rng.integers(5, 40))
        batch_size = int(rng.integers(1, n + 2))
        y = rng.integers(0, n_classes, size=n)
        y = np.sort(y) if sort else y
        cases.append(counts_case(y, batch_size, n_classes,
                                 f"{n} random labels of {n_classes} classes"
                                 f"{' (sorted)' if sort else ''}, batches of {batch_size}"))
    return cases


HIDDEN = {"iterate_minibatches": _minibatches_fixed, "batch_class_counts": _counts_fixed}
FRESH = {"iterate_minibatches": _minibatches_fresh, "batch_class_counts": _counts_fresh}
