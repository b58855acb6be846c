"""Layers: the dense layer (chapters 3 and 9), dropout (chapter 15) and the input layer
(chapter 18).

Every piece in the course follows one contract:
``forward(inputs, training=False)`` stores ``self.output``;
``backward(dvalues)`` stores ``self.dinputs`` (and the parameter gradients).
"""
import numbers

import numpy as np

from . import _validate


class Layer_Dense:
    """Chapter 3: a fully connected layer, ``output = inputs @ weights + biases``; chapter 9
    adds its backward pass.

    The optional L1/L2 penalties (chapter 14) are added to the loss by
    ``Loss.regularization_loss`` and to the gradients here, in ``backward``.
    Weights start as ``weight_scale * randn``; regression nets (chapter 17) learn
    faster from a larger scale such as 0.1.
    """

    def __init__(self, n_inputs, n_neurons, weight_regularizer_l1=0.0,
                 weight_regularizer_l2=0.0, bias_regularizer_l1=0.0,
                 bias_regularizer_l2=0.0, *, weight_scale=0.01, dtype=np.float32):
        if not all(isinstance(n, numbers.Integral) and not isinstance(n, bool) and n >= 1
                   for n in (n_inputs, n_neurons)):
            raise ValueError(f"Layer_Dense needs whole numbers of at least 1 for n_inputs and "
                             f"n_neurons; got n_inputs={n_inputs!r}, n_neurons={n_neurons!r}.")
        for name, value in zip(_validate.REGULARIZERS, [weight_regularizer_l1,
                                                        weight_regularizer_l2,
                                                        bias_regularizer_l1, bias_regularizer_l2]):
            _validate.non_negative(name, value)
        _validate.non_negative("weight_scale", weight_scale)
        # Small random weights break the symmetry between neurons; biases start at zero.
        self.weights = (weight_scale * np.random.randn(n_inputs, n_neurons)).astype(dtype,
                                                                                  copy=False)
        self.biases = np.zeros((1, n_neurons), dtype=dtype)
        self.weight_regularizer_l1 = weight_regularizer_l1
        self.weight_regularizer_l2 = weight_regularizer_l2
        self.bias_regularizer_l1 = bias_regularizer_l1
        self.bias_regularizer_l2 = bias_regularizer_l2
        # A model's first layer has nobody to hand a gradient to, so Model turns this off.
        self.compute_dinputs = True

    def __repr__(self):
        n_inputs, n_neurons = self.weights.shape
        return f"Layer_Dense({n_inputs} -> {n_neurons})"

    def forward(self, inputs, training=False):
        inputs = np.asarray(inputs)
        n_inputs = self.weights.shape[0]
        if inputs.ndim != 2 or inputs.shape[1] != n_inputs:
            hint = " (for one sample, use x.reshape(1, -1))" if inputs.ndim == 1 else ""
            raise ValueError(f"{self!r} expects inputs of shape (batch, {n_inputs}); "
                             f"got shape {inputs.shape}{hint}.")
        self.inputs = inputs
        self.output = inputs @ self.weights + self.biases

    def backward(self, dvalues):
        self.dweights = self.inputs.T @ dvalues
        self.dbiases = np.sum(dvalues, axis=0, keepdims=True)
        # Gradients of the L1 (|w|) and L2 (w**2) penalties.
        if self.weight_regularizer_l1 > 0:
            self.dweights += self.weight_regularizer_l1 * np.sign(self.weights)
        if self.weight_regularizer_l2 > 0:
            self.dweights += 2 * self.weight_regularizer_l2 * self.weights
        if self.bias_regularizer_l1 > 0:
            self.dbiases += self.bias_regularizer_l1 * np.sign(self.biases)
        if self.bias_regularizer_l2 > 0:
            self.dbiases += 2 * self.bias_regularizer_l2 * self.biases
        self.dinputs = dvalues @ self.weights.T if self.compute_dinputs else None

    def get_parameters(self):
        """Chapter 21: the layer's ``(weights, biases)``."""
        return self.weights, self.biases

    def set_parameters(self, weights, biases):
        """Chapter 21: give the layer these ``weights`` and ``biases``."""
        self.weights, self.biases = weights, biases


class Layer_Dropout:
    """Chapter 15: inverted dropout. During training, zero each input with
    probability ``rate`` and scale the survivors by ``1 / (1 - rate)``, so that
    at inference the layer can pass its inputs through unchanged."""

    def __init__(self, rate):
        _validate.fraction("Layer_Dropout rate (the fraction of inputs to drop)", rate)
        self.rate = rate

    def __repr__(self):
        return f"Layer_Dropout(rate={self.rate})"

    def forward(self, inputs, training=False):
        self.inputs = inputs
        if not training or self.rate == 0:
            self.mask = None
            self.output = inputs
            return
        keep = 1 - self.rate
        self.mask = (np.random.random_sample(inputs.shape) < keep).astype(inputs.dtype) / keep
        self.output = inputs * self.mask

    def backward(self, dvalues):
        self.dinputs = dvalues if self.mask is None else dvalues * self.mask


class Layer_Input:
    """Chapter 18: the first link of a model's chain; its output is the data itself."""

    def __repr__(self):
        return "Layer_Input()"

    def forward(self, inputs, training=False):
        self.output = inputs
