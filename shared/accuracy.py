"""Accuracy (chapters 5, 17, 18): how often predictions match the targets."""
import numpy as np

from .losses import one_hot_indices


class Accuracy:
    """The mean of ``compare(predictions, y)``, also accumulated over batches."""

    def __repr__(self):
        return f"{type(self).__name__}()"

    def init(self, y, reinit=False):
        """Prepare for targets ``y`` (only regression needs to)."""

    def calculate(self, predictions, y):
        comparisons = self.compare(predictions, y)
        self._sum = getattr(self, "_sum", 0) + int(np.sum(comparisons))
        self._count = getattr(self, "_count", 0) + comparisons.size
        return float(np.mean(comparisons))

    def calculate_accumulated(self):
        if not getattr(self, "_count", 0):
            raise ValueError("No batches were seen since new_pass(): call calculate() first.")
        return self._sum / self._count

    def new_pass(self):
        self._sum, self._count = 0, 0


class Accuracy_Categorical(Accuracy):
    """Fraction of correct classes; ``binary=True`` for sigmoid outputs (chapter 16)."""

    def __init__(self, *, binary=False):
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
    """Fraction of predictions within ``precision`` of the target, where precision
    is the targets' standard deviation / 250 unless given (chapter 17)."""

    def __init__(self, precision=None):
        self.precision = precision

    def __repr__(self):
        return f"Accuracy_Regression(precision={self.precision})"

    def init(self, y, reinit=False):
        if self.precision is None or reinit:
            self.precision = float(np.std(y)) / 250

    def compare(self, predictions, y):
        y = np.asarray(y)
        if y.ndim == 1 and predictions.ndim == 2:
            y = y.reshape(-1, 1)
        return np.abs(predictions - y) < self.precision
