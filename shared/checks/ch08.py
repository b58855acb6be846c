"""Exercise checks for chapter 08: Gradients, partial derivatives, and the chain rule."""
import numpy as np

from shared.checks import Case, run_check


def _cubic_mix(x, y):
    return x ** 3 + x * y ** 2


def _waves(x, y):
    return np.sin(x) * np.cos(2 * y)


def _plane(x, y):
    return x - 2 * y


def check_numerical_gradient_2d(numerical_gradient_2d):
    """Check numerical_gradient_2d(f, x, y, h=1e-5) against central differences written out by hand."""
    h = 1e-5
    waves_gradient = np.array([(_waves(0.3 + h, -0.7) - _waves(0.3 - h, -0.7)) / (2 * h),
                               (_waves(0.3, -0.7 + h) - _waves(0.3, -0.7 - h)) / (2 * h)])
    run_check("numerical_gradient_2d", numerical_gradient_2d, [
        # With h = 0.1 the central differences are 3 + 0.01 + 4 = 7.01 and exactly 2xy = 4.
        Case(args=(_cubic_mix, 1.0, 2.0), kwargs={"h": 0.1}, expected=np.array([7.01, 4.0]),
             label="f(x, y) = x**3 + x*y**2 at (1, 2) with h = 0.1"),
        Case(args=(_waves, 0.3, -0.7), expected=waves_gradient,
             label="f(x, y) = sin(x) * cos(2y) at (0.3, -0.7) with the default h"),
        Case(args=(_plane, 5.0, -3.0), expected=np.array([1.0, -2.0]),
             label="f(x, y) = x - 2y at (5, -3)"),
    ])


def _numerical_neuron_gradient(w, b, x, t, h=1e-5):
    loss = lambda w, b: (w * x + b - t) ** 2
    return np.array([(loss(w + h, b) - loss(w - h, b)) / (2 * h),
                     (loss(w, b + h) - loss(w, b - h)) / (2 * h)])


def check_neuron_loss_gradient(neuron_loss_gradient):
    """Check neuron_loss_gradient(w, b, x, t) against numerical derivatives of (w x + b - t)**2."""
    values = [
        ((0.5, 1.0, 2.0, 3.0), "w = 0.5, b = 1, x = 2, t = 3"),
        ((-1.5, 0.25, -2.0, 1.0), "w = -1.5, b = 0.25, x = -2, t = 1"),
        ((2.0, -1.0, 0.0, 0.5), "x = 0: w = 2, b = -1, x = 0, t = 0.5"),
        ((3.0, 1.0, 1.0, 4.0), "a perfect prediction: w = 3, b = 1, x = 1, t = 4"),
    ]
    run_check("neuron_loss_gradient", neuron_loss_gradient, [
        Case(args=args, expected=_numerical_neuron_gradient(*args), label=label) for args, label in values
    ])
