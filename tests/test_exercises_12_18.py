"""The exercise checks of chapters 12-18, proven on real answers.

For every check: the worked solution from solutions/ passes it, grading inputs included, for
several grading seeds; the learner's stub is "not attempted"; the check has at least two visible
inputs, fixed grading inputs with answers of their own, and fresh ones that a table of the
answers to the others fails; it names the parts of a tuple answer and returns plain data from
its `call`. Then the typical wrong answers fail with a message that teaches, and the unusual
right answers pass.
"""
import ast
import copy
import importlib

import make_chapters
import numpy as np
import pytest
from exercise_support import (evaluate_recorded, hidden_module, is_plain, notebook_path, recorded,
                              result_of, solution, table_answer)
from nbtools import exercise_cells, read, stub_source

import shared
from shared.accuracy import Accuracy
from shared.checks import close_enough, collect_results, grading

CHAPTERS = range(12, 19)


def exercises():
    """(chapter, exercise cell source, check cell source) for every code exercise of 12-18."""
    found = []
    for chapter in CHAPTERS:
        path = notebook_path(make_chapters.SOLUTIONS, chapter)
        nb = read(path)
        for exercise, check in exercise_cells(nb, path.name):
            found.append((chapter, nb.cells[exercise].source, nb.cells[check].source))
    return found


EXERCISES = exercises()


def exercise_id(exercise):
    chapter, _, check_source = exercise
    return f"ch{chapter}-{check_source.split('(')[0]}"


def run_exercise(chapter, exercise_source, check_source):
    """Define the exercise as the notebook does, run its check cell; return the Results."""
    namespace = {"np": np, "Accuracy": Accuracy,
                 **{name: getattr(shared, name) for name in shared.__all__}}
    exec(f"from shared.checks.ch{chapter} import *", namespace)  # the course's own notebooks
    exec(exercise_source, namespace)
    with collect_results() as results:
        exec(check_source, namespace)
    return results


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
@pytest.mark.parametrize("exercise", EXERCISES, ids=exercise_id)
def test_the_solution_passes_every_input_grading_ones_included(exercise, seed, capsys):
    chapter, exercise_source, check_source = exercise
    with grading(seed=seed):
        results = run_exercise(chapter, exercise_source, check_source)
    calls = len(ast.parse(check_source).body)
    assert len(results) == calls and all(result.status == "pass" for result in results), \
        capsys.readouterr().out


@pytest.mark.parametrize("exercise", EXERCISES, ids=exercise_id)
def test_the_stub_is_not_attempted(exercise, capsys):
    chapter, exercise_source, check_source = exercise
    results = run_exercise(chapter, stub_source(exercise_source, "code"), check_source)
    calls = len(ast.parse(check_source).body)
    assert [result.status for result in results] == ["todo"] * calls, capsys.readouterr().out


def test_every_chapter_has_at_least_two_exercises():
    for chapter in CHAPTERS:
        assert sum(1 for found in EXERCISES if found[0] == chapter) >= 2, f"chapter {chapter}"


# --- how the checks are made ------------------------------------------------------------------

def recorded_checks():
    """(module, check function) for every check_* of chapters 12-18."""
    found = []
    for chapter in CHAPTERS:
        module = importlib.import_module(f"shared.checks.ch{chapter}")
        found += [(module, getattr(module, name)) for name in sorted(vars(module))
                  if name.startswith("check_") and callable(getattr(module, name))]
    return found


CHECKS = recorded_checks()


def test_every_check_is_called_by_a_check_cell():
    called = {node.func.id for _, _, check_source in EXERCISES
              for node in ast.walk(ast.parse(check_source)) if isinstance(node, ast.Call)}
    unused = [check.__name__ for _, check in CHECKS if check.__name__ not in called]
    assert not unused, f"checks that no notebook of chapters 12-18 calls: {unused}"


@pytest.mark.parametrize("module, check", CHECKS, ids=lambda value: getattr(value, "__name__", ""))
def test_a_check_has_two_visible_inputs_grading_ones_and_names_tuple_parts(
        module, check):
    check_call = recorded(check)
    visible = check_call["cases"]
    assert len(visible) >= 2 and not any(case.hidden for case in visible), (
        "at least 2 visible inputs; grading-only ones live in shared/checks/hidden/")
    hidden = hidden_module(check)
    title = check_call["title"]
    assert title in hidden.HIDDEN and title in hidden.FRESH, f"HIDDEN and FRESH cases for {title!r}"
    fixed = hidden.HIDDEN[title]()
    fresh = hidden.FRESH[title](np.random.default_rng(0))
    assert fixed and 2 <= len(fresh) <= 4
    same = check_call["compare"] or (
        lambda got, expected: close_enough(got, expected, check_call["parts"]))
    for case in fixed:
        assert not any(same(case.expected, shown.expected)[0] for shown in visible), (
            "a hidden input must have an answer of its own, so that an answer copied from "
            "the visible ones fails it")
    if isinstance(visible[0].expected, tuple) and check_call["compare"] is None:
        assert check_call["parts"] and len(check_call["parts"]) == len(visible[0].expected)


def exercise_answers():
    """(module, check, the solution's answer) for every check call of a check cell."""
    found = []
    for chapter, _, check_source in EXERCISES:
        module = importlib.import_module(f"shared.checks.ch{chapter}")
        for node in ast.parse(check_source).body:
            call = node.value
            found.append((module, getattr(module, call.func.id),
                          solution(chapter, call.args[0].id)))
    return found


ANSWERS = exercise_answers()


@pytest.mark.parametrize("module, check, answer", ANSWERS,
                         ids=lambda value: getattr(value, "__name__", ""))
def test_a_table_of_the_visible_and_hidden_answers_fails_the_fresh_inputs(module, check, answer):
    """The learner who copies the answers of every input the package holds: the solution's
    answer for a known input, the first visible input's answer for any other."""
    check_call = recorded(check, answer)
    hidden, title = hidden_module(check), check_call["title"]
    fixed = hidden.HIDDEN[title]()
    known = [*check_call["cases"], *fixed]
    call = check_call["call"] or (lambda fn, *args, **kwargs: fn(*args, **kwargs))

    def table(fn, *args, **kwargs):
        def answer_to(case):
            return call(fn, *copy.deepcopy(case.args), **copy.deepcopy(case.kwargs))

        copied = table_answer(known, answer_to, lambda *args, **kwargs: answer_to(known[0]))
        return copied(*args, **kwargs)

    def verdict_with(extra):
        return evaluate_recorded(check_call, answer, table, extra=extra)

    assert verdict_with(hidden.HIDDEN[title]()).status == "pass"
    for seed in (1, 2, 3):
        fresh = hidden.FRESH[title](np.random.default_rng(seed))
        result = verdict_with([*hidden.HIDDEN[title](), *fresh])
        assert result.status == "fail", f"seed {seed}: {result.message}"


@pytest.mark.parametrize("module, check, answer", ANSWERS,
                         ids=lambda value: getattr(value, "__name__", ""))
def test_a_checks_call_returns_plain_data(module, check, answer):
    check_call = recorded(check, answer)
    call = check_call["call"] or (lambda fn, *args, **kwargs: fn(*args, **kwargs))
    hidden, title = hidden_module(check), check_call["title"]
    cases = [*check_call["cases"], *hidden.HIDDEN[title](),
             *hidden.FRESH[title](np.random.default_rng(5))]
    for case in cases:
        got = call(answer, *case.args, **case.kwargs)
        assert is_plain(got), f"{title}: {type(got).__name__} for {case.label}"


# --- particular wrong answers fail, saying why; particular right answers pass -----------------

def shift_images(images, dx, dy):
    """The chapter-13 solution, written again for these tests."""
    n, height, width = images.shape
    shifted = np.zeros_like(images)
    if abs(dx) >= width or abs(dy) >= height:
        return shifted
    rows_from = slice(max(0, -dy), height - max(0, dy))
    rows_to = slice(max(0, dy), height - max(0, -dy))
    cols_from = slice(max(0, -dx), width - max(0, dx))
    cols_to = slice(max(0, dx), width - max(0, -dx))
    shifted[:, rows_to, cols_to] = images[:, rows_from, cols_from]
    return shifted


def shift_images_into_the_input(images, dx, dy):
    images[...] = shift_images(images, dx, dy)
    return images


def shift_images_as_float64(images, dx, dy):
    return shift_images(images.astype(np.float64), dx, dy)


def test_shift_images_that_writes_into_images_fails_naming_it():
    from shared.checks.ch13 import check_shift_images
    result = result_of(check_shift_images, shift_images_into_the_input)
    assert result.status == "fail" and "changed its argument `images` in place" in result.message


def test_shift_images_that_returns_float64_for_uint8_images_fails_saying_so():
    from shared.checks.ch13 import check_shift_images
    result = result_of(check_shift_images, shift_images_as_float64)
    assert result.status == "fail" and "float64 numbers, the ones given uint8" in result.message


def test_shift_images_right_answer_passes():
    from shared.checks.ch13 import check_shift_images
    assert result_of(check_shift_images, shift_images).status == "pass"


def shift_images_guarding_only_dx(images, dx, dy):
    """Returns zeros for a large dx, but slices with a large dy as if it fitted."""
    n, height, width = images.shape
    shifted = np.zeros_like(images)
    if abs(dx) >= width:
        return shifted
    rows_from = slice(max(0, -dy), height - max(0, dy))
    rows_to = slice(max(0, dy), height - max(0, -dy))
    cols_from = slice(max(0, -dx), width - max(0, dx))
    cols_to = slice(max(0, dx), width - max(0, -dx))
    shifted[:, rows_to, cols_to] = images[:, rows_from, cols_from]
    return shifted


def test_shift_images_that_guards_only_dx_fails_on_a_large_dy():
    from shared.checks.ch13 import check_shift_images
    result = result_of(check_shift_images, shift_images_guarding_only_dx)
    assert result.status == "error"
    assert "dy=-5 (further up than the images are tall" in result.message


@pytest.mark.parametrize("same", [lambda images: images, lambda images: images[:, :, :]])
def test_shift_images_that_returns_images_itself_when_there_is_no_shift_fails(same):
    from shared.checks.ch13 import check_shift_images

    def no_copy_for_no_shift(images, dx, dy):
        return same(images) if dx == dy == 0 else shift_images(images, dx, dy)

    result = result_of(check_shift_images, no_copy_for_no_shift)
    assert result.status == "fail" and "dx=0, dy=0 (no shift)" in result.message
    assert "returned `images` itself, not a new array" in result.message


def test_shift_images_by_padding_passes_every_grading_seed():
    from shared.checks.ch13 import check_shift_images
    from shared.checks.hidden.ch13 import reference_shift
    for seed in range(10):
        with grading(seed=seed), collect_results() as results:
            check_shift_images(shift_images)
            check_shift_images(reference_shift)
        assert [result.status for result in results] == ["pass", "pass"], results


def test_standard_scaler_with_fresh_statistics_in_transform_fails():
    from shared.checks.ch13 import check_standard_scaler

    class RefitsOnTransform:
        def fit(self, X):
            return self

        def transform(self, X):
            std = X.std(axis=0)
            return (X - X.mean(axis=0)) / np.where(std == 0, 1.0, std)

    result = result_of(check_standard_scaler, RefitsOnTransform)
    assert result.status == "fail" and "transform(X_test)" in result.message


def regularization_gradients_as_in_the_book(weights, biases, weight_l1, weight_l2, bias_l1,
                                            bias_l2):
    """L1's slope as 1 at w = 0, which section 3 of chapter 14 allows."""
    dw = np.ones_like(weights)
    dw[weights < 0] = -1
    db = np.ones_like(biases)
    db[biases < 0] = -1
    return weight_l1 * dw + 2 * weight_l2 * weights, bias_l1 * db + 2 * bias_l2 * biases


def test_the_books_l1_gradient_passes():
    from shared.checks.ch14 import check_regularization_gradients
    answer = regularization_gradients_as_in_the_book
    assert result_of(check_regularization_gradients, answer).status == "pass"


def test_an_l1_slope_outside_the_allowed_range_at_zero_fails_naming_the_part():
    from shared.checks.ch14 import check_regularization_gradients

    def slope_2_at_zero(weights, biases, weight_l1, weight_l2, bias_l1, bias_l2):
        dweights, dbiases = regularization_gradients_as_in_the_book(
            weights, biases, weight_l1, weight_l2, bias_l1, bias_l2)
        return dweights + weight_l1 * (weights == 0), dbiases

    result = result_of(check_regularization_gradients, slope_2_at_zero)
    assert result.status == "fail" and "why:      dweights:" in result.message


def k_fold_with_fold_numbers(n, k, seed):
    """Section 4's way: every row gets a fold number from np.arange(n) % k, shuffled."""
    fold_of = np.random.default_rng(seed).permutation(np.arange(n) % k)
    return [(np.flatnonzero(fold_of != fold), np.flatnonzero(fold_of == fold)) for fold in range(k)]


def test_k_fold_with_the_chapters_fold_numbers_passes():
    from shared.checks.ch12 import check_k_fold_indices
    assert result_of(check_k_fold_indices, k_fold_with_fold_numbers).status == "pass"


@pytest.mark.parametrize("wrong, why", [
    (lambda n, k, seed: [(np.arange(n), fold) for fold, _ in k_fold_with_fold_numbers(n, k, seed)],
     "pair 0: train_idx holds rows"),
    (lambda n, k, seed: k_fold_with_fold_numbers(n, k, np.random.randint(1000)),
     "called twice with the same seed, it gave different folds"),
    (lambda n, k, seed: [(np.setdiff1d(np.arange(n), fold), fold)
                         for fold in np.array_split(np.arange(n), k)],
     "the folds are the rows in their original order"),
    (lambda n, k, seed: k_fold_with_fold_numbers(n, k, 0), "is the seed used?"),
    (lambda n, k, seed: iter(k_fold_with_fold_numbers(n, k, seed)), "got a list_iterator"),
    (lambda n, k, seed: k_fold_with_fold_numbers(n, k, seed)[:-1], "expected a list of 5 pairs"),
])
def test_wrong_k_folds_fail_saying_which_folds_were_expected(wrong, why):
    from shared.checks.ch12 import check_k_fold_indices
    result = result_of(check_k_fold_indices, wrong)
    assert result.status == "fail" and why in result.message
    assert ("expected: 5 pairs (train_idx, val_idx): the val_idx split the rows 0..9 into 5 "
            "shuffled folds of 2 rows each") in result.message


def test_folds_of_unequal_size_fail_with_the_sizes_expected():
    from shared.checks.ch12 import check_k_fold_indices

    def last_fold_takes_the_rest(n, k, seed):
        order = np.random.default_rng(seed).permutation(n)
        size = -(-n // k)  # rounded up: 7 rows in 3 folds become 3, 3 and 1
        folds = [order[i * size:(i + 1) * size] for i in range(k)]
        return [(np.setdiff1d(order, fold), fold) for fold in folds]

    result = result_of(check_k_fold_indices, last_fold_takes_the_rest)
    assert result.status == "fail"
    assert "the folds hold [1, 3, 3] rows" in result.message and "[2, 2, 3]" in result.message


def test_folds_whose_last_one_takes_the_whole_remainder_fail():
    from shared.checks.ch12 import check_k_fold_indices

    def remainder_in_the_last_fold(n, k, seed):
        order = np.random.default_rng(seed).permutation(n)
        size = n // k  # 11 rows in 4 folds become 2, 2, 2 and 5
        folds = [order[i * size:(i + 1) * size] for i in range(k - 1)] + [order[(k - 1) * size:]]
        return [(np.setdiff1d(order, fold), fold) for fold in folds]

    result = result_of(check_k_fold_indices, remainder_in_the_last_fold)
    assert result.status == "fail"
    assert "the folds hold [2, 2, 2, 5] rows" in result.message and "[2, 3, 3, 3]" in result.message


def test_folds_that_ignore_the_seed_fail_saying_so():
    from shared.checks.ch12 import check_k_fold_indices
    result = result_of(check_k_fold_indices, lambda n, k, seed: k_fold_with_fold_numbers(n, k, 0))
    assert result.status == "fail"
    assert "gave exactly the same folds: is the seed used?" in result.message


def test_k_folds_pass_for_every_grading_seed():
    from shared.checks.ch12 import check_k_fold_indices
    for seed in range(20):
        with grading(seed=seed), collect_results() as results:
            check_k_fold_indices(k_fold_with_fold_numbers)
        assert results[0].status == "pass", results[0].message


def test_train_val_split_with_int_for_round_fails_explaining_the_rounding():
    from shared.checks.ch12 import check_train_val_split

    def int_for_round(X, y, val_fraction, seed):
        order = np.random.default_rng(seed).permutation(len(X))
        n_val = int(val_fraction * len(X))
        return X[order[n_val:]], y[order[n_val:]], X[order[:n_val]], y[order[:n_val]]

    result = result_of(check_train_val_split, int_for_round)
    assert result.status == "fail" and "you held out 2 of the 9 rows" in result.message
    assert "round(val_fraction * 9) is 3" in result.message


def test_train_val_split_that_shuffles_x_and_y_in_place_fails():
    from shared.checks.ch12 import check_train_val_split

    def shuffles_in_place(X, y, val_fraction, seed):
        order = np.random.default_rng(seed).permutation(len(X))
        X[:], y[:] = X[order], y[order]
        n_val = round(val_fraction * len(X))
        return X[n_val:], y[n_val:], X[:n_val], y[:n_val]

    result = result_of(check_train_val_split, shuffles_in_place)
    assert result.status == "fail" and "changed its argument `X` in place" in result.message


def test_a_wrong_tuple_part_is_named():
    from shared.checks.ch15 import check_dropconnect_backward

    def forgets_the_mask_in_dweights(inputs, weights, mask, rate, dvalues):
        return inputs.T @ dvalues / (1 - rate), dvalues @ (weights * mask / (1 - rate)).T

    result = result_of(check_dropconnect_backward, forgets_the_mask_in_dweights)
    assert result.status == "fail" and "why:      dweights:" in result.message


def relu_dropout_backward(dvalues, inputs, mask, rate):
    return dvalues * (inputs > 0) * mask / (1 - rate)


@pytest.mark.parametrize("wrong", [
    lambda dvalues, inputs, mask, rate: dvalues * mask / (1 - rate),             # no ReLU gate
    lambda dvalues, inputs, mask, rate: dvalues * (inputs > 0) * mask,           # no scale
    lambda dvalues, inputs, mask, rate: dvalues * (inputs > 0) * mask * (1 - rate),
    # the forward pass
    lambda dvalues, inputs, mask, rate: np.maximum(inputs, 0) * mask / (1 - rate),
    # gated on dvalues
    lambda dvalues, inputs, mask, rate: dvalues * (dvalues > 0) * mask / (1 - rate),
])
def test_wrong_relu_dropout_gradients_fail(wrong):
    from shared.checks.ch15 import check_relu_dropout_backward
    assert result_of(check_relu_dropout_backward, wrong).status == "fail"


def test_relu_dropout_backward_in_place_fails_naming_dvalues():
    from shared.checks.ch15 import check_relu_dropout_backward

    def in_place(dvalues, inputs, mask, rate):
        dvalues *= (inputs > 0) * mask / (1 - rate)
        return dvalues

    result = result_of(check_relu_dropout_backward, in_place)
    assert result.status == "fail" and "changed its argument `dvalues` in place" in result.message


@pytest.mark.parametrize("wrong", [
    lambda p, t, w: (p - t) / p.size,                                   # the weight forgotten
    lambda p, t, w: w * (p - t) / p.size,                               # every term weighted
    lambda p, t, w: (p * (w * t + 1 - t) - w * t) / len(p),             # divided by n only
    lambda p, t, w: -(w * t / p - (1 - t) / (1 - p)) / p.size,          # before the sigmoid
])
def test_wrong_weighted_bce_gradients_fail(wrong):
    from shared.checks.ch16 import check_weighted_bce_backward
    assert result_of(check_weighted_bce_backward, wrong).status == "fail"


def mae_class(slope_at_a_hit):
    """A Loss_MeanAbsoluteError whose backward gives `slope_at_a_hit` (before / (n k)) at exact
    hits."""
    class MAE(shared.Loss):
        def forward(self, y_pred, y_true):
            return np.mean(np.abs(y_true - y_pred), axis=-1)

        def backward(self, dvalues, y_true):
            slope = np.where(dvalues == y_true, slope_at_a_hit, np.sign(dvalues - y_true))
            self.dinputs = slope / dvalues.size

    return MAE


@pytest.mark.parametrize("slope", [0.0, 1.0, -1.0, 0.5])
def test_any_mae_subgradient_at_an_exact_hit_passes(slope):
    from shared.checks.ch17 import check_mae_backward
    sign = result_of(check_mae_backward, mae_class(0.0))
    result = result_of(check_mae_backward, mae_class(slope))
    assert (result.status, result.message) == ("pass", sign.message)


def test_an_mae_slope_outside_the_subgradient_at_a_hit_fails():
    from shared.checks.ch17 import check_mae_backward
    result = result_of(check_mae_backward, mae_class(2.0))
    assert result.status == "fail" and "where the prediction is exactly on target" in result.message


def test_an_mae_gradient_divided_by_n_only_fails():
    from shared.checks.ch17 import check_mae_backward

    class DividedByN(mae_class(0.0)):
        def backward(self, dvalues, y_true):
            self.dinputs = np.sign(dvalues - y_true) / len(dvalues)

    assert result_of(check_mae_backward, DividedByN).status == "fail"


def huber_backward(dvalues, y_true, delta):
    return np.clip(dvalues - y_true, -delta, delta) / dvalues.size


@pytest.mark.parametrize("wrong", [
    lambda p, t, d: (p - t) / p.size,                                    # MSE without the clip
    lambda p, t, d: d * np.sign(p - t) / p.size,                         # MAE's slope everywhere
    lambda p, t, d: np.clip(p - t, -d, d) / len(p),                      # divided by n only
    lambda p, t, d: np.clip(t - p, -d, d) / p.size,                      # the sign turned round
    lambda p, t, d: np.where(np.abs(p - t) <= d, p - t, np.sign(p - t)) / p.size,  # 1 for delta
])
def test_wrong_huber_gradients_fail(wrong):
    from shared.checks.ch17 import check_huber_backward
    assert result_of(check_huber_backward, wrong).status == "fail"


@pytest.mark.parametrize("looks_one_hot", [lambda y: y.max() <= 1, lambda y: y.max() == 1])
def test_one_hot_detected_by_the_largest_label_fails_on_class_indices_of_0_and_1(looks_one_hot):
    from shared.checks.ch18 import check_sparse_or_one_hot_accuracy

    class ByLargestLabel(Accuracy):
        def compare(self, predictions, y):
            if looks_one_hot(y):
                y = np.argmax(y, axis=1)
            return predictions == y

    result = result_of(check_sparse_or_one_hot_accuracy, ByLargestLabel)
    assert result.status == "error" and "axis 1 is out of bounds" in result.message


def test_one_hot_detected_by_the_dimensions_passes():
    from shared.checks.ch18 import check_sparse_or_one_hot_accuracy

    class ByDimensions(Accuracy):
        def compare(self, predictions, y):
            return predictions == (np.argmax(y, axis=1) if y.ndim == 2 else y)

    assert result_of(check_sparse_or_one_hot_accuracy, ByDimensions).status == "pass"


def test_no_check_of_these_chapters_accepts_a_constant():
    for module, check in CHECKS:
        for constant in (None, 0, ()):
            def answer(*args, constant=constant, **kwargs):
                return constant

            assert result_of(check, answer).status in ("fail", "error"), \
                f"{module.__name__}.{check.__name__} accepts {constant!r}"
