"""Grading-only cases of chapter 18's checks (see shared/checks/hidden/__init__.py)."""

import numpy as np

from shared import Activation_ReLU, Activation_Softmax, Layer_Dropout
from shared.checks.ch18 import accuracy_case, dense, forward_case


def _hidden_accuracy():
    return [
        accuracy_case(
            np.array([1, 0, 1]),
            np.eye(2)[[1, 1, 1]],
            "predictions [1, 0, 1], one-hot y (2 classes) for [1, 1, 1]",
        ),
        accuracy_case(
            np.array([0, 1, 0]),
            np.array([0, 1, 1]),
            "predictions [0, 1, 0], class indices y = [0, 1, 1]",
        ),
    ]


def _fresh_accuracy(rng):
    cases = []
    for one_hot in (False, True, bool(rng.integers(2))):
        n, classes = int(rng.integers(3, 9)), int(rng.integers(2, 5))
        predictions, labels = rng.integers(0, classes, size=n), rng.integers(0, classes, size=n)
        y = np.eye(classes)[labels] if one_hot else labels
        kind = f"one-hot y ({classes} classes)" if one_hot else "class indices y"
        cases.append(
            accuracy_case(
                predictions, y, f"predictions {predictions.tolist()}, {kind} for {labels.tolist()}"
            )
        )
    return cases


def _hidden_forward():
    W2, B2 = [[1.0, -0.5], [0.25, 0.75], [-1.0, 2.0]], [[0.0, 0.3]]
    X = np.array([[1.0, 2.0], [-1.0, 0.5], [0.0, -2.0], [2.0, 1.0]])
    return [
        forward_case(
            [dense(W2, B2), Layer_Dropout(0.25), Activation_ReLU()],
            X[:, :1] @ [[1.0, -1.0, 0.5]],
            True,
            "dense 3->2, dropout 0.25, ReLU on 4 samples, training=True",
        )
    ]


def _fresh_forward(rng):
    cases = []
    for training in (False, True):
        n, n_in, hidden, n_out = (int(v) for v in rng.integers(2, 6, size=4))
        first = dense(
            rng.normal(size=(n_in, hidden)).round(2), rng.normal(size=(1, hidden)).round(2)
        )
        second = dense(
            rng.normal(size=(hidden, n_out)).round(2), rng.normal(size=(1, n_out)).round(2)
        )
        layers = [first, Activation_ReLU(), Layer_Dropout(0.3), second, Activation_Softmax()]
        cases.append(
            forward_case(
                layers,
                rng.normal(size=(n, n_in)).round(2),
                training,
                f"dense {n_in}->{hidden}, ReLU, dropout 0.3, dense {hidden}->{n_out}, softmax "
                f"on {n} random samples, training={training}",
            )
        )
    return cases


HIDDEN = {"Accuracy_SparseOrOneHot.compare": _hidden_accuracy, "forward_all": _hidden_forward}
FRESH = {"Accuracy_SparseOrOneHot.compare": _fresh_accuracy, "forward_all": _fresh_forward}
