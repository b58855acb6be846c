"""Exercise checks for chapter 20: Model evaluation."""
import numpy as np

from shared.checks import Case, run_check
from shared.checks.ch19 import same_counts
from shared.metrics import confusion_matrix, precision_recall_f1

# --- exercise 1: the confusion matrix ------------------------------------------------------


def matrix_case(y_true, y_pred, n_classes, label):
    y_true, y_pred = np.array(y_true), np.array(y_pred)
    return Case(args=(y_true, y_pred, n_classes),
                expected=confusion_matrix(y_true, y_pred, n_classes), label=label)


def check_confusion_matrix(confusion_matrix):
    """Check confusion_matrix(y_true, y_pred, n_classes): an integer array whose [i, j] counts
    the samples of true class i predicted as j."""
    run_check("confusion_matrix", confusion_matrix, [
        matrix_case([0, 1, 2, 2, 1, 0], [0, 2, 2, 2, 1, 1], 3,
                    "y_true [0 1 2 2 1 0], y_pred [0 2 2 2 1 1], 3 classes"),
        matrix_case([1, 1, 0, 0, 0], [0, 0, 1, 1, 1], 2,
                    "y_true [1 1 0 0 0], y_pred [0 0 1 1 1] (every prediction wrong), 2 classes"),
        matrix_case([3, 0, 3, 1, 1, 3, 0], [3, 0, 1, 1, 3, 3, 0], 5,
                    "7 samples and 5 classes, where class 2 and class 4 never occur"),
    ], compare=same_counts)


# --- exercise 2: precision and recall of a detector ----------------------------------------

SCORES = ("precision", "recall", "F1")


def detector_scores(probabilities, y_true, k, threshold):
    """The reference answer: (precision, recall, F1) of class k when every sample whose
    probability of k is at least threshold is flagged as k, from chapter 20's metrics."""
    flagged = (np.asarray(probabilities)[:, k] >= threshold).astype(int)
    matrix = confusion_matrix((np.asarray(y_true) == k).astype(int), flagged, 2)
    return tuple(float(score[1]) for score in precision_recall_f1(matrix))


def detector_case(probabilities, y_true, k, threshold, label):
    probabilities, y_true = np.array(probabilities), np.array(y_true)
    return Case(args=(probabilities, y_true, k, threshold),
                expected=detector_scores(probabilities, y_true, k, threshold), label=label)


PROBABILITIES6 = [[0.7, 0.2, 0.1], [0.1, 0.6, 0.3], [0.2, 0.45, 0.35],
                  [0.3, 0.3, 0.4], [0.05, 0.9, 0.05], [0.5, 0.4, 0.1]]
Y6 = [0, 1, 1, 2, 2, 1]
SIX = "the 6 rows of probabilities of the exercise text (y_true [0 1 1 2 2 1])"


def check_threshold_scores(threshold_scores):
    """Check threshold_scores(probabilities, y_true, k, threshold) -> (precision, recall, F1) of
    class k when a sample is flagged as k wherever its probability of k is >= threshold."""
    run_check("threshold_scores", threshold_scores, [
        detector_case(PROBABILITIES6, Y6, 1, 0.5,
                      f"{SIX}, class 1, threshold 0.5: 2 flagged, 1 of them right"),
        detector_case(PROBABILITIES6, Y6, 1, 0.4,
                      f"{SIX}, class 1, threshold 0.4 (the last row's 0.4 counts: at least "
                      "the threshold)"),
        detector_case(PROBABILITIES6, Y6, 0, 0.6,
                      f"{SIX}, class 0, threshold 0.6: 1 flagged, right, of 1 image of class 0"),
        detector_case(PROBABILITIES6, Y6, 2, 0.95,
                      f"{SIX}, class 2, threshold 0.95: nothing flagged (precision 0/0, use 0)"),
        detector_case(PROBABILITIES6, [0, 1, 1, 0, 1, 1], 2, 0.3,
                      "the same probabilities with y_true [0 1 1 0 1 1], class 2, threshold 0.3: "
                      "no image of class 2 (recall 0/0, use 0)"),
    ], parts=SCORES)
