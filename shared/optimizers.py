"""Optimizers (chapter 10): turn each layer's gradients into parameter updates.

Each step is ``pre_update_params()``, ``update_params(layer)`` for every
trainable layer, then ``post_update_params()``. With ``decay`` the learning rate
falls as ``learning_rate / (1 + decay * iterations)`` (the book's schedule). With
``schedule="cosine"`` it instead follows half a cosine from ``learning_rate`` down
to 0 over the training run, after ``warmup_steps`` steps that rise linearly to it;
``Model.train`` tells the optimizer how many steps the run has. Updates are made
in place, so training allocates no new parameter arrays.
"""
import math

import numpy as np

SCHEDULES = ("decay", "cosine")


class _Optimizer:
    def __init__(self, learning_rate, decay, schedule="decay", warmup_steps=0):
        if not learning_rate > 0:
            raise ValueError(f"learning_rate must be positive; got {learning_rate}.")
        if not decay >= 0:
            raise ValueError(f"decay must be 0 or more; got {decay}.")
        if schedule not in SCHEDULES:
            raise ValueError(f"schedule must be one of {', '.join(SCHEDULES)}; got {schedule!r}.")
        if schedule == "cosine" and decay:
            raise ValueError(f"schedule='cosine' sets the learning rate itself: use decay=0 "
                             f"with it; got decay={decay}.")
        if int(warmup_steps) != warmup_steps or warmup_steps < 0:
            raise ValueError(f"warmup_steps must be a whole number, 0 or more; got {warmup_steps}.")
        if warmup_steps and schedule != "cosine":
            raise ValueError("warmup_steps works with schedule='cosine' only.")
        self.learning_rate = learning_rate
        self.current_learning_rate = learning_rate
        self.decay = decay
        self.schedule = schedule
        self.warmup_steps = warmup_steps
        self.total_steps = None  # both set by start_schedule (Model.train calls it)
        self.schedule_start = 0
        self.iterations = 0

    def __repr__(self):
        settings = ", ".join(f"{k}={v}" for k, v in self.config().items())
        return f"{type(self).__name__}({settings})"

    def config(self):
        """The constructor's arguments, as saved with a model."""
        config = {"learning_rate": self.learning_rate, "decay": self.decay}
        if self.schedule != "decay":  # so that optimizers with the book's decay print as before
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

    def post_update_params(self):
        self.iterations += 1


class Optimizer_SGD(_Optimizer):
    """Stochastic gradient descent, optionally with momentum."""

    def __init__(self, learning_rate=1.0, decay=0.0, momentum=0.0,
                 schedule="decay", warmup_steps=0):
        super().__init__(learning_rate, decay, schedule, warmup_steps)
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

    def __init__(self, learning_rate=1.0, decay=0.0, epsilon=1e-7,
                 schedule="decay", warmup_steps=0):
        super().__init__(learning_rate, decay, schedule, warmup_steps)
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

    def __init__(self, learning_rate=0.001, decay=0.0, epsilon=1e-7, rho=0.9,
                 schedule="decay", warmup_steps=0):
        super().__init__(learning_rate, decay, schedule, warmup_steps)
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

    def __init__(self, learning_rate=0.001, decay=0.0, epsilon=1e-7, beta_1=0.9, beta_2=0.999,
                 schedule="decay", warmup_steps=0):
        super().__init__(learning_rate, decay, schedule, warmup_steps)
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
