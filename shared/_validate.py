"""Checks of settings and data shared by the library and the trainer.

Each function returns nothing when its value is fine and otherwise raises ValueError with a
one-line message that names the setting.
"""
import math
import numbers

import numpy as np

# The L1/L2 penalties a dense layer may carry (chapter 14).
REGULARIZERS = ("weight_regularizer_l1", "weight_regularizer_l2",
                "bias_regularizer_l1", "bias_regularizer_l2")


def is_real(value):
    """True for an int or float (NumPy's included) that is finite; False for bools."""
    return (isinstance(value, numbers.Real) and not isinstance(value, bool)
            and math.isfinite(value))


def shown(value):
    """A number as it is written (3.0, not np.float64(3.0)); anything else as repr."""
    return str(value) if isinstance(value, numbers.Real) and not isinstance(value, bool) \
        else repr(value)


def _number(name, value, rule, holds):
    if not (is_real(value) and holds(value)):
        raise ValueError(f"{name} must be {rule}; got {shown(value)}.")


# Each rule in words and as a test; the trainer's flags use the same ones.
POSITIVE = ("positive", lambda v: v > 0)
NON_NEGATIVE = ("0 or more", lambda v: v >= 0)
FRACTION = ("in [0, 1)", lambda v: 0 <= v < 1)


def whole_rule(minimum=1):
    """The whole-number rule in words and as a test."""
    return f"a whole number of at least {minimum}", lambda v: v >= minimum


def positive(name, value):
    """A finite number above 0 (a learning rate, epsilon)."""
    _number(name, value, *POSITIVE)


def non_negative(name, value):
    """A finite number of 0 or more (decay, a penalty)."""
    _number(name, value, *NON_NEGATIVE)


def fraction(name, value):
    """A number in [0, 1) (momentum, a dropout rate, Adam's betas)."""
    _number(name, value, *FRACTION)


def whole_number(name, value, *, minimum=1, none_means=None):
    """A whole number of at least ``minimum``, or None if ``none_means`` says what None
    stands for."""
    if none_means is not None and value is None:
        return
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        hint = (f" (write {int(value)}, not {value!r})"
                if isinstance(value, float) and value.is_integer() and value >= minimum else "")
        allowed = f", or None for {none_means}" if none_means else ""
        raise ValueError(f"{name} must be {whole_rule(minimum)[0]}{allowed}; "
                         f"got {value!r}{hint}.")


def one_of(name, value, choices):
    """One of ``choices``."""
    if not isinstance(value, str) or value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(choices)}; got {value!r}.")


def samples(X, y, names=("X", "y")):
    """Inputs and targets that would fail, or mislead, only once training is under way are
    refused: not NumPy arrays, not numbers, empty, of different lengths, or with NaN or
    infinity."""
    for values, name in zip((X, y), names):
        if not isinstance(values, np.ndarray):
            raise ValueError(f"{name} must be a NumPy array with one row per sample; got a "
                             f"{type(values).__name__}. Convert it with np.array({name}).")
        if values.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers; got dtype {values.dtype}. "
                             f"Convert it to numbers first (class labels to integer indices).")
        if values.ndim == 0 or len(values) == 0:
            raise ValueError(f"{name} has no samples (shape {values.shape}): pass at least one "
                             f"row.")
        row = first_non_finite_row(values)
        if row is not None:
            raise ValueError(f"{name} holds NaN or infinite values (the first in row {row}): "
                             f"remove those rows or replace the values (e.g. with "
                             f"np.nan_to_num) before training or evaluating.")
    if len(X) != len(y):
        raise ValueError(f"{names[0]} and {names[1]} must have one row per sample; got "
                         f"{len(X)} inputs and {len(y)} labels.")


def first_non_finite_row(values):
    """The index of the first row holding NaN or infinity, or None if all are finite."""
    if values.dtype.kind != "f":
        return None  # integers and booleans are always finite
    with np.errstate(over="ignore", invalid="ignore"):
        if np.isfinite(values.sum()):  # one NaN or infinity anywhere makes the sum one too
            return None
    finite_rows = np.isfinite(values).reshape(len(values), -1).all(axis=1)
    return None if finite_rows.all() else int(np.argmin(finite_rows))


def pair(name, value, parts):
    """A tuple or list of two items, such as ``validation_data``, or None."""
    if value is not None and (not isinstance(value, (tuple, list)) or len(value) != 2):
        got = (f"{len(value)} items" if isinstance(value, (tuple, list))
               else f"an object of type {type(value).__name__}")
        raise ValueError(f"{name} must be a pair {parts} or None; got {got}.")


def parameters_fit(layers, parameters):
    """A list of ``(weights, biases)`` with the shapes of ``layers``' parameters."""
    if len(parameters) != len(layers):
        raise ValueError(f"This model has {len(layers)} trainable layers; "
                         f"got parameters for {len(parameters)}.")
    for layer, (weights, biases) in zip(layers, parameters):
        if (np.shape(weights), np.shape(biases)) != (layer.weights.shape, layer.biases.shape):
            raise ValueError(f"{layer!r} needs weights {layer.weights.shape} and biases "
                             f"{layer.biases.shape}; got {np.shape(weights)} and "
                             f"{np.shape(biases)}.")


def too_strong_penalty(learning_rate, layers):
    """The first ``(layer, penalty name)`` whose penalty times ``learning_rate`` reaches 1,
    or None. Such a penalty makes training diverge: one step of L2 alone multiplies a weight
    by ``1 - 2 * rate * penalty``, which flips its sign without shrinking it, and one step of
    L1 moves it by ``rate * penalty``, 1 or more."""
    for layer in layers:
        for name in REGULARIZERS:
            if learning_rate * getattr(layer, name) >= 1:
                return layer, name
    return None
