"""Accuracy (chapters 5, 16, 17 and 18): how often predictions match the targets."""
import numpy as np

from . import _validate
from .losses import one_hot_indices


class Accuracy:
    """Chapter 18: the share of ``compare(predictions, y)`` that is true, per batch
    (``calculate``) and over every batch since ``new_pass()`` (``calculate_accumulated``)."""

    def __init__(self):
        self.new_pass()

    def __repr__(self):
        return f"{type(self).__name__}()"

    def init(self, y):
        """Learn what ``compare`` needs from the targets ``y`` before training (only
        regression needs to)."""

    def new_pass(self):
        self.correct, self.count = 0, 0

    def calculate(self, predictions, y):
        comparisons = self.compare(predictions, y)
        self.correct += int(np.sum(comparisons))
        self.count += comparisons.size
        return float(np.mean(comparisons))

    def calculate_accumulated(self):
        if not self.count:
            raise ValueError("No batches were seen since new_pass(): call calculate() first.")
        return self.correct / self.count


class Accuracy_Categorical(Accuracy):
    """Chapter 18: the share of correct classes; ``binary=True`` for sigmoid outputs
    (chapter 16). Labels may be class indices or one-hot rows."""

    def __init__(self, *, binary=False):
        super().__init__()
        if not isinstance(binary, (bool, np.bool_)):
            raise ValueError(f"binary must be True or False; got {binary!r}.")
        self.binary = binary

    def __repr__(self):
        return f"Accuracy_Categorical(binary={self.binary})"

    def compare(self, predictions, y):
        y = np.asarray(y)
        if not self.binary and y.ndim == 2:
            y = one_hot_indices(y)
        if self.binary and y.ndim == 1 and predictions.ndim == 2:
            y = y.reshape(-1, 1)
        if predictions.shape != y.shape:
            raise ValueError(f"Predictions of shape {predictions.shape} can't be compared with "
                             f"targets of shape {y.shape}.")
        return predictions == y


class Accuracy_Regression(Accuracy):
    """Chapter 18: the share of predictions within ``precision`` of the target, where
    precision is the targets' standard deviation / 250 unless given (chapter 17)."""

    def __init__(self, precision=None):
        super().__init__()
        if precision is not None:
            _validate.positive("precision", precision)
        self.precision = precision

    def __repr__(self):
        return f"Accuracy_Regression(precision={self.precision})"

    def init(self, y):
        if self.precision is None:
            self.precision = float(np.std(y)) / 250

    def compare(self, predictions, y):
        y = np.asarray(y)
        if y.ndim == 1 and predictions.ndim == 2:
            y = y.reshape(-1, 1)
        return np.abs(predictions - y) < self.precision
