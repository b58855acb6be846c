"""Exercise checks for chapter 14: L1 and L2 regularization."""
import numpy as np

from shared import Layer_Dense
from shared.checks import ATOL, Case, close_enough, run_check
from shared.gradcheck import numerical_gradient

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
PARTS = ("dweights", "dbiases")


def _shared_layer(weights, biases, weight_l1, weight_l2, bias_l1, bias_l2):
    n_inputs, n_neurons = weights.shape
    layer = Layer_Dense(n_inputs, n_neurons, weight_l1, weight_l2, bias_l1, bias_l2,
                        dtype=np.float64)
    layer.weights, layer.biases = weights.copy(), biases.copy()
    return layer


def gradient_cases(settings):
    """Cases of regularization_gradients for (label, weights, biases, four coefficients)."""
    return [Case(args=(w, b, l1w, l2w, l1b, l2b), label=label,
                 expected=_penalty_slopes(_shared_layer(w, b, l1w, l2w, l1b, l2b)))
            for label, w, b, l1w, l2w, l1b, l2b in settings]


class Slope:
    """The expected gradient of one parameter array. Where a parameter is exactly 0, |w| has a
    corner and any slope from -l1 to +l1 is right: `value` holds np.sign's choice, 0, and
    `slack` the l1 that any answer may differ from it by there (0 elsewhere)."""

    def __init__(self, value, parameters, l1):
        self.value = value
        self.slack = np.where(parameters == 0, l1, 0.0)

    def __repr__(self):
        if not self.slack.any():
            return repr(self.value)
        return (f"{self.value!r}, or any value within {self.slack.max():g} of it where the "
                "parameter is 0")


def _within_slopes(got, expected):
    """Compare (dweights, dbiases) with two Slopes: a value inside the allowed range at a corner is
    taken as the expected one, everything else must match."""
    ok, reason = close_enough(got, tuple(slope.value for slope in expected), PARTS)
    if ok or not isinstance(got, (tuple, list)) or len(got) != len(expected):
        return ok, reason
    adjusted = []
    for item, slope in zip(got, expected):
        try:
            numbers = np.asarray(item, dtype=float)
        except (TypeError, ValueError):  # not numbers: reported as it is
            numbers = None
        if numbers is None or numbers.shape != slope.value.shape:
            adjusted.append(item)
            continue
        inside = (slope.slack > 0) & (np.abs(numbers - slope.value) <= slope.slack + ATOL)
        adjusted.append(np.where(inside, slope.value, numbers))
    return close_enough(tuple(adjusted), tuple(slope.value for slope in expected), PARTS)


def _penalty_slopes(layer):
    # With dvalues of zero, backward leaves only the penalties' part of the gradients.
    layer.forward(np.zeros((1, layer.weights.shape[0])))
    layer.backward(np.zeros((1, layer.weights.shape[1])))
    return (Slope(layer.dweights, layer.weights, layer.weight_regularizer_l1),
            Slope(layer.dbiases, layer.biases, layer.bias_regularizer_l1))


def check_regularization_gradients(regularization_gradients):
    """regularization_gradients(weights, biases, weight_l1, weight_l2, bias_l1, bias_l2)
    -> (dweights, dbiases) of the penalty alone; at a parameter of exactly 0 any L1 slope
    from -l1 to +l1 is accepted."""
    run_check("regularization_gradients", regularization_gradients, gradient_cases(SETTINGS),
              compare=_within_slopes)


def pseudo_huber_case(label, weights, strength, eps):
    """Expected gradient of strength * sum(sqrt(w**2 + eps**2) - eps), by numerical
    differentiation."""
    def penalty(w):
        return strength * np.sum(np.sqrt(w ** 2 + eps ** 2) - eps)

    return Case(args=(weights, strength, eps), expected=numerical_gradient(penalty, weights.copy()),
                label=label)


def check_pseudo_huber_gradient(pseudo_huber_gradient):
    """pseudo_huber_gradient(weights, strength, eps) -> the gradient of
    strength * sum(sqrt(w**2 + eps**2) - eps), compared with numerical gradients; weights stay
    unchanged."""
    run_check("pseudo_huber_gradient", pseudo_huber_gradient, [
        pseudo_huber_case("weights [[0.5, -1], [0, 2]], strength 0.1, eps 0.01",
                          np.array([[0.5, -1.0], [0.0, 2.0]]), 0.1, 0.01),
        pseudo_huber_case("weights [[0.002, -0.005, 0.3]] (some inside eps), strength 1, eps 0.01",
                          np.array([[0.002, -0.005, 0.3]]), 1.0, 0.01),
    ])


ACTIVITY_PARTS = ("dweights", "dbiases", "dinputs")


def activity_case(label, inputs, weights, biases, strength):
    """Expected gradients of strength * sum(output ** 2), output = inputs @ weights + biases,
    by numerical differentiation."""
    def penalty(inputs, weights, biases):
        return strength * np.sum((inputs @ weights + biases) ** 2)

    expected = (numerical_gradient(lambda w: penalty(inputs, w, biases), weights.copy()),
                numerical_gradient(lambda b: penalty(inputs, weights, b), biases.copy()),
                numerical_gradient(lambda x: penalty(x, weights, biases), inputs.copy()))
    return Case(args=(inputs, weights, biases, strength), expected=expected, label=label)


def check_activity_penalty_gradients(activity_penalty_gradients):
    """activity_penalty_gradients(inputs, weights, biases, strength) -> (dweights, dbiases, dinputs)
    of strength * sum(output ** 2) for a dense layer's output, compared with numerical gradients;
    no argument changes."""
    run_check("activity_penalty_gradients", activity_penalty_gradients, [
        activity_case("inputs [[1, 2], [-1, 0.5]], weights [[0.5, -1, 0], [2, 0.25, -0.75]], "
                      "biases [[0.1, 0, -0.3]], strength 0.1",
                      np.array([[1.0, 2.0], [-1.0, 0.5]]), W1, B1, 0.1),
        activity_case("3 samples of 4 features into a layer of 2 neurons, strength 0.01",
                      np.array([[0.5, -1.0, 2.0, 0.0], [1.0, 1.0, -0.5, 0.25],
                                [-2.0, 0.0, 0.5, 1.0]]),
                      W2, B2, 0.01),
    ], parts=ACTIVITY_PARTS)
