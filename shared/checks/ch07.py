"""Exercise checks for chapter 07: Derivatives."""
import numpy as np

from shared.checks import Case, run_check


def _cubic(x):
    return x ** 3


def _square(x):
    return x ** 2


def _central(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h)


def check_numerical_derivative(numerical_derivative):
    """Check numerical_derivative(f, x, h=1e-5) against central differences written out by hand."""
    run_check("numerical_derivative", numerical_derivative, [
        # (2.1**3 - 1.9**3) / 0.2 = 12.01; the forward difference would give 12.61.
        Case(args=(_cubic, 2.0), kwargs={"h": 0.1}, expected=12.01,
             label="f(x) = x**3 at x = 2 with h = 0.1"),
        # (sin(1) - sin(0)) / 1; the forward difference would give 0.7241.
        Case(args=(np.sin, 0.5), kwargs={"h": 0.5}, expected=float(np.sin(1.0)),
             label="f(x) = sin(x) at x = 0.5 with h = 0.5"),
        Case(args=(np.exp, 1.0), expected=float(np.e),
             label="f(x) = exp(x) at x = 1 with the default h"),
        # For x**2 the central difference is exactly 2x, whatever h is.
        Case(args=(_square, np.array([0.0, 1.0, 2.0])), kwargs={"h": 0.5},
             expected=np.array([0.0, 2.0, 4.0]),
             label="f(x) = x**2 at the array x = [0, 1, 2] with h = 0.5"),
        # ((-0.8)**3 - (-1.2)**3) / 0.4 = 3.04; the forward difference would give 2.44.
        Case(args=(_cubic, -1.0), kwargs={"h": 0.2}, expected=3.04, hidden=True,
             label="f(x) = x**3 at x = -1 with h = 0.2"),
        Case(args=(np.cos, np.array([0.3, -2.0])), expected=_central(np.cos, np.array([0.3, -2.0])),
             hidden=True, label="f(x) = cos(x) at the array x = [0.3, -2] with the default h"),
    ])


def _g(x):
    return x ** 4 - 3 * x ** 2 + 2 * x - 1 + 2 * np.exp(x)


def _derivative_cases(f, points, array, hidden):
    """Cases comparing a learner's derivative of f with central differences of f."""
    cases = [Case(args=(x,), expected=float(_central(f, x)), label=f"x = {x}") for x in points]
    cases.append(Case(args=(array,), expected=_central(f, array),
                      label=f"the array x = {array.tolist()}"))
    cases += [Case(args=(x,), expected=_central(f, x), label=f"x = {x.tolist()}", hidden=True)
              for x in hidden]
    return cases


def check_g_prime(g_prime):
    """Check g_prime(x) against the central difference of g(x) = x**4 - 3x**2 + 2x - 1 + 2e**x."""
    run_check("g_prime", g_prime, _derivative_cases(
        _g, [-2.0, -1.0, 0.0, 0.5, 1.0], np.array([-1.5, 0.25, 2.0]),
        hidden=[np.array([1.7]), np.array([[-0.6, 3.0], [0.1, -2.5]])]))


def _sigmoid(x):
    return np.exp(x) / (1 + np.exp(x))


def check_sigmoid_prime(sigmoid_prime):
    """Check sigmoid_prime(x) against the central difference of sigmoid(x) = e**x / (1 + e**x)."""
    run_check("sigmoid_prime", sigmoid_prime, _derivative_cases(
        _sigmoid, [-3.0, -1.0, 0.0, 0.5, 2.0], np.array([-2.5, 0.75, 4.0]),
        hidden=[np.array([1.3]), np.array([[-0.2, 5.0], [-6.0, 0.9]])]))
