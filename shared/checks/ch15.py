"""Exercise checks for chapter 15: Dropout."""
import numpy as np

from shared.checks import Case, run_check

INPUTS = np.array([[1.0, -2.0, 3.0, 0.5], [0.25, 4.0, -1.0, 2.0]])
MASK = np.array([[1, 0, 1, 1], [0, 1, 1, 0]])
DVALUES = np.array([[0.5, 1.0, -1.0, 2.0], [3.0, -0.5, 0.25, 1.0]])
ROW = np.array([[2.0, 4.0, 6.0]])
ROW_MASK = np.array([[0, 1, 1]])


def check_dropout_forward(dropout_forward):
    """Check dropout_forward(inputs, mask, rate) = inputs * mask / (1 - rate)."""
    run_check("dropout_forward", dropout_forward, [
        Case(args=(INPUTS, MASK, 0.25), expected=INPUTS * MASK / 0.75,
             label="a 2x4 batch, rate 0.25, a fixed mask of 0s and 1s"),
        Case(args=(ROW, ROW_MASK, 0.5), expected=ROW * ROW_MASK / 0.5,
             label="one row [2, 4, 6], rate 0.5, mask [0, 1, 1]"),
    ])


def check_dropout_backward(dropout_backward):
    """Check dropout_backward(dvalues, mask, rate) = dvalues * mask / (1 - rate)."""
    run_check("dropout_backward", dropout_backward, [
        Case(args=(DVALUES, MASK, 0.25), expected=DVALUES * MASK / 0.75,
             label="a 2x4 gradient, rate 0.25, a fixed mask of 0s and 1s"),
        Case(args=(ROW, ROW_MASK, 0.2), expected=ROW * ROW_MASK / 0.8,
             label="one row of gradients [2, 4, 6], rate 0.2, mask [0, 1, 1]"),
    ])
