"""Exercise checks for chapter 14: L1 and L2 regularization."""
import numpy as np

from shared import Layer_Dense, Loss
from shared.checks import Case, run_check

# Small fixed parameters; the zeros test the kink of |w| (np.sign(0) is 0).
W1 = np.array([[0.5, -1.0, 0.0], [2.0, 0.25, -0.75]])
B1 = np.array([[0.1, 0.0, -0.3]])
W2 = np.array([[-0.2, 0.4], [0.0, 1.5], [3.0, -0.6], [0.05, -2.0]])
B2 = np.array([[1.0, -1.0]])
# (label, weights, biases, weight_l1, weight_l2, bias_l1, bias_l2)
SETTINGS = [
    ("a 2x3 layer with all four coefficients", W1, B1, 0.01, 0.02, 0.03, 0.04),
    ("a 4x2 layer with only weight L2 = 5e-4", W2, B2, 0.0, 5e-4, 0.0, 0.0),
    ("a 4x2 layer with only the L1 coefficients", W2, B2, 0.1, 0.0, 0.2, 0.0),
    ("a 2x3 layer with only bias L2 = 0.5", W1, B1, 0.0, 0.0, 0.0, 0.5),
]


def _shared_layer(weights, biases, weight_l1, weight_l2, bias_l1, bias_l2):
    n_inputs, n_neurons = weights.shape
    layer = Layer_Dense(n_inputs, n_neurons, weight_l1, weight_l2, bias_l1, bias_l2, dtype=np.float64)
    layer.weights, layer.biases = weights.copy(), biases.copy()
    return layer


def _cases(answer):
    return [Case(args=(w, b, l1w, l2w, l1b, l2b), expected=answer(_shared_layer(w, b, l1w, l2w, l1b, l2b)),
                 label=label) for label, w, b, l1w, l2w, l1b, l2b in SETTINGS]


def _penalty_gradients(layer):
    # With dvalues of zero, backward leaves only the penalties' part of the gradients.
    layer.forward(np.zeros((1, layer.weights.shape[0])))
    layer.backward(np.zeros((1, layer.weights.shape[1])))
    return layer.dweights, layer.dbiases


def check_regularization_loss(regularization_loss):
    """regularization_loss(weights, biases, weight_l1, weight_l2, bias_l1, bias_l2) -> one number."""
    run_check("regularization_loss", regularization_loss,
              _cases(lambda layer: Loss().regularization_loss(layer)))


def check_regularization_gradients(regularization_gradients):
    """regularization_gradients(weights, biases, weight_l1, weight_l2, bias_l1, bias_l2)
    -> (dweights, dbiases) of the penalty alone."""
    run_check("regularization_gradients", regularization_gradients, _cases(_penalty_gradients))
