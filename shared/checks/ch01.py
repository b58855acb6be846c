"""Exercise checks for chapter 01: Introducing neural networks."""

import numpy as np

from shared.checks import Case, close_enough, run_check


def neuron_reference(inputs, weights, bias):
    """A neuron's output, sum of inputs times weights plus the bias, computed with NumPy."""
    return float(np.dot(np.asarray(inputs, dtype=float), np.asarray(weights, dtype=float)) + bias)


def check_neuron_output_any(neuron_output_any):
    """Check neuron_output_any(inputs, weights, bias) on neurons with 1, 5, 4 and 0 inputs."""
    cases = [
        ([3.0], [-2.0], 0.5, "one input: [3.0], [-2.0], 0.5"),
        ([1.0, 2.0, 3.0, 4.0, 5.0], [0.1, 0.2, 0.3, 0.4, 0.5], -1.0, None),
        ([2.0, -1.0, 0.5, 4.0], [0.5, 1.0, -2.0, 0.25], 0.75, None),
        ([], [], 1.5, "no inputs at all: [], [], 1.5 (only the bias is left)"),
    ]
    run_check(
        "neuron_output_any",
        neuron_output_any,
        [
            Case(
                args=(inputs, weights, bias),
                expected=neuron_reference(inputs, weights, bias),
                label=label,
            )
            for inputs, weights, bias, label in cases
        ],
    )


def input_reference(inputs, weights, bias, index, target):
    """The value inputs[index] must take for the neuron to output target, or None for weight 0."""
    if weights[index] == 0:
        return None
    return inputs[index] + (target - neuron_reference(inputs, weights, bias)) / weights[index]


def _number_or_none(got, expected):
    """Compare with the expected input value, or with None where the input's weight is 0."""
    if expected is None:
        if got is None:
            return True, ""
        return False, "this input's weight is 0, so no value of it changes the output: return None"
    if got is None:
        return (
            False,
            "this input's weight is not 0, so some value of it gives the target: return that value",
        )
    return close_enough(got, expected)


def check_input_for_output(input_for_output):
    """Check input_for_output(inputs, weights, bias, index, target) forwards and backwards."""
    neuron = ([2.0, 1.0, 3.0], [0.5, -1.0, 0.25], 0.5)  # section 1's neuron, output 1.25
    run_check(
        "input_for_output",
        input_for_output,
        [
            Case(
                args=(*neuron, 2, 2.25),
                expected=7.0,
                label="section 1's neuron, third input (index 2), target 2.25",
            ),
            Case(
                args=(*neuron, 1, 0.0),
                expected=2.25,
                label="section 1's neuron, second input (weight -1), target 0.0",
            ),
            Case(
                args=([1.0, 4.0], [0.0, 2.0], -1.0, 0, 3.0),
                expected=None,
                label="inputs [1.0, 4.0], weights [0.0, 2.0], bias -1.0, index 0 (weight 0), "
                "target 3.0",
            ),
            Case(
                args=([-1.0, 0.5, 2.0, 3.0], [2.0, 4.0, -0.5, 1.0], 1.0, 3, 0.0),
                expected=0.0,
                label="inputs [-1.0, 0.5, 2.0, 3.0], weights [2.0, 4.0, -0.5, 1.0], bias 1.0, "
                "index 3, target 0.0",
            ),
        ],
        compare=_number_or_none,
    )


def network_reference(inputs, layers):
    """The last layer's outputs, a list; each layer's neurons read the layer before's outputs."""
    values = np.asarray(inputs, dtype=float)
    for layer in layers:
        weights = np.array([neuron_weights for neuron_weights, _ in layer], dtype=float).reshape(
            len(layer), -1
        )
        biases = np.array([bias for _, bias in layer], dtype=float)
        values = weights @ values + biases
    return [float(value) for value in values]


def _list_of_outputs(got, expected):
    """A list with one number per neuron of the last layer, close to the expected outputs."""
    if isinstance(got, (int, float, np.number)):
        return (
            False,
            "return a list with one output per neuron of the last layer, even when it has one "
            "neuron",
        )
    if not isinstance(got, list):
        return False, f"return a plain Python list of numbers, got a {type(got).__name__}"
    ok, reason = close_enough(got, expected)
    if not ok and len(got) != len(expected):
        reason += (
            ": one output per neuron of the LAST layer, each layer reading the outputs "
            "of the one before"
        )
    return ok, reason


def check_network_output(network_output):
    """Check network_output(inputs, layers) on networks of one, two and three layers."""
    one_layer = [[([0.5, -1.0, 0.25], 0.5), ([1.0, 1.0, 1.0], -2.0)]]
    two_layers = [
        [([1.0, 0.0], 0.0), ([0.0, 1.0], 1.0), ([1.0, -1.0], -0.5)],
        [([1.0, 2.0, -1.0], 0.25)],
    ]
    narrow_middle = [
        [([2.0, -1.0, 0.5], 1.0), ([0.0, 1.0, 1.0], 0.0)],
        [([0.5, -1.5], 2.0)],
        [([3.0], -1.0), ([-2.0], 0.5), ([0.25], 0.0)],
    ]
    cases = [
        ([2.0, 1.0, 3.0], one_layer, "one layer of 2 neurons reading 3 inputs [2.0, 1.0, 3.0]"),
        (
            [1.0, -2.0],
            two_layers,
            "2 inputs [1.0, -2.0] -> a layer of 3 neurons -> 1 neuron (a list of one output)",
        ),
        (
            [1.0, 2.0, -4.0],
            narrow_middle,
            "3 inputs [1.0, 2.0, -4.0] -> 2 neurons -> 1 neuron -> 3 neurons",
        ),
    ]
    run_check(
        "network_output",
        network_output,
        [
            Case(args=(inputs, layers), expected=network_reference(inputs, layers), label=label)
            for inputs, layers, label in cases
        ],
        compare=_list_of_outputs,
    )
