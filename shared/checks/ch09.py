"""Exercise checks for chapter 09: Backpropagation."""
import numpy as np

from shared import Activation_ReLU, Activation_Softmax_Loss_CategoricalCrossentropy, Layer_Dense
from shared.checks import Case, run_check
from shared.gradcheck import numerical_gradient_of_output


def _relu_dinputs(inputs, dvalues):
    relu = Activation_ReLU()
    relu.forward(inputs)
    relu.backward(dvalues)
    return relu.dinputs


def check_relu_backward(relu_backward):
    """relu_backward(inputs, dvalues) -> dvalues where the input was positive, 0 elsewhere."""
    cases = [
        ("one sample with a negative, a zero and two positive inputs",
         np.array([[1.5, -2.0, 0.0, 3.0]]), np.array([[0.5, 0.5, 0.5, 0.5]])),
        ("a batch of 2 samples, 3 inputs each",
         np.array([[-0.1, 0.2, 4.0], [2.0, -3.0, 0.01]]), np.array([[1.0, -2.0, 0.3], [-0.7, 5.0, 2.0]])),
    ]
    hidden = [np.array([[0.0, -5.0], [7.5, -0.3], [0.2, 0.0]]),
              np.array([[3.0, 1.0], [-1.0, 2.0], [-4.0, 0.5]])]
    run_check("relu_backward", relu_backward, [
        *[Case(args=(inputs, dvalues), expected=_relu_dinputs(inputs, dvalues) + 0.0,
               label=f"{label}: inputs {inputs.tolist()}, dvalues {dvalues.tolist()}")
          for label, inputs, dvalues in cases],
        Case(args=tuple(hidden), expected=_relu_dinputs(*hidden) + 0.0, hidden=True,
             label="a batch of 3 samples, 2 inputs each, with two exact zeros"),
    ])


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
        ("1 sample, 2 inputs, 3 neurons", np.array([[1.0, -2.0]]),
         np.array([[0.5, -1.0, 2.0], [1.5, 0.0, -0.5]]), np.array([[1.0, 2.0, -1.0]])),
        ("3 samples, 2 inputs, 2 neurons", np.array([[1.0, 2.0], [-1.0, 0.5], [0.0, 3.0]]),
         np.array([[0.2, -0.4], [1.0, 0.3]]), np.array([[1.0, -1.0], [0.5, 2.0], [-2.0, 0.25]])),
        ("4 samples, 3 inputs, 1 neuron",
         np.array([[0.5, 1.0, -1.0], [2.0, 0.0, 1.0], [-1.5, 1.0, 0.5], [1.0, 1.0, 1.0]]),
         np.array([[0.3], [-0.6], [0.9]]), np.array([[1.0], [-0.5], [0.25], [2.0]])),
        ("2 samples, 3 inputs, 2 neurons", np.array([[2.0, -1.0, 0.5], [0.0, 1.5, -2.0]]),
         np.array([[1.0, -0.5], [0.25, 2.0], [-1.0, 0.75]]), np.array([[0.5, -1.5], [2.0, 1.0]])),
    ]
    run_check("dense_backward", dense_backward, [
        Case(args=(inputs, weights, dvalues), expected=_dense_gradients(inputs, weights, dvalues),
             label=label, hidden=index == 3)
        for index, (label, inputs, weights, dvalues) in enumerate(cases)
    ], parts=("dweights", "dbiases", "dinputs"))


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
        ("3 samples, 3 classes, labels as class indices [0, 2, 2]", probabilities_3, np.array([0, 2, 2])),
        ("the same probabilities, labels one-hot for classes [1, 1, 0]", probabilities_3,
         np.eye(3)[[1, 1, 0]]),
        ("2 samples, 4 classes, labels as class indices [3, 1]", probabilities_4, np.array([3, 1])),
        ("the 4-class probabilities, labels one-hot for classes [0, 0]", probabilities_4, np.eye(4)[[0, 0]]),
    ]
    run_check("softmax_crossentropy_backward", softmax_crossentropy_backward, [
        Case(args=(probabilities, y_true), expected=_combined_dinputs(probabilities, y_true),
             label=f"{label}: probabilities {probabilities.tolist()}", hidden=index == 3)
        for index, (label, probabilities, y_true) in enumerate(cases)
    ])


def _tanh_dinputs(tanh_class, inputs, dvalues):
    tanh = tanh_class()
    tanh.forward(inputs)
    tanh.backward(dvalues)
    return tanh.dinputs


def check_tanh_backward(Activation_Tanh):
    """Check Activation_Tanh's backward: a fresh object per input, forward then backward, its
    dinputs against the numerical gradient of np.sum(np.tanh(inputs) * dvalues)."""
    cases = [
        ("one sample: inputs [0.5, -1.0, 0.0], dvalues [1.0, 2.0, -1.0]",
         np.array([[0.5, -1.0, 0.0]]), np.array([[1.0, 2.0, -1.0]]), False),
        ("3 samples with large inputs, where tanh is almost flat",
         np.array([[3.0, -0.2], [-4.0, 1.5], [0.1, 2.5]]),
         np.array([[0.5, -1.0], [2.0, 1.0], [-3.0, 0.25]]), False),
        ("2 samples, 4 inputs each", np.array([[-0.7, 0.3, 1.1, -2.0], [0.05, -1.4, 0.8, 0.0]]),
         np.array([[1.5, -0.5, 2.0, 1.0], [-1.0, 0.3, -2.5, 4.0]]), True),
    ]
    run_check("Activation_Tanh.backward", Activation_Tanh, [
        Case(args=(inputs, dvalues), expected=numerical_gradient_of_output(np.tanh, inputs.copy(), dvalues),
             label=label, hidden=hidden)
        for label, inputs, dvalues, hidden in cases
    ], call=_tanh_dinputs)
