"""Losses (chapters 5, 9, 14, 16, 17, 18) and the combined softmax + cross-entropy.

``forward(y_pred, y_true)`` returns one loss per sample; ``calculate`` averages
them; ``backward(dvalues, y_true)`` stores ``dinputs``, the gradient of the mean.
"""
import numpy as np

from .activations import Activation_Softmax

# Probabilities are clipped to [EPSILON, 1 - EPSILON] so that log(0) and 1/0 never happen.
EPSILON = 1e-7


class Loss:
    """Chapter 5: what every loss shares, averaging its ``forward``; chapter 14 adds the
    penalties, chapter 18 the totals over batches and the model's layers."""

    def __init__(self):
        self.trainable_layers = []
        self.new_pass()

    def __repr__(self):
        return f"{type(self).__name__}()"

    def remember_trainable_layers(self, layers):
        """Chapter 18: remember the layers whose penalties ``regularization_loss()`` adds up."""
        self.trainable_layers = list(layers)

    def regularization_loss(self, *layers):
        """Chapter 14: the L1 and L2 penalties of ``layers`` (or of the remembered ones)."""
        total = 0.0
        for layer in layers or self.trainable_layers:
            if layer.weight_regularizer_l1 > 0:
                total += layer.weight_regularizer_l1 * np.sum(np.abs(layer.weights))
            if layer.weight_regularizer_l2 > 0:
                total += layer.weight_regularizer_l2 * np.sum(layer.weights ** 2)
            if layer.bias_regularizer_l1 > 0:
                total += layer.bias_regularizer_l1 * np.sum(np.abs(layer.biases))
            if layer.bias_regularizer_l2 > 0:
                total += layer.bias_regularizer_l2 * np.sum(layer.biases ** 2)
        return float(total)

    def calculate(self, output, y, *, include_regularization=False):
        """The mean loss of a batch, also added to the running total of the epoch."""
        sample_losses = self.forward(output, y)
        self.accumulated_sum += float(np.sum(sample_losses))
        self.accumulated_count += len(sample_losses)
        data_loss = float(np.mean(sample_losses))
        if not include_regularization:
            return data_loss
        return data_loss, self.regularization_loss()

    def calculate_accumulated(self, *, include_regularization=False):
        """The mean loss over every batch since ``new_pass()``."""
        if not self.accumulated_count:
            raise ValueError("No batches were seen since new_pass(): call calculate() first.")
        data_loss = self.accumulated_sum / self.accumulated_count
        if not include_regularization:
            return data_loss
        return data_loss, self.regularization_loss()

    def new_pass(self):
        """Start a new epoch (or evaluation) of accumulated loss."""
        self.accumulated_sum, self.accumulated_count = 0.0, 0


def _class_indices(y_pred, y_true):
    """Check labels for a classifier's output and return them as class indices."""
    n, n_classes = y_pred.shape
    y_true = np.asarray(y_true)
    if y_true.shape == y_pred.shape:
        return one_hot_indices(y_true)
    if y_true.shape != (n,):
        raise ValueError(f"Labels must be class indices of shape ({n},) or one-hot of shape "
                         f"{y_pred.shape} to match the predictions; got shape {y_true.shape}.")
    if y_true.dtype.kind not in "iu":
        raise ValueError(f"Class labels must be integers (class indices); got dtype "
                         f"{y_true.dtype}. Convert them with y.astype(int).")
    if n and (y_true.min() < 0 or y_true.max() >= n_classes):
        bad = y_true[(y_true < 0) | (y_true >= n_classes)]
        raise ValueError(f"Labels must be in [0, {n_classes}) for {n_classes} outputs; "
                         f"found {np.unique(bad)[:5].tolist()}.")
    return y_true


def one_hot_indices(y):
    """Chapter 5: the class index of each one-hot row of ``y``, refusing rows that are not
    one-hot."""
    y = np.asarray(y)
    not_one_hot = (np.sum(y == 1, axis=1) != 1) | (np.sum(y == 0, axis=1) != y.shape[1] - 1)
    if not_one_hot.any():
        row = int(np.argmax(not_one_hot))
        what = " (all zero)" if not np.any(y[row]) else ""
        raise ValueError(f"One-hot labels need exactly one 1 in each row and 0 elsewhere; row "
                         f"{row} is {y[row].tolist()}{what}. Put a 1 in the column of each "
                         f"sample's class, or pass class indices of shape ({len(y)},) instead.")
    return np.argmax(y, axis=1)


def _matching_targets(y_pred, y_true):
    """Check targets for a per-output loss; accept (n,) targets for an (n, 1) output."""
    y_true = np.asarray(y_true)
    if y_true.ndim == 1 and y_pred.shape == (len(y_true), 1):
        y_true = y_true.reshape(-1, 1)
    if y_true.shape != y_pred.shape:
        raise ValueError(f"Targets must have the same shape as the predictions {y_pred.shape}; "
                         f"got shape {y_true.shape}.")
    return y_true


class Loss_CategoricalCrossentropy(Loss):
    """Chapter 5: ``-log(probability given to the correct class)``; chapter 9 adds its
    backward pass."""

    def forward(self, y_pred, y_true):
        classes = _class_indices(y_pred, y_true)
        correct = y_pred[np.arange(len(y_pred)), classes]
        return -np.log(np.clip(correct, EPSILON, 1 - EPSILON))

    def backward(self, dvalues, y_true):
        classes = _class_indices(dvalues, y_true)
        rows = np.arange(len(dvalues))
        # Only the correct class's probability appears in the loss, so only it gets a gradient.
        self.dinputs = np.zeros_like(dvalues)
        self.dinputs[rows, classes] = -1 / np.clip(dvalues[rows, classes], EPSILON, 1)
        self.dinputs /= len(dvalues)


class Activation_Softmax_Loss_CategoricalCrossentropy:
    """Chapter 9: softmax and cross-entropy as one step, whose gradient is simply
    ``(probabilities - one_hot(labels)) / n``."""

    def __init__(self):
        self.activation = Activation_Softmax()
        self.loss = Loss_CategoricalCrossentropy()

    def __repr__(self):
        return "Activation_Softmax_Loss_CategoricalCrossentropy()"

    def forward(self, inputs, y_true):
        """Softmax of ``inputs`` into ``self.output``; returns the mean loss."""
        self.activation.forward(inputs)
        self.output = self.activation.output
        return self.loss.calculate(self.output, y_true)

    def backward(self, dvalues, y_true):
        """``dvalues`` are the softmax probabilities (``self.output``)."""
        classes = _class_indices(dvalues, y_true)
        self.dinputs = dvalues.copy()
        self.dinputs[np.arange(len(dvalues)), classes] -= 1
        self.dinputs /= len(dvalues)


class Loss_BinaryCrossentropy(Loss):
    """Chapter 16: cross-entropy of independent yes/no outputs."""

    def forward(self, y_pred, y_true):
        y_true = _matching_targets(y_pred, y_true)
        if y_true.size and (y_true.min() < 0 or y_true.max() > 1):
            raise ValueError("Binary targets must be 0 or 1 (or probabilities in [0, 1]); "
                             f"got values from {y_true.min()} to {y_true.max()}.")
        p = np.clip(y_pred, EPSILON, 1 - EPSILON)
        return -np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p), axis=-1)

    def backward(self, dvalues, y_true):
        y_true = _matching_targets(dvalues, y_true)
        p = np.clip(dvalues, EPSILON, 1 - EPSILON)
        n_samples, n_outputs = dvalues.shape
        self.dinputs = -(y_true / p - (1 - y_true) / (1 - p)) / n_outputs / n_samples


class Loss_MeanSquaredError(Loss):
    """Chapter 17: the mean of squared differences, for regression."""

    def forward(self, y_pred, y_true):
        y_true = _matching_targets(y_pred, y_true)
        return np.mean((y_true - y_pred) ** 2, axis=-1)

    def backward(self, dvalues, y_true):
        y_true = _matching_targets(dvalues, y_true)
        n_samples, n_outputs = dvalues.shape
        self.dinputs = -2 * (y_true - dvalues) / n_outputs / n_samples


class Loss_MeanAbsoluteError(Loss):
    """Chapter 17: the mean of absolute differences, for regression."""

    def forward(self, y_pred, y_true):
        y_true = _matching_targets(y_pred, y_true)
        return np.mean(np.abs(y_true - y_pred), axis=-1)

    def backward(self, dvalues, y_true):
        y_true = _matching_targets(dvalues, y_true)
        n_samples, n_outputs = dvalues.shape
        self.dinputs = np.sign(dvalues - y_true) / n_outputs / n_samples
