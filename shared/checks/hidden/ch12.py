"""Grading-only cases of chapter 12's checks (see shared/checks/hidden/__init__.py)."""

import numpy as np

from shared.checks import Case
from shared.checks.ch12 import Folds, split_case


def _hidden_splits():
    return [
        split_case(
            "12 points of three features, labels 0..3 three times, val_fraction=0.25, seed=7",
            np.arange(36.0).reshape(12, 3) / 10,
            np.arange(12) % 4,
            0.25,
            7,
        ),
        split_case(
            "4 points of two features, val_fraction=0.1, seed=0 (0.4 rounds to 0: "
            "no validation rows)",
            np.arange(8.0).reshape(4, 2),
            np.arange(4),
            0.1,
            0,
        ),
    ]


def _fresh_splits(rng):
    cases = []
    for _ in range(3):
        n, features = int(rng.integers(6, 30)), int(rng.integers(1, 4))
        fraction, seed = (
            float(rng.choice([0.1, 0.15, 0.2, 0.3, 0.35, 0.4])),
            int(rng.integers(1000)),
        )
        X, y = rng.normal(size=(n, features)).round(2), rng.integers(0, 3, size=n)
        cases.append(
            split_case(
                f"{n} random points of {features} feature(s), val_fraction={fraction}, seed={seed}",
                X,
                y,
                fraction,
                seed,
            )
        )
    return cases


def _hidden_folds():
    return [
        Case(args=(13, 4, 5), expected=Folds(13, 4), label="n=13 rows in k=4 folds, seed=5"),
        Case(args=(14, 5, 9), expected=Folds(14, 5), label="n=14 rows in k=5 folds, seed=9"),
        Case(
            args=(5, 5, 3), expected=Folds(5, 5), label="n=5 rows in k=5 folds of one row, seed=3"
        ),
    ]


def _fresh_folds(rng):
    cases = []
    for _ in range(3):
        k = int(rng.integers(2, 7))
        n, seed = int(rng.integers(k * 2, 40)), int(rng.integers(1000))
        cases.append(
            Case(
                args=(n, k, seed),
                expected=Folds(n, k),
                label=f"n={n} rows in k={k} folds, seed={seed}",
            )
        )
    return cases


HIDDEN = {"train_val_split": _hidden_splits, "k_fold_indices": _hidden_folds}
FRESH = {"train_val_split": _fresh_splits, "k_fold_indices": _fresh_folds}
