"""Exercise checks for chapter 11: Testing with out-of-sample data."""
import numpy as np

from shared import Activation_ReLU, Activation_Softmax, Layer_Dense, Loss_CategoricalCrossentropy
from shared.checks import Case, run_check


def _network(seed, n_inputs=2, n_hidden=5, n_classes=3):
    """A small dense-ReLU-dense-softmax network with fixed, larger-than-usual weights."""
    rng = np.random.default_rng(seed)
    first = Layer_Dense(n_inputs, n_hidden, dtype=np.float64)
    second = Layer_Dense(n_hidden, n_classes, dtype=np.float64)
    for layer in (first, second):
        layer.set_parameters(rng.normal(size=layer.weights.shape), rng.normal(size=layer.biases.shape))
    return [first, Activation_ReLU(), second, Activation_Softmax()]


def _data(seed, n=12, n_classes=3):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, 2)), rng.integers(0, n_classes, size=n)


def _reference(layers, X, y):
    output = X
    for layer in layers:
        layer.forward(output)
        output = layer.output
    loss = Loss_CategoricalCrossentropy().calculate(output, y)
    return loss, float(np.mean(np.argmax(output, axis=1) == y))


def check_evaluate(evaluate):
    """Check evaluate(layers, X, y) -> (loss, accuracy) on two networks and datasets."""
    cases = []
    for seed, n in [(1, 12), (2, 30)]:
        layers, (X, y) = _network(seed), _data(seed + 10, n)
        cases.append(Case(args=(layers, X, y), expected=_reference(layers, X, y),
                          label=f"a 2-5-3 network with fixed weights, {n} samples"))
    run_check("evaluate", evaluate, cases)


def check_generalization_gap(generalization_gap):
    """Check generalization_gap(layers, X_train, y_train, X_test, y_test) -> (accuracy gap, loss gap)."""
    cases = []
    for seed in (3, 4):
        layers = _network(seed)
        (X_train, y_train), (X_test, y_test) = _data(seed + 20, 20), _data(seed + 30, 15)
        train_loss, train_accuracy = _reference(layers, X_train, y_train)
        test_loss, test_accuracy = _reference(layers, X_test, y_test)
        cases.append(Case(args=(layers, X_train, y_train, X_test, y_test),
                          expected=(train_accuracy - test_accuracy, test_loss - train_loss),
                          label=f"a 2-5-3 network (seed {seed}), 20 training and 15 test samples"))
    run_check("generalization_gap", generalization_gap, cases)
