"""Exercise checks for chapter 19: A real dataset."""
import inspect

import numpy as np

from shared.checks import Case, close_enough, run_check

# Ten samples of two features, labelled so that a sample's label is its first feature / 2.
X10 = np.arange(20.0).reshape(10, 2)
Y10 = np.array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
# Seven samples of three features, each row starting with its label.
X7 = np.column_stack([np.array([2, 0, 1, 1, 0, 2, 1]), np.arange(14.0).reshape(7, 2) / 10])
Y7 = np.array([2, 0, 1, 1, 0, 2, 1])


# --- exercise 1: a mini-batch generator ----------------------------------------------------


def batches(X, y, batch_size):
    """The reference answer: consecutive (X_batch, y_batch) pairs, the last one holding the rest."""
    return [(X[start:start + batch_size], y[start:start + batch_size])
            for start in range(0, len(X), batch_size)]


def _collect_batches(iterate_minibatches, X, y, batch_size):
    """(every batch the answer gives, as a list; "generator" or the kind of value it returned)."""
    answer = iterate_minibatches(X, y, batch_size)
    kind = "generator" if inspect.isgenerator(answer) else type(answer).__name__
    try:
        given = list(answer)
    except TypeError:  # not iterable: the comparison says what came back
        given = None
    return given, kind


def _same_batches(got, expected):
    given, kind = got
    if kind != "generator":
        return False, (f"it returned a {kind}, not a generator: `yield` each (X_batch, y_batch) "
                       "inside the loop instead of collecting them, so that a batch is made only "
                       "when the training loop asks for it")
    return close_enough(given, expected[0])


def minibatch_case(X, y, batch_size, label):
    return Case(args=(X, y, batch_size), expected=(batches(X, y, batch_size), "generator"),
                label=label)


def check_iterate_minibatches(iterate_minibatches):
    """Check that iterate_minibatches(X, y, batch_size) is a generator yielding (X_batch, y_batch)
    in order, the last batch holding what is left."""
    run_check("iterate_minibatches", iterate_minibatches, [
        minibatch_case(X10, Y10, 4, "10 samples in batches of 4 (the last batch holds 2)"),
        minibatch_case(X10, Y10, 5, "10 samples in batches of 5 (two full batches)"),
        minibatch_case(X7, Y7, 3, "7 samples of 3 features in batches of 3"),
        minibatch_case(X7, Y7, 50, "7 samples with batch_size 50 (one batch of all 7)"),
    ], call=_collect_batches, compare=_same_batches)


# --- exercise 2: what each mini-batch holds ------------------------------------------------


def class_counts(y, batch_size, n_classes):
    """The reference answer: row b counts the labels of batch b, one column per class."""
    return np.array([np.bincount(y[start:start + batch_size], minlength=n_classes)
                     for start in range(0, len(y), batch_size)], dtype=np.int64)


def same_counts(got, expected):
    """Counts compare as an integer NumPy array of the expected shape and values."""
    if not isinstance(got, np.ndarray):
        return False, f"expected a NumPy array of whole numbers, got a {type(got).__name__}"
    if not np.issubdtype(got.dtype, np.integer):
        return False, (f"the counts are {got.dtype} numbers: counts are whole numbers, so make "
                       "the array with an integer dtype (np.zeros(..., dtype=int); np.bincount "
                       "counts in integers already)")
    return close_enough(got, expected)


def counts_case(y, batch_size, n_classes, label):
    y = np.array(y)
    return Case(args=(y, batch_size, n_classes), expected=class_counts(y, batch_size, n_classes),
                label=label)


SORTED10 = [0, 0, 0, 1, 1, 1, 2, 2, 2, 2]


def check_batch_class_counts(batch_class_counts):
    """Check batch_class_counts(y, batch_size, n_classes) -> an integer array whose row b counts
    how many labels of each class batch b holds."""
    run_check("batch_class_counts", batch_class_counts, [
        counts_case(SORTED10, 3, 3, "labels [0 0 0 1 1 1 2 2 2 2] (sorted), batches of 3, "
                                    "3 classes: the last batch holds one label"),
        counts_case([2, 0, 1, 1, 0, 2, 1, 2, 0, 1], 5, 3,
                    "labels [2 0 1 1 0 2 1 2 0 1] (mixed), batches of 5, 3 classes"),
        counts_case([1, 3, 1, 0, 3, 3, 1], 2, 5, "labels [1 3 1 0 3 3 1], batches of 2, 5 classes "
                                                 "(classes 2 and 4 never occur: zero columns)"),
        counts_case([4, 4, 0, 1], 10, 6, "4 labels with batch_size 10 (one batch), 6 classes"),
    ], compare=same_counts)
