"""Exercise checks for chapter 11: Testing with out-of-sample data."""
import numpy as np

from shared import Activation_ReLU, Activation_Softmax, Layer_Dense, Loss_CategoricalCrossentropy
from shared.checks import Case, run_check


def _network(seed, n_inputs=2, n_hidden=5, n_classes=3):
    """A small dense-ReLU-dense-softmax network with fixed, larger-than-usual weights.

    The same seed always builds the same network: the checks build one to compute the expected
    answer and another, fresh one for the learner, so no result the check computed is handed over.
    """
    rng = np.random.default_rng(seed)
    first = Layer_Dense(n_inputs, n_hidden, dtype=np.float64)
    second = Layer_Dense(n_hidden, n_classes, dtype=np.float64)
    for layer in (first, second):
        layer.set_parameters(rng.normal(size=layer.weights.shape), rng.normal(size=layer.biases.shape))
    return [first, Activation_ReLU(), second, Activation_Softmax()]


def _data(seed, n=12, n_classes=3):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, 2)), rng.integers(0, n_classes, size=n)


def _reference(seed, X, y):
    """(loss, accuracy) of network `seed` on (X, y), computed on a network of its own."""
    output = X
    for layer in _network(seed):
        layer.forward(output)
        output = layer.output
    loss = Loss_CategoricalCrossentropy().calculate(output, y)
    return loss, float(np.mean(np.argmax(output, axis=1) == y))


def check_evaluate(evaluate):
    """Check evaluate(layers, X, y) -> (loss, accuracy) on fresh networks that have run nothing yet."""
    cases = []
    for seed, n, hidden in [(1, 12, False), (2, 30, False), (5, 18, True)]:
        X, y = _data(seed + 10, n)
        cases.append(Case(args=(_network(seed), X, y), expected=_reference(seed, X, y), hidden=hidden,
                          label=f"a fresh 2-5-3 network with fixed weights (seed {seed}), {n} samples"))
    run_check("evaluate", evaluate, cases, parts=("loss", "accuracy"), may_change=("layers",))


def check_generalization_gap(generalization_gap):
    """Check generalization_gap(layers, X_train, y_train, X_test, y_test) -> (accuracy gap, loss gap)."""
    cases = []
    for seed, hidden in [(3, False), (4, False), (6, True)]:
        (X_train, y_train), (X_test, y_test) = _data(seed + 20, 20), _data(seed + 30, 15)
        train_loss, train_accuracy = _reference(seed, X_train, y_train)
        test_loss, test_accuracy = _reference(seed, X_test, y_test)
        cases.append(Case(args=(_network(seed), X_train, y_train, X_test, y_test),
                          expected=(train_accuracy - test_accuracy, test_loss - train_loss), hidden=hidden,
                          label=f"a fresh 2-5-3 network (seed {seed}), 20 training and 15 test samples"))
    run_check("generalization_gap", generalization_gap, cases, parts=("accuracy_gap", "loss_gap"),
              may_change=("layers",))


def check_is_overfitting(is_overfitting):
    """Check is_overfitting(train_losses, test_losses, window=3) -> bool on hand-made loss curves."""
    cases = [
        ([1.0, 0.8, 0.6, 0.5, 0.45], [1.1, 0.9, 0.85, 0.9, 0.95], {}, True,
         "training loss falling, test loss rising over the last 3 records: overfitting", False),
        ([1.0, 0.8, 0.6, 0.5], [1.1, 0.9, 0.8, 0.75], {}, False,
         "both losses falling: still learning", False),
        ([0.5, 0.6, 0.9, 1.4], [0.6, 0.7, 1.0, 1.5], {}, False,
         "both losses rising: training has gone wrong, which is not overfitting", False),
        ([1.0, 0.7, 0.5, 0.4, 0.35, 0.3], [1.0, 0.6, 0.8, 0.7, 0.65, 0.62], {}, False,
         "the test loss rose earlier but has fallen over the last 3 records", False),
        ([1.0, 0.9], [1.0, 1.1], {}, False, "only 2 records, fewer than window + 1 = 4", False),
        ([1.0, 0.8, 0.7], [0.9, 0.8, 0.85], {"window": 1}, True,
         "window=1: training loss 0.8 -> 0.7, test loss 0.8 -> 0.85", False),
        ([1.0, 0.8, 0.7, 0.6], [0.9, 0.7, 0.75, 0.72], {"window": 2}, True,
         "window=2: compare with the values 2 records back (0.8 and 0.7)", False),
        ([2.0, 1.5, 1.2, 1.0, 0.9, 0.85, 0.8], [2.1, 1.7, 1.5, 1.45, 1.5, 1.55, 1.6], {"window": 4}, True,
         "window=4 on 7 records, overfitting", True),
        ([1.0, 0.9, 0.8, 0.7], [1.0, 0.9, 0.95, 0.9], {"window": 2}, False,
         "window=2, the test loss back at its value 2 records earlier (not strictly higher)", False),
    ]
    run_check("is_overfitting", is_overfitting, [
        Case(args=(train, test), kwargs=kwargs, expected=expected, label=label, hidden=hidden)
        for train, test, kwargs, expected, label, hidden in cases
    ])
