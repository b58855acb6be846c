"""The exercises of chapters 01-05, graded as a learner's answers would be.

For every check: the worked solution (the exercise cell of solutions/NN_*.ipynb, executed)
passes, grading-only inputs included, for several seeds of the fresh ones; the stub is "not
attempted"; an answer that looks up the visible and fixed hidden inputs in a table fails
on fresh ones; and the wrong answers learners typically write fail, each for the reason its
message gives.
"""

import copy

import numpy as np
import pytest
from exercise_support import (hidden_module, recorded, result_of, solution, solutions_notebook,
                              stub, table_answer)

from shared.checks import ch01, ch02, ch03, ch04, ch05

CHECK_MODULES = (ch01, ch02, ch03, ch04, ch05)


EXERCISES = [  # (chapter, the learner's function, its check)
    ("01", "neuron_output_any", ch01.check_neuron_output_any),
    ("01", "input_for_output", ch01.check_input_for_output),
    ("01", "network_output", ch01.check_network_output),
    ("02", "layer_output", ch02.check_layer_output),
    ("02", "product_shape", ch02.check_product_shape),
    ("02", "station_layer", ch02.check_station_layer),
    ("02", "cosine_similarities", ch02.check_cosine_similarities),
    ("03", "init_params", ch03.check_init_params),
    ("03", "stack_forward", ch03.check_stack_forward),
    ("03", "merge_layers", ch03.check_merge_layers),
    ("03", "collapse_layers", ch03.check_collapse_layers),
    ("04", "relu_forward", ch04.check_relu_forward),
    ("04", "log_softmax", ch04.check_log_softmax),
    ("04", "leaky_relu", ch04.check_leaky_relu),
    ("05", "categorical_cross_entropy", ch05.check_cross_entropy),
    ("05", "top_k_accuracy", ch05.check_top_k_accuracy),
    ("05", "soft_cross_entropy", ch05.check_soft_cross_entropy),
]


def test_every_check_of_chapters_01_to_05_is_listed():
    listed = {check for _, _, check in EXERCISES}
    for module in CHECK_MODULES:
        for name in dir(module):
            if name.startswith("check_"):
                assert getattr(module, name) in listed, f"{module.__name__}.{name} has no test here"


@pytest.mark.parametrize("chapter, name, check", EXERCISES, ids=[name for _, name, _ in EXERCISES])
def test_the_solution_passes_with_hidden_inputs_and_the_stub_is_todo(chapter, name, check):
    outcome = result_of(check, solution(chapter, name))
    assert outcome.status == "pass", outcome.message
    assert result_of(check, stub).status == "todo"


@pytest.mark.parametrize("chapter, name, check", EXERCISES, ids=[name for _, name, _ in EXERCISES])
def test_the_solution_passes_fresh_grading_inputs_for_several_seeds(chapter, name, check):
    answer = solution(chapter, name)
    for seed in range(6):
        outcome = result_of(check, answer, seed=seed)
        assert outcome.status == "pass", f"seed {seed}: {outcome.message}"


def cases_of(check):
    """(title, visible cases, HIDDEN cases, FRESH cases for seed 0) of a check, not run."""
    check_call = recorded(check)
    title, cases = check_call["title"], check_call["cases"]
    hidden = hidden_module(check)
    return title, cases, hidden.HIDDEN[title](), hidden.FRESH[title](np.random.default_rng(0))


@pytest.mark.parametrize("chapter, name, check", EXERCISES, ids=[name for _, name, _ in EXERCISES])
def test_every_check_has_fixed_and_fresh_grading_cases_and_none_visible_only_hidden(
    chapter, name, check
):
    title, visible, fixed, fresh = cases_of(check)
    assert len(visible) >= 2 and not any(case.hidden for case in visible), title
    assert fixed and 2 <= len(fresh) <= 4, title


@pytest.mark.parametrize("chapter, name, check", EXERCISES, ids=[name for _, name, _ in EXERCISES])
def test_a_constant_answer_fails_the_visible_inputs(chapter, name, check):
    _, (first, *_), _, _ = cases_of(check)
    constant = solution(chapter, name)(*copy.deepcopy(first.args), **copy.deepcopy(first.kwargs))
    outcome = result_of(check, lambda *args, **kwargs: copy.deepcopy(constant), graded=False)
    assert outcome.status == "fail", outcome.message


@pytest.mark.parametrize("chapter, name, check", EXERCISES, ids=[name for _, name, _ in EXERCISES])
def test_a_table_of_the_visible_and_hidden_answers_fails_fresh_inputs(chapter, name, check):
    right = solution(chapter, name)
    _, visible, fixed, _ = cases_of(check)
    looked_up = table_answer(  # None for an input the table does not hold
        [*visible, *fixed],
        lambda case: right(*copy.deepcopy(case.args), **copy.deepcopy(case.kwargs)),
        lambda *args, **kwargs: None,
    )
    outcome = result_of(check, looked_up, graded=False)
    if name != "init_params":  # whose check also asks two calls for different random weights
        assert outcome.status == "pass", outcome.message  # it fools the notebook...
    assert result_of(check, looked_up, seed=12345).status in ("fail", "error")  # ...not the grader


# --- typical wrong answers -------------------------------------------------------------------
# (check, a wrong answer, what its message must say, or None where "wrong for input" is enough)


def neuron_any_consuming_lists(inputs, weights, bias):
    total = bias
    while inputs:
        total += inputs.pop() * weights.pop()  # right sum, but the caller's lists end up empty
    return total


def neuron_any_from_zero(inputs, weights, bias):
    return sum(x * w for x, w in zip(inputs, weights))


def input_ignoring_the_others(inputs, weights, bias, index, target):
    return None if weights[index] == 0 else (target - bias) / weights[index]


def input_change_not_value(inputs, weights, bias, index, target):
    if weights[index] == 0:
        return None
    current = sum(x * w for x, w in zip(inputs, weights)) + bias
    return (target - current) / weights[index]


def input_without_zero_weight(inputs, weights, bias, index, target):
    current = sum(x * w for x, w in zip(inputs, weights)) + bias
    return inputs[index] + (target - current) / weights[index]


def input_by_editing_the_list(inputs, weights, bias, index, target):
    if weights[index] == 0:
        return None
    current = sum(x * w for x, w in zip(inputs, weights)) + bias
    inputs[index] += (target - current) / weights[index]
    return inputs[index]


def input_hard_coded(inputs, weights, bias, index, target):
    return {2.25: 7.0, 0.0: 2.25 if len(inputs) == 3 else 0.0, 3.0: None}[target]


def network_every_layer_reads_the_inputs(inputs, layers):
    for layer in layers:
        values = [sum(x * w for x, w in zip(inputs, weights)) + bias for weights, bias in layer]
    return values


def network_without_biases(inputs, layers):
    values = inputs
    for layer in layers:
        values = [sum(x * w for x, w in zip(values, weights)) for weights, _ in layer]
    return values


def network_all_layers(inputs, layers):
    values, outputs = inputs, []
    for layer in layers:
        values = [sum(x * w for x, w in zip(values, weights)) + bias for weights, bias in layer]
        outputs.append(values)
    return outputs


def network_unwrapping_one_output(inputs, layers):
    values = inputs
    for layer in layers:
        values = [sum(x * w for x, w in zip(values, weights)) + bias for weights, bias in layer]
    return values[0] if len(values) == 1 else values


def network_as_numpy_array(inputs, layers):
    values = np.array(inputs)
    for layer in layers:
        values = np.array([np.dot(values, weights) + bias for weights, bias in layer])
    return values


def network_first_neuron_only(inputs, layers):
    values = inputs
    for layer in layers:
        weights, bias = layer[0]
        values = [sum(x * w for x, w in zip(values, weights)) + bias]
    return values


def network_appending_to_inputs(inputs, layers):
    values = inputs
    for layer in layers:
        values = [sum(x * w for x, w in zip(values, weights)) + bias for weights, bias in layer]
    layers.append([])  # the caller's list of layers grows
    return values


def layer_without_biases(inputs, weights, biases):
    return [sum(x * w for x, w in zip(inputs, row)) for row in weights]


def shape_never_none(shape_a, shape_b):
    return (shape_a[0], shape_b[1])


def shape_inner_sizes(shape_a, shape_b):
    return None if shape_a[1] != shape_b[0] else (shape_a[1], shape_b[0])


def shape_as_list(shape_a, shape_b):
    return None if shape_a[1] != shape_b[0] else [shape_a[0], shape_b[1]]


def shape_as_array(shape_a, shape_b):
    return None if shape_a[1] != shape_b[0] else np.array([shape_a[0], shape_b[1]])


def station_as_list(batch):
    return (np.dot(batch, STATION.T) + np.array([32.0, -1.0, 0.0])).tolist()


def cosine_raw_dot_products(batch, weights):
    return np.dot(batch, weights.T)


def cosine_samples_only(batch, weights):
    return np.dot(batch / np.linalg.norm(batch, axis=1, keepdims=True), weights.T)


def cosine_whole_matrix_lengths(batch, weights):
    return np.dot(batch, weights.T) / (np.linalg.norm(batch) * np.linalg.norm(weights))


def cosine_without_keepdims(batch, weights):
    return np.dot(
        batch / np.linalg.norm(batch, axis=1), (weights / np.linalg.norm(weights, axis=1)).T
    )


def cosine_without_transpose(batch, weights):
    unit_samples = batch / np.linalg.norm(batch, axis=1, keepdims=True)
    return np.dot(unit_samples, weights / np.linalg.norm(weights, axis=1, keepdims=True))


def cosine_lengths_of_columns(batch, weights):
    return np.dot(
        batch / np.linalg.norm(batch, axis=0), (weights / np.linalg.norm(weights, axis=0)).T
    )


def cosine_scaling_in_place(batch, weights):
    batch /= np.linalg.norm(batch, axis=1, keepdims=True)
    return np.dot(batch, (weights / np.linalg.norm(weights, axis=1, keepdims=True)).T)


def cosine_as_list(batch, weights):
    return [
        [np.dot(x, w) / (np.linalg.norm(x) * np.linalg.norm(w)) for w in weights] for x in batch
    ]


STATION = np.array([[1.8, 0.0, 0.0], [1.0, 0.0, -0.5], [0.0, 10.0, -1.0]])


def station_without_transpose(batch):
    return np.dot(batch, STATION) + np.array([32.0, -1.0, 0.0])


def station_bias_sign(batch):
    return np.dot(batch, STATION.T) + np.array([32.0, 1.0, 0.0])


def station_hard_coded(batch):
    answers = {2: [[68.0, 17.0, 1.0], [32.0, -1.0, 10.0]], 1: [[14.0, -16.0, -8.0]]}
    return np.array(answers[len(batch)])


def stack_first_layer_only(inputs, params):
    weights, biases = params[0]
    return np.dot(inputs, weights) + biases


def stack_without_biases(inputs, params):
    for weights, _ in params:
        inputs = np.dot(inputs, weights)
    return inputs


def init_biases_flat(n_inputs, n_neurons):
    return 0.01 * np.random.randn(n_inputs, n_neurons), np.zeros(n_neurons)


def init_weights_transposed(n_inputs, n_neurons):
    return 0.01 * np.random.randn(n_neurons, n_inputs), np.zeros((1, n_neurons))


def init_uniform(n_inputs, n_neurons):
    return 0.01 * np.random.rand(n_inputs, n_neurons), np.zeros((1, n_neurons))


def init_unscaled(n_inputs, n_neurons):
    return np.random.randn(n_inputs, n_neurons), np.zeros((1, n_neurons))


def init_integer_biases(n_inputs, n_neurons):
    return 0.01 * np.random.randn(n_inputs, n_neurons), np.zeros((1, n_neurons), dtype=int)


def init_reseeding(n_inputs, n_neurons):
    np.random.seed(0)  # every call starts from the same numbers: two layers of a shape are copies
    return 0.01 * np.random.randn(n_inputs, n_neurons), np.zeros((1, n_neurons))


def init_own_seeded_generator(n_inputs, n_neurons):
    rng = np.random.default_rng(42)
    return 0.01 * rng.standard_normal((n_inputs, n_neurons)), np.zeros((1, n_neurons))


def init_as_list(n_inputs, n_neurons):
    return [0.01 * np.random.randn(n_inputs, n_neurons), np.zeros((1, n_neurons))]


def init_three_items(n_inputs, n_neurons):
    return 0.01 * np.random.randn(n_inputs, n_neurons), np.zeros((1, n_neurons)), n_neurons


def init_constant_weights(n_inputs, n_neurons):
    return np.full((n_inputs, n_neurons), 0.01), np.zeros((1, n_neurons))


def merge_as_list(weights_a, biases_a, weights_b, biases_b):
    return [np.hstack([weights_a, weights_b]), np.hstack([biases_a, biases_b])]


def collapse_wrong_order(weights1, biases1, weights2, biases2):
    return np.dot(weights2, weights1), np.dot(biases1, weights2) + biases2


def collapse_adding_biases(weights1, biases1, weights2, biases2):
    return np.dot(weights1, weights2), biases1 + biases2


def collapse_last_biases_only(weights1, biases1, weights2, biases2):
    return np.dot(weights1, weights2), biases2


def collapse_elementwise(weights1, biases1, weights2, biases2):
    return weights1 * weights2, biases1 * weights2 + biases2


def collapse_as_list(weights1, biases1, weights2, biases2):
    return [np.dot(weights1, weights2), np.dot(biases1, weights2) + biases2]


def collapse_in_place(weights1, biases1, weights2, biases2):
    biases2 += np.dot(biases1, weights2)
    return np.dot(weights1, weights2), biases2


def merge_stacked_rows(weights_a, biases_a, weights_b, biases_b):
    return np.vstack([weights_a, weights_b]), np.vstack([biases_a, biases_b])


def merge_b_first(weights_a, biases_a, weights_b, biases_b):
    return np.hstack([weights_b, weights_a]), np.hstack([biases_b, biases_a])


def merge_forgetting_biases(weights_a, biases_a, weights_b, biases_b):
    return np.hstack([weights_a, weights_b]), biases_a


def relu_in_place(inputs):
    inputs[inputs < 0] = 0
    return inputs


def relu_with_out(inputs):
    return np.maximum(0, inputs, out=inputs)


def relu_abs(inputs):
    return np.abs(inputs)


def leaky_ignoring_alpha(inputs, alpha):
    return np.maximum(0, inputs)


def leaky_constant_alpha(inputs, alpha):
    return np.where(inputs > 0, inputs, alpha)


def leaky_in_place(inputs, alpha):
    inputs[inputs < 0] *= alpha
    return inputs


def relu_as_list(inputs):
    return np.maximum(0, inputs).tolist()


def leaky_as_list(inputs, alpha):
    return np.where(inputs > 0, inputs, alpha * inputs).tolist()


def shift(inputs):
    return inputs - np.max(inputs, axis=1, keepdims=True)


def log_of_softmax(inputs):
    exp_values = np.exp(shift(inputs))
    return np.log(exp_values / np.sum(exp_values, axis=1, keepdims=True))


def log_softmax_unshifted(inputs):
    return inputs - np.log(np.sum(np.exp(inputs), axis=1, keepdims=True))


def log_softmax_without_keepdims(inputs):
    shifted = inputs - np.max(inputs, axis=1)
    return shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))


def log_softmax_sum_without_keepdims(inputs):
    return shift(inputs) - np.log(np.sum(np.exp(shift(inputs)), axis=1))


def log_softmax_batch_maximum(inputs):
    shifted = inputs - np.max(inputs)
    return shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))


def log_softmax_wrong_axis(inputs):
    shifted = inputs - np.max(inputs, axis=0, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=0, keepdims=True))


def log_softmax_scores_minus_log_sum(inputs):
    return inputs - np.log(
        np.sum(np.exp(shift(inputs)), axis=1, keepdims=True)
    )  # the maximum not taken off


def log_softmax_without_log(inputs):
    return shift(inputs) - np.sum(np.exp(shift(inputs)), axis=1, keepdims=True)


def log_softmax_shift_in_place(inputs):
    inputs -= np.max(inputs, axis=1, keepdims=True)
    return inputs - np.log(np.sum(np.exp(inputs), axis=1, keepdims=True))


def log_softmax_as_list(inputs):
    return (shift(inputs) - np.log(np.sum(np.exp(shift(inputs)), axis=1, keepdims=True))).tolist()


def correct_probabilities(y_pred, y_true):
    if y_true.ndim == 1:
        return y_pred[np.arange(len(y_pred)), y_true]
    return np.sum(y_pred * y_true, axis=1)


def cross_entropy_unclipped(y_pred, y_true):
    return np.mean(-np.log(correct_probabilities(y_pred, y_true)))


def cross_entropy_summed(y_pred, y_true):
    return np.sum(-np.log(correct_probabilities(np.clip(y_pred, 1e-7, 1 - 1e-7), y_true)))


def cross_entropy_per_sample(y_pred, y_true):
    return -np.log(correct_probabilities(np.clip(y_pred, 1e-7, 1 - 1e-7), y_true))


def cross_entropy_sparse_only(y_pred, y_true):
    y_pred = np.clip(y_pred, 1e-7, 1 - 1e-7)
    return np.mean(-np.log(y_pred[np.arange(len(y_pred)), y_true]))


def cross_entropy_clipped_in_place(y_pred, y_true):
    np.clip(y_pred, 1e-7, 1 - 1e-7, out=y_pred)
    return np.mean(-np.log(correct_probabilities(y_pred, y_true)))


def top_k_ignoring_k(y_pred, y_true, k):
    return np.mean(np.argmax(y_pred, axis=1) == y_true)


def top_k_at_most_k_ahead(y_pred, y_true, k):
    correct = y_pred[np.arange(len(y_pred)), y_true].reshape(-1, 1)
    return np.mean(np.sum(y_pred > correct, axis=1) <= k)


def top_k_least_probable(y_pred, y_true, k):
    smallest = np.argsort(y_pred, axis=1)[:, :k]  # ascending order: these are the k least probable
    return np.mean(np.any(smallest == y_true.reshape(-1, 1), axis=1))


def top_k_count(y_pred, y_true, k):
    correct = y_pred[np.arange(len(y_pred)), y_true].reshape(-1, 1)
    return np.sum(np.sum(y_pred > correct, axis=1) < k)


def top_k_per_sample(y_pred, y_true, k):
    correct = y_pred[np.arange(len(y_pred)), y_true].reshape(-1, 1)
    return np.sum(y_pred > correct, axis=1) < k


def top_k_comparing_with_a_row(y_pred, y_true, k):
    correct = y_pred[
        np.arange(len(y_pred)), y_true
    ]  # shape (n,): lines up with the columns, not the rows
    return np.mean(np.sum(y_pred > correct, axis=1) < k)


def top_k_sorting_in_place(y_pred, y_true, k):
    correct = y_pred[np.arange(len(y_pred)), y_true].reshape(-1, 1)
    y_pred.sort(axis=1)
    return np.mean(np.sum(y_pred > correct, axis=1) < k)


def soft_as_hard_labels(y_pred, y_soft):
    y_pred = np.clip(y_pred, 1e-7, 1 - 1e-7)
    return np.mean(-np.log(y_pred[np.arange(len(y_pred)), np.argmax(y_soft, axis=1)]))


def soft_with_the_one_hot_formula(y_pred, y_soft):
    return np.mean(-np.log(np.sum(np.clip(y_pred, 1e-7, 1 - 1e-7) * y_soft, axis=1)))


def soft_unclipped(y_pred, y_soft):
    return np.mean(-np.sum(y_soft * np.log(y_pred), axis=1))


def soft_mean_over_entries(y_pred, y_soft):
    return np.mean(-y_soft * np.log(np.clip(y_pred, 1e-7, 1 - 1e-7)))


def soft_summed_over_batch(y_pred, y_soft):
    return np.sum(-y_soft * np.log(np.clip(y_pred, 1e-7, 1 - 1e-7)))


def soft_clipped_in_place(y_pred, y_soft):
    np.clip(y_pred, 1e-7, 1 - 1e-7, out=y_pred)
    return np.mean(-np.sum(y_soft * np.log(y_pred), axis=1))


def in_place(name):
    """What the core says when an answer changed its argument `name`."""
    return f"changed its argument `{name}` in place"


WRONG_ANSWERS = [
    (ch01.check_neuron_output_any, neuron_any_consuming_lists, in_place("inputs")),
    (ch01.check_neuron_output_any, neuron_any_from_zero, None),
    (ch01.check_input_for_output, input_ignoring_the_others, None),
    (ch01.check_input_for_output, input_change_not_value, None),
    (ch01.check_input_for_output, input_without_zero_weight, "ZeroDivisionError"),
    (ch01.check_input_for_output, input_by_editing_the_list, in_place("inputs")),
    (ch01.check_input_for_output, input_hard_coded, None),
    (ch01.check_network_output, network_every_layer_reads_the_inputs, None),
    (ch01.check_network_output, network_without_biases, None),
    (ch01.check_network_output, network_all_layers, "LAST layer"),
    (ch01.check_network_output, network_unwrapping_one_output, "even when it has one neuron"),
    (ch01.check_network_output, network_as_numpy_array, "return a plain Python list"),
    (ch01.check_network_output, network_first_neuron_only, "LAST layer"),
    (ch01.check_network_output, network_appending_to_inputs, in_place("layers")),
    (ch02.check_layer_output, layer_without_biases, None),
    (ch02.check_product_shape, shape_never_none, "cannot be multiplied"),
    (ch02.check_product_shape, shape_inner_sizes, "(m, n) x (n, p) has shape (m, p)"),
    (
        ch02.check_product_shape,
        shape_as_list,
        "as a tuple, such as (2, 4), like NumPy's .shape, not a list",
    ),
    (ch02.check_product_shape, shape_as_array, "not a ndarray"),
    (ch02.check_station_layer, station_without_transpose, None),
    (ch02.check_station_layer, station_bias_sign, None),
    (ch02.check_station_layer, station_hard_coded, None),
    (ch02.check_station_layer, station_as_list, "return a NumPy array"),
    (ch02.check_cosine_similarities, cosine_raw_dot_products, None),
    (ch02.check_cosine_similarities, cosine_samples_only, None),
    (ch02.check_cosine_similarities, cosine_whole_matrix_lengths, None),
    (ch02.check_cosine_similarities, cosine_without_keepdims, None),
    (ch02.check_cosine_similarities, cosine_without_transpose, None),
    (ch02.check_cosine_similarities, cosine_lengths_of_columns, None),
    (ch02.check_cosine_similarities, cosine_scaling_in_place, in_place("batch")),
    (ch02.check_cosine_similarities, cosine_as_list, "return a NumPy array"),
    (ch03.check_stack_forward, stack_first_layer_only, None),
    (ch03.check_stack_forward, stack_without_biases, None),
    (ch03.check_init_params, init_biases_flat, "biases have shape (3,), expected (1, 3)"),
    (ch03.check_init_params, init_weights_transposed, "weights have shape (3, 2), expected (2, 3)"),
    (ch03.check_init_params, init_uniform, "mean"),
    (ch03.check_init_params, init_unscaled, "standard deviation"),
    (ch03.check_init_params, init_integer_biases, "expected floats"),
    (ch03.check_init_params, init_reseeding, "two calls with the same sizes gave the same weights"),
    (
        ch03.check_init_params,
        init_own_seeded_generator,
        "two calls with the same sizes gave the same weights",
    ),
    (ch03.check_init_params, init_as_list, "return a tuple (weights, biases), not a list"),
    (ch03.check_init_params, init_three_items, "return a tuple of two arrays"),
    (ch03.check_init_params, init_constant_weights, "all be different random numbers"),
    (ch03.check_merge_layers, merge_stacked_rows, None),
    (ch03.check_merge_layers, merge_b_first, "why:      weights: largest difference"),
    (
        ch03.check_merge_layers,
        merge_forgetting_biases,
        "why:      biases: shape (1, 2), expected shape (1, 3)",
    ),
    (ch03.check_merge_layers, merge_as_list, "return a tuple (weights, biases), not a list"),
    (ch03.check_collapse_layers, collapse_wrong_order, None),
    (ch03.check_collapse_layers, collapse_adding_biases, None),
    (ch03.check_collapse_layers, collapse_last_biases_only, "biases: largest difference"),
    (ch03.check_collapse_layers, collapse_elementwise, None),
    (ch03.check_collapse_layers, collapse_as_list, "return a tuple (weights, biases), not a list"),
    (ch03.check_collapse_layers, collapse_in_place, in_place("biases2")),
    (ch04.check_relu_forward, relu_in_place, in_place("inputs")),
    (ch04.check_relu_forward, relu_with_out, in_place("inputs")),
    (ch04.check_relu_forward, relu_abs, None),
    (
        ch04.check_relu_forward,
        relu_as_list,
        "return a NumPy array (np.maximum and np.where give one), not a list",
    ),
    (ch04.check_leaky_relu, leaky_as_list, "return a NumPy array"),
    (ch04.check_leaky_relu, leaky_ignoring_alpha, None),
    (ch04.check_leaky_relu, leaky_constant_alpha, None),
    (ch04.check_leaky_relu, leaky_in_place, in_place("inputs")),
    (ch04.check_log_softmax, log_of_softmax, "-inf: a probability underflowed to 0"),
    (ch04.check_log_softmax, log_softmax_unshifted, "Subtract each row's own maximum"),
    (ch04.check_log_softmax, log_softmax_without_keepdims, "keepdims=True"),
    (ch04.check_log_softmax, log_softmax_sum_without_keepdims, "keepdims=True"),
    (ch04.check_log_softmax, log_softmax_batch_maximum, None),
    (ch04.check_log_softmax, log_softmax_wrong_axis, None),
    (ch04.check_log_softmax, log_softmax_scores_minus_log_sum, None),
    (ch04.check_log_softmax, log_softmax_without_log, None),
    (ch04.check_log_softmax, log_softmax_shift_in_place, in_place("inputs")),
    (ch04.check_log_softmax, log_softmax_as_list, "return a NumPy array"),
    (ch05.check_cross_entropy, cross_entropy_unclipped, "Clip the predictions"),
    (ch05.check_cross_entropy, cross_entropy_summed, None),
    (ch05.check_cross_entropy, cross_entropy_per_sample, "not one loss per sample"),
    (ch05.check_cross_entropy, cross_entropy_sparse_only, None),
    (ch05.check_cross_entropy, cross_entropy_clipped_in_place, in_place("y_pred")),
    (ch05.check_top_k_accuracy, top_k_ignoring_k, None),
    (ch05.check_top_k_accuracy, top_k_at_most_k_ahead, None),
    (ch05.check_top_k_accuracy, top_k_least_probable, None),
    (ch05.check_top_k_accuracy, top_k_count, "not their count"),
    (ch05.check_top_k_accuracy, top_k_per_sample, "not one value per sample"),
    (ch05.check_top_k_accuracy, top_k_comparing_with_a_row, None),
    (ch05.check_top_k_accuracy, top_k_sorting_in_place, in_place("y_pred")),
    (ch05.check_soft_cross_entropy, soft_as_hard_labels, None),
    (ch05.check_soft_cross_entropy, soft_with_the_one_hot_formula, None),
    (ch05.check_soft_cross_entropy, soft_unclipped, "Clip the predictions"),
    (ch05.check_soft_cross_entropy, soft_mean_over_entries, None),
    (ch05.check_soft_cross_entropy, soft_summed_over_batch, None),
    (ch05.check_soft_cross_entropy, soft_clipped_in_place, in_place("y_pred")),
]


@pytest.mark.parametrize(
    "check, answer, says", WRONG_ANSWERS, ids=[answer.__name__ for _, answer, _ in WRONG_ANSWERS]
)
def test_a_typical_wrong_answer_fails_and_says_why(check, answer, says):
    outcome = result_of(check, answer)
    assert outcome.status in ("fail", "error"), outcome.message
    if says is not None:
        assert says in outcome.message, outcome.message


def test_hard_coded_answers_pass_the_visible_inputs_and_fail_a_hidden_one():
    """The hidden inputs are what catches them: in a notebook (no grading) they pass."""
    for check, answer in [
        (ch01.check_input_for_output, input_hard_coded),
        (ch02.check_station_layer, station_hard_coded),
    ]:
        outcome = result_of(check, answer, graded=False)
        assert outcome.status == "pass", outcome.message
        assert result_of(check, answer).status in ("fail", "error")


def test_a_log_softmax_without_keepdims_is_told_about_keepdims_not_about_the_maximum():
    for answer in (log_softmax_without_keepdims, log_softmax_sum_without_keepdims):
        message = result_of(ch04.check_log_softmax, answer).message
        assert "keepdims=True" in message and "Subtract each row's own maximum" not in message


def test_right_answers_written_another_way_pass():
    def leaky_with_maximum(inputs, alpha):
        return np.maximum(alpha * inputs, inputs)

    def log_softmax_with_logsumexp_by_reshape(inputs):
        largest = inputs.max(axis=1).reshape(-1, 1)
        return inputs - largest - np.log(np.exp(inputs - largest).sum(axis=1)).reshape(-1, 1)

    def relu_with_where(inputs):
        return np.where(inputs > 0, inputs, 0.0)

    def shape_with_numpy_integers(shape_a, shape_b):
        return (np.int64(shape_a[0]), np.int64(shape_b[1])) if shape_a[1] == shape_b[0] else None

    def cosine_dividing_after_the_product(batch, weights):
        lengths = np.linalg.norm(batch, axis=1).reshape(-1, 1) * np.linalg.norm(
            weights, axis=1
        ).reshape(1, -1)
        return (batch @ weights.T) / lengths

    def init_with_a_generator(n_inputs, n_neurons):
        return 0.01 * np.random.default_rng().standard_normal((n_inputs, n_neurons)), np.zeros(
            (1, n_neurons)
        )

    def collapse_with_at(weights1, biases1, weights2, biases2):
        return weights1 @ weights2, (biases1 @ weights2 + biases2).reshape(1, -1)

    def top_k_by_argsort(y_pred, y_true, k):
        most_probable = np.argsort(y_pred, axis=1)[:, -k:]
        return float(np.mean(np.any(most_probable == y_true[:, None], axis=1)))

    def merge_with_concatenate(weights_a, biases_a, weights_b, biases_b):
        return np.concatenate((weights_a, weights_b), axis=-1), np.concatenate(
            (biases_a, biases_b), axis=-1
        )

    for check, answer in [
        (ch04.check_leaky_relu, leaky_with_maximum),
        (ch04.check_log_softmax, log_softmax_with_logsumexp_by_reshape),
        (ch04.check_relu_forward, relu_with_where),
        (ch03.check_merge_layers, merge_with_concatenate),
        (ch02.check_product_shape, shape_with_numpy_integers),
        (ch02.check_cosine_similarities, cosine_dividing_after_the_product),
        (ch03.check_init_params, init_with_a_generator),
        (ch03.check_collapse_layers, collapse_with_at),
        (ch05.check_top_k_accuracy, top_k_by_argsort),
    ]:
        outcome = result_of(check, answer)
        assert outcome.status == "pass", outcome.message


# --- the notebooks ----------------------------------------------------------------------------


def test_no_chapter_leaves_numpy_patched_by_nnfs_init():
    """nnfs.init() replaces np.dot, np.zeros, np.eye and np.random.randn for the whole session;
    only chapter 3 calls it, inside a function that puts all four back (its output shows it)."""
    calls = []
    for chapter in ["01", "02", "03", "04", "05"]:
        for cell in solutions_notebook(chapter).cells:
            code = "\n".join(
                line.split("#")[0] for line in cell.source.splitlines()
            )  # comments may name it
            if cell.cell_type == "code" and "nnfs.init()" in code:
                calls.append((chapter, code))
    assert [chapter for chapter, _ in calls] == ["03"]
    source = calls[0][1]
    assert "np.dot, np.zeros, np.eye, np.random.randn = originals" in source.split("finally:")[1]
