"""Activation functions (chapters 4, 16, 17) and their derivatives (chapter 9).

Each stores ``output`` in ``forward`` and ``dinputs`` in ``backward``, and
``predictions(outputs)`` turns the output of a final layer into predictions.
"""
import numpy as np

from . import _validate


class _Activation:
    """What every activation shares: a readable repr, and outputs that are predictions
    unless the subclass says otherwise (chapter 18)."""

    def __repr__(self):
        return f"{type(self).__name__}()"

    def predictions(self, outputs):
        return outputs


class Activation_ReLU(_Activation):
    """Chapter 4: ``max(0, x)`` passes positives and zeros negatives; chapter 9 adds its
    backward pass."""

    def forward(self, inputs, training=False):
        self.inputs = inputs
        self.output = np.maximum(inputs, 0)

    def backward(self, dvalues):
        # The slope is 1 where the input was positive and 0 elsewhere.
        self.dinputs = dvalues * (self.inputs > 0)


class Activation_Softmax(_Activation):
    """Chapter 4: turns each row of scores into probabilities that sum to 1; chapter 9 adds
    its backward pass."""

    def forward(self, inputs, training=False):
        self.inputs = inputs
        # Subtracting the row maximum changes nothing mathematically but keeps exp() finite.
        exp_values = np.exp(inputs - np.max(inputs, axis=1, keepdims=True))
        self.output = exp_values / np.sum(exp_values, axis=1, keepdims=True)

    def backward(self, dvalues):
        # Row by row, the Jacobian is diag(s) - s s^T, so J @ d = s * (d - s.d),
        # computed for the whole batch at once.
        s = self.output
        self.dinputs = s * (dvalues - np.sum(dvalues * s, axis=1, keepdims=True))

    def predictions(self, outputs):
        return np.argmax(outputs, axis=1)


class Activation_Sigmoid(_Activation):
    """Chapter 16: ``1 / (1 + exp(-x))``, squashing any number into (0, 1)."""

    def forward(self, inputs, training=False):
        self.inputs = inputs
        # The same function written with tanh, which never overflows for large |x|.
        self.output = 0.5 * (1 + np.tanh(0.5 * inputs))

    def backward(self, dvalues):
        self.dinputs = dvalues * self.output * (1 - self.output)

    def predictions(self, outputs):
        return (outputs > 0.5).astype(np.int64)


class Activation_Linear(_Activation):
    """Chapter 17: the identity, for regression outputs."""

    def forward(self, inputs, training=False):
        self.inputs = inputs
        self.output = inputs

    def backward(self, dvalues):
        self.dinputs = dvalues


class Activation_Tanh(_Activation):
    """Chapter 9 (beyond the book): ``tanh(x)``, an S-curve from -1 to 1."""

    def forward(self, inputs, training=False):
        self.inputs = inputs
        self.output = np.tanh(inputs)

    def backward(self, dvalues):
        self.dinputs = dvalues * (1 - self.output ** 2)


class Activation_LeakyReLU(_Activation):
    """Chapter 4 (beyond the book): like ReLU, but negatives keep a small slope ``alpha``."""

    def __init__(self, alpha=0.01):
        _validate.fraction("Activation_LeakyReLU alpha", alpha)
        self.alpha = alpha

    def __repr__(self):
        return f"Activation_LeakyReLU(alpha={self.alpha})"

    def forward(self, inputs, training=False):
        self.inputs = inputs
        self.output = np.where(inputs > 0, inputs, self.alpha * inputs)

    def backward(self, dvalues):
        self.dinputs = np.where(self.inputs > 0, dvalues, self.alpha * dvalues)
