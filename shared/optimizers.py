"""Chapter 10: optimizers turn each layer's gradients into parameter updates.

One step is ``pre_update_params()``, ``update_params(layer)`` for every trainable layer, then
``post_update_params()``. ``update_params`` calls the subclass's ``update(param, grad, state)``
once for the weights and once for the biases, each with its own ``state`` dict, kept in
``layer.optimizer_state``. Updates are made in place, so training allocates no new
parameter arrays.

With ``decay`` the learning rate falls as ``learning_rate / (1 + decay * iterations)`` (the
book's schedule). With ``schedule="cosine"`` it follows half a cosine from ``learning_rate``
down to 0 over the training run, after ``warmup_steps`` steps that rise linearly to it;
``Model.train`` tells the optimizer how many steps the run has.
"""
import math

import numpy as np

from . import _validate

SCHEDULES = ("decay", "cosine")


class Optimizer:
    """Chapter 10: the learning rate, its schedule and the step count every optimizer
    shares; a subclass writes ``update(param, grad, state)``."""

    STATE = ()  # the arrays update() keeps in each parameter's state dict
    COUNTERS = ("iterations", "current_learning_rate")  # the progress a saved model keeps

    def __init__(self, learning_rate, decay=0.0, schedule="decay", warmup_steps=0):
        _validate.positive("learning_rate", learning_rate)
        _validate.non_negative("decay", decay)
        _validate.one_of("schedule", schedule, SCHEDULES)
        if schedule == "cosine" and decay:
            raise ValueError(f"schedule='cosine' sets the learning rate itself: use decay=0 "
                             f"with it; got decay={decay}.")
        _validate.whole_number("warmup_steps", warmup_steps, minimum=0)
        if warmup_steps and schedule != "cosine":
            raise ValueError("warmup_steps works with schedule='cosine' only.")
        self.learning_rate = learning_rate
        self.current_learning_rate = learning_rate
        self.decay = decay
        self.schedule = schedule
        self.warmup_steps = warmup_steps
        self.total_steps = None  # start_schedule sets both (Model.train calls it)
        self.schedule_start = 0
        self.iterations = 0

    def __repr__(self):
        settings = ", ".join(f"{k}={v}" for k, v in self.config().items())
        return f"{type(self).__name__}({settings})"

    def config(self):
        """Chapter 21: the constructor's arguments, as saved with a model."""
        config = {"learning_rate": self.learning_rate, "decay": self.decay}
        if self.schedule != "decay":  # the book's decay schedule is the one left unnamed
            config.update(schedule=self.schedule, warmup_steps=self.warmup_steps)
        return config

    def start_schedule(self, total_steps):
        """Plan a run of ``total_steps`` steps from now; a cosine schedule reaches 0 at its end."""
        if self.warmup_steps and self.warmup_steps >= total_steps:
            raise ValueError(f"warmup_steps ({self.warmup_steps}) must be fewer than the "
                             f"{total_steps} steps of the training run.")
        self.schedule_start = self.iterations
        self.total_steps = total_steps

    def scheduled_learning_rate(self):
        """The learning rate of the coming step."""
        if self.schedule == "decay":
            return self.learning_rate / (1 + self.decay * self.iterations)
        if self.total_steps is None:
            raise ValueError("schedule='cosine' needs the length of the run: call "
                             "optimizer.start_schedule(total_steps) before the first step "
                             "(Model.train does this).")
        step = self.iterations - self.schedule_start  # 0 on the run's first step
        if step < self.warmup_steps:
            return self.learning_rate * (step + 1) / self.warmup_steps
        progress = (step - self.warmup_steps) / (self.total_steps - self.warmup_steps)
        return self.learning_rate * 0.5 * (1 + math.cos(math.pi * min(progress, 1.0)))

    def pre_update_params(self):
        self.current_learning_rate = self.scheduled_learning_rate()

    def update_params(self, layer):
        if not hasattr(layer, "optimizer_state"):
            layer.optimizer_state = {"weights": {}, "biases": {}}
        self.update(layer.weights, layer.dweights, layer.optimizer_state["weights"])
        self.update(layer.biases, layer.dbiases, layer.optimizer_state["biases"])

    def post_update_params(self):
        self.iterations += 1

    def get_state(self, layers):
        """Chapter 21: the counters (``COUNTERS``) and each layer's ``optimizer_state``
        (empty before the first step)."""
        counters = {name: getattr(self, name) for name in self.COUNTERS}
        return counters, [getattr(layer, "optimizer_state", {}) for layer in layers]

    def set_state(self, counters, layers, layer_states):
        """Chapter 21: put back what ``get_state`` returned (the arrays are used, not copied)."""
        for name in self.COUNTERS:
            setattr(self, name, counters[name])
        for layer, state in zip(layers, layer_states):
            layer.optimizer_state = {"weights": {}, "biases": {}, **state}


class Optimizer_SGD(Optimizer):
    """Chapter 10: gradient descent, optionally with momentum."""

    STATE = ("momentums",)

    def __init__(self, learning_rate=1.0, decay=0.0, momentum=0.0,
                 schedule="decay", warmup_steps=0):
        super().__init__(learning_rate, decay, schedule, warmup_steps)
        _validate.fraction("momentum", momentum)
        self.momentum = momentum

    def config(self):
        return {**super().config(), "momentum": self.momentum}

    def update(self, param, grad, state):
        if not self.momentum:
            param -= self.current_learning_rate * grad
            return
        if "momentums" not in state:
            state["momentums"] = np.zeros_like(param)
        # The step keeps a fraction of the previous one: v = momentum * v - lr * grad.
        velocity = state["momentums"]
        velocity *= self.momentum
        velocity -= self.current_learning_rate * grad
        param += velocity


class Optimizer_Adagrad(Optimizer):
    """Chapter 10: each parameter's step is divided by the root of its summed squared
    gradients."""

    STATE = ("cache",)

    def __init__(self, learning_rate=1.0, decay=0.0, epsilon=1e-7,
                 schedule="decay", warmup_steps=0):
        super().__init__(learning_rate, decay, schedule, warmup_steps)
        _validate.positive("epsilon", epsilon)
        self.epsilon = epsilon

    def config(self):
        return {**super().config(), "epsilon": self.epsilon}

    def update(self, param, grad, state):
        if "cache" not in state:
            state["cache"] = np.zeros_like(param)
        cache = state["cache"]
        cache += grad ** 2
        param -= self.current_learning_rate * grad / (np.sqrt(cache) + self.epsilon)


class Optimizer_RMSprop(Optimizer):
    """Chapter 10: like Adagrad, but the cache is a moving average, so steps don't shrink
    forever."""

    STATE = ("cache",)

    def __init__(self, learning_rate=0.001, decay=0.0, epsilon=1e-7, rho=0.9,
                 schedule="decay", warmup_steps=0):
        super().__init__(learning_rate, decay, schedule, warmup_steps)
        _validate.positive("epsilon", epsilon)
        _validate.fraction("rho", rho)
        self.epsilon = epsilon
        self.rho = rho

    def config(self):
        return {**super().config(), "epsilon": self.epsilon, "rho": self.rho}

    def update(self, param, grad, state):
        if "cache" not in state:
            state["cache"] = np.zeros_like(param)
        cache = state["cache"]
        cache *= self.rho
        cache += (1 - self.rho) * grad ** 2
        param -= self.current_learning_rate * grad / (np.sqrt(cache) + self.epsilon)


class Optimizer_Adam(Optimizer):
    """Chapter 10: momentum plus an RMSprop cache, both corrected for starting at zero."""

    STATE = ("momentums", "cache")

    def __init__(self, learning_rate=0.001, decay=0.0, epsilon=1e-7, beta_1=0.9, beta_2=0.999,
                 schedule="decay", warmup_steps=0):
        super().__init__(learning_rate, decay, schedule, warmup_steps)
        _validate.positive("epsilon", epsilon)
        _validate.fraction("beta_1", beta_1)
        _validate.fraction("beta_2", beta_2)
        self.epsilon = epsilon
        self.beta_1 = beta_1
        self.beta_2 = beta_2

    def config(self):
        return {**super().config(), "epsilon": self.epsilon,
                "beta_1": self.beta_1, "beta_2": self.beta_2}

    def update(self, param, grad, state):
        if "cache" not in state:
            state["momentums"] = np.zeros_like(param)
            state["cache"] = np.zeros_like(param)
        momentum, cache = state["momentums"], state["cache"]
        step = self.iterations + 1
        # Bias correction: early averages are pulled towards their zero start; undo that.
        momentum_scale = 1 / (1 - self.beta_1 ** step)
        cache_scale = 1 / (1 - self.beta_2 ** step)
        momentum *= self.beta_1
        momentum += (1 - self.beta_1) * grad
        cache *= self.beta_2
        cache += (1 - self.beta_2) * grad ** 2
        param -= (self.current_learning_rate * momentum_scale) * momentum / (
            np.sqrt(cache_scale * cache) + self.epsilon)
