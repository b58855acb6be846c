"""Exercise checks for chapter 05: Loss."""
import numpy as np

from shared import Loss_CategoricalCrossentropy
from shared.checks import Case, run_check

PROBABILITIES = np.array([[0.7, 0.2, 0.1],
                          [0.1, 0.5, 0.4],
                          [0.02, 0.9, 0.08],
                          [0.25, 0.25, 0.5]])
SPARSE = np.array([0, 1, 1, 0])
ONE_HOT = np.eye(3)[SPARSE]
# A probability of exactly 0 for the correct class: the loss must be clipped, not infinite.
CONFIDENT_AND_WRONG = np.array([[0.0, 1.0], [1.0, 0.0]])


def _mean_loss(y_pred, y_true):
    return Loss_CategoricalCrossentropy().calculate(y_pred, y_true)


def check_categorical_crossentropy(categorical_crossentropy):
    """Check categorical_crossentropy(y_pred, y_true) with sparse and one-hot labels, and clipping."""
    run_check("categorical_crossentropy", categorical_crossentropy, [
        Case(args=(PROBABILITIES, SPARSE), expected=_mean_loss(PROBABILITIES, SPARSE),
             label="4 samples, sparse labels [0, 1, 1, 0]"),
        Case(args=(PROBABILITIES, ONE_HOT), expected=_mean_loss(PROBABILITIES, ONE_HOT),
             label="the same 4 samples, one-hot labels"),
        Case(args=(PROBABILITIES[:2], np.array([2, 2])), expected=_mean_loss(PROBABILITIES[:2], [2, 2]),
             label="2 samples whose correct class is 2"),
        Case(args=(CONFIDENT_AND_WRONG, np.array([0, 0])),
             expected=_mean_loss(CONFIDENT_AND_WRONG, np.array([0, 0])),
             label="a correct class given probability exactly 0 (needs clipping)"),
    ])


def check_accuracy(accuracy):
    """Check accuracy(y_pred, y_true) with sparse and one-hot labels."""
    predicted = np.argmax(PROBABILITIES, axis=1)  # [0, 1, 1, 2]
    run_check("accuracy", accuracy, [
        Case(args=(PROBABILITIES, SPARSE), expected=float(np.mean(predicted == SPARSE)),
             label="4 samples, sparse labels [0, 1, 1, 0]"),
        Case(args=(PROBABILITIES, ONE_HOT), expected=float(np.mean(predicted == SPARSE)),
             label="the same 4 samples, one-hot labels"),
        Case(args=(PROBABILITIES, np.array([2, 0, 1, 2])), expected=0.5,
             label="4 samples, sparse labels [2, 0, 1, 2]"),
    ])
