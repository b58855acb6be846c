"""Exercise checks for chapter 08: Gradients, partial derivatives, and the chain rule."""

import numpy as np

from shared.checks import Case, run_check


def _bowl(p):
    """Section 1's tilted bowl x**2 + x y + 2 y**2, of a point p = [x, y]."""
    return p[0] ** 2 + p[0] * p[1] + 2 * p[1] ** 2


def _cube_sum(p):
    return np.sum(p**3)


def _central_gradient(f, x, y, h=1e-5):
    return np.array([(f(x + h, y) - f(x - h, y)) / (2 * h), (f(x, y + h) - f(x, y - h)) / (2 * h)])


def directional_reference(f, point, direction, h=1e-5):
    """The slope of f at `point` along `direction`: a central difference along the unit vector."""
    unit = direction / np.linalg.norm(direction)
    return round(float((f(point + h * unit) - f(point - h * unit)) / (2 * h)), 9)


def _directional_case(label, f, point, direction, **kwargs):
    point, direction = np.array(point, dtype=float), np.array(direction, dtype=float)
    return Case(
        args=(f, point, direction),
        kwargs=kwargs,
        label=label,
        expected=directional_reference(f, point, direction, **kwargs),
    )


def check_directional_slope(directional_slope):
    """Check directional_slope(f, point, direction, h=1e-5) against central differences along the
    unit vector of `direction`. By hand, on the bowl at (1, 2) with gradient (4, 9): 4 along
    (1, 0), 9 along (0, 2), 13 / sqrt(2) along (1, 1), 0 along the contour (9, -4)."""
    run_check(
        "directional_slope",
        directional_slope,
        [
            _directional_case(
                "the bowl at (1, 2), direction (1, 0): the partial derivative df/dx",
                _bowl,
                [1.0, 2.0],
                [1.0, 0.0],
            ),
            _directional_case(
                "the bowl at (1, 2), direction (0, 2), twice as long as a unit vector",
                _bowl,
                [1.0, 2.0],
                [0.0, 2.0],
            ),
            _directional_case(
                "the bowl at (1, 2), direction (1, 1)", _bowl, [1.0, 2.0], [1.0, 1.0]
            ),
            _directional_case(
                "the bowl at (1, 2), direction (9, -4): along the contour line",
                _bowl,
                [1.0, 2.0],
                [9.0, -4.0],
            ),
            _directional_case(
                "f(p) = sum(p**3) at p = [1, -1, 2], direction [2, 1, 2], h = 0.1",
                _cube_sum,
                [1.0, -1.0, 2.0],
                [2.0, 1.0, 2.0],
                h=0.1,
            ),
        ],
    )


def _numerical_neuron_gradient(w, b, x, t, h=1e-5):
    def loss(w, b):
        return (w * x + b - t) ** 2

    return _central_gradient(loss, w, b, h)


def check_neuron_loss_gradient(neuron_loss_gradient):
    """Check neuron_loss_gradient(w, b, x, t) against numerical derivatives of (w x + b - t)**2."""
    values = [
        ((0.5, 1.0, 2.0, 3.0), "w = 0.5, b = 1, x = 2, t = 3"),
        ((-1.5, 0.25, -2.0, 1.0), "w = -1.5, b = 0.25, x = -2, t = 1"),
        ((2.0, -1.0, 0.0, 0.5), "x = 0: w = 2, b = -1, x = 0, t = 0.5"),
        ((3.0, 1.0, 1.0, 4.0), "a perfect prediction: w = 3, b = 1, x = 1, t = 4"),
    ]
    run_check(
        "neuron_loss_gradient",
        neuron_loss_gradient,
        [
            Case(args=args, expected=_numerical_neuron_gradient(*args), label=label)
            for args, label in values
        ],
    )


def _log_error(x, y):
    return np.log(1 + (x * y - 1) ** 2)


def check_log_error_gradient(log_error_gradient):
    """Check log_error_gradient(x, y) against numerical derivatives of ln(1 + (x y - 1)**2)."""
    points = [
        (2.0, 1.5, "(x, y) = (2, 1.5)"),
        (-1.0, 0.5, "(x, y) = (-1, 0.5)"),
        (4.0, 0.25, "the bottom, x y = 1: (x, y) = (4, 0.25)"),
        (0.0, 3.0, "x = 0: (x, y) = (0, 3)"),
        (np.array([0.5, -2.0]), np.array([3.0, 1.0]), "the arrays x = [0.5, -2], y = [3, 1]"),
    ]
    run_check(
        "log_error_gradient",
        log_error_gradient,
        [
            Case(args=(x, y), expected=_central_gradient(_log_error, x, y), label=label)
            for x, y, label in points
        ],
    )
