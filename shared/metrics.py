"""Classification metrics (chapter 20): confusion matrix, precision, recall, F1."""
import numpy as np


def confusion_matrix(y_true, y_pred, n_classes=None):
    """Chapter 20: ``matrix[i, j]`` counts the samples of true class ``i`` predicted as
    class ``j``."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.shape != y_pred.shape or y_true.ndim != 1:
        raise ValueError(f"y_true and y_pred must be 1-D class indices of the same length; "
                         f"got shapes {y_true.shape} and {y_pred.shape}.")
    if n_classes is None:
        n_classes = int(max(y_true.max(initial=-1), y_pred.max(initial=-1))) + 1
    if y_true.size and (min(y_true.min(), y_pred.min()) < 0
                        or max(y_true.max(), y_pred.max()) >= n_classes):
        raise ValueError(f"Class indices must be in [0, {n_classes}).")
    # Each (true, predicted) pair becomes one number; counting those fills the matrix.
    counts = np.bincount(y_true * n_classes + y_pred, minlength=n_classes * n_classes)
    return counts.reshape(n_classes, n_classes)


def precision_recall_f1(matrix):
    """Chapter 20: per-class precision, recall and F1 from a confusion matrix (0 where
    undefined)."""
    matrix = np.asarray(matrix, dtype=np.float64)
    correct = np.diag(matrix)
    predicted = matrix.sum(axis=0)  # how often each class was predicted
    actual = matrix.sum(axis=1)     # how often each class really occurs
    precision = np.divide(correct, predicted, out=np.zeros_like(correct), where=predicted > 0)
    recall = np.divide(correct, actual, out=np.zeros_like(correct), where=actual > 0)
    both = precision + recall
    f1 = np.divide(2 * precision * recall, both, out=np.zeros_like(correct), where=both > 0)
    return precision, recall, f1


def macro_f1(matrix):
    """Chapter 20: the unweighted mean of the per-class F1 scores."""
    return float(np.mean(precision_recall_f1(matrix)[2]))


def classification_report(y_true, y_pred, class_names):
    """Chapter 20: a printable table of per-class precision, recall, F1 and support, with
    macro averages."""
    matrix = confusion_matrix(y_true, y_pred, len(class_names))
    precision, recall, f1 = precision_recall_f1(matrix)
    support = matrix.sum(axis=1)
    width = max(len(name) for name in list(class_names) + ["macro average"])
    lines = [f"{'class':<{width}}  precision  recall     f1  support"]
    for row in zip(class_names, precision, recall, f1, support):
        lines.append(f"{row[0]:<{width}}  {row[1]:9.3f}  {row[2]:6.3f}  {row[3]:5.3f}  {row[4]:7d}")
    lines.append(f"{'macro average':<{width}}  {precision.mean():9.3f}  {recall.mean():6.3f}  "
                 f"{f1.mean():5.3f}  {support.sum():7d}")
    lines.append(f"{'accuracy':<{width}}  {np.trace(matrix) / max(support.sum(), 1):9.3f}")
    return "\n".join(lines)
