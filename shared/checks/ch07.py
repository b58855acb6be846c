"""Exercise checks for chapter 07: Derivatives."""

import numpy as np

from shared.checks import Case, run_check


def _cubic(x):
    """The chapter's f(x) = x**3 - 3x: a hilltop at x = -1, a valley floor at x = 1."""
    return x**3 - 3 * x


# Functions that grading's fresh cases differentiate. They live here, not in the hidden
# module, because the kernel that runs the learner's answer must be able to import them.
def polynomial(coefficients, x):
    """c0 + c1 x + c2 x**2 + c3 x**3 for coefficients (c0, c1, c2, c3)."""
    return sum(c * x**k for k, c in enumerate(coefficients))


def wave(k, x):
    """sin(k x), whose second derivative is -k**2 sin(k x)."""
    return np.sin(k * x)


def _central(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h)


def check_second_derivative(second_derivative):
    """Check second_derivative(f, x, h=1e-4), the slope of the slope by central differences,
    against second derivatives worked out by hand: 6x for x**3 - 3x, -sin(x), e**x."""
    run_check(
        "second_derivative",
        second_derivative,
        [
            Case(
                args=(_cubic, 1.0),
                expected=6.0,
                label="f(x) = x**3 - 3x at its valley floor x = 1 (f'' = 6x = 6)",
            ),
            Case(
                args=(_cubic, -1.0),
                expected=-6.0,
                label="f(x) = x**3 - 3x at its hilltop x = -1 (f'' = -6)",
            ),
            Case(
                args=(np.sin, 0.5),
                kwargs={"h": 1e-3},
                expected=float(-np.sin(0.5)),
                label="f(x) = sin(x) at x = 0.5 with h = 0.001 (f'' = -sin(x))",
            ),
            Case(
                args=(np.exp, np.array([0.0, 1.0, 2.0])),
                expected=np.exp(np.array([0.0, 1.0, 2.0])),
                label="f(x) = exp(x) at the array x = [0, 1, 2] (f'' = exp(x))",
            ),
        ],
    )


def _g(x):
    return x**4 - 3 * x**2 + 2 * x - 1 + 2 * np.exp(x)


def _derivative_cases(f, points, array):
    """Cases comparing a learner's derivative of f with central differences of f."""
    cases = [Case(args=(x,), expected=float(_central(f, x)), label=f"x = {x}") for x in points]
    cases.append(
        Case(args=(array,), expected=_central(f, array), label=f"the array x = {array.tolist()}")
    )
    return cases


def check_g_prime(g_prime):
    """Check g_prime(x) against the central difference of g(x) = x**4 - 3x**2 + 2x - 1 + 2e**x."""
    run_check(
        "g_prime",
        g_prime,
        _derivative_cases(_g, [-2.0, -1.0, 0.0, 0.5, 1.0], np.array([-1.5, 0.25, 2.0])),
    )


def _sigmoid(x):
    return np.exp(x) / (1 + np.exp(x))


def check_sigmoid_prime(sigmoid_prime):
    """Check sigmoid_prime(x) against the central difference of sigmoid(x) = e**x / (1 + e**x)."""
    run_check(
        "sigmoid_prime",
        sigmoid_prime,
        _derivative_cases(_sigmoid, [-3.0, -1.0, 0.0, 0.5, 2.0], np.array([-2.5, 0.75, 4.0])),
    )
