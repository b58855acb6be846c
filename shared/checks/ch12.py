"""Exercise checks for chapter 12: Validation data."""
from dataclasses import dataclass

import numpy as np

from shared.checks import Case, run_check


def _split(X, y, val_fraction, seed):
    """The split the exercise describes: a seeded permutation, its first round(f * n) rows validate."""
    order = np.random.default_rng(seed).permutation(len(X))
    n_val = round(val_fraction * len(X))
    val_rows, train_rows = order[:n_val], order[n_val:]
    return X[train_rows], y[train_rows], X[val_rows], y[val_rows]


def _split_case(label, X, y, val_fraction, seed, hidden=False):
    return Case(args=(X, y, val_fraction, seed), expected=_split(X, y, val_fraction, seed), label=label,
                hidden=hidden)


def check_train_val_split(train_val_split):
    """train_val_split(X, y, val_fraction, seed) -> (X_train, y_train, X_val, y_val);
    X and y stay unchanged."""
    run_check("train_val_split", train_val_split, [
        _split_case("X = 10 rows [[0, 1], [2, 3], ...], y = their row numbers 0..9, val_fraction=0.2, seed=0",
                    np.arange(20.0).reshape(10, 2), np.arange(10), 0.2, 0),
        _split_case("7 points of two features, labels [0, 1, 2, 0, 1, 2, 0], val_fraction=0.3, seed=1",
                    0.5 * np.arange(14.0).reshape(7, 2) - 3, np.array([0, 1, 2, 0, 1, 2, 0]), 0.3, 1),
        _split_case("8 points of one feature, labels [0, 1, 0, 1, ...], val_fraction=0.5, seed=42",
                    np.linspace(-1.0, 1.0, 8).reshape(8, 1), np.arange(8) % 2, 0.5, 42),
        _split_case("12 points of three features, labels 0..3 three times, val_fraction=0.25, seed=7",
                    np.arange(36.0).reshape(12, 3) / 10, np.arange(12) % 4, 0.25, 7, hidden=True),
    ], parts=("X_train", "y_train", "X_val", "y_val"))


@dataclass
class Folds:
    """What k-fold cross-validation of n rows must give: k pairs (train_idx, val_idx) whose
    val_idx split the rows 0..n-1 into k folds of (almost) equal size, in an order shuffled
    by the seed, and whose train_idx hold every other row."""

    n: int
    k: int

    def sizes(self):
        return [len(fold) for fold in np.array_split(np.arange(self.n), self.k)]

    def __repr__(self):
        sizes = self.sizes()
        same = len(set(sizes)) == 1
        listed = f"{sizes[0]} rows each" if same else ", ".join(map(str, sizes[:-1])) + f" and {sizes[-1]} rows"
        return (f"{self.k} pairs (train_idx, val_idx): the val_idx split the rows 0..{self.n - 1} into "
                f"{self.k} shuffled folds of {listed}, every row in exactly one; each train_idx holds "
                f"the other {self.n - sizes[-1]}{'' if same else ' or ' + str(self.n - sizes[0])} rows")


UNREPEATABLE = "other folds on a second call with the same seed"  # what _folds_twice returns then


def _rows(array):
    return sorted(np.asarray(array).ravel().tolist())


def _as_rows(pairs):
    """The pairs as lists of sorted rows, or None if they are not pairs of arrays of numbers."""
    try:
        return [(_rows(train), _rows(val)) for train, val in pairs]
    except (TypeError, ValueError):
        return None


def _folds_twice(k_fold_indices, n, k, seed):
    """Call k_fold_indices twice with the same seed: the same seed must give the same folds."""
    first = k_fold_indices(n, k, seed)
    second = k_fold_indices(n, k, seed)
    rows = _as_rows(first)
    return UNREPEATABLE if rows is not None and rows != _as_rows(second) else first


def _valid_folds(got, expected):
    """Check the properties of k-fold cross-validation; the order of rows inside an array is free."""
    if got is None:
        return False, "your code returned None: did you forget `return`?"
    if isinstance(got, str) and got == UNREPEATABLE:
        return False, ("called twice with the same seed, it gave different folds: draw the order "
                       "from np.random.default_rng(seed), so that a seed always gives the same folds")
    if not isinstance(got, (list, tuple)) or len(got) != expected.k:
        count = f"{len(got)} items" if isinstance(got, (list, tuple)) else f"a {type(got).__name__}"
        return False, f"expected a list of {expected.k} pairs (train_idx, val_idx), one per fold; got {count}"
    rows = _as_rows(got)
    if rows is None:
        return False, "expected every item to be a pair (train_idx, val_idx) of arrays of row numbers"
    everything = list(range(expected.n))
    for i, (train, val) in enumerate(rows):
        if len(set(val)) != len(val) or not set(val) <= set(everything):
            return False, f"pair {i}: val_idx {val} should hold distinct row numbers from 0 to {expected.n - 1}"
        if train != sorted(set(everything) - set(val)):
            return False, (f"pair {i}: train_idx holds rows {train}, expected every row not in its "
                           f"val_idx {val}, each once")
    validated = sorted(row for _, val in rows for row in val)
    if validated != everything:
        twice = sorted({row for row in validated if validated.count(row) > 1})
        missing = sorted(set(everything) - set(validated))
        return False, ("every row must be in exactly one val_idx; " +
                       (f"rows {twice} are in more than one" if twice else f"rows {missing} are in none"))
    sizes = sorted(len(val) for _, val in rows)
    if sizes != sorted(expected.sizes()):
        return False, (f"the folds hold {sizes} rows; as equal as possible they would hold "
                       f"{sorted(expected.sizes())}")
    unshuffled = [_rows(fold) for fold in np.array_split(np.arange(expected.n), expected.k)]
    if sorted(val for _, val in rows) == sorted(unshuffled):
        return False, "the folds are the rows in their original order: shuffle them first, with the seed"
    return True, ""


def check_k_fold_indices(k_fold_indices):
    """k_fold_indices(n, k, seed) -> a list of k (train_idx, val_idx) pairs: any shuffled,
    seeded split into k folds of (almost) equal size passes."""
    run_check("k_fold_indices", k_fold_indices, [
        Case(args=(10, 5, 0), expected=Folds(10, 5), label="n=10 rows in k=5 folds, seed=0"),
        Case(args=(7, 3, 1), expected=Folds(7, 3), label="n=7 rows in k=3 folds of 3, 2 and 2 rows, seed=1"),
        Case(args=(6, 2, 42), expected=Folds(6, 2), label="n=6 rows in k=2 folds, seed=42"),
        Case(args=(13, 4, 5), expected=Folds(13, 4), label="n=13 rows in k=4 folds, seed=5", hidden=True),
    ], call=_folds_twice, compare=_valid_folds)
