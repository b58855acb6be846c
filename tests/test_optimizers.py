"""Each optimizer's first two steps on one weight, against values worked out by hand.

The weight starts at 1.0 and the bias at 0.0; the gradients are 0.2 (weight) and
-0.4 (bias) on the first step and -0.1 / 0.3 on the second.
"""
import numpy as np
import pytest

from shared import (Accuracy_Categorical, Activation_Softmax, Layer_Dense,
                    Loss_CategoricalCrossentropy, Model, Optimizer_Adagrad, Optimizer_Adam,
                    Optimizer_RMSprop, Optimizer_SGD)

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
    "adam": (Optimizer_Adam(learning_rate=0.01),
             [(0.99, 0.01, 0.01), (0.9873366, 0.0108933, 0.01)]),
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
    (lambda: Optimizer_Adam(beta_1=1.0), "beta_1 must be in [0, 1); got 1.0"),
    (lambda: Optimizer_Adam(beta_2="abc"), "beta_2 must be in [0, 1); got 'abc'"),
    (lambda: Optimizer_Adagrad(epsilon=0), "epsilon must be positive; got 0"),
    (lambda: Optimizer_RMSprop(rho=1), "rho must be in [0, 1); got 1"),
    (lambda: Optimizer_SGD(learning_rate=float("inf")), "learning_rate must be positive"),
])
def test_bad_settings_are_refused(make, message):
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("(", r"\(")
                       .replace(")", r"\)")):
        make()


# The cosine schedule, by hand: rate = lr * (1 + cos(pi * progress)) / 2, with progress the
# share of the (post-warm-up) steps already taken; cos(pi/4) = 0.7071068.
# lr 0.1 over 4 steps: progress 0, 1/4, 2/4, 3/4 -> 0.1, 0.0853553, 0.05, 0.0146447.
COSINE_4 = [0.1, 0.0853553, 0.05, 0.0146447]


def rates(optimizer, total_steps, steps=None):
    optimizer.start_schedule(total_steps)
    seen = []
    for _ in range(total_steps if steps is None else steps):
        optimizer.pre_update_params()
        seen.append(optimizer.current_learning_rate)
        optimizer.post_update_params()
    return seen


def test_cosine_falls_from_the_learning_rate_towards_zero():
    np.testing.assert_allclose(rates(Optimizer_SGD(0.1, schedule="cosine"), 4), COSINE_4,
                               atol=1e-7)


def test_warmup_rises_linearly_then_the_cosine_takes_the_remaining_steps():
    # 2 warm-up steps: 0.1 * 1/2, 0.1 * 2/2; then the 4 remaining steps as above.
    optimizer = Optimizer_Adam(0.1, schedule="cosine", warmup_steps=2)
    np.testing.assert_allclose(rates(optimizer, 6), [0.05, 0.1] + COSINE_4, atol=1e-7)


def test_a_second_run_starts_its_own_cosine_but_adam_keeps_counting():
    optimizer = Optimizer_Adam(0.1, schedule="cosine")
    rates(optimizer, 3)
    np.testing.assert_allclose(rates(optimizer, 4), COSINE_4, atol=1e-7)
    assert optimizer.iterations == 7  # Adam's bias correction goes on from step 7


def test_model_train_plans_the_cosine_over_all_epochs():
    np.random.seed(0)
    model = Model()
    model.add(Layer_Dense(2, 3))
    model.add(Activation_Softmax())
    model.set(loss=Loss_CategoricalCrossentropy(), accuracy=Accuracy_Categorical(),
              optimizer=Optimizer_SGD(0.1, schedule="cosine"))
    model.finalize()
    X, y = np.random.randn(8, 2).astype(np.float32), np.arange(8) % 3
    # 2 epochs of 2 batches: the history keeps each epoch's last rate, steps 2 and 4 of 4.
    history = model.train(X, y, epochs=2, batch_size=4, verbose=0)
    np.testing.assert_allclose(history["learning_rate"], [COSINE_4[1], COSINE_4[3]], atol=1e-7)


def test_cosine_is_in_the_config_and_repr_and_decay_prints_as_before():
    cosine = Optimizer_SGD(0.1, schedule="cosine", warmup_steps=5)
    assert cosine.config() == {"learning_rate": 0.1, "decay": 0.0, "schedule": "cosine",
                               "warmup_steps": 5, "momentum": 0.0}
    assert repr(cosine) == ("Optimizer_SGD(learning_rate=0.1, decay=0.0, schedule=cosine, "
                            "warmup_steps=5, momentum=0.0)")
    assert repr(Optimizer_SGD(0.1, decay=0.01)) == \
        "Optimizer_SGD(learning_rate=0.1, decay=0.01, momentum=0.0)"


def test_cosine_without_a_planned_run_says_what_to_call():
    optimizer = Optimizer_Adam(schedule="cosine")
    with pytest.raises(ValueError, match=r"call optimizer.start_schedule\(total_steps\)"):
        optimizer.pre_update_params()


@pytest.mark.parametrize("make, message", [
    (lambda: Optimizer_Adam(schedule="linear"), "schedule must be one of decay, cosine"),
    (lambda: Optimizer_Adam(decay=1e-3, schedule="cosine"), "use decay=0 with it"),
    (lambda: Optimizer_Adam(warmup_steps=10), "warmup_steps works with schedule='cosine' only"),
    (lambda: Optimizer_Adam(schedule="cosine", warmup_steps=-1), "warmup_steps must be a whole"),
    (lambda: Optimizer_Adam(schedule="cosine", warmup_steps=4).start_schedule(4),
     "warmup_steps \\(4\\) must be fewer than the 4 steps"),
])
def test_bad_schedules_are_refused(make, message):
    with pytest.raises(ValueError, match=message):
        make()
