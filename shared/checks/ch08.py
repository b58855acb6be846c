"""Exercise checks for chapter 08: Gradients, partial derivatives, and the chain rule."""
import numpy as np

from shared.checks import Case, run_check


def _cubic_mix(x, y):
    return x ** 3 + x * y ** 2


def _waves(x, y):
    return np.sin(x) * np.cos(2 * y)


def _plane(x, y):
    return x - 2 * y


def _central_gradient(f, x, y, h=1e-5):
    return np.array([(f(x + h, y) - f(x - h, y)) / (2 * h), (f(x, y + h) - f(x, y - h)) / (2 * h)])


def check_numerical_gradient_2d(numerical_gradient_2d):
    """Check numerical_gradient_2d(f, x, y, h=1e-5) against central differences written out by hand."""
    run_check("numerical_gradient_2d", numerical_gradient_2d, [
        # With h = 0.1 the central differences are 3 + 0.01 + 4 = 7.01 and exactly 2xy = 4.
        Case(args=(_cubic_mix, 1.0, 2.0), kwargs={"h": 0.1}, expected=np.array([7.01, 4.0]),
             label="f(x, y) = x**3 + x*y**2 at (1, 2) with h = 0.1"),
        Case(args=(_waves, 0.3, -0.7), expected=_central_gradient(_waves, 0.3, -0.7),
             label="f(x, y) = sin(x) * cos(2y) at (0.3, -0.7) with the default h"),
        Case(args=(_plane, 5.0, -3.0), expected=np.array([1.0, -2.0]),
             label="f(x, y) = x - 2y at (5, -3)"),
        # 3 * 4 + 0.04 + 0.25 = 12.29 and 2 * (-2) * 0.5 = -2, exactly, with h = 0.2.
        Case(args=(_cubic_mix, -2.0, 0.5), kwargs={"h": 0.2}, expected=np.array([12.29, -2.0]),
             hidden=True, label="f(x, y) = x**3 + x*y**2 at (-2, 0.5) with h = 0.2"),
        Case(args=(_waves, -1.1, 0.4), expected=_central_gradient(_waves, -1.1, 0.4), hidden=True,
             label="f(x, y) = sin(x) * cos(2y) at (-1.1, 0.4) with the default h"),
    ])


def _numerical_neuron_gradient(w, b, x, t, h=1e-5):
    loss = lambda w, b: (w * x + b - t) ** 2
    return _central_gradient(loss, w, b, h)


def check_neuron_loss_gradient(neuron_loss_gradient):
    """Check neuron_loss_gradient(w, b, x, t) against numerical derivatives of (w x + b - t)**2."""
    values = [
        ((0.5, 1.0, 2.0, 3.0), "w = 0.5, b = 1, x = 2, t = 3", False),
        ((-1.5, 0.25, -2.0, 1.0), "w = -1.5, b = 0.25, x = -2, t = 1", False),
        ((2.0, -1.0, 0.0, 0.5), "x = 0: w = 2, b = -1, x = 0, t = 0.5", False),
        ((3.0, 1.0, 1.0, 4.0), "a perfect prediction: w = 3, b = 1, x = 1, t = 4", False),
        ((0.7, -0.2, 3.0, -1.0), "w = 0.7, b = -0.2, x = 3, t = -1", True),
        ((-2.0, 4.0, 0.5, 2.5), "w = -2, b = 4, x = 0.5, t = 2.5", True),
    ]
    run_check("neuron_loss_gradient", neuron_loss_gradient, [
        Case(args=args, expected=_numerical_neuron_gradient(*args), label=label, hidden=hidden)
        for args, label, hidden in values
    ])


def _log_error(x, y):
    return np.log(1 + (x * y - 1) ** 2)


def check_log_error_gradient(log_error_gradient):
    """Check log_error_gradient(x, y) against numerical derivatives of ln(1 + (x y - 1)**2)."""
    points = [
        (2.0, 1.5, "(x, y) = (2, 1.5)", False),
        (-1.0, 0.5, "(x, y) = (-1, 0.5)", False),
        (4.0, 0.25, "the bottom, x y = 1: (x, y) = (4, 0.25)", False),
        (0.0, 3.0, "x = 0: (x, y) = (0, 3)", False),
        (np.array([0.5, -2.0]), np.array([3.0, 1.0]), "the arrays x = [0.5, -2], y = [3, 1]", False),
        (1.5, -0.8, "(x, y) = (1.5, -0.8)", True),
        (np.array([[3.0, 0.1]]), np.array([[2.0, -4.0]]), "the arrays x = [[3, 0.1]], y = [[2, -4]]", True),
    ]
    run_check("log_error_gradient", log_error_gradient, [
        Case(args=(x, y), expected=_central_gradient(_log_error, x, y), label=label, hidden=hidden)
        for x, y, label, hidden in points
    ])
