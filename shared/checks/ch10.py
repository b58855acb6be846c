"""Exercise checks for chapter 10: Optimizers."""
from types import SimpleNamespace

import numpy as np

from shared.checks import Case, run_check
from shared.optimizers import Optimizer_Adam


def check_momentum_update(momentum_update):
    """Check momentum_update(param, grad, velocity, lr, momentum) -> (new_param, new_velocity).

    Expected values worked out by hand from v_new = momentum * v - lr * grad, param_new = param + v_new.
    """
    run_check("momentum_update", momentum_update, [
        Case(args=(np.array([1.0, -2.0]), np.array([0.5, 0.5]), np.array([0.1, 0.0]), 0.1, 0.9),
             expected=(np.array([1.04, -2.05]), np.array([0.04, -0.05]))),
        Case(args=(np.array([[2.0, 0.0], [-1.0, 3.0]]), np.array([[1.0, -1.0], [0.0, 2.0]]),
                   np.zeros((2, 2)), 0.5, 0.8),
             expected=(np.array([[1.5, 0.5], [-1.0, 2.0]]), np.array([[-0.5, 0.5], [0.0, -1.0]])),
             label="a 2x2 weight matrix on its first step (velocity all zeros), lr=0.5, momentum=0.8"),
        Case(args=(np.array([3.0]), np.array([-2.0]), np.array([5.0]), 0.25, 0.0),
             expected=(np.array([3.5]), np.array([0.5])),
             label="momentum=0 (the old velocity 5.0 is forgotten: plain gradient descent), "
                   "param [3.0], grad [-2.0], lr=0.25"),
    ])


def _adam_reference(param, grad, m, v, t, lr, beta_1, beta_2, eps):
    """One step of shared.Optimizer_Adam on a stand-in layer whose weights are `param`."""
    layer = SimpleNamespace(weights=param.copy(), dweights=grad,
                            weight_momentums=m.copy(), weight_cache=v.copy(),
                            biases=np.zeros(1), dbiases=np.zeros(1),
                            bias_momentums=np.zeros(1), bias_cache=np.zeros(1))
    optimizer = Optimizer_Adam(learning_rate=lr, epsilon=eps, beta_1=beta_1, beta_2=beta_2)
    optimizer.iterations = t - 1  # shared counts finished steps; t numbers this one from 1
    optimizer.pre_update_params()
    optimizer.update_params(layer)
    return layer.weights, layer.weight_momentums, layer.weight_cache


def _adam_case(label, *args):
    return Case(args=args, expected=_adam_reference(*args), label=label)


def check_adam_update(adam_update):
    """Check adam_update(param, grad, m, v, t, lr, beta_1, beta_2, eps) -> (param, m, v)
    against shared.Optimizer_Adam."""
    run_check("adam_update", adam_update, [
        _adam_case("first step (t=1, m and v zero): param [[0.5, -0.5]], grad [[0.2, -0.1]], lr=0.01",
                   np.array([[0.5, -0.5]]), np.array([[0.2, -0.1]]), np.zeros((1, 2)), np.zeros((1, 2)),
                   1, 0.01, 0.9, 0.999, 1e-7),
        _adam_case("step t=3 of a 2x2 matrix with non-zero m and v, lr=0.05",
                   np.array([[1.0, -2.0], [0.5, 0.0]]), np.array([[0.3, -0.6], [0.0, 1.2]]),
                   np.array([[0.05, -0.1], [0.02, 0.1]]), np.array([[0.01, 0.04], [0.001, 0.2]]),
                   3, 0.05, 0.9, 0.999, 1e-7),
        _adam_case("step t=2 with beta_1=0.5, beta_2=0.9, eps=1e-3, lr=0.1",
                   np.array([2.0, -1.0, 0.0]), np.array([1.0, 0.5, -4.0]),
                   np.array([0.5, 0.25, -2.0]), np.array([0.1, 0.025, 1.6]),
                   2, 0.1, 0.5, 0.9, 1e-3),
    ])
