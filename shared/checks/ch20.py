"""Exercise checks for chapter 20: Model evaluation."""
import numpy as np

from shared.checks import Case, run_check
from shared.metrics import confusion_matrix, macro_f1


def _matrix_case(y_true, y_pred, n_classes, label, hidden=False):
    y_true, y_pred = np.array(y_true), np.array(y_pred)
    return Case(args=(y_true, y_pred, n_classes),
                expected=confusion_matrix(y_true, y_pred, n_classes), label=label, hidden=hidden)


def check_confusion_matrix(confusion_matrix):
    """Check confusion_matrix(y_true, y_pred, n_classes): counts[i, j] of true i predicted as j."""
    run_check("confusion_matrix", confusion_matrix, [
        _matrix_case([0, 1, 2, 2, 1, 0], [0, 2, 2, 2, 1, 1], 3,
                     "y_true [0 1 2 2 1 0], y_pred [0 2 2 2 1 1], 3 classes"),
        _matrix_case([1, 1, 0, 0, 0], [0, 0, 1, 1, 1], 2,
                     "y_true [1 1 0 0 0], y_pred [0 0 1 1 1] (every prediction wrong), 2 classes"),
        _matrix_case([3, 0, 3, 1, 1, 3, 0], [3, 0, 1, 1, 3, 3, 0], 5,
                     "7 samples and 5 classes, where class 2 and class 4 never occur"),
        _matrix_case([2, 2, 1, 0], [2, 1, 1, 2], 4, "4 samples, 4 classes", hidden=True),
    ])


def _f1_case(matrix, label, hidden=False):
    matrix = np.array(matrix)
    return Case(args=(matrix,), expected=macro_f1(matrix), label=label, hidden=hidden)


def check_macro_f1(macro_f1):
    """Check macro_f1(matrix): the mean of the per-class F1 scores (0 where undefined)."""
    run_check("macro_f1", macro_f1, [
        _f1_case([[8, 2], [1, 9]], "the 2x2 matrix [[8, 2], [1, 9]]"),
        _f1_case([[5, 0, 0], [0, 3, 2], [1, 0, 4]], "the 3x3 matrix [[5, 0, 0], [0, 3, 2], [1, 0, 4]]"),
        _f1_case([[4, 1, 0], [2, 3, 0], [1, 1, 0]],
                 "[[4, 1, 0], [2, 3, 0], [1, 1, 0]]: class 2 is never predicted, so its precision, "
                 "recall and F1 are 0"),
        _f1_case([[10, 0], [0, 10]], "the perfect 2x2 matrix [[10, 0], [0, 10]]"),
        _f1_case([[0, 3], [0, 7]], "[[0, 3], [0, 7]]: class 0 never predicted", hidden=True),
    ])
