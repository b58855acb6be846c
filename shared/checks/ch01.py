"""Exercise checks for chapter 01: Introducing neural networks."""
from shared.checks import Case, run_check


def check_neuron_output(neuron_output):
    """Check neuron_output(inputs, weights, bias) on three neurons with three inputs each."""
    run_check("neuron_output", neuron_output, [
        Case(args=([1.0, 2.0, 3.0], [0.5, 0.5, 0.5], 1.0), expected=4.0),
        Case(args=([-1.0, 0.5, 4.0], [2.0, -2.0, 0.25], -0.5), expected=-2.5),
        Case(args=([0.0, 0.0, 0.0], [1.0, 2.0, 3.0], 3.0), expected=3.0,
             label="all inputs zero (only the bias 3.0 is left)"),
    ])


def check_neuron_output_any(neuron_output_any):
    """Check neuron_output_any(inputs, weights, bias) on neurons with 1, 5, 4 and 0 inputs."""
    run_check("neuron_output_any", neuron_output_any, [
        Case(args=([3.0], [-2.0], 0.5), expected=-5.5, label="one input: [3.0], [-2.0], 0.5"),
        Case(args=([1.0, 2.0, 3.0, 4.0, 5.0], [0.1, 0.2, 0.3, 0.4, 0.5], -1.0), expected=4.5),
        Case(args=([2.0, -1.0, 0.5, 4.0], [0.5, 1.0, -2.0, 0.25], 0.75), expected=0.75),
        Case(args=([], [], 1.5), expected=1.5, label="no inputs at all: [], [], 1.5 (only the bias is left)"),
    ])
