"""Exercise checks for chapter 15: Dropout."""
import numpy as np

from shared.checks import Case, run_check
from shared.gradcheck import numerical_gradient_of_output

INPUTS = np.array([[1.0, -2.0, 3.0, 0.5], [0.25, 4.0, -1.0, 2.0]])
MASK = np.array([[1, 0, 1, 1], [0, 1, 1, 0]])
DVALUES = np.array([[0.5, 1.0, -1.0, 2.0], [3.0, -0.5, 0.25, 1.0]])
ROW = np.array([[2.0, 4.0, 6.0]])
ROW_MASK = np.array([[0, 1, 1]])
COLUMN = np.array([[1.5], [-3.0], [0.5]])  # hidden cases: a column, and a mask keeping all but one
COLUMN_MASK = np.array([[1], [1], [0]])


def check_dropout_forward(dropout_forward):
    """Check dropout_forward(inputs, mask, rate) = inputs * mask / (1 - rate); inputs and mask
    stay unchanged."""
    run_check("dropout_forward", dropout_forward, [
        Case(args=(INPUTS, MASK, 0.25), expected=INPUTS * MASK / 0.75,
             label="a 2x4 batch, rate 0.25, a fixed mask of 0s and 1s"),
        Case(args=(ROW, ROW_MASK, 0.5), expected=ROW * ROW_MASK / 0.5,
             label="one row [2, 4, 6], rate 0.5, mask [0, 1, 1]"),
        Case(args=(COLUMN, COLUMN_MASK, 0.1), expected=COLUMN * COLUMN_MASK / 0.9,
             label="a column [1.5, -3, 0.5], rate 0.1, mask [1, 1, 0]", hidden=True),
    ])


def check_dropout_backward(dropout_backward):
    """Check dropout_backward(dvalues, mask, rate) = dvalues * mask / (1 - rate); dvalues and
    mask stay unchanged."""
    run_check("dropout_backward", dropout_backward, [
        Case(args=(DVALUES, MASK, 0.25), expected=DVALUES * MASK / 0.75,
             label="a 2x4 gradient, rate 0.25, a fixed mask of 0s and 1s"),
        Case(args=(ROW, ROW_MASK, 0.2), expected=ROW * ROW_MASK / 0.8,
             label="one row of gradients [2, 4, 6], rate 0.2, mask [0, 1, 1]"),
        Case(args=(COLUMN, COLUMN_MASK, 0.6), expected=COLUMN * COLUMN_MASK / 0.4,
             label="a column of gradients [1.5, -3, 0.5], rate 0.6, mask [1, 1, 0]", hidden=True),
    ])


def _dropconnect_case(label, inputs, weights, mask, rate, dvalues, hidden=False):
    """Expected (dweights, dinputs) of DropConnect's output, by numerical differentiation."""
    def forward(inputs, weights):
        return inputs @ (weights * mask / (1 - rate))

    dweights = numerical_gradient_of_output(lambda w: forward(inputs, w), weights.copy(), dvalues)
    dinputs = numerical_gradient_of_output(lambda x: forward(x, weights), inputs.copy(), dvalues)
    return Case(args=(inputs, weights, mask, rate, dvalues), expected=(dweights, dinputs),
                label=label, hidden=hidden)


def check_dropconnect_backward(dropconnect_backward):
    """dropconnect_backward(inputs, weights, mask, rate, dvalues) -> (dweights, dinputs) of
    inputs @ (weights * mask / (1 - rate)), compared with numerical gradients."""
    rng = np.random.default_rng(15)
    inputs, weights, dvalues = rng.normal(size=(2, 3)), rng.normal(size=(3, 4)), rng.normal(size=(2, 4))
    mask = np.array([[1, 0, 1, 1], [1, 1, 0, 1], [0, 1, 1, 1]])
    run_check("dropconnect_backward", dropconnect_backward, [
        _dropconnect_case("2 samples, a 3x4 weight matrix, rate 0.25, a mask dropping 3 weights",
                          inputs, weights, mask, 0.25, dvalues),
        _dropconnect_case("1 sample [[1, 2]], weights [[0.5, -1], [2, 0.25]], rate 0.5, mask [[1, 0], [1, 1]]",
                          np.array([[1.0, 2.0]]), np.array([[0.5, -1.0], [2.0, 0.25]]),
                          np.array([[1, 0], [1, 1]]), 0.5, np.array([[1.0, -2.0]])),
        _dropconnect_case("3 samples, a 4x2 weight matrix, rate 0.4", rng.normal(size=(3, 4)),
                          rng.normal(size=(4, 2)), np.array([[1, 1], [0, 1], [1, 0], [1, 1]]), 0.4,
                          rng.normal(size=(3, 2)), hidden=True),
    ], parts=("dweights", "dinputs"))
