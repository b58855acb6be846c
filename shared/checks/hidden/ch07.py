"""Grading-only cases of chapter 07's checks: fixed edge cases and fresh random ones."""

from functools import partial

import numpy as np

from shared.checks import Case
from shared.checks.ch07 import _central, _cubic, _g, _sigmoid, polynomial, wave


def polynomial_second_derivative(coefficients, x):
    return 2 * coefficients[2] + 6 * coefficients[3] * x


def _second_fixed():
    x = np.array([-2.0, 0.5, 3.0])
    return [
        Case(
            args=(_cubic, x), expected=6 * x, label="f(x) = x**3 - 3x at the array x = [-2, 0.5, 3]"
        ),
        Case(
            args=(np.cos, np.array([[0.3, 2.0]])),
            kwargs={"h": 1e-3},
            expected=-np.cos(np.array([[0.3, 2.0]])),
            label="f(x) = cos(x) at x = [[0.3, 2]], h = 0.001",
        ),
        Case(args=(np.log, 2.0), expected=-0.25, label="f(x) = ln(x) at x = 2 (f'' = -1/x**2)"),
    ]


def _second_fresh(rng):
    coefficients = tuple(float(c) for c in rng.uniform(-3, 3, size=4))
    x = float(rng.uniform(-2, 2))
    while (
        abs(polynomial_second_derivative(coefficients, x)) < 0.5
    ):  # far from 0, where rounding shows
        x = float(rng.uniform(-2, 2))
    k = float(rng.uniform(0.5, 2.0))
    points = rng.uniform(0.2, 1.3, size=3) * np.pi / (2 * k)  # sin(k x) clearly non-zero
    return [
        Case(
            args=(partial(polynomial, coefficients), x),
            kwargs={"h": 1e-3},
            expected=polynomial_second_derivative(coefficients, x),
            label=f"a cubic with coefficients {np.round(coefficients, 3).tolist()} at x = {x:.4f}",
        ),
        Case(
            args=(partial(wave, k), points),
            expected=-(k**2) * np.sin(k * points),
            label=f"f(x) = sin({k:.4f} x) at 3 points",
        ),
    ]


def _derivative_fresh(f, low, high):
    def cases(rng):
        scalar = float(rng.uniform(low, high))
        row, matrix = rng.uniform(low, high, size=4), rng.uniform(low, high, size=(2, 3))
        return [
            Case(args=(scalar,), expected=float(_central(f, scalar)), label=f"x = {scalar:.4f}"),
            Case(args=(row,), expected=_central(f, row), label="4 random points"),
            Case(
                args=(matrix,), expected=_central(f, matrix), label="a 2x3 array of random points"
            ),
        ]

    return cases


def _fixed(f, arrays):
    return lambda: [
        Case(args=(x,), expected=_central(f, x), label=f"x = {x.tolist()}") for x in arrays
    ]


HIDDEN = {
    "second_derivative": _second_fixed,
    "g_prime": _fixed(_g, [np.array([1.7]), np.array([[-0.6, 3.0], [0.1, -2.5]])]),
    "sigmoid_prime": _fixed(_sigmoid, [np.array([1.3]), np.array([[-0.2, 5.0], [-6.0, 0.9]])]),
}
FRESH = {
    "second_derivative": _second_fresh,
    "g_prime": _derivative_fresh(_g, -2.5, 2.5),
    "sigmoid_prime": _derivative_fresh(_sigmoid, -6.0, 6.0),
}
