"""Grading-only cases of chapter 01's checks (see shared/checks/hidden/__init__.py)."""

from shared.checks import Case
from shared.checks.ch01 import input_reference, network_reference, neuron_reference


def _numbers(rng, size):
    """`size` numbers between -4 and 4, in steps of 0.25 (so the learner's sums are exact)."""
    return [float(value) for value in rng.integers(-16, 17, size=size) / 4]


def _neuron_any_fixed():
    inputs, weights = [1.0, -1.0, 2.0, -2.0, 3.0, -3.0], [0.5, 0.5, 0.25, 0.25, -1.0, 1.0]
    return [
        Case(args=(inputs, weights, 2.0), expected=neuron_reference(inputs, weights, 2.0)),
        Case(args=([0.0, 0.0], [5.0, -5.0], -0.25), expected=-0.25),
    ]


def _neuron_any_fresh(rng):
    cases = []
    for size in (int(rng.integers(1, 4)), int(rng.integers(5, 12))):
        inputs, weights, (bias,) = _numbers(rng, size), _numbers(rng, size), _numbers(rng, 1)
        cases.append(
            Case(args=(inputs, weights, bias), expected=neuron_reference(inputs, weights, bias))
        )
    return cases


def _input_fixed():
    return [
        Case(
            args=([3.0, -2.0, 0.5], [0.25, 0.5, -2.0], 2.0, 0, -1.0),
            expected=input_reference([3.0, -2.0, 0.5], [0.25, 0.5, -2.0], 2.0, 0, -1.0),
        ),
        Case(args=([5.0], [-0.5], 0.0, 0, 1.0), expected=-2.0, label="a neuron with one input"),
        Case(
            args=([1.0, 2.0, 3.0], [1.0, 1.0, 0.0], 0.0, 2, 6.0),
            expected=None,
            label="the last input has weight 0",
        ),
    ]


def _input_fresh(rng):
    cases = []
    for zero_weight in (False, False, True):
        size = int(rng.integers(2, 6))
        inputs, weights, (bias, target) = _numbers(rng, size), _numbers(rng, size), _numbers(rng, 2)
        index = int(rng.integers(size))
        weights[index] = 0.0 if zero_weight else float(rng.choice([-2.0, -0.5, 0.25, 1.0, 4.0]))
        cases.append(
            Case(
                args=(inputs, weights, bias, index, target),
                expected=input_reference(inputs, weights, bias, index, target),
            )
        )
    return cases


def _network_fixed():
    layers = [[([1.0], 0.0), ([-1.0], 0.0)], [([1.0, 1.0], 0.5)]]
    chain = [[([2.0, 2.0], -1.0)], [([0.5], 0.5)], [([-1.0], 0.0)], [([4.0], 1.0), ([0.0], -3.0)]]
    return [
        Case(
            args=([3.0], layers),
            expected=network_reference([3.0], layers),
            label="1 input -> 2 neurons -> 1 neuron (a one-item list)",
        ),
        Case(
            args=([0.5, -0.5], chain),
            expected=network_reference([0.5, -0.5], chain),
            label="four layers: 2 -> 1 -> 1 -> 1 -> 2",
        ),
    ]


def _network_fresh(rng):
    cases = []
    for depth in (2, 3):
        sizes = [int(size) for size in rng.integers(1, 5, size=depth + 1)]
        layers = [
            [(_numbers(rng, n_in), _numbers(rng, 1)[0]) for _ in range(n_out)]
            for n_in, n_out in zip(sizes[:-1], sizes[1:])
        ]
        inputs = _numbers(rng, sizes[0])
        cases.append(Case(args=(inputs, layers), expected=network_reference(inputs, layers)))
    return cases


HIDDEN = {
    "neuron_output_any": _neuron_any_fixed,
    "input_for_output": _input_fixed,
    "network_output": _network_fixed,
}
FRESH = {
    "neuron_output_any": _neuron_any_fresh,
    "input_for_output": _input_fresh,
    "network_output": _network_fresh,
}
