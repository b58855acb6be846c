"""Exercise checks for chapter 12: Validation data."""
import math
from dataclasses import dataclass

import numpy as np

from shared.checks import Case, close_enough, run_check

SPLIT_PARTS = ("X_train", "y_train", "X_val", "y_val")


def _split(X, y, val_fraction, seed):
    """The split the exercise describes: a seeded permutation, whose first round(f * n) rows
    validate."""
    order = np.random.default_rng(seed).permutation(len(X))
    n_val = round(val_fraction * len(X))
    val_rows, train_rows = order[:n_val], order[n_val:]
    return X[train_rows], y[train_rows], X[val_rows], y[val_rows]


def split_case(label, X, y, val_fraction, seed):
    return Case(args=(X, y, val_fraction, seed), expected=_split(X, y, val_fraction, seed),
                label=label)


def _same_split(got, expected):
    """The four arrays; a validation set of the wrong size is explained by the rounding rule."""
    ok, reason = close_enough(got, expected, SPLIT_PARTS)
    if ok or not isinstance(got, (tuple, list)) or len(got) != 4:
        return ok, reason
    n_val, n = len(expected[3]), len(expected[1]) + len(expected[3])
    held_out = np.shape(got[3])[:1] if hasattr(got[3], "__len__") else ()
    if held_out and held_out[0] != n_val:
        return False, (f"you held out {held_out[0]} of the {n} rows for validation; "
                       f"round(val_fraction * {n}) is {n_val} (int() cuts the fraction off "
                       "instead of rounding it)")
    return ok, reason


def check_train_val_split(train_val_split):
    """train_val_split(X, y, val_fraction, seed) -> (X_train, y_train, X_val, y_val);
    X and y stay unchanged."""
    run_check("train_val_split", train_val_split, [
        split_case("X = 10 rows [[0, 1], [2, 3], ...], y = their row numbers 0..9, "
                   "val_fraction=0.2, seed=0",
                   np.arange(20.0).reshape(10, 2), np.arange(10), 0.2, 0),
        split_case("7 points of two features, labels [0, 1, 2, 0, 1, 2, 0], "
                   "val_fraction=0.3, seed=1",
                   0.5 * np.arange(14.0).reshape(7, 2) - 3, np.array([0, 1, 2, 0, 1, 2, 0]),
                   0.3, 1),
        split_case("9 points of one feature, labels 0..8, val_fraction=0.3, seed=3 "
                   "(0.3 * 9 = 2.7 rounds to 3)",
                   np.arange(9.0).reshape(9, 1) / 4, np.arange(9), 0.3, 3),
        split_case("8 points of one feature, labels [0, 1, 0, 1, ...], val_fraction=0.5, seed=42",
                   np.linspace(-1.0, 1.0, 8).reshape(8, 1), np.arange(8) % 2, 0.5, 42),
    ], compare=_same_split)


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
        rows = "row" if sizes[0] == 1 else "rows"
        if same:
            listed = f"{sizes[0]} {rows} each"
        else:
            listed = ", ".join(map(str, sizes[:-1])) + f" and {sizes[-1]} rows"
        others = f"{self.n - sizes[-1]}{'' if same else ' or ' + str(self.n - sizes[0])}"
        return (f"{self.k} pairs (train_idx, val_idx): the val_idx split the rows "
                f"0..{self.n - 1} into {self.k} shuffled folds of {listed}, every row in "
                f"exactly one; each train_idx holds the other {others} rows")


# What the check's call returns, in place of the folds, when the seed is not used as it must be.
UNREPEATABLE = "other folds on a second call with the same seed"
SEED_IGNORED = "the same folds for the seed and for the two seeds after it"
UNSHUFFLED = "the rows in their original order, for the seed and the two seeds after it"

# With this many ways to cut the rows into folds, three seeds give the same folds only by a
# rare coincidence (1 in 10,000 or less); with fewer, an honest shuffle could be refused.
SEED_TEST_WAYS = 100


def ways_to_fold(n, k):
    """How many different sets of k folds of (almost) equal size the rows 0..n-1 can be cut into."""
    sizes = [len(fold) for fold in np.array_split(np.arange(n), k)]
    ways = math.factorial(n)
    for size in sizes:
        ways //= math.factorial(size)
    for size in set(sizes):
        ways //= math.factorial(sizes.count(size))
    return ways


def _rows(array):
    return sorted(np.asarray(array).ravel().tolist())


def _as_rows(pairs):
    """The pairs as lists of sorted rows, or None if they are not pairs of arrays of numbers."""
    try:
        return [(_rows(train), _rows(val)) for train, val in pairs]
    except (TypeError, ValueError):
        return None


def _partition(rows):
    return sorted(val for _, val in rows)


def _folds_twice(k_fold_indices, n, k, seed):
    """Call k_fold_indices twice with the same seed, which must give the same folds, and (where
    there are SEED_TEST_WAYS ways or more) with two other seeds, which must not both repeat them.
    Returns the first call's folds as arrays of row numbers (or a sentence saying what is off),
    so that only plain data leaves the call."""
    first = k_fold_indices(n, k, seed)
    if not isinstance(first, (list, tuple)):
        return None if first is None else f"a {type(first).__name__}"
    rows = _as_rows(first)
    if rows is None:
        return [f"a {type(item).__name__}" for item in first]
    if rows != _as_rows(k_fold_indices(n, k, seed)):
        return UNREPEATABLE
    if ways_to_fold(n, k) >= SEED_TEST_WAYS:
        others = [_as_rows(k_fold_indices(n, k, seed + step)) for step in (1, 2)]
        if all(other is not None and _partition(other) == _partition(rows) for other in others):
            unshuffled = sorted(_rows(fold) for fold in np.array_split(np.arange(n), k))
            return UNSHUFFLED if _partition(rows) == unshuffled else SEED_IGNORED
    return [(np.array(train), np.array(val)) for train, val in rows]


def _valid_folds(got, expected):
    """Check the properties of k-fold cross-validation; the order of rows inside an array is
    free."""
    if got is None:
        return False, "your code returned None: did you forget `return`?"
    if got == UNREPEATABLE:
        return False, ("called twice with the same seed, it gave different folds: draw the "
                       "order from np.random.default_rng(seed), so that a seed always gives "
                       "the same folds")
    if got == UNSHUFFLED:
        return False, ("the folds are the rows in their original order: shuffle them first, "
                       "with the seed")
    if got == SEED_IGNORED:
        return False, ("seeds 1 and 2 higher gave exactly the same folds: is the seed used? "
                       "Draw the order from np.random.default_rng(seed), so that another seed "
                       "gives other folds")
    if not isinstance(got, (list, tuple)) or len(got) != expected.k:
        count = f"{len(got)} items" if isinstance(got, (list, tuple)) else got
        return False, (f"expected a list of {expected.k} pairs (train_idx, val_idx), one per "
                       f"fold; got {count}")
    rows = _as_rows(got)
    if rows is None:
        return False, ("expected every item to be a pair (train_idx, val_idx) of arrays of "
                       "row numbers")
    everything = list(range(expected.n))
    for i, (train, val) in enumerate(rows):
        if len(set(val)) != len(val) or not set(val) <= set(everything):
            return False, (f"pair {i}: val_idx {val} should hold distinct row numbers from 0 "
                           f"to {expected.n - 1}")
        if train != sorted(set(everything) - set(val)):
            return False, (f"pair {i}: train_idx holds rows {train}, expected every row not in its "
                           f"val_idx {val}, each once")
    validated = sorted(row for _, val in rows for row in val)
    if validated != everything:
        twice = sorted({row for row in validated if validated.count(row) > 1})
        missing = sorted(set(everything) - set(validated))
        where = f"rows {twice} are in more than one" if twice else f"rows {missing} are in none"
        return False, "every row must be in exactly one val_idx; " + where
    sizes = sorted(len(val) for _, val in rows)
    if sizes != sorted(expected.sizes()):
        return False, (f"the folds hold {sizes} rows; as equal as possible they would hold "
                       f"{sorted(expected.sizes())}")
    return True, ""


def check_k_fold_indices(k_fold_indices):
    """k_fold_indices(n, k, seed) -> a list of k (train_idx, val_idx) pairs: any shuffled,
    seeded split into k folds of (almost) equal size passes."""
    run_check("k_fold_indices", k_fold_indices, [
        Case(args=(10, 5, 0), expected=Folds(10, 5), label="n=10 rows in k=5 folds, seed=0"),
        Case(args=(7, 3, 1), expected=Folds(7, 3),
             label="n=7 rows in k=3 folds of 3, 2 and 2 rows, seed=1"),
        Case(args=(11, 4, 2), expected=Folds(11, 4),
             label="n=11 rows in k=4 folds of 3, 3, 3 and 2 rows, seed=2"),
        Case(args=(6, 2, 42), expected=Folds(6, 2), label="n=6 rows in k=2 folds, seed=42"),
    ], call=_folds_twice, compare=_valid_folds)
