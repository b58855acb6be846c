"""Exercise checks for chapter 07: Derivatives."""
import numpy as np

from shared.checks import Case, run_check


def _cubic(x):
    return x ** 3


def _square(x):
    return x ** 2


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
    ])


def _g(x):
    return x ** 4 - 3 * x ** 2 + 2 * x - 1 + 2 * np.exp(x)


def _central(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h)


def check_g_prime(g_prime):
    """Check g_prime(x) against the central difference of g(x) = x**4 - 3x**2 + 2x - 1 + 2e**x."""
    points = [-2.0, -1.0, 0.0, 0.5, 1.0]
    cases = [Case(args=(x,), expected=float(_central(_g, x)), label=f"x = {x}") for x in points]
    array = np.array([-1.5, 0.25, 2.0])
    cases.append(Case(args=(array,), expected=_central(_g, array), label="the array x = [-1.5, 0.25, 2.0]"))
    run_check("g_prime", g_prime, cases)
