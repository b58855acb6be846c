"""Exercise checks for chapter 16: Binary logistic regression."""
import numpy as np

from shared import Loss_BinaryCrossentropy
from shared.checks import Case, loss_backward, loss_forward, run_check

# (label, predicted probabilities, targets): one output, several outputs, and predictions of
# exactly 0 and 1, where an unclipped log gives -inf (and an unclipped gradient divides by 0).
INPUTS = [
    ("3 samples with 1 output", np.array([[0.9], [0.2], [0.6]]), np.array([[1.0], [0.0], [0.0]])),
    ("2 samples with 3 outputs", np.array([[0.8, 0.3, 0.5], [0.1, 0.7, 0.95]]),
     np.array([[1.0, 0.0, 1.0], [0.0, 0.0, 1.0]])),
    ("2 samples with 2 outputs, some predictions exactly 0 or 1",
     np.array([[1.0, 0.0], [0.0, 0.25]]), np.array([[1.0, 1.0], [0.0, 1.0]])),
]
HIDDEN = ("4 samples with 2 outputs", np.array([[0.5, 0.5], [0.9, 0.1], [0.3, 0.8], [0.6, 0.4]]),
          np.array([[1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]))


def _cases(answer, inputs):
    return [Case(args=(y_pred, y_true), expected=answer(y_pred, y_true), hidden=hidden,
                 label=f"{label}: predictions {y_pred.tolist()}, targets {y_true.tolist()}")
            for (label, y_pred, y_true), hidden in inputs]


def check_bce_forward(Loss_MultiLabelBinaryCrossentropy):
    """Loss_MultiLabelBinaryCrossentropy().forward(y_pred, y_true) -> one clipped loss per sample,
    shape (n,); y_pred and y_true stay unchanged."""
    run_check("Loss_MultiLabelBinaryCrossentropy.forward", Loss_MultiLabelBinaryCrossentropy,
              _cases(lambda y_pred, y_true: Loss_BinaryCrossentropy().forward(y_pred, y_true),
                     [(case, False) for case in INPUTS] + [(HIDDEN, True)]),
              call=loss_forward)


def check_bce_backward(Loss_MultiLabelBinaryCrossentropy):
    """Loss_MultiLabelBinaryCrossentropy().backward(dvalues, y_true) stores the gradient in .dinputs."""
    run_check("Loss_MultiLabelBinaryCrossentropy.backward", Loss_MultiLabelBinaryCrossentropy,
              _cases(lambda y_pred, y_true: loss_backward(Loss_BinaryCrossentropy, y_pred, y_true),
                     [(case, False) for case in INPUTS] + [(HIDDEN, True)]),
              call=loss_backward)


def check_sigmoid_bce_backward(sigmoid_bce_backward):
    """sigmoid_bce_backward(probabilities, y_true) -> (probabilities - y_true) / (n * k), the
    gradient of the mean binary cross-entropy with respect to the sigmoid's inputs."""
    inputs = [(INPUTS[0], False), (INPUTS[1], False), (HIDDEN, False),
              (("1 sample with 4 outputs", np.array([[0.2, 0.7, 0.99, 0.5]]), np.array([[0.0, 1.0, 1.0, 0.0]])),
               True)]
    run_check("sigmoid_bce_backward", sigmoid_bce_backward,
              _cases(lambda y_pred, y_true: (y_pred - y_true) / y_pred.size, inputs))
