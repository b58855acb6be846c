"""Exercise checks for chapter 01: Introducing neural networks."""
from shared.checks import Case, close_enough, run_check


def check_neuron_output(neuron_output):
    """Check neuron_output(inputs, weights, bias) on three neurons with three inputs each."""
    run_check("neuron_output", neuron_output, [
        Case(args=([1.0, 2.0, 3.0], [0.5, 0.5, 0.5], 1.0), expected=4.0),
        Case(args=([-1.0, 0.5, 4.0], [2.0, -2.0, 0.25], -0.5), expected=-2.5),
        Case(args=([0.0, 0.0, 0.0], [1.0, 2.0, 3.0], 3.0), expected=3.0,
             label="all inputs zero (only the bias 3.0 is left)"),
        Case(args=([2.5, -4.0, 1.0], [-0.4, 0.25, 3.0], -0.75), expected=0.25, hidden=True),
    ])


def check_neuron_output_any(neuron_output_any):
    """Check neuron_output_any(inputs, weights, bias) on neurons with 1, 5, 4 and 0 inputs."""
    run_check("neuron_output_any", neuron_output_any, [
        Case(args=([3.0], [-2.0], 0.5), expected=-5.5, label="one input: [3.0], [-2.0], 0.5"),
        Case(args=([1.0, 2.0, 3.0, 4.0, 5.0], [0.1, 0.2, 0.3, 0.4, 0.5], -1.0), expected=4.5),
        Case(args=([2.0, -1.0, 0.5, 4.0], [0.5, 1.0, -2.0, 0.25], 0.75), expected=0.75),
        Case(args=([], [], 1.5), expected=1.5, label="no inputs at all: [], [], 1.5 (only the bias is left)"),
        Case(args=([1.0, -1.0, 2.0, -2.0, 3.0, -3.0], [0.5, 0.5, 0.25, 0.25, -1.0, 1.0], 2.0), expected=-4.0,
             hidden=True),
    ])


def _number_or_none(got, expected):
    """Compare with the expected input value, or with None where the input's weight is 0."""
    if expected is None:
        if got is None:
            return True, ""
        return False, "this input's weight is 0, so no value of it changes the output: return None"
    if got is None:
        return False, "this input's weight is not 0, so some value of it gives the target: return that value"
    return close_enough(got, expected)


def check_input_for_output(input_for_output):
    """Check input_for_output(inputs, weights, bias, index, target) forwards and backwards."""
    neuron = ([2.0, 1.0, 3.0], [0.5, -1.0, 0.25], 0.5)  # section 1's neuron, output 1.25
    run_check("input_for_output", input_for_output, [
        Case(args=(*neuron, 2, 2.25), expected=7.0,
             label="section 1's neuron, third input (index 2), target 2.25"),
        Case(args=(*neuron, 1, 0.0), expected=2.25,
             label="section 1's neuron, second input (weight -1), target 0.0"),
        Case(args=([1.0, 4.0], [0.0, 2.0], -1.0, 0, 3.0), expected=None,
             label="inputs [1.0, 4.0], weights [0.0, 2.0], bias -1.0, index 0 (weight 0), target 3.0"),
        Case(args=([-1.0, 0.5, 2.0, 3.0], [2.0, 4.0, -0.5, 1.0], 1.0, 3, 0.0), expected=0.0,
             label="inputs [-1.0, 0.5, 2.0, 3.0], weights [2.0, 4.0, -0.5, 1.0], bias 1.0, index 3, target 0.0"),
        Case(args=([3.0, -2.0, 0.5], [0.25, 0.5, -2.0], 2.0, 0, -1.0), expected=-4.0, hidden=True),
        Case(args=([5.0], [-0.5], 0.0, 0, 1.0), expected=-2.0, hidden=True),
    ], compare=_number_or_none)
