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
        layer.set_parameters(
            rng.normal(size=layer.weights.shape), rng.normal(size=layer.biases.shape)
        )
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
    return float(loss), float(np.mean(np.argmax(output, axis=1) == y))


def _plain(answer):
    """A (loss, accuracy) answer with NumPy scalars as plain Python numbers, so messages print them
    as numbers; anything else as it came."""
    if isinstance(answer, tuple):
        return tuple(item.item() if isinstance(item, np.generic) else item for item in answer)
    return answer


def _evaluate_call(evaluate, layers, X, y):
    return _plain(evaluate(layers, X, y))


def evaluate_case(seed, n):
    X, y = _data(seed + 10, n)
    return Case(
        args=(_network(seed), X, y),
        expected=_reference(seed, X, y),
        label=f"a fresh 2-5-3 network with fixed weights (seed {seed}), {n} samples",
    )


def check_evaluate(evaluate):
    """Check evaluate(layers, X, y) -> (loss, accuracy) on fresh networks that have run nothing
    yet."""
    run_check(
        "evaluate",
        evaluate,
        [evaluate_case(1, 12), evaluate_case(2, 30)],
        call=_evaluate_call,
        parts=("loss", "accuracy"),
        may_change=("layers",),
    )


class _BatchLimit:
    """A layer's forward that refuses more rows than the batch size, so a single pass fails."""

    def __init__(self, forward, batch_size):
        self.forward, self.batch_size = forward, batch_size

    def __call__(self, inputs, *args, **kwargs):
        if len(inputs) > self.batch_size:
            raise ValueError(
                f"{len(inputs)} rows went through the network at once, but batch_size "
                f"is {self.batch_size}: run at most batch_size rows per forward pass"
            )
        return self.forward(inputs, *args, **kwargs)


def _batches_call(evaluate_in_batches, layers, X, y, batch_size):
    layers[0].forward = _BatchLimit(layers[0].forward, batch_size)
    try:
        return _plain(evaluate_in_batches(layers, X, y, batch_size))
    finally:
        del layers[0].forward


def batches_case(seed, n, batch_size, label):
    X, y = _data(seed + 40, n)
    return Case(
        args=(_network(seed), X, y, batch_size),
        expected=_reference(seed, X, y),
        label=f"a 2-5-3 network (seed {seed}), {n} samples, batch_size {batch_size}: {label}",
    )


def check_evaluate_in_batches(evaluate_in_batches):
    """Check evaluate_in_batches(layers, X, y, batch_size) -> (loss, accuracy) of the whole set,
    against a single pass made with shared; the network refuses more than batch_size rows at
    once."""
    run_check(
        "evaluate_in_batches",
        evaluate_in_batches,
        [
            batches_case(3, 10, 4, "batches of 4, 4 and 2"),
            batches_case(4, 12, 5, "batches of 5, 5 and 2"),
            batches_case(6, 9, 3, "three equal batches"),
            batches_case(7, 6, 50, "one batch, smaller than batch_size"),
        ],
        call=_batches_call,
        parts=("loss", "accuracy"),
        may_change=("layers",),
    )


def overfitting_case(train, test, kwargs, expected, label):
    return Case(args=(train, test), kwargs=kwargs, expected=expected, label=label)


def check_is_overfitting(is_overfitting):
    """Check is_overfitting(train_losses, test_losses, window=3) -> bool on hand-made loss
    curves."""
    run_check(
        "is_overfitting",
        is_overfitting,
        [
            overfitting_case(*case)
            for case in [
                (
                    [1.0, 0.8, 0.6, 0.5, 0.45],
                    [1.1, 0.9, 0.85, 0.9, 0.95],
                    {},
                    True,
                    "training loss falling, test loss rising over the last 3 records: overfitting",
                ),
                (
                    [1.0, 0.8, 0.6, 0.5],
                    [1.1, 0.9, 0.8, 0.75],
                    {},
                    False,
                    "both losses falling: still learning",
                ),
                (
                    [0.5, 0.6, 0.9, 1.4],
                    [0.6, 0.7, 1.0, 1.5],
                    {},
                    False,
                    "both losses rising: training has gone wrong, which is not overfitting",
                ),
                (
                    [1.0, 0.7, 0.5, 0.4, 0.35, 0.3],
                    [1.0, 0.6, 0.8, 0.7, 0.65, 0.62],
                    {},
                    False,
                    "the test loss rose earlier but has fallen over the last 3 records",
                ),
                ([1.0, 0.9], [1.0, 1.1], {}, False, "only 2 records, fewer than window + 1 = 4"),
                (
                    [1.0, 0.9, 0.8],
                    [0.9, 0.95, 1.0],
                    {},
                    False,
                    "exactly window = 3 records: still one too few to look 3 records back",
                ),
                (
                    [0.5, 0.5, 0.5, 0.5],
                    [0.6, 0.7, 0.8, 0.9],
                    {},
                    False,
                    "a flat training loss (not strictly falling) and a rising test loss",
                ),
                (
                    [1.0, 0.8, 0.7],
                    [0.9, 0.8, 0.85],
                    {"window": 1},
                    True,
                    "window=1: training loss 0.8 -> 0.7, test loss 0.8 -> 0.85",
                ),
                (
                    [1.0, 0.8, 0.7, 0.6],
                    [0.9, 0.7, 0.75, 0.72],
                    {"window": 2},
                    True,
                    "window=2: compare with the values 2 records back (0.8 and 0.7)",
                ),
                (
                    [1.0, 0.9, 0.8, 0.7],
                    [1.0, 0.9, 0.95, 0.9],
                    {"window": 2},
                    False,
                    "window=2, the test loss back at its value 2 records earlier "
                    "(not strictly higher)",
                ),
            ]
        ],
    )
