"""Exercise checks for chapter 04: Activation functions."""
import numpy as np

from shared import Activation_ReLU, Activation_Softmax
from shared.checks import Case, run_check


def _shared_output(activation, inputs):
    activation.forward(inputs)
    return activation.output


def check_relu_forward(relu_forward):
    """Check relu_forward(inputs) on a row of mixed signs and on a batch."""
    row = np.array([-2.0, -0.5, 0.0, 0.5, 3.0])
    batch = np.array([[1.5, -1.0, 0.25], [-0.75, 2.0, -3.0]])
    run_check("relu_forward", relu_forward, [
        Case(args=(row,), expected=_shared_output(Activation_ReLU(), row),
             label="one row of mixed signs, zero included"),
        Case(args=(batch,), expected=_shared_output(Activation_ReLU(), batch),
             label="a batch of 2 samples with 3 values each"),
    ])


def check_stable_softmax(stable_softmax):
    """Check stable_softmax(inputs) on small scores, huge scores and equal scores."""
    small = np.array([[1.0, 2.0, 3.0], [0.5, -0.5, 0.0]])
    huge = np.array([[1000.0, 1000.0, 999.0], [-1000.0, 0.0, 5.0]])
    equal = np.array([[7.0, 7.0, 7.0, 7.0]])
    run_check("stable_softmax", stable_softmax, [
        Case(args=(small,), expected=_shared_output(Activation_Softmax(), small),
             label="2 samples of small scores"),
        Case(args=(huge,), expected=_shared_output(Activation_Softmax(), huge),
             label="scores like 1000 and -1000, where a plain np.exp overflows"),
        Case(args=(equal,), expected=_shared_output(Activation_Softmax(), equal),
             label="4 equal scores"),
    ])
