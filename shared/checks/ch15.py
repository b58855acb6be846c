"""Exercise checks for chapter 15: Dropout."""
import numpy as np

from shared.checks import Case, run_check
from shared.gradcheck import numerical_gradient_of_output

INPUTS = np.array([[1.0, -2.0, 3.0, 0.5], [0.25, 4.0, -1.0, 2.0]])
MASK = np.array([[1, 0, 1, 1], [0, 1, 1, 0]])
DVALUES = np.array([[0.5, 1.0, -1.0, 2.0], [3.0, -0.5, 0.25, 1.0]])
ROW = np.array([[2.0, 4.0, 6.0]])
ROW_MASK = np.array([[0, 1, 1]])


def dropout_case(label, inputs, mask, rate):
    return Case(args=(inputs, mask, rate), expected=inputs * mask / (1 - rate), label=label)


def check_dropout_forward(dropout_forward):
    """Check dropout_forward(inputs, mask, rate) = inputs * mask / (1 - rate); inputs and mask
    stay unchanged."""
    run_check("dropout_forward", dropout_forward, [
        dropout_case("a 2x4 batch, rate 0.25, a fixed mask of 0s and 1s", INPUTS, MASK, 0.25),
        dropout_case("one row [2, 4, 6], rate 0.5, mask [0, 1, 1]", ROW, ROW_MASK, 0.5),
    ])


def relu_dropout_case(label, dvalues, inputs, mask, rate):
    """Expected gradient of dropout(ReLU(inputs)) with respect to inputs, by numerical
    differentiation (the inputs keep clear of ReLU's corner at 0)."""
    def forward(x):
        return np.maximum(x, 0) * mask / (1 - rate)

    expected = numerical_gradient_of_output(forward, inputs.copy(), dvalues) + 0.0
    return Case(args=(dvalues, inputs, mask, rate), expected=expected, label=label)


def check_relu_dropout_backward(relu_dropout_backward):
    """relu_dropout_backward(dvalues, inputs, mask, rate) -> the gradient with respect to
    `inputs` of inverted dropout applied to ReLU(inputs), compared with numerical gradients;
    no argument changes."""
    run_check("relu_dropout_backward", relu_dropout_backward, [
        relu_dropout_case("a 2x4 batch with negative inputs, rate 0.25, a fixed mask",
                          DVALUES, INPUTS, MASK, 0.25),
        relu_dropout_case("one row: dvalues [1, 1, 1], inputs [-1, 2, 3], rate 0.5, mask [1, 0, 1]",
                          np.ones((1, 3)), np.array([[-1.0, 2.0, 3.0]]), np.array([[1, 0, 1]]),
                          0.5),
    ])


def dropconnect_case(label, inputs, weights, mask, rate, dvalues):
    """Expected (dweights, dinputs) of DropConnect's output, by numerical differentiation."""
    def forward(inputs, weights):
        return inputs @ (weights * mask / (1 - rate))

    dweights = numerical_gradient_of_output(lambda w: forward(inputs, w), weights.copy(), dvalues)
    dinputs = numerical_gradient_of_output(lambda x: forward(x, weights), inputs.copy(), dvalues)
    return Case(args=(inputs, weights, mask, rate, dvalues), expected=(dweights, dinputs),
                label=label)


def check_dropconnect_backward(dropconnect_backward):
    """dropconnect_backward(inputs, weights, mask, rate, dvalues) -> (dweights, dinputs) of
    inputs @ (weights * mask / (1 - rate)), compared with numerical gradients."""
    rng = np.random.default_rng(15)
    inputs, weights = rng.normal(size=(2, 3)), rng.normal(size=(3, 4))
    dvalues = rng.normal(size=(2, 4))
    mask = np.array([[1, 0, 1, 1], [1, 1, 0, 1], [0, 1, 1, 1]])
    run_check("dropconnect_backward", dropconnect_backward, [
        dropconnect_case("2 samples, a 3x4 weight matrix, rate 0.25, a mask dropping 3 weights",
                         inputs, weights, mask, 0.25, dvalues),
        dropconnect_case("1 sample [[1, 2]], weights [[0.5, -1], [2, 0.25]], rate 0.5, "
                         "mask [[1, 0], [1, 1]]",
                         np.array([[1.0, 2.0]]), np.array([[0.5, -1.0], [2.0, 0.25]]),
                         np.array([[1, 0], [1, 1]]), 0.5, np.array([[1.0, -2.0]])),
    ], parts=("dweights", "dinputs"))
