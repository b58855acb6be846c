"""Exercise checks for chapter 09: Backpropagation."""

import numpy as np

from shared import Activation_Softmax_Loss_CategoricalCrossentropy, Layer_Dense
from shared.checks import Case, run_check
from shared.gradcheck import numerical_gradient_of_output


def leaky_relu_reference(inputs, dvalues, alpha):
    """Leaky ReLU's dinputs: the numerical gradient of sum(leaky_relu(inputs) * dvalues), and at an
    input of exactly 0, where there is a corner, the slope of the left piece, alpha."""
    numerical = numerical_gradient_of_output(
        lambda x: np.where(x > 0, x, alpha * x), inputs.copy(), dvalues
    )
    return np.where(inputs == 0, alpha * dvalues, numerical)


def leaky_case(label, inputs, dvalues, alpha):
    inputs, dvalues = np.array(inputs, dtype=float), np.array(dvalues, dtype=float)
    return Case(
        args=(inputs, dvalues, alpha),
        expected=leaky_relu_reference(inputs, dvalues, alpha),
        label=label,
    )


def check_leaky_relu_backward(leaky_relu_backward):
    """leaky_relu_backward(inputs, dvalues, alpha) -> dvalues where the input was positive,
    alpha * dvalues elsewhere, checked against numerical gradients."""
    run_check(
        "leaky_relu_backward",
        leaky_relu_backward,
        [
            leaky_case(
                "one sample, alpha = 0.01: inputs [1.5, -2, 0.3, -0.7], dvalues [1, 2, -1, 3]",
                [[1.5, -2.0, 0.3, -0.7]],
                [[1.0, 2.0, -1.0, 3.0]],
                0.01,
            ),
            leaky_case(
                "a batch of 2 samples, alpha = 0.5",
                [[-0.1, 0.2, 4.0], [2.0, -3.0, -0.05]],
                [[1.0, -2.0, 0.3], [-0.7, 5.0, 2.0]],
                0.5,
            ),
            leaky_case(
                "an input of exactly 0 (the corner: the left slope alpha), alpha = 0.2",
                [[0.0, -1.0], [2.0, 0.0]],
                [[3.0, 1.0], [-1.0, -2.0]],
                0.2,
            ),
        ],
    )


def _dense_gradients(inputs, weights, dvalues):
    layer = Layer_Dense(*weights.shape, dtype=np.float64)
    layer.weights = weights.copy()
    layer.forward(inputs)
    layer.backward(dvalues)
    return layer.dweights, layer.dbiases, layer.dinputs


def check_dense_backward(dense_backward):
    """dense_backward(inputs, weights, dvalues) -> (dweights, dbiases, dinputs), with dbiases
    of shape (1, n_neurons)."""
    cases = [
        (
            "1 sample, 2 inputs, 3 neurons",
            np.array([[1.0, -2.0]]),
            np.array([[0.5, -1.0, 2.0], [1.5, 0.0, -0.5]]),
            np.array([[1.0, 2.0, -1.0]]),
        ),
        (
            "3 samples, 2 inputs, 2 neurons",
            np.array([[1.0, 2.0], [-1.0, 0.5], [0.0, 3.0]]),
            np.array([[0.2, -0.4], [1.0, 0.3]]),
            np.array([[1.0, -1.0], [0.5, 2.0], [-2.0, 0.25]]),
        ),
        (
            "4 samples, 3 inputs, 1 neuron",
            np.array([[0.5, 1.0, -1.0], [2.0, 0.0, 1.0], [-1.5, 1.0, 0.5], [1.0, 1.0, 1.0]]),
            np.array([[0.3], [-0.6], [0.9]]),
            np.array([[1.0], [-0.5], [0.25], [2.0]]),
        ),
    ]
    run_check(
        "dense_backward",
        dense_backward,
        [
            Case(
                args=(inputs, weights, dvalues),
                expected=_dense_gradients(inputs, weights, dvalues),
                label=label,
            )
            for label, inputs, weights, dvalues in cases
        ],
        parts=("dweights", "dbiases", "dinputs"),
    )


def _combined_dinputs(probabilities, y_true):
    combined = Activation_Softmax_Loss_CategoricalCrossentropy()
    combined.backward(probabilities, y_true)
    return combined.dinputs


def check_softmax_crossentropy_backward(softmax_crossentropy_backward):
    """softmax_crossentropy_backward(probabilities, y_true) -> (probabilities - one_hot) / n,
    for labels given as class indices or as one-hot rows."""
    probabilities_3 = np.array([[0.7, 0.2, 0.1], [0.1, 0.5, 0.4], [0.02, 0.08, 0.9]])
    probabilities_4 = np.array([[0.25, 0.25, 0.25, 0.25], [0.1, 0.6, 0.2, 0.1]])
    cases = [
        (
            "3 samples, 3 classes, labels as class indices [0, 2, 2]",
            probabilities_3,
            np.array([0, 2, 2]),
        ),
        (
            "the same probabilities, labels one-hot for classes [1, 1, 0]",
            probabilities_3,
            np.eye(3)[[1, 1, 0]],
        ),
        ("2 samples, 4 classes, labels as class indices [3, 1]", probabilities_4, np.array([3, 1])),
    ]
    run_check(
        "softmax_crossentropy_backward",
        softmax_crossentropy_backward,
        [
            Case(
                args=(probabilities, y_true),
                expected=_combined_dinputs(probabilities, y_true),
                label=f"{label}: probabilities {probabilities.tolist()}",
            )
            for label, probabilities, y_true in cases
        ],
    )


def _tanh_dinputs(tanh_class, inputs, dvalues):
    tanh = tanh_class()
    tanh.forward(inputs)
    tanh.backward(dvalues)
    return tanh.dinputs


def check_tanh_backward(Activation_Tanh):
    """Check Activation_Tanh's backward: a fresh object per input, forward then backward, its
    dinputs against the numerical gradient of np.sum(np.tanh(inputs) * dvalues)."""
    cases = [
        (
            "one sample: inputs [0.5, -1.0, 0.0], dvalues [1.0, 2.0, -1.0]",
            np.array([[0.5, -1.0, 0.0]]),
            np.array([[1.0, 2.0, -1.0]]),
        ),
        (
            "3 samples with large inputs, where tanh is almost flat",
            np.array([[3.0, -0.2], [-4.0, 1.5], [0.1, 2.5]]),
            np.array([[0.5, -1.0], [2.0, 1.0], [-3.0, 0.25]]),
        ),
    ]
    run_check(
        "Activation_Tanh.backward",
        Activation_Tanh,
        [tanh_case(*case) for case in cases],
        call=_tanh_dinputs,
    )


def tanh_case(label, inputs, dvalues):
    return Case(
        args=(inputs, dvalues),
        label=label,
        expected=numerical_gradient_of_output(np.tanh, inputs.copy(), dvalues),
    )
