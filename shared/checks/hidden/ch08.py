"""Grading-only cases of chapter 08's checks: fixed edge cases and fresh random ones."""

import numpy as np

from shared.checks import Case
from shared.checks.ch08 import (
    _bowl,
    _central_gradient,
    _cube_sum,
    _directional_case,
    _log_error,
    _numerical_neuron_gradient,
)


def _directional_fixed():
    return [
        _directional_case(
            "the bowl at (-2, 0.5), direction (-3, 4)", _bowl, [-2.0, 0.5], [-3.0, 4.0]
        ),
        _directional_case(
            "f(p) = sum(p**3) at p = [0.5, 2], direction [0, -0.1], h = 0.2",
            _cube_sum,
            [0.5, 2.0],
            [0.0, -0.1],
            h=0.2,
        ),
    ]


def _directional_fresh(rng):
    return [
        _directional_case(
            "the bowl at a random point, a random direction",
            _bowl,
            rng.uniform(-3, 3, size=2),
            rng.uniform(-2, 2, size=2) * 3,
        ),
        _directional_case(
            "f(p) = sum(p**3) at a random point of 3 numbers, a random direction",
            _cube_sum,
            rng.uniform(-2, 2, size=3),
            rng.uniform(0.2, 2, size=3),
        ),
        _directional_case(
            "f(p) = sum(p**3) at a random point of 4 numbers, h = 0.1",
            _cube_sum,
            rng.uniform(-2, 2, size=4),
            rng.uniform(-2, 2, size=4),
            h=0.1,
        ),
    ]


def _neuron_fixed():
    values = [
        ((0.7, -0.2, 3.0, -1.0), "w = 0.7, b = -0.2, x = 3, t = -1"),
        ((-2.0, 4.0, 0.5, 2.5), "w = -2, b = 4, x = 0.5, t = 2.5"),
    ]
    return [
        Case(args=args, expected=_numerical_neuron_gradient(*args), label=label)
        for args, label in values
    ]


def _neuron_fresh(rng):
    cases = []
    for _ in range(3):
        args = tuple(float(value) for value in rng.uniform(-3, 3, size=4))
        cases.append(
            Case(
                args=args,
                expected=_numerical_neuron_gradient(*args),
                label="w = {:.4f}, b = {:.4f}, x = {:.4f}, t = {:.4f}".format(*args),
            )
        )
    return cases


def _log_error_fixed():
    x, y = np.array([[3.0, 0.1]]), np.array([[2.0, -4.0]])
    return [
        Case(
            args=(1.5, -0.8),
            expected=_central_gradient(_log_error, 1.5, -0.8),
            label="(x, y) = (1.5, -0.8)",
        ),
        Case(
            args=(x, y),
            expected=_central_gradient(_log_error, x, y),
            label="the arrays x = [[3, 0.1]], y = [[2, -4]]",
        ),
    ]


def _log_error_fresh(rng):
    x, y = (float(value) for value in rng.uniform(-2.5, 2.5, size=2))
    xs, ys = rng.uniform(-2.5, 2.5, size=(2, 3)), rng.uniform(-2.5, 2.5, size=(2, 3))
    return [
        Case(
            args=(x, y),
            expected=_central_gradient(_log_error, x, y),
            label=f"(x, y) = ({x:.4f}, {y:.4f})",
        ),
        Case(
            args=(xs, ys),
            expected=_central_gradient(_log_error, xs, ys),
            label="two random 2x3 arrays",
        ),
    ]


HIDDEN = {
    "directional_slope": _directional_fixed,
    "neuron_loss_gradient": _neuron_fixed,
    "log_error_gradient": _log_error_fixed,
}
FRESH = {
    "directional_slope": _directional_fresh,
    "neuron_loss_gradient": _neuron_fresh,
    "log_error_gradient": _log_error_fresh,
}
