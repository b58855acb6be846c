"""The exercise checks of chapters 06-09 and 11, each tried as a learner would try it.

For every check: the worked answer from solutions/ passes (hidden cases included), the stub
from chapters/ is "not attempted yet", and the wrong answers a learner typically writes fail,
among them those that issue 14 found passing (a `<=` where a strictly lower loss is asked for,
answers that change their inputs in place, an `evaluate` that reads a result the check computed).
"""
import ast
import re

import make_chapters
import numpy as np
import pytest
from nbtools import exercise_cells, read

import shared.checks
from shared.checks import collect_results

SETUP_CELL = 1  # each chapter's imports, which its exercise cells rely on


def exercise_sources(folder, chapter):
    """{name of the checked function or class: source of its exercise cell} of one notebook.

    The cells are found in the solutions notebook (by their solution markers) and read from
    the same positions in `folder`'s copy: the learner's copy has the same cells, with stubs.
    """
    solutions = read(next(make_chapters.SOLUTIONS.glob(f"{chapter}_*.ipynb")))
    nb = read(next(folder.glob(f"{chapter}_*.ipynb")))
    sources = {"setup": nb.cells[SETUP_CELL].source}
    for exercise, check in exercise_cells(solutions, chapter):
        call = ast.parse(solutions.cells[check].source).body[0].value
        sources[call.args[0].id] = nb.cells[exercise].source
    return sources


def defined(folder, chapter, name):
    """The function or class `name` as that notebook defines it: its setup cell, then its exercise
    cells in order up to the one for `name` (a later exercise may call an earlier one)."""
    namespace = {}
    for cell_name, source in exercise_sources(folder, chapter).items():
        exec(source, namespace)
        if cell_name == name:
            return namespace[name]
    raise KeyError(f"no exercise cell checks {name!r} in chapter {chapter}")


def status(check, answer):
    """What `check` finds for `answer`, hidden cases included: "pass", "fail", "todo", ..."""
    with shared.checks.grading(), collect_results() as results:
        check(answer)
    assert len(results) == 1
    return results[0].status


# --- the wrong answers, by exercise ---------------------------------------------------------

def random_search_step_keeps_ties(best_params, best_loss, loss_fn, perturbation):
    candidate = [p + d for p, d in zip(best_params, perturbation)]
    candidate_loss = loss_fn(candidate)
    if candidate_loss <= best_loss:
        return candidate, candidate_loss
    return best_params, best_loss


def random_search_step_in_place(best_params, best_loss, loss_fn, perturbation):
    for p, d in zip(best_params, perturbation):
        p += d
    candidate_loss = loss_fn(best_params)
    return best_params, min(candidate_loss, best_loss)


def random_search_step_always_moves(best_params, best_loss, loss_fn, perturbation):
    candidate = [p + d for p, d in zip(best_params, perturbation)]
    return candidate, loss_fn(candidate)


def adaptive_step_ignores_step(best_params, best_loss, loss_fn, noise, step, grow=2.0, shrink=2 ** -0.25):
    candidate = [p + n for p, n in zip(best_params, noise)]
    candidate_loss = loss_fn(candidate)
    if candidate_loss < best_loss:
        return candidate, candidate_loss, step * grow
    return best_params, best_loss, step * shrink


def adaptive_step_swaps_grow_and_shrink(best_params, best_loss, loss_fn, noise, step, grow=2.0,
                                        shrink=2 ** -0.25):
    candidate = [p + step * n for p, n in zip(best_params, noise)]
    candidate_loss = loss_fn(candidate)
    if candidate_loss < best_loss:
        return candidate, candidate_loss, step * shrink
    return best_params, best_loss, step * grow


def adaptive_step_keeps_ties(best_params, best_loss, loss_fn, noise, step, grow=2.0, shrink=2 ** -0.25):
    candidate = [p + step * n for p, n in zip(best_params, noise)]
    candidate_loss = loss_fn(candidate)
    if candidate_loss <= best_loss:
        return candidate, candidate_loss, step * grow
    return best_params, best_loss, step * shrink


def adaptive_step_fixed_factors(best_params, best_loss, loss_fn, noise, step, grow=2.0, shrink=2 ** -0.25):
    candidate = [p + step * n for p, n in zip(best_params, noise)]
    candidate_loss = loss_fn(candidate)
    if candidate_loss < best_loss:
        return candidate, candidate_loss, step * 2.0
    return best_params, best_loss, step * 2 ** -0.25


def adaptive_step_in_place(best_params, best_loss, loss_fn, noise, step, grow=2.0, shrink=2 ** -0.25):
    old = [p.copy() for p in best_params]
    for p, n in zip(best_params, noise):
        p += step * n
    candidate_loss = loss_fn(best_params)
    if candidate_loss < best_loss:
        return best_params, candidate_loss, step * grow
    return old, best_loss, step * shrink


def adaptive_step_keeps_step_on_failure(best_params, best_loss, loss_fn, noise, step, grow=2.0,
                                        shrink=2 ** -0.25):
    candidate = [p + step * n for p, n in zip(best_params, noise)]
    candidate_loss = loss_fn(candidate)
    if candidate_loss < best_loss:
        return candidate, candidate_loss, step * grow
    return best_params, best_loss, step


def sigmoid(x):
    return np.exp(x) / (1 + np.exp(x))


def relu_backward_in_place(inputs, dvalues):
    dvalues[inputs <= 0] = 0
    return dvalues


def relu_backward_masks_inputs_in_place(inputs, dvalues):
    """Issue 14's `x[x < 0] = 0`, in a backward pass: right values, but the inputs are overwritten."""
    inputs[inputs <= 0] = 0
    inputs[inputs > 0] = 1
    return inputs * dvalues


def combined_backward_in_place(probabilities, y_true):
    """Issue 14's answer that overwrote the caller's probabilities."""
    if y_true.ndim == 2:
        y_true = np.argmax(y_true, axis=1)
    p = probabilities
    p[np.arange(len(p)), y_true] -= 1
    return p / len(p)


def combined_backward_indices_only(probabilities, y_true):
    dinputs = probabilities.copy()
    dinputs[np.arange(len(dinputs)), y_true] -= 1
    return dinputs / len(dinputs)


def combined_backward_without_mean(probabilities, y_true):
    if y_true.ndim == 2:
        y_true = np.argmax(y_true, axis=1)
    dinputs = probabilities.copy()
    dinputs[np.arange(len(dinputs)), y_true] -= 1
    return dinputs


def tanh_class(backward):
    """An Activation_Tanh whose forward is the exercise's and whose backward is `backward`."""
    class Activation_Tanh:
        def forward(self, inputs, training=False):
            self.inputs = inputs
            self.output = np.tanh(inputs)

    Activation_Tanh.backward = backward
    return Activation_Tanh


def tanh_backward_in_place(self, dvalues):
    dvalues *= 1 - self.output ** 2
    self.dinputs = dvalues


def evaluate_reads_the_last_output(layers, X, y):
    """Issue 14's answer that never ran the network."""
    output = layers[-1].output
    loss = shared.Loss_CategoricalCrossentropy().calculate(output, y)
    return loss, np.mean(np.argmax(output, axis=1) == y)


def evaluate_feeds_x_to_every_layer(layers, X, y):
    for layer in layers:
        layer.forward(X)
    output = layers[-1].output
    return shared.Loss_CategoricalCrossentropy().calculate(output, y), np.mean(np.argmax(output, axis=1) == y)


def evaluate_counts_correct_rows(layers, X, y):
    output = X
    for layer in layers:
        layer.forward(output)
        output = layer.output
    return shared.Loss_CategoricalCrossentropy().calculate(output, y), np.sum(np.argmax(output, axis=1) == y)


def gap_with_flipped_signs(layers, X_train, y_train, X_test, y_test):
    evaluate = defined(make_chapters.SOLUTIONS, "11", "evaluate")
    train_loss, train_accuracy = evaluate(layers, X_train, y_train)
    test_loss, test_accuracy = evaluate(layers, X_test, y_test)
    return test_accuracy - train_accuracy, train_loss - test_loss


def gap_in_the_other_order(layers, X_train, y_train, X_test, y_test):
    evaluate = defined(make_chapters.SOLUTIONS, "11", "evaluate")
    train_loss, train_accuracy = evaluate(layers, X_train, y_train)
    test_loss, test_accuracy = evaluate(layers, X_test, y_test)
    return test_loss - train_loss, train_accuracy - test_accuracy


def overfitting_if_test_rose(train_losses, test_losses, window=3):
    return len(test_losses) > window and test_losses[-1] > test_losses[-1 - window]


def overfitting_if_above_lowest(train_losses, test_losses, window=3):
    return len(test_losses) > window and train_losses[-1] < train_losses[-1 - window] \
        and test_losses[-1] > min(test_losses)


def overfitting_one_record_short(train_losses, test_losses, window=3):
    return len(test_losses) >= window and train_losses[-1] < train_losses[-window] \
        and test_losses[-1] > test_losses[-window]


def overfitting_not_strict(train_losses, test_losses, window=3):
    return len(test_losses) > window and train_losses[-1] <= train_losses[-1 - window] \
        and test_losses[-1] >= test_losses[-1 - window]


def overfitting_without_enough_history(train_losses, test_losses, window=3):
    return train_losses[-1] < train_losses[-1 - window] and test_losses[-1] > test_losses[-1 - window]


# (chapter, check, what the check cell passes it, wrong answers, other right answers)
EXERCISES = [
    ("06", "check_random_search_step", "random_search_step",
     [random_search_step_keeps_ties, random_search_step_in_place, random_search_step_always_moves], []),
    ("06", "check_adaptive_search_step", "adaptive_search_step",
     [adaptive_step_ignores_step, adaptive_step_swaps_grow_and_shrink, adaptive_step_keeps_ties,
      adaptive_step_fixed_factors, adaptive_step_in_place, adaptive_step_keeps_step_on_failure], []),
    ("07", "check_numerical_derivative", "numerical_derivative",
     [lambda f, x, h=1e-5: (f(x + h) - f(x)) / h,
      lambda f, x, h=1e-5: (f(x + h) - f(x - h)) / h,
      lambda f, x, h=1e-5: (f(x + 1e-5) - f(x - 1e-5)) / 2e-5], []),
    ("07", "check_g_prime", "g_prime",
     [lambda x: 4 * x ** 3 - 6 * x + 2 + np.exp(x),
      lambda x: 4 * x ** 3 - 6 * x + 2 * np.exp(x),
      lambda x: 4 * x ** 3 - 6 * x + 2], []),
    ("07", "check_sigmoid_prime", "sigmoid_prime",
     [lambda x: np.exp(x) / (1 + np.exp(x)),
      lambda x: -np.exp(x) / (1 + np.exp(x)) ** 2,
      lambda x: (np.exp(x) * (1 + np.exp(x)) + np.exp(x) ** 2) / (1 + np.exp(x)) ** 2],
     [lambda x: sigmoid(x) * (1 - sigmoid(x))]),
    ("08", "check_numerical_gradient_2d", "numerical_gradient_2d",
     [lambda f, x, y, h=1e-5: np.array([(f(x + h, y) - f(x, y)) / h, (f(x, y + h) - f(x, y)) / h]),
      lambda f, x, y, h=1e-5: np.array([(f(x, y + h) - f(x, y - h)) / (2 * h),
                                        (f(x + h, y) - f(x - h, y)) / (2 * h)]),
      lambda f, x, y, h=1e-5: np.array([(f(x + h, y) - f(x - h, y)) / h, (f(x, y + h) - f(x, y - h)) / h])],
     []),
    ("08", "check_neuron_loss_gradient", "neuron_loss_gradient",
     [lambda w, b, x, t: np.array([(w * x + b - t) * x, w * x + b - t]),
      lambda w, b, x, t: np.array([2 * (w * x + b - t), 2 * (w * x + b - t)]),
      lambda w, b, x, t: np.array([2 * (t - w * x - b) * x, 2 * (t - w * x - b)])], []),
    ("08", "check_log_error_gradient", "log_error_gradient",
     [lambda x, y: np.array([2 * (x * y - 1) * y, 2 * (x * y - 1) * x]),
      lambda x, y: np.array([(x * y - 1) * y, (x * y - 1) * x]) / (1 + (x * y - 1) ** 2),
      lambda x, y: 2 * (x * y - 1) * np.array([x, y]) / (1 + (x * y - 1) ** 2),
      lambda x, y: np.array([2 * (x * y - 1), 2 * (x * y - 1)]) / (1 + (x * y - 1) ** 2)], []),
    ("09", "check_relu_backward", "relu_backward",
     [relu_backward_in_place, relu_backward_masks_inputs_in_place,
      lambda inputs, dvalues: dvalues * (inputs >= 0),
      lambda inputs, dvalues: (inputs > 0) * 1.0,
      lambda inputs, dvalues: np.maximum(0, inputs) * dvalues], []),
    ("09", "check_dense_backward", "dense_backward",
     [lambda inputs, weights, dvalues: (inputs.T @ dvalues, np.sum(dvalues, axis=0), dvalues @ weights.T),
      lambda inputs, weights, dvalues: (inputs.T @ dvalues, np.sum(dvalues, axis=1, keepdims=True),
                                        dvalues @ weights.T),
      lambda inputs, weights, dvalues: (inputs.T @ dvalues, dvalues[:1], dvalues @ weights.T),
      lambda inputs, weights, dvalues: (dvalues @ weights.T, np.sum(dvalues, axis=0, keepdims=True),
                                        inputs.T @ dvalues)], []),
    ("09", "check_softmax_crossentropy_backward", "softmax_crossentropy_backward",
     [combined_backward_in_place, combined_backward_indices_only, combined_backward_without_mean], []),
    ("09", "check_tanh_backward", "Activation_Tanh",
     [tanh_class(lambda self, dvalues: setattr(self, "dinputs", 1 - self.output ** 2)),
      tanh_class(lambda self, dvalues: setattr(self, "dinputs", dvalues * (1 - self.inputs ** 2))),
      tanh_class(lambda self, dvalues: setattr(self, "dinputs", dvalues * self.output * (1 - self.output))),
      tanh_class(lambda self, dvalues: setattr(self, "dinputs", dvalues * (1 - self.output) ** 2)),
      tanh_class(tanh_backward_in_place)],
     [tanh_class(lambda self, dvalues: setattr(self, "dinputs", dvalues / np.cosh(self.inputs) ** 2))]),
    ("11", "check_evaluate", "evaluate",
     [evaluate_reads_the_last_output, evaluate_feeds_x_to_every_layer, evaluate_counts_correct_rows], []),
    ("11", "check_generalization_gap", "generalization_gap",
     [gap_with_flipped_signs, gap_in_the_other_order], []),
    ("11", "check_is_overfitting", "is_overfitting",
     [overfitting_if_test_rose, overfitting_if_above_lowest, overfitting_one_record_short,
      overfitting_not_strict, overfitting_without_enough_history], []),
]


def check_named(chapter, name):
    return getattr(__import__(f"shared.checks.ch{chapter}", fromlist=[name]), name)


IDS = [f"ch{chapter}-{check}" for chapter, check, *_ in EXERCISES]


def test_every_check_of_these_chapters_is_tried_here():
    tried = {(chapter, check) for chapter, check, *_ in EXERCISES}
    for chapter in ("06", "07", "08", "09", "11"):
        module = __import__(f"shared.checks.ch{chapter}", fromlist=["_"])
        checks = {name for name in dir(module) if name.startswith("check_")}
        assert checks == {check for ch, check in tried if ch == chapter}


@pytest.mark.parametrize("chapter, check, name, wrong, right", EXERCISES, ids=IDS)
def test_every_check_has_a_hidden_grading_case(chapter, check, name, wrong, right, monkeypatch):
    module = __import__(f"shared.checks.ch{chapter}", fromlist=["_"])
    cases = []
    monkeypatch.setattr(module, "run_check", lambda title, fn, given, **options: cases.extend(given))
    check_named(chapter, check)(lambda *args, **kwargs: None)
    assert any(case.hidden for case in cases)


@pytest.mark.parametrize("chapter, check, name, wrong, right", EXERCISES, ids=IDS)
def test_the_solution_passes(chapter, check, name, wrong, right):
    assert status(check_named(chapter, check), defined(make_chapters.SOLUTIONS, chapter, name)) == "pass"
    for answer in right:
        assert status(check_named(chapter, check), answer) == "pass"


@pytest.mark.parametrize("chapter, check, name, wrong, right", EXERCISES, ids=IDS)
def test_the_stub_is_not_attempted(chapter, check, name, wrong, right):
    assert status(check_named(chapter, check), defined(make_chapters.CHAPTERS, chapter, name)) == "todo"


@pytest.mark.parametrize("chapter, check, name, wrong, right", EXERCISES, ids=IDS)
def test_typical_wrong_answers_fail(chapter, check, name, wrong, right):
    for index, answer in enumerate(wrong):
        result = status(check_named(chapter, check), answer)
        assert result in ("fail", "error"), f"wrong answer {index} got {result!r}"


@pytest.mark.parametrize("chapter, check, answer, argument", [
    ("06", "check_random_search_step", random_search_step_in_place, "best_params"),
    ("09", "check_relu_backward", relu_backward_in_place, "dvalues"),
    ("09", "check_relu_backward", relu_backward_masks_inputs_in_place, "inputs"),
    ("09", "check_softmax_crossentropy_backward", combined_backward_in_place, "probabilities"),
    ("09", "check_tanh_backward", tanh_class(tanh_backward_in_place), "dvalues"),
], ids=["ch06-best_params", "ch09-relu-dvalues", "ch09-relu-inputs", "ch09-probabilities",
        "ch09-tanh-dvalues"])
def test_an_in_place_answer_is_told_which_argument_it_changed(chapter, check, answer, argument):
    with collect_results() as results:
        check_named(chapter, check)(answer)
    assert results[0].status == "fail"
    assert f"changed its argument `{argument}` in place" in results[0].message


# --- the text quotes what the cells print ---------------------------------------------------

# Figures of 3 or more decimals that the text works out from printed ones, rather than quotes.
DERIVED = {
    "07": {"0.0045"},                      # the forward difference's error, 3.754501 - 3.75
    "08": {"3.0138", "9.487", "9.849",     # 1 + u, and the lengths of (3, 9) and (4, 9)
           "0.001"},                       # an example of a difference, not a result
    "09": {"1.0986"},                      # ln 3, printed to 3 decimals as 1.099
}
QUOTED = re.compile(r"(?<![\d.])-?\d+\.\d{3,}(?!\d)")


@pytest.mark.parametrize("chapter", ["06", "07", "08", "09", "11"])
def test_every_figure_the_text_quotes_is_printed(chapter):
    nb = read(next(make_chapters.SOLUTIONS.glob(f"{chapter}_*.ipynb")))
    printed = " ".join(output.get("text", "") for cell in nb.cells if cell.cell_type == "code"
                       for output in cell.outputs)
    quoted = {figure for cell in nb.cells if cell.cell_type == "markdown"
              for figure in QUOTED.findall(cell.source)}
    printed = [float(figure) for figure in QUOTED.findall(printed)]
    decimals = lambda figure: len(figure.split(".")[1])
    not_printed = {figure for figure in quoted - DERIVED.get(chapter, set())
                   if not any(round(value, decimals(figure)) == float(figure) for value in printed)}
    assert not_printed == set(), "quoted in the text, but printed by no cell (not even rounded)"
