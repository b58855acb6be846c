"""Every backward pass agrees with centred-difference gradients (float64, two shapes each)."""
import numpy as np
import pytest

from shared import (Activation_LeakyReLU, Activation_Linear, Activation_ReLU, Activation_Sigmoid,
                    Activation_Softmax, Activation_Softmax_Loss_CategoricalCrossentropy,
                    Activation_Tanh, Layer_Dense, Layer_Dropout, Loss, Loss_BinaryCrossentropy,
                    Loss_CategoricalCrossentropy, Loss_MeanAbsoluteError, Loss_MeanSquaredError)
from shared.gradcheck import (gradient_check, numerical_gradient, numerical_gradient_of_output,
                              rel_error)

TOLERANCE = 1e-6
SHAPES = [(3, 4), (7, 5)]


def inputs(shape, seed=1):
    """Random inputs kept away from ReLU's kink at 0, so finite differences are exact."""
    x = np.random.default_rng(seed).standard_normal(shape)
    return np.where(np.abs(x) < 0.05, 0.3, x)


def assert_small(errors):
    assert errors and all(error < TOLERANCE for error in errors.values()), errors


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("make", [Activation_ReLU, Activation_Softmax, Activation_Sigmoid,
                                  Activation_Linear, Activation_Tanh,
                                  lambda: Activation_LeakyReLU(alpha=0.1)])
def test_activation_backward(make, shape):
    assert_small(gradient_check(make(), inputs(shape)))


@pytest.mark.parametrize("shape", SHAPES)
def test_dense_backward(shape):
    np.random.seed(0)
    layer = Layer_Dense(shape[1], 3, dtype=np.float64)
    layer.biases += np.random.randn(*layer.biases.shape)
    errors = gradient_check(layer, inputs(shape))
    assert set(errors) == {"dinputs", "dweights", "dbiases"}
    assert_small(errors)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("penalty", ["weight_regularizer_l1", "weight_regularizer_l2",
                                     "bias_regularizer_l1", "bias_regularizer_l2"])
def test_regularized_dense_backward(shape, penalty):
    np.random.seed(0)
    layer = Layer_Dense(shape[1], 3, **{penalty: 0.3}, dtype=np.float64)
    layer.weights = inputs(layer.weights.shape, seed=2)  # large enough to feel the penalty
    layer.biases = inputs(layer.biases.shape, seed=3)
    assert_small(gradient_check(layer, inputs(shape)))


@pytest.mark.parametrize("shape", SHAPES)
def test_dropout_backward_with_its_mask(shape):
    np.random.seed(0)
    layer = Layer_Dropout(0.3)
    x = inputs(shape)
    layer.forward(x, training=True)
    mask = layer.mask
    dvalues = inputs(shape, seed=4)
    layer.backward(dvalues)
    numeric = numerical_gradient_of_output(lambda v: v * mask, x.copy(), dvalues)
    assert rel_error(layer.dinputs, numeric) < TOLERANCE


def probabilities(shape, seed=5):
    return np.random.default_rng(seed).dirichlet(np.ones(shape[1]), shape[0])


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("one_hot", [False, True])
def test_categorical_crossentropy_backward(shape, one_hot):
    y = np.arange(shape[0]) % shape[1]
    if one_hot:
        y = np.eye(shape[1])[y]
    assert_small(gradient_check(Loss_CategoricalCrossentropy(), probabilities(shape), y))


@pytest.mark.parametrize("shape", SHAPES)
def test_combined_softmax_crossentropy_backward(shape):
    y = np.arange(shape[0]) % shape[1]
    assert_small(gradient_check(Activation_Softmax_Loss_CategoricalCrossentropy(),
                                inputs(shape), y))


@pytest.mark.parametrize("shape", SHAPES)
def test_combined_equals_softmax_then_crossentropy(shape):
    x, y = inputs(shape), np.arange(shape[0]) % shape[1]
    combined = Activation_Softmax_Loss_CategoricalCrossentropy()
    combined.forward(x, y)
    combined.backward(combined.output, y)
    softmax, loss = Activation_Softmax(), Loss_CategoricalCrossentropy()
    softmax.forward(x)
    loss.backward(softmax.output, y)
    softmax.backward(loss.dinputs)
    assert rel_error(combined.dinputs, softmax.dinputs) < TOLERANCE


@pytest.mark.parametrize("shape", SHAPES)
def test_binary_crossentropy_backward(shape):
    y = (np.random.default_rng(6).random(shape) > 0.5).astype(float)
    assert_small(gradient_check(Loss_BinaryCrossentropy(), probabilities(shape), y))


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("make", [Loss_MeanSquaredError, Loss_MeanAbsoluteError])
def test_regression_loss_backward(make, shape):
    assert_small(gradient_check(make(), inputs(shape), inputs(shape, seed=7)))


@pytest.mark.parametrize("shape", SHAPES)
def test_regularization_loss_gradient_matches_layer_gradient(shape):
    """The penalty alone: its numerical gradient is what backward adds to dweights."""
    np.random.seed(0)
    layer = Layer_Dense(shape[1], 3, 0.1, 0.2, 0.3, 0.4, dtype=np.float64)
    layer.weights, layer.biases = inputs(layer.weights.shape, 8), inputs(layer.biases.shape, 9)
    layer.forward(inputs(shape))
    layer.backward(np.zeros_like(layer.output))  # no data gradient: only the penalties remain

    def penalty(_):
        return Loss().regularization_loss(layer)
    assert rel_error(layer.dweights, numerical_gradient(penalty, layer.weights)) < TOLERANCE
    assert rel_error(layer.dbiases, numerical_gradient(penalty, layer.biases)) < TOLERANCE


def test_gradient_check_catches_a_wrong_backward():
    class WrongReLU(Activation_ReLU):
        def backward(self, dvalues):
            self.dinputs = dvalues.copy()  # forgets to zero the negative inputs
    assert gradient_check(WrongReLU(), inputs((4, 3)))["dinputs"] > 1e-2


def test_numerical_gradient_of_a_known_function():
    x = np.array([1.0, -2.0, 3.0])
    grad = numerical_gradient(lambda v: np.sum(v ** 3), x)
    assert rel_error(grad, 3 * x ** 2) < 1e-8
    assert np.array_equal(x, [1.0, -2.0, 3.0])  # restored after probing
