"""Exercise checks for chapter 19: A real dataset."""
import numpy as np

from shared.checks import Case, run_check

# Ten samples of two features, labelled so that a sample's label is its first feature / 2.
X10 = np.arange(20.0).reshape(10, 2)
Y10 = np.array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
# Seven samples of three features, each row starting with its label.
X7 = np.column_stack([np.array([2, 0, 1, 1, 0, 2, 1]), np.arange(14.0).reshape(7, 2) / 10])
Y7 = np.array([2, 0, 1, 1, 0, 2, 1])


def _batches(X, y, batch_size):
    return [(X[start:start + batch_size], y[start:start + batch_size])
            for start in range(0, len(X), batch_size)]


def _all_batches(iterate_minibatches, X, y, batch_size):
    return list(iterate_minibatches(X, y, batch_size))


def check_iterate_minibatches(iterate_minibatches):
    """Check iterate_minibatches(X, y, batch_size) yields (X_batch, y_batch) in order, the last
    batch holding what is left."""
    run_check("iterate_minibatches", iterate_minibatches, [
        Case(args=(X10, Y10, 4), expected=_batches(X10, Y10, 4),
             label="10 samples in batches of 4 (the last batch holds 2)"),
        Case(args=(X10, Y10, 5), expected=_batches(X10, Y10, 5),
             label="10 samples in batches of 5 (two full batches)"),
        Case(args=(X7, Y7, 3), expected=_batches(X7, Y7, 3),
             label="7 samples of 3 features in batches of 3"),
        Case(args=(X7, Y7, 50), expected=_batches(X7, Y7, 50),
             label="7 samples with batch_size 50 (one batch of all 7)"),
        Case(args=(X7[:6], Y7[:6], 2), expected=_batches(X7[:6], Y7[:6], 2),
             label="6 samples in batches of 2", hidden=True),
    ], call=_all_batches)


def _shuffled(X, y, seed):
    order = np.random.default_rng(seed).permutation(len(X))
    return X[order], y[order]


def check_shuffle_together(shuffle_together):
    """Check shuffle_together(X, y, seed) -> (X[order], y[order]) with
    order = np.random.default_rng(seed).permutation(len(X)), leaving X and y unchanged."""
    run_check("shuffle_together", shuffle_together, [
        Case(args=(X10, Y10, 0), expected=_shuffled(X10, Y10, 0),
             label="10 samples, seed 0"),
        Case(args=(X10, Y10, 1), expected=_shuffled(X10, Y10, 1),
             label="the same 10 samples, seed 1"),
        Case(args=(X7, Y7, 42), expected=_shuffled(X7, Y7, 42),
             label="7 samples of 3 features, seed 42"),
        Case(args=(X10[::-1], Y10[::-1], 7), expected=_shuffled(X10[::-1], Y10[::-1], 7),
             label="10 samples in reverse order, seed 7", hidden=True),
    ])
