"""Gradient checking (chapter 8): compare a ``backward`` with finite differences.

Use float64 everywhere. A correct backward gives a relative error around 1e-8
or smaller; above 1e-6 something is wrong (ReLU's kink can push it up if an
input sits within ``h`` of zero).
"""
import numpy as np

from .losses import Activation_Softmax_Loss_CategoricalCrossentropy, Loss


def numerical_gradient(f, x, h=1e-6):
    """Chapter 8: the gradient of the scalar function ``f(x)`` at the array ``x``, by centred
    differences ``(f(x + h) - f(x - h)) / 2h``, one element at a time.

    ``x`` is changed in place while probing and restored afterwards. This loops over
    every element, so keep ``x`` small: it is for checking, not for training.
    """
    grad = np.zeros(x.shape, dtype=np.float64)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + h
        f_plus = f(x)
        x[index] = original - h
        f_minus = f(x)
        x[index] = original
        grad[index] = (f_plus - f_minus) / (2 * h)
    return grad


def numerical_gradient_of_output(forward, x, dvalues, h=1e-6):
    """Chapter 8: the gradient with respect to ``x`` of ``sum(forward(x) * dvalues)``: what a
    layer's ``backward(dvalues)`` should return as ``dinputs``."""
    return numerical_gradient(lambda v: np.sum(forward(v) * dvalues), x, h)


def rel_error(a, b):
    """Chapter 8: the relative error ``|a - b| / (|a| + |b|)`` of two arrays, with ``|.|`` the
    Euclidean norm (0 when both are zero). Measured over the whole array, tiny entries
    whose digits are all rounding noise cannot dominate it."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    scale = np.linalg.norm(a) + np.linalg.norm(b)
    return float(np.linalg.norm(a - b) / scale) if scale > 0 else 0.0


def gradient_check(piece, inputs, y=None, *, seed=0, h=1e-6):
    """Chapter 8: check ``piece.backward`` against numerical gradients; return the relative
    errors.

    ``piece`` is a layer or activation (give ``inputs``), a loss (give ``inputs`` as
    predictions and the targets ``y``), or the combined softmax + cross-entropy (give
    scores and ``y``). A layer's weights and biases, if any, are checked too, with its
    L1/L2 penalties included. Returns ``{"dinputs": ..., "dweights": ..., "dbiases": ...}``.
    """
    inputs = np.array(inputs, dtype=np.float64)
    if isinstance(piece, Activation_Softmax_Loss_CategoricalCrossentropy):
        piece.forward(inputs, y)
        piece.backward(piece.output, y)
        numeric = numerical_gradient(lambda v: piece.forward(v, y), inputs, h)
        return {"dinputs": rel_error(piece.dinputs, numeric)}
    if isinstance(piece, Loss):
        piece.backward(inputs, y)
        numeric = numerical_gradient(lambda v: np.mean(piece.forward(v, y)), inputs, h)
        return {"dinputs": rel_error(piece.dinputs, numeric)}

    # A layer: the scalar being differentiated is sum(output * dvalues) + its penalties.
    piece.forward(inputs, training=False)
    dvalues = np.random.default_rng(seed).standard_normal(piece.output.shape)
    piece.backward(dvalues)

    def total(_):
        piece.forward(inputs, training=False)
        penalty = Loss().regularization_loss(piece) if hasattr(piece, "weights") else 0.0
        return np.sum(piece.output * dvalues) + penalty

    errors = {"dinputs": rel_error(piece.dinputs, numerical_gradient(total, inputs, h))}
    if hasattr(piece, "weights"):
        errors["dweights"] = rel_error(piece.dweights, numerical_gradient(total, piece.weights, h))
        errors["dbiases"] = rel_error(piece.dbiases, numerical_gradient(total, piece.biases, h))
    return errors
