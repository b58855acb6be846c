"""The exercise checks of chapters 06-09 and 11, each tried as a learner would try it.

For every check: the worked answer from solutions/ passes (grading cases included, for several
seeds), the stub from chapters/ is "not attempted yet", a table of the visible and fixed grading
answers fails on fresh inputs, and the wrong answers a learner typically writes fail (a `<=`
where a strictly lower loss is asked for, answers that change their inputs in place, an
`evaluate` that reads a result the check computed, ...).
"""
import re

import make_chapters
import numpy as np
import pytest
from exercise_support import (defined, expected_answers_table, hidden_module, recorded, result_of,
                              same_input, solutions_notebook)

import shared.checks


# --- the wrong answers, by exercise ---------------------------------------------------------

def random_search_step(best_params, best_loss, loss_fn, perturbation):
    """Section 4's step: it never tries the mirror image."""
    candidate = [p + d for p, d in zip(best_params, perturbation)]
    candidate_loss = loss_fn(candidate)
    if candidate_loss < best_loss:
        return candidate, candidate_loss
    return best_params, best_loss


def mirrored_step(best_params, best_loss, loss_fn, perturbation, keep_ties=False, minus_first=False,
                  ignore_current=False, minus=lambda p, d: p - d):
    """A mirrored step with one of the typical mistakes switched on."""
    candidates = [[p + d for p, d in zip(best_params, perturbation)],
                  [minus(p, d) for p, d in zip(best_params, perturbation)]]
    if minus_first:
        candidates.reverse()
    options = [(candidate, loss_fn(candidate)) for candidate in candidates]
    best = min(options, key=lambda option: option[1])
    if ignore_current:
        return best
    if best[1] < best_loss or (keep_ties and best[1] == best_loss):
        return best
    return best_params, best_loss


def mirrored_in_place(best_params, best_loss, loss_fn, perturbation):
    for p, d in zip(best_params, perturbation):
        p += d
    plus_loss = loss_fn(best_params)
    return (best_params, plus_loss) if plus_loss < best_loss else (best_params, best_loss)


def mirrored_after_a_shallow_copy(best_params, best_loss, loss_fn, perturbation):
    """The fix the in-place message must not suggest: a copy of the list holds the same arrays."""
    candidate = best_params.copy()
    for p, d in zip(candidate, perturbation):
        p += d
    candidate_loss = loss_fn(candidate)
    return (candidate, candidate_loss) if candidate_loss < best_loss else (best_params, best_loss)


def adaptive_step_ignores_step(best_params, best_loss, loss_fn, noise, step, grow=2.0,
                               shrink=2 ** -0.25):
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


def adaptive_step_keeps_ties(best_params, best_loss, loss_fn, noise, step, grow=2.0,
                             shrink=2 ** -0.25):
    candidate = [p + step * n for p, n in zip(best_params, noise)]
    candidate_loss = loss_fn(candidate)
    if candidate_loss <= best_loss:
        return candidate, candidate_loss, step * grow
    return best_params, best_loss, step * shrink


def adaptive_step_fixed_factors(best_params, best_loss, loss_fn, noise, step, grow=2.0,
                                shrink=2 ** -0.25):
    candidate = [p + step * n for p, n in zip(best_params, noise)]
    candidate_loss = loss_fn(candidate)
    if candidate_loss < best_loss:
        return candidate, candidate_loss, step * 2.0
    return best_params, best_loss, step * 2 ** -0.25


def adaptive_step_in_place(best_params, best_loss, loss_fn, noise, step, grow=2.0,
                           shrink=2 ** -0.25):
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


def directional_slope_in_place(f, point, direction, h=1e-5):
    direction /= np.linalg.norm(direction)
    return (f(point + h * direction) - f(point - h * direction)) / (2 * h)


def sigmoid(x):
    return np.exp(x) / (1 + np.exp(x))


def leaky_relu_backward_in_place(inputs, dvalues, alpha):
    dvalues[inputs <= 0] *= alpha
    return dvalues


def combined_backward_in_place(probabilities, y_true):
    """An answer that overwrites the caller's probabilities."""
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
    """An answer that never runs the network: it reads the last layer's stored output."""
    output = layers[-1].output
    loss = shared.Loss_CategoricalCrossentropy().calculate(output, y)
    return loss, np.mean(np.argmax(output, axis=1) == y)


def evaluate_feeds_x_to_every_layer(layers, X, y):
    for layer in layers:
        layer.forward(X)
    output = layers[-1].output
    return (shared.Loss_CategoricalCrossentropy().calculate(output, y),
            np.mean(np.argmax(output, axis=1) == y))


def evaluate_counts_correct_rows(layers, X, y):
    output = X
    for layer in layers:
        layer.forward(output)
        output = layer.output
    return (shared.Loss_CategoricalCrossentropy().calculate(output, y),
            np.sum(np.argmax(output, axis=1) == y))


def batches_mean_of_means(layers, X, y, batch_size):
    """The plain mean of the batch means: wrong when the last batch is shorter."""
    evaluate = defined(make_chapters.SOLUTIONS, "11", "evaluate")
    results = [evaluate(layers, X[i:i + batch_size], y[i:i + batch_size])
               for i in range(0, len(X), batch_size)]
    return (float(np.mean([loss for loss, _ in results])),
            float(np.mean([accuracy for _, accuracy in results])))


def batches_in_one_pass(layers, X, y, batch_size):
    return defined(make_chapters.SOLUTIONS, "11", "evaluate")(layers, X, y)


def batches_dropping_the_last(layers, X, y, batch_size):
    evaluate = defined(make_chapters.SOLUTIONS, "11", "evaluate")
    results = [evaluate(layers, X[i:i + batch_size], y[i:i + batch_size])
               for i in range(0, len(X) - batch_size + 1, batch_size)]
    return (float(np.mean([loss for loss, _ in results])),
            float(np.mean([accuracy for _, accuracy in results])))


def batches_counting_correct_rows(layers, X, y, batch_size):
    evaluate = defined(make_chapters.SOLUTIONS, "11", "evaluate")
    total_loss, correct = 0.0, 0.0
    for i in range(0, len(X), batch_size):
        loss, accuracy = evaluate(layers, X[i:i + batch_size], y[i:i + batch_size])
        total_loss += loss * len(X[i:i + batch_size])
        correct += accuracy * len(X[i:i + batch_size])
    return total_loss / len(X), correct


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


def overfitting_guarding_with_less_than_window(train_losses, test_losses, window=3):
    """`len(...) < window`: with exactly `window` records it looks one record too far back."""
    if len(train_losses) < window or len(test_losses) < window:
        return False
    return (train_losses[-1] < train_losses[-1 - window]
            and test_losses[-1] > test_losses[-1 - window])


def overfitting_with_a_flat_training_loss(train_losses, test_losses, window=3):
    """`<=` on the training loss: a flat training loss counts as falling."""
    if len(train_losses) <= window or len(test_losses) <= window:
        return False
    return (train_losses[-1] <= train_losses[-1 - window]
            and test_losses[-1] > test_losses[-1 - window])


def overfitting_without_enough_history(train_losses, test_losses, window=3):
    return (train_losses[-1] < train_losses[-1 - window]
            and test_losses[-1] > test_losses[-1 - window])


# (chapter, check, what the check cell passes it, wrong answers, other right answers)
EXERCISES = [
    ("06", "check_mirrored_search_step", "mirrored_search_step",
     [random_search_step, mirrored_in_place, mirrored_after_a_shallow_copy,
      lambda *args: mirrored_step(*args, keep_ties=True),
      lambda *args: mirrored_step(*args, minus_first=True),
      lambda *args: mirrored_step(*args, ignore_current=True),
      lambda *args: mirrored_step(*args, minus=lambda p, d: d - p),
      lambda best_params, best_loss, loss_fn, perturbation: (best_params, best_loss)], []),
    ("06", "check_adaptive_search_step", "adaptive_search_step",
     [adaptive_step_ignores_step, adaptive_step_swaps_grow_and_shrink, adaptive_step_keeps_ties,
      adaptive_step_fixed_factors, adaptive_step_in_place, adaptive_step_keeps_step_on_failure],
     []),
    ("07", "check_second_derivative", "second_derivative",
     [lambda f, x, h=1e-4: (f(x + 2 * h) - 2 * f(x + h) + f(x)) / h ** 2,   # forward twice
      lambda f, x, h=1e-4: (f(x + h) - 2 * f(x) + f(x - h)) / h,           # one h too few
      lambda f, x, h=1e-4: (f(x + h) - 2 * f(x) + f(x - h)) / (2 * h ** 2),
      lambda f, x, h=1e-4: (f(x + h) - f(x - h)) / (2 * h),                # the first derivative
      lambda f, x, h=1e-4: 6.0],
     [lambda f, x, h=1e-4: ((f(x + 2 * h) - f(x)) / (2 * h)
                            - (f(x) - f(x - 2 * h)) / (2 * h)) / (2 * h)]),
    ("07", "check_g_prime", "g_prime",
     [lambda x: 4 * x ** 3 - 6 * x + 2 + np.exp(x),
      lambda x: 4 * x ** 3 - 6 * x + 2 * np.exp(x),
      lambda x: 4 * x ** 3 - 6 * x + 2], []),
    ("07", "check_sigmoid_prime", "sigmoid_prime",
     [lambda x: np.exp(x) / (1 + np.exp(x)),
      lambda x: -np.exp(x) / (1 + np.exp(x)) ** 2,
      lambda x: (np.exp(x) * (1 + np.exp(x)) + np.exp(x) ** 2) / (1 + np.exp(x)) ** 2],
     [lambda x: sigmoid(x) * (1 - sigmoid(x))]),
    ("08", "check_directional_slope", "directional_slope",
     [lambda f, point, direction, h=1e-5: (f(point + h * direction)
                                           - f(point - h * direction)) / (2 * h),
      lambda f, point, direction, h=1e-5: (f(point + h * direction / np.linalg.norm(direction))
                                           - f(point)) / h,
      lambda f, point, direction, h=1e-5: (f(point + h * direction / np.sum(direction))
                                           - f(point - h * direction / np.sum(direction)))
                                          / (2 * h),
      lambda f, point, direction, h=1e-5: shared.gradcheck.numerical_gradient(f, point.copy(), h=h),
      directional_slope_in_place,
      lambda f, point, direction, h=1e-5: 4.0],
     [lambda f, point, direction, h=1e-5: float(
         (f(point + h * direction / np.sqrt(direction @ direction))
          - f(point - h * direction / np.sqrt(direction @ direction))) / (2 * h))]),
    ("08", "check_neuron_loss_gradient", "neuron_loss_gradient",
     [lambda w, b, x, t: np.array([(w * x + b - t) * x, w * x + b - t]),
      lambda w, b, x, t: np.array([2 * (w * x + b - t), 2 * (w * x + b - t)]),
      lambda w, b, x, t: np.array([2 * (t - w * x - b) * x, 2 * (t - w * x - b)])], []),
    ("08", "check_log_error_gradient", "log_error_gradient",
     [lambda x, y: np.array([2 * (x * y - 1) * y, 2 * (x * y - 1) * x]),
      lambda x, y: np.array([(x * y - 1) * y, (x * y - 1) * x]) / (1 + (x * y - 1) ** 2),
      lambda x, y: 2 * (x * y - 1) * np.array([x, y]) / (1 + (x * y - 1) ** 2),
      lambda x, y: np.array([2 * (x * y - 1), 2 * (x * y - 1)]) / (1 + (x * y - 1) ** 2)], []),
    ("09", "check_leaky_relu_backward", "leaky_relu_backward",
     [leaky_relu_backward_in_place,
      lambda inputs, dvalues, alpha: dvalues * (inputs > 0),                      # ReLU's
      lambda inputs, dvalues, alpha: np.where(inputs >= 0, dvalues, alpha * dvalues),
      lambda inputs, dvalues, alpha: np.where(inputs > 0, dvalues, alpha),        # forgets dvalues
      lambda inputs, dvalues, alpha: np.where(inputs > 0, dvalues, alpha * inputs),
      lambda inputs, dvalues, alpha: np.where(inputs > 0, 1.0, alpha),
      lambda inputs, dvalues, alpha: np.where(inputs > 0, alpha * dvalues, dvalues),
      lambda inputs, dvalues, alpha: np.zeros_like(dvalues)],
     [lambda inputs, dvalues, alpha: dvalues * np.where(inputs > 0, 1.0, alpha)]),
    ("09", "check_dense_backward", "dense_backward",
     [lambda inputs, weights, dvalues: (inputs.T @ dvalues, np.sum(dvalues, axis=0),
                                        dvalues @ weights.T),
      lambda inputs, weights, dvalues: (inputs.T @ dvalues, np.sum(dvalues, axis=1, keepdims=True),
                                        dvalues @ weights.T),
      lambda inputs, weights, dvalues: (inputs.T @ dvalues, dvalues[:1], dvalues @ weights.T),
      lambda inputs, weights, dvalues: (dvalues @ weights.T, np.sum(dvalues, axis=0, keepdims=True),
                                        inputs.T @ dvalues)], []),
    ("09", "check_softmax_crossentropy_backward", "softmax_crossentropy_backward",
     [combined_backward_in_place, combined_backward_indices_only, combined_backward_without_mean],
     []),
    ("09", "check_tanh_backward", "Activation_Tanh",
     [tanh_class(lambda self, dvalues: setattr(self, "dinputs", 1 - self.output ** 2)),
      tanh_class(lambda self, dvalues: setattr(self, "dinputs", dvalues * (1 - self.inputs ** 2))),
      tanh_class(lambda self, dvalues: setattr(self, "dinputs",
                                               dvalues * self.output * (1 - self.output))),
      tanh_class(lambda self, dvalues: setattr(self, "dinputs", dvalues * (1 - self.output) ** 2)),
      tanh_class(tanh_backward_in_place)],
     [tanh_class(lambda self, dvalues: setattr(self, "dinputs",
                                               dvalues / np.cosh(self.inputs) ** 2))]),
    ("11", "check_evaluate", "evaluate",
     [evaluate_reads_the_last_output, evaluate_feeds_x_to_every_layer,
      evaluate_counts_correct_rows], []),
    ("11", "check_evaluate_in_batches", "evaluate_in_batches",
     [batches_mean_of_means, batches_in_one_pass, batches_dropping_the_last,
      batches_counting_correct_rows,
      lambda layers, X, y, batch_size: (1.0, 0.5)], []),
    ("11", "check_is_overfitting", "is_overfitting",
     [overfitting_if_test_rose, overfitting_if_above_lowest, overfitting_one_record_short,
      overfitting_not_strict, overfitting_without_enough_history,
      overfitting_guarding_with_less_than_window, overfitting_with_a_flat_training_loss,
      lambda train_losses, test_losses, window=3: 0,
      lambda train_losses, test_losses, window=3: False], []),
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
def test_every_check_has_fixed_and_fresh_grading_cases_and_no_hidden_case_in_sight(
        chapter, check, name, wrong, right):
    title, cases = (recorded(check_named(chapter, check))[key] for key in ("title", "cases"))
    assert not any(case.hidden for case in cases), \
        "grading-only cases belong in shared/checks/hidden/"
    hidden = hidden_module(check_named(chapter, check))
    assert hidden.HIDDEN[title](), f"no fixed grading case for {title}"
    fresh = [hidden.FRESH[title](np.random.default_rng(seed)) for seed in (1, 2)]
    assert 2 <= len(fresh[0]) <= 4
    assert not same_input([c.args for c in fresh[0]], [c.args for c in fresh[1]]), \
        "fresh cases repeat"


@pytest.mark.parametrize("chapter, check, name, wrong, right", EXERCISES, ids=IDS)
def test_the_solution_passes_the_grading_cases_of_several_seeds(chapter, check, name, wrong, right):
    solution = defined(make_chapters.SOLUTIONS, chapter, name)
    for seed in (0, 1, 2, 3, 4):
        outcome = result_of(check_named(chapter, check), solution, seed=seed)
        assert outcome.status == "pass", outcome.message


@pytest.mark.parametrize("chapter, check, name, wrong, right", EXERCISES, ids=IDS)
def test_a_table_of_the_visible_and_fixed_answers_fails_on_fresh_inputs(
        chapter, check, name, wrong, right):
    known_only, result = expected_answers_table(check_named(chapter, check), seed=2024)
    assert known_only.status == "pass"
    assert result.status == "fail", result.message


@pytest.mark.parametrize("chapter, check, name, wrong, right", EXERCISES, ids=IDS)
def test_the_solution_passes(chapter, check, name, wrong, right):
    solution = defined(make_chapters.SOLUTIONS, chapter, name)
    assert result_of(check_named(chapter, check), solution).status == "pass"
    for answer in right:
        assert result_of(check_named(chapter, check), answer).status == "pass"


@pytest.mark.parametrize("chapter, check, name, wrong, right", EXERCISES, ids=IDS)
def test_the_stub_is_not_attempted(chapter, check, name, wrong, right):
    stub = defined(make_chapters.CHAPTERS, chapter, name)
    assert result_of(check_named(chapter, check), stub).status == "todo"


@pytest.mark.parametrize("chapter, check, name, wrong, right", EXERCISES, ids=IDS)
def test_typical_wrong_answers_fail(chapter, check, name, wrong, right):
    for index, answer in enumerate(wrong):
        result = result_of(check_named(chapter, check), answer).status
        assert result in ("fail", "error"), f"wrong answer {index} got {result!r}"


@pytest.mark.parametrize("answer, message", [
    (overfitting_guarding_with_less_than_window, "exactly window = 3 records"),
    (overfitting_with_a_flat_training_loss, "a flat training loss"),
])
def test_is_overfitting_catches_the_off_by_one_guard_and_the_non_strict_fall(answer, message):
    result = result_of(check_named("11", "check_is_overfitting"), answer, graded=False)
    assert result.status in ("fail", "error") and message in result.message, result.message


def test_messages_print_numpy_scalars_in_a_tuple_as_plain_numbers():
    def two_numpy_scalars(layers, X, y):
        return np.float64(1.0), np.float64(0.5)

    check = check_named("11", "check_evaluate")
    message = result_of(check, two_numpy_scalars, graded=False).message
    assert "got:      (1.0, 0.5)" in message and "np.float64" not in message


@pytest.mark.parametrize("chapter, check, answer, argument", [
    ("08", "check_directional_slope", directional_slope_in_place, "direction"),
    ("09", "check_leaky_relu_backward", leaky_relu_backward_in_place, "dvalues"),
    ("09", "check_softmax_crossentropy_backward", combined_backward_in_place, "probabilities"),
    ("09", "check_tanh_backward", tanh_class(tanh_backward_in_place), "dvalues"),
], ids=["ch08-direction", "ch09-leaky-dvalues", "ch09-probabilities",
        "ch09-tanh-dvalues"])
def test_an_in_place_answer_is_told_which_argument_it_changed(chapter, check, answer, argument):
    result = result_of(check_named(chapter, check), answer, graded=False)
    assert result.status == "fail"
    assert f"changed its argument `{argument}` in place" in result.message


@pytest.mark.parametrize("check, answer", [
    ("check_mirrored_search_step", mirrored_in_place),
    ("check_mirrored_search_step", mirrored_after_a_shallow_copy),
    ("check_adaptive_search_step", adaptive_step_in_place),
], ids=["mirrored-in-place", "mirrored-shallow-copy", "adaptive-in-place"])
def test_a_search_step_that_adds_in_place_is_told_that_a_copy_of_the_list_is_not_enough(
        check, answer):
    result = result_of(check_named("06", check), answer, graded=False)
    message = result.message
    assert result.status == "error"
    assert "tried to change an array of `best_params` or" in message and "in place (`+=`" in message
    assert "`best_params.copy()`) is not enough" in message


# --- the text quotes what the cells print ---------------------------------------------------

# Figures of 3 or more decimals that the text works out from printed ones, rather than quotes.
DERIVED = {
    "07": {"0.0045"},                      # the forward difference's error, 3.754501 - 3.75
    "08": {"3.0138", "9.487", "9.849",     # 1 + u, and the lengths of (3, 9) and (4, 9)
           "0.001"},                       # an example of a difference, not a result
    "09": {"1.0986",                       # ln 3, printed to 3 decimals as 1.099
           "1.0741", "0.393"},             # chapter 6's random search, for comparison
}
QUOTED = re.compile(r"(?<![\d.])-?\d+\.\d{3,}(?!\d)")


@pytest.mark.parametrize("chapter", ["06", "07", "08", "09", "11"])
def test_every_figure_the_text_quotes_is_printed(chapter):
    nb = solutions_notebook(chapter)
    printed = " ".join(output.get("text", "") for cell in nb.cells if cell.cell_type == "code"
                       for output in cell.outputs)
    quoted = {figure for cell in nb.cells if cell.cell_type == "markdown"
              for figure in QUOTED.findall(cell.source)}
    printed = [float(figure) for figure in QUOTED.findall(printed)]

    def decimals(figure):
        return len(figure.split(".")[1])

    not_printed = {figure for figure in quoted - DERIVED.get(chapter, set())
                   if not any(round(value, decimals(figure)) == float(figure) for value in printed)}
    assert not_printed == set(), "quoted in the text, but printed by no cell (not even rounded)"
