"""Exercise checks for chapter 16: Binary logistic regression."""
import numpy as np

from shared import Loss_BinaryCrossentropy
from shared.checks import Case, loss_backward, loss_forward, run_check
from shared.gradcheck import numerical_gradient

# (label, predicted probabilities, targets): one output, several outputs, and predictions of
# exactly 0 and 1, where an unclipped log gives -inf (and an unclipped gradient divides by 0).
INPUTS = [
    ("3 samples with 1 output", np.array([[0.9], [0.2], [0.6]]), np.array([[1.0], [0.0], [0.0]])),
    ("2 samples with 3 outputs", np.array([[0.8, 0.3, 0.5], [0.1, 0.7, 0.95]]),
     np.array([[1.0, 0.0, 1.0], [0.0, 0.0, 1.0]])),
    ("2 samples with 2 outputs, some predictions exactly 0 or 1",
     np.array([[1.0, 0.0], [0.0, 0.25]]), np.array([[1.0, 1.0], [0.0, 1.0]])),
]


def bce_cases(answer, inputs):
    return [Case(args=(y_pred, y_true), expected=answer(y_pred, y_true),
                 label=f"{label}: predictions {y_pred.tolist()}, targets {y_true.tolist()}")
            for label, y_pred, y_true in inputs]


def reference_forward(y_pred, y_true):
    return Loss_BinaryCrossentropy().forward(y_pred, y_true)


def reference_backward(y_pred, y_true):
    return loss_backward(Loss_BinaryCrossentropy, y_pred, y_true)


def check_bce_forward(Loss_MultiLabelBinaryCrossentropy):
    """Loss_MultiLabelBinaryCrossentropy().forward(y_pred, y_true) -> one clipped loss per sample,
    shape (n,); y_pred and y_true stay unchanged."""
    run_check("Loss_MultiLabelBinaryCrossentropy.forward", Loss_MultiLabelBinaryCrossentropy,
              bce_cases(reference_forward, INPUTS), call=loss_forward)


def check_bce_backward(Loss_MultiLabelBinaryCrossentropy):
    """Loss_MultiLabelBinaryCrossentropy().backward(dvalues, y_true) stores the gradient in
    .dinputs."""
    run_check("Loss_MultiLabelBinaryCrossentropy.backward", Loss_MultiLabelBinaryCrossentropy,
              bce_cases(reference_backward, INPUTS), call=loss_backward)


def weighted_case(label, scores, y_true, pos_weight):
    """Expected gradient, with respect to the scores, of the mean weighted binary cross-entropy of
    sigmoid(scores), by numerical differentiation; the answer is given the probabilities."""
    def mean_loss(z):
        p = 1 / (1 + np.exp(-z))
        return -np.mean(pos_weight * y_true * np.log(p) + (1 - y_true) * np.log(1 - p))

    probabilities = 1 / (1 + np.exp(-scores))
    return Case(args=(probabilities, y_true, pos_weight),
                expected=numerical_gradient(mean_loss, scores.copy()),
                label=f"{label}: probabilities {probabilities.round(4).tolist()}, "
                      f"targets {y_true.tolist()}, pos_weight {pos_weight:g}")


def check_weighted_bce_backward(weighted_bce_backward):
    """weighted_bce_backward(probabilities, y_true, pos_weight) -> the gradient, with respect to the
    sigmoid's inputs, of the mean of -[pos_weight * t * ln p + (1 - t) * ln(1 - p)], compared with
    numerical gradients; no argument changes."""
    run_check("weighted_bce_backward", weighted_bce_backward, [
        weighted_case("3 samples with 1 output", np.array([[2.0], [-1.0], [0.5]]),
                      np.array([[1.0], [0.0], [1.0]]), 5.0),
        weighted_case("2 samples with 3 outputs", np.array([[0.0, 1.5, -2.0], [-0.5, 3.0, 1.0]]),
                      np.array([[1.0, 0.0, 0.0], [1.0, 1.0, 0.0]]), 2.0),
        weighted_case("2 samples with 2 outputs, pos_weight 1 (plain binary cross-entropy)",
                      np.array([[1.0, -1.0], [0.25, 2.0]]), np.array([[1.0, 1.0], [0.0, 0.0]]),
                      1.0),
    ])
