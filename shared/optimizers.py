"""Optimizers (chapter 10): turn each layer's gradients into parameter updates.

Each step is ``pre_update_params()``, ``update_params(layer)`` for every
trainable layer, then ``post_update_params()``. With ``decay`` the learning rate
falls as ``learning_rate / (1 + decay * iterations)``. Updates are made in place,
so training allocates no new parameter arrays.
"""
import types

import numpy as np


class _Optimizer:
    def __init__(self, learning_rate, decay):
        if not learning_rate > 0:
            raise ValueError(f"learning_rate must be positive; got {learning_rate}.")
        if not decay >= 0:
            raise ValueError(f"decay must be 0 or more; got {decay}.")
        self.learning_rate = learning_rate
        self.current_learning_rate = learning_rate
        self.decay = decay
        self.iterations = 0

    def __repr__(self):
        settings = ", ".join(f"{k}={v}" for k, v in self.config().items())
        return f"{type(self).__name__}({settings})"

    def config(self):
        """The constructor's arguments, as saved with a model."""
        return {"learning_rate": self.learning_rate, "decay": self.decay}

    def pre_update_params(self):
        self.current_learning_rate = self.learning_rate / (1 + self.decay * self.iterations)

    def post_update_params(self):
        self.iterations += 1

    # The optimizer's progress, saved with a model (chapter 21) so that training resumes
    # exactly where it stopped.

    STATE_COUNTERS = ("iterations", "current_learning_rate")

    def layer_state_names(self):
        """The arrays ``update_params`` keeps on each layer, each with the parameter it
        follows, e.g. ``{"weight_momentums": "weights", "bias_momentums": "biases"}``;
        found by letting it update a throwaway layer with 2x1 weights and 1x1 biases."""
        layer = types.SimpleNamespace(weights=np.zeros((2, 1)), dweights=np.zeros((2, 1)),
                                      biases=np.zeros((1, 1)), dbiases=np.zeros((1, 1)))
        given = set(vars(layer))
        self.update_params(layer)
        return {name: "weights" if array.shape == (2, 1) else "biases"
                for name, array in vars(layer).items() if name not in given}

    def get_state(self, layers):
        """The counters (``STATE_COUNTERS``) and, for each of ``layers``, the arrays this
        optimizer keeps on it by name (none before the first step)."""
        counters = {name: getattr(self, name) for name in self.STATE_COUNTERS}
        names = self.layer_state_names()
        return counters, [{name: getattr(layer, name) for name in names if hasattr(layer, name)}
                          for layer in layers]

    def set_state(self, counters, layers, layer_arrays):
        """Put back what ``get_state`` returned (the arrays are used, not copied)."""
        for name in self.STATE_COUNTERS:
            setattr(self, name, counters[name])
        for layer, arrays in zip(layers, layer_arrays):
            for name, array in arrays.items():
                setattr(layer, name, array)


class Optimizer_SGD(_Optimizer):
    """Stochastic gradient descent, optionally with momentum."""

    def __init__(self, learning_rate=1.0, decay=0.0, momentum=0.0):
        super().__init__(learning_rate, decay)
        if not 0 <= momentum < 1:
            raise ValueError(f"momentum must be in [0, 1); got {momentum}.")
        self.momentum = momentum

    def config(self):
        return {**super().config(), "momentum": self.momentum}

    def update_params(self, layer):
        lr = self.current_learning_rate
        if not self.momentum:
            layer.weights -= lr * layer.dweights
            layer.biases -= lr * layer.dbiases
            return
        if not hasattr(layer, "weight_momentums"):
            layer.weight_momentums = np.zeros_like(layer.weights)
            layer.bias_momentums = np.zeros_like(layer.biases)
        # The update keeps a fraction of the previous one: v = momentum * v - lr * grad.
        for param, grad, velocity in [(layer.weights, layer.dweights, layer.weight_momentums),
                                      (layer.biases, layer.dbiases, layer.bias_momentums)]:
            velocity *= self.momentum
            velocity -= lr * grad
            param += velocity


class Optimizer_Adagrad(_Optimizer):
    """Each parameter's step is divided by the root of its summed squared gradients."""

    def __init__(self, learning_rate=1.0, decay=0.0, epsilon=1e-7):
        super().__init__(learning_rate, decay)
        self.epsilon = epsilon

    def config(self):
        return {**super().config(), "epsilon": self.epsilon}

    def update_params(self, layer):
        if not hasattr(layer, "weight_cache"):
            layer.weight_cache = np.zeros_like(layer.weights)
            layer.bias_cache = np.zeros_like(layer.biases)
        for param, grad, cache in [(layer.weights, layer.dweights, layer.weight_cache),
                                   (layer.biases, layer.dbiases, layer.bias_cache)]:
            cache += grad ** 2
            param -= self.current_learning_rate * grad / (np.sqrt(cache) + self.epsilon)


class Optimizer_RMSprop(_Optimizer):
    """Like Adagrad, but the cache is a moving average, so steps don't shrink forever."""

    def __init__(self, learning_rate=0.001, decay=0.0, epsilon=1e-7, rho=0.9):
        super().__init__(learning_rate, decay)
        self.epsilon = epsilon
        self.rho = rho

    def config(self):
        return {**super().config(), "epsilon": self.epsilon, "rho": self.rho}

    def update_params(self, layer):
        if not hasattr(layer, "weight_cache"):
            layer.weight_cache = np.zeros_like(layer.weights)
            layer.bias_cache = np.zeros_like(layer.biases)
        for param, grad, cache in [(layer.weights, layer.dweights, layer.weight_cache),
                                   (layer.biases, layer.dbiases, layer.bias_cache)]:
            cache *= self.rho
            cache += (1 - self.rho) * grad ** 2
            param -= self.current_learning_rate * grad / (np.sqrt(cache) + self.epsilon)


class Optimizer_Adam(_Optimizer):
    """Momentum plus an RMSprop cache, both corrected for starting at zero."""

    def __init__(self, learning_rate=0.001, decay=0.0, epsilon=1e-7, beta_1=0.9, beta_2=0.999):
        super().__init__(learning_rate, decay)
        self.epsilon = epsilon
        self.beta_1 = beta_1
        self.beta_2 = beta_2

    def config(self):
        return {**super().config(), "epsilon": self.epsilon,
                "beta_1": self.beta_1, "beta_2": self.beta_2}

    def update_params(self, layer):
        if not hasattr(layer, "weight_cache"):
            layer.weight_momentums = np.zeros_like(layer.weights)
            layer.weight_cache = np.zeros_like(layer.weights)
            layer.bias_momentums = np.zeros_like(layer.biases)
            layer.bias_cache = np.zeros_like(layer.biases)
        step = self.iterations + 1
        # Bias correction: early averages are pulled towards their zero start; undo that.
        momentum_scale = 1 / (1 - self.beta_1 ** step)
        cache_scale = 1 / (1 - self.beta_2 ** step)
        for param, grad, momentum, cache in [
                (layer.weights, layer.dweights, layer.weight_momentums, layer.weight_cache),
                (layer.biases, layer.dbiases, layer.bias_momentums, layer.bias_cache)]:
            momentum *= self.beta_1
            momentum += (1 - self.beta_1) * grad
            cache *= self.beta_2
            cache += (1 - self.beta_2) * grad ** 2
            param -= (self.current_learning_rate * momentum_scale) * momentum / (
                np.sqrt(cache_scale * cache) + self.epsilon)
