"""Each optimizer's first two steps on one weight, against values worked out by hand.

The weight starts at 1.0 and the bias at 0.0; the gradients are 0.2 (weight) and
-0.4 (bias) on the first step and -0.1 / 0.3 on the second.
"""
import numpy as np
import pytest

from shared import (Layer_Dense, Optimizer_Adagrad, Optimizer_Adam, Optimizer_RMSprop,
                    Optimizer_SGD)

GRADIENTS = [(0.2, -0.4), (-0.1, 0.3)]


def two_steps(optimizer):
    layer = Layer_Dense(1, 1, dtype=np.float64)
    layer.weights[:] = 1.0
    seen = []
    for dweight, dbias in GRADIENTS:
        layer.dweights = np.array([[dweight]])
        layer.dbiases = np.array([[dbias]])
        optimizer.pre_update_params()
        optimizer.update_params(layer)
        optimizer.post_update_params()
        seen.append((layer.weights.item(), layer.biases.item(), optimizer.current_learning_rate))
    return seen


# (optimizer, [(weight, bias, learning rate) after step 1, after step 2]), by hand:
CASES = {
    # w -= lr * g: 1 - 0.5*0.2 = 0.9, then 0.9 + 0.5*0.1 = 0.95.
    "sgd": (Optimizer_SGD(learning_rate=0.5), [(0.9, 0.2, 0.5), (0.95, 0.05, 0.5)]),
    # Decay: lr is 0.5 on step 1 and 0.5 / (1 + 0.25 * 1) = 0.4 on step 2.
    "sgd decay": (Optimizer_SGD(learning_rate=0.5, decay=0.25),
                  [(0.9, 0.2, 0.5), (0.94, 0.08, 0.4)]),
    # v = 0.9 v - 0.1 g: v1 = -0.02 (w 0.98); v2 = -0.018 + 0.01 = -0.008 (w 0.972).
    # Bias: v1 = 0.04 (b 0.04); v2 = 0.036 - 0.03 = 0.006 (b 0.046).
    "momentum": (Optimizer_SGD(learning_rate=0.1, momentum=0.9),
                 [(0.98, 0.04, 0.1), (0.972, 0.046, 0.1)]),
    # cache = 0.04, step 0.1 * 0.2 / 0.2 = 0.1; then cache 0.05, step 0.1 * 0.1 / sqrt(0.05)
    # = 0.0447214 up.  Bias: cache 0.16, step 0.1; cache 0.25, step 0.1 * 0.3 / 0.5 = 0.06 down.
    "adagrad": (Optimizer_Adagrad(learning_rate=0.1),
                [(0.9, 0.1, 0.1), (0.9447214, 0.04, 0.1)]),
    # cache = 0.1 * 0.04 = 0.004, step 0.01 * 0.2 / 0.0632456 = 0.0316228;
    # cache = 0.0036 + 0.001 = 0.0046, step 0.01 * 0.1 / 0.0678233 = 0.0147442 up.
    # Bias: cache 0.016, step 0.01 * 0.4 / 0.1264911 = 0.0316228 up;
    # cache 0.0144 + 0.009 = 0.0234, step 0.01 * 0.3 / 0.1529706 = 0.0196116 down.
    "rmsprop": (Optimizer_RMSprop(learning_rate=0.01),
                [(0.9683772, 0.0316228, 0.01), (0.9831214, 0.0120112, 0.01)]),
    # m = 0.02, corrected 0.2; v = 0.00004, corrected 0.04: step 0.01 * 0.2 / 0.2 = 0.01.
    # m = 0.018 - 0.01 = 0.008, corrected 0.008 / 0.19 = 0.0421053;
    # v = 0.00003996 + 0.00001 = 0.00004996, corrected / 0.001999 = 0.0249925;
    # step 0.01 * 0.0421053 / 0.1580901 = 0.0026634 down: 0.99 - 0.0026634 = 0.9873366.
    # Bias: step 1 is 0.01 up; m = -0.036 + 0.03 = -0.006, corrected -0.0315789;
    # v = 0.00015984 + 0.00009 = 0.00024984, corrected 0.1249825; the corrected momentum
    # still points down the first gradient, so the bias keeps rising: step 0.01 * 0.0315789 /
    # 0.3535287 = 0.0008933 up: 0.01 + 0.0008933 = 0.0108933.
    "adam": (Optimizer_Adam(learning_rate=0.01), [(0.99, 0.01, 0.01), (0.9873366, 0.0108933, 0.01)]),
}


@pytest.mark.parametrize("name", CASES)
def test_first_steps_match_hand_computation(name):
    optimizer, expected = CASES[name]
    np.testing.assert_allclose(two_steps(optimizer), expected, atol=2e-7)


def test_decay_formula():
    optimizer = Optimizer_Adam(learning_rate=0.02, decay=0.1)
    optimizer.iterations = 30
    optimizer.pre_update_params()
    assert optimizer.current_learning_rate == pytest.approx(0.02 / (1 + 0.1 * 30))


def test_updates_stay_float32():
    layer = Layer_Dense(3, 2)
    layer.dweights, layer.dbiases = np.ones((3, 2), np.float32), np.ones((1, 2), np.float32)
    for optimizer in [Optimizer_SGD(momentum=0.5), Optimizer_Adagrad(), Optimizer_RMSprop(),
                      Optimizer_Adam()]:
        optimizer.pre_update_params()
        optimizer.update_params(layer)
        assert layer.weights.dtype == np.float32 and layer.biases.dtype == np.float32


@pytest.mark.parametrize("make, message", [
    (lambda: Optimizer_SGD(learning_rate=-1), "learning_rate must be positive"),
    (lambda: Optimizer_Adam(decay=-0.1), "decay must be 0 or more"),
    (lambda: Optimizer_SGD(momentum=1.5), "momentum must be in [0, 1)"),
])
def test_bad_settings_are_refused(make, message):
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("(", r"\(")
                       .replace(")", r"\)")):
        make()
