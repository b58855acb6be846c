"""Exercise checks for chapter 18: The Model object."""
import copy

import numpy as np

from shared import (Accuracy_Categorical, Activation_ReLU, Activation_Softmax, Layer_Dense,
                    Layer_Dropout)
from shared.checks import Case, run_check

SEED = 18  # the forward_all check seeds numpy's global generator with this, then restores it


def _compare(cls, predictions, y):
    """Build the learner's accuracy class with no arguments and call its compare."""
    return np.asarray(cls().compare(predictions, y))


def accuracy_case(predictions, y, label):
    expected = Accuracy_Categorical().compare(predictions, y)
    return Case(args=(predictions, y), expected=expected, label=label)


def check_sparse_or_one_hot_accuracy(Accuracy_SparseOrOneHot):
    """Accuracy_SparseOrOneHot().compare(predictions, y) -> one True/False per sample, where y
    holds class indices of shape (n,) or one-hot rows of shape (n, classes)."""
    one_hot_3 = np.eye(3)[[2, 0, 1, 1, 0]]
    one_hot_4 = np.eye(4)[[3, 3, 0, 1, 2, 0]]
    run_check("Accuracy_SparseOrOneHot.compare", Accuracy_SparseOrOneHot, [
        accuracy_case(np.array([0, 2, 1, 1, 0]), np.array([0, 1, 1, 2, 0]),
                       "predictions [0, 2, 1, 1, 0], class indices y = [0, 1, 1, 2, 0]"),
        accuracy_case(np.array([2, 1, 1, 0, 0]), one_hot_3,
                       "predictions [2, 1, 1, 0, 0], one-hot y for classes [2, 0, 1, 1, 0]"),
        accuracy_case(np.array([3, 1, 0, 1, 2, 2]), one_hot_4,
                       "predictions [3, 1, 0, 1, 2, 2], one-hot y (4 classes) for "
                       "[3, 3, 0, 1, 2, 0]"),
        accuracy_case(np.array([1, 1]), np.array([0, 0]),
                      "predictions [1, 1], y = [0, 0] (none right)"),
        accuracy_case(np.array([1, 0, 1, 1]), np.array([1, 1, 0, 1]),
                      "predictions [1, 0, 1, 1], class indices y = [1, 1, 0, 1] (only 0s and 1s, "
                      "yet not one-hot: y has one dimension)"),
    ], call=_compare)


def dense(weights, biases):
    layer = Layer_Dense(*np.shape(weights), dtype=np.float64)
    layer.weights = np.array(weights, dtype=np.float64)
    layer.biases = np.array(biases, dtype=np.float64)
    return layer


def _seeded(fn, layers, X, training):
    """Call fn with the global generator seeded (dropout draws from it), then put it back."""
    state = np.random.get_state()
    np.random.seed(SEED)
    try:
        return fn(layers, X, training)
    finally:
        np.random.set_state(state)


def _reference(layers, X, training):
    output = X
    for layer in layers:
        layer.forward(output, training)
        output = layer.output
    return output


def forward_case(layers, X, training, label):
    expected = _seeded(_reference, copy.deepcopy(layers), X, training)
    return Case(args=(layers, X, training), expected=expected, label=label)


def check_forward_all(forward_all):
    """forward_all(layers, X, training) -> the last layer's output, each layer's forward called
    as forward(inputs, training) on the previous layer's output. The layers store their outputs
    (they may change); X stays unchanged."""
    W1 = [[0.5, -1.0, 0.25], [1.5, 0.5, -0.75]]
    B1 = [[0.1, 0.0, -0.2]]
    W2 = [[1.0, -0.5], [0.25, 0.75], [-1.0, 2.0]]
    B2 = [[0.0, 0.3]]
    X = np.array([[1.0, 2.0], [-1.0, 0.5], [0.0, -2.0], [2.0, 1.0]])
    classifier = [dense(W1, B1), Activation_ReLU(), dense(W2, B2), Activation_Softmax()]
    with_dropout = [dense(W1, B1), Activation_ReLU(), Layer_Dropout(0.5), dense(W2, B2)]
    run_check("forward_all", forward_all, [
        forward_case(classifier, X, False,
                      "dense 2->3, ReLU, dense 3->2, softmax on 4 samples, training=False"),
        forward_case(with_dropout, X, False,
                      "dense, ReLU, dropout 0.5, dense on 4 samples, training=False (dropout off)"),
        forward_case(with_dropout, X, True,
                      f"dense, ReLU, dropout 0.5, dense on 4 samples, training=True "
                      f"(np.random.seed({SEED}) first; dropout must be on)"),
        forward_case([Activation_ReLU()], np.array([[-1.0, 3.0]]), False,
                      "a single ReLU on [[-1, 3]]"),
    ], call=_seeded, may_change=("layers",))
