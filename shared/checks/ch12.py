"""Exercise checks for chapter 12: Validation data."""
import numpy as np

from shared.checks import Case, run_check


def _split(X, y, val_fraction, seed):
    """The split the exercise describes: a seeded permutation, its first round(f * n) rows validate."""
    order = np.random.default_rng(seed).permutation(len(X))
    n_val = round(val_fraction * len(X))
    val_rows, train_rows = order[:n_val], order[n_val:]
    return X[train_rows], y[train_rows], X[val_rows], y[val_rows]


def _split_case(label, X, y, val_fraction, seed):
    return Case(args=(X, y, val_fraction, seed), expected=_split(X, y, val_fraction, seed), label=label)


def check_train_val_split(train_val_split):
    """train_val_split(X, y, val_fraction, seed) -> (X_train, y_train, X_val, y_val)."""
    run_check("train_val_split", train_val_split, [
        _split_case("X = 10 rows [[0, 1], [2, 3], ...], y = their row numbers 0..9, val_fraction=0.2, seed=0",
                    np.arange(20.0).reshape(10, 2), np.arange(10), 0.2, 0),
        _split_case("7 points of two features, labels [0, 1, 2, 0, 1, 2, 0], val_fraction=0.3, seed=1",
                    0.5 * np.arange(14.0).reshape(7, 2) - 3, np.array([0, 1, 2, 0, 1, 2, 0]), 0.3, 1),
        _split_case("8 points of one feature, labels [0, 1, 0, 1, ...], val_fraction=0.5, seed=42",
                    np.linspace(-1.0, 1.0, 8).reshape(8, 1), np.arange(8) % 2, 0.5, 42),
    ])


def _folds(n, k, seed):
    """The expected (train_idx, val_idx) pairs, each array sorted."""
    folds = np.array_split(np.random.default_rng(seed).permutation(n), k)
    return [(np.sort(np.concatenate(folds[:i] + folds[i + 1:])), np.sort(folds[i])) for i in range(k)]


def _same_folds(got, expected):
    """Compare fold by fold which rows each array holds (their order inside an array is free)."""
    if got is None:
        return False, "your code returned None: did you forget `return`?"
    try:
        got = list(got)
    except TypeError:
        return False, "expected a list of (train_idx, val_idx) pairs"
    if len(got) != len(expected):
        return False, f"expected {len(expected)} pairs, one per fold; got {len(got)}"
    for i, (pair, (train, val)) in enumerate(zip(got, expected)):
        try:
            got_train, got_val = pair
        except (TypeError, ValueError):
            return False, f"item {i} is not a pair (train_idx, val_idx)"
        for name, rows, want in [("val_idx", got_val, val), ("train_idx", got_train, train)]:
            rows = np.sort(np.asarray(rows).ravel())
            if not np.array_equal(rows, want):
                return False, f"pair {i}: {name} holds rows {rows.tolist()}, expected rows {want.tolist()}"
    return True, ""


def check_k_fold_indices(k_fold_indices):
    """k_fold_indices(n, k, seed) -> a list of k (train_idx, val_idx) pairs."""
    run_check("k_fold_indices", k_fold_indices, [
        Case(args=(10, 5, 0), expected=_folds(10, 5, 0), label="n=10 rows in k=5 folds, seed=0"),
        Case(args=(7, 3, 1), expected=_folds(7, 3, 1), label="n=7 rows in k=3 folds of 3, 2 and 2 rows, seed=1"),
        Case(args=(6, 2, 42), expected=_folds(6, 2, 42), label="n=6 rows in k=2 folds, seed=42"),
    ], compare=_same_folds)
