"""The checks of chapters 19-22: the solutions pass, also in grading with fresh inputs; stubs are
"todo"; constant answers, hard-coded tables of the known inputs and the wrong answers a learner
writes fail, each with a message that says what is off.

The solutions are taken from the solutions notebooks themselves, so they cannot drift apart.
"""
import copy
import json
import zipfile
from pathlib import Path

import numpy as np
import pytest
from exercise_support import (evaluate_recorded, hidden_module, is_plain, recorded, result_of,
                              solution, stub, table_answer)

import shared.checks
from shared.checks import ch19, ch20, ch21, ch22, close_enough
from shared.checks.hidden import ch19 as hidden19
from shared.checks.hidden import ch22 as hidden22

iterate_minibatches = solution(19, "iterate_minibatches")
batch_class_counts = solution(19, "batch_class_counts")
confusion_matrix = solution(20, "confusion_matrix")
threshold_scores = solution(20, "threshold_scores")
save_and_load_parameters = solution(21, "save_and_load_parameters")
is_valid_model_file = solution(21, "is_valid_model_file")
to_ink, crop_to_object, block_average, preprocess_image, answer_or_defer = (
    solution(22, name) for name in ("to_ink", "crop_to_object", "block_average",
                                    "preprocess_image", "answer_or_defer"))


def constant_batches(X, y, batch_size):
    yield ch19.X10[:4], ch19.Y10[:4]


def constant_parameters(parameters, path):
    np.savez(path, weights=np.zeros((3, 2)), biases=np.zeros((1, 2)))
    return copy.deepcopy(ch21.TWO_LAYERS)


# (module, check, the solution, a constant answer)
CHECKS = [
    (ch19, ch19.check_iterate_minibatches, iterate_minibatches, constant_batches),
    (ch19, ch19.check_batch_class_counts, batch_class_counts,
     lambda y, batch_size, n_classes: np.array([[3, 0, 0], [0, 3, 0]])),
    (ch20, ch20.check_confusion_matrix, confusion_matrix,
     lambda y_true, y_pred, n_classes: np.eye(3, dtype=int)),
    (ch20, ch20.check_threshold_scores, threshold_scores, lambda *args: (0.5, 0.5, 0.5)),
    (ch21, ch21.check_save_and_load_parameters, save_and_load_parameters, constant_parameters),
    (ch21, ch21.check_is_valid_model_file, is_valid_model_file, lambda path: True),
    (ch22, ch22.check_preprocess_image, preprocess_image,
     lambda image: np.zeros((1, 784), dtype=np.float32)),
    (ch22, ch22.check_answer_or_defer, answer_or_defer,
     lambda probabilities, class_names, threshold: ["unsure"] * len(probabilities)),
]
IDS = [check.__name__ for _, check, _, _ in CHECKS]


@pytest.mark.parametrize("module, check, solution, constant", CHECKS, ids=IDS)
def test_the_solution_passes_also_when_grading_a_stub_is_todo_a_constant_fails(
        module, check, solution, constant):
    assert result_of(check, solution, graded=False).status == "pass"
    for seed in (0, 1, 2, 3):
        result = result_of(check, solution, seed=seed)
        assert result.status == "pass", f"seed {seed}: {result.message}"
    assert result_of(check, stub, graded=False).status == "todo"
    assert result_of(check, constant, graded=False).status == "fail"


@pytest.mark.parametrize("module, check, solution, constant", CHECKS, ids=IDS)
def test_a_check_has_visible_fixed_and_fresh_inputs_with_answers_of_their_own(
        module, check, solution, constant):
    check_call = recorded(check, solution)
    visible, title = check_call["cases"], check_call["title"]
    assert len(visible) >= 2 and not any(case.hidden for case in visible)
    hidden = hidden_module(check)
    fixed = hidden.HIDDEN[title]()
    fresh = hidden.FRESH[title](np.random.default_rng(0))
    assert fixed and 2 <= len(fresh) <= 4
    same = check_call["compare"] or (
        lambda got, expected: close_enough(got, expected, check_call["parts"]))
    # An answer that repeats the first visible one fails some grading input.
    assert not all(same(case.expected, visible[0].expected)[0] for case in [*fixed, *fresh])
    other = hidden.FRESH[title](np.random.default_rng(1))
    assert [case.label for case in fresh] != [case.label for case in other], "fresh inputs vary"


@pytest.mark.parametrize("module, check, solution, constant", CHECKS, ids=IDS)
def test_a_table_of_the_visible_and_hidden_answers_fails_the_fresh_inputs(
        module, check, solution, constant):
    """The learner who copies the answers of every input the package holds: the solution's
    answer for a known input, the constant answer for any other."""
    check_call = recorded(check, solution)
    hidden, title = hidden_module(check), check_call["title"]
    call = check_call["call"] or (lambda fn, *args, **kwargs: fn(*args, **kwargs))
    answer_for = table_answer([*check_call["cases"], *hidden.HIDDEN[title]()],
                              lambda case: solution, lambda *args, **kwargs: constant)

    def table(fn, *args, **kwargs):
        return call(answer_for(*args, **kwargs), *args, **kwargs)

    def verdict_with(extra):
        return evaluate_recorded(check_call, solution, table, extra=extra)

    assert verdict_with(hidden.HIDDEN[title]()).status == "pass"
    for seed in (1, 2, 3):
        result = verdict_with([*hidden.HIDDEN[title](),
                               *hidden.FRESH[title](np.random.default_rng(seed))])
        assert result.status == "fail", f"seed {seed}: {result.message}"
        assert "(a hidden grading input)" in result.message


@pytest.mark.parametrize("module, check, solution, constant", CHECKS, ids=IDS)
def test_a_checks_call_returns_plain_data(module, check, solution, constant):
    check_call = recorded(check, solution)
    call = check_call["call"] or (lambda fn, *args, **kwargs: fn(*args, **kwargs))
    hidden, title = hidden_module(check), check_call["title"]
    for case in [*check_call["cases"], *hidden.HIDDEN[title](),
                 *hidden.FRESH[title](np.random.default_rng(5))]:
        got = call(solution, *case.args, **case.kwargs)
        assert is_plain(got), f"{title}: {type(got).__name__} for {case.label}"


def test_no_grading_case_is_left_in_a_visible_check_module():
    for module in (ch19, ch20, ch21, ch22):
        assert "hidden=True" not in Path(module.__file__).read_text()


# --- chapter 19 ---------------------------------------------------------------------------


def test_chapter_19_iterate_minibatches_wrong_answers_fail():
    def as_list(X, y, batch_size):
        return [(X[start:start + batch_size], y[start:start + batch_size])
                for start in range(0, len(X), batch_size)]
    result = result_of(ch19.check_iterate_minibatches, as_list, graded=False)
    assert result.status == "fail" and "it returned a list, not a generator" in result.message

    def without_last(X, y, batch_size):
        for start in range(0, len(X) - batch_size + 1, batch_size):
            yield X[start:start + batch_size], y[start:start + batch_size]
    assert result_of(ch19.check_iterate_minibatches, without_last, graded=False).status == "fail"

    def overlapping(X, y, batch_size):
        for start in range(len(X) - batch_size + 1):
            yield X[start:start + batch_size], y[start:start + batch_size]
    assert result_of(ch19.check_iterate_minibatches, overlapping, graded=False).status == "fail"

    def shuffled(X, y, batch_size):
        order = np.random.permutation(len(X))
        yield from ch19.batches(X[order], y[order], batch_size)
    assert result_of(ch19.check_iterate_minibatches, shuffled, graded=False).status == "fail"


def test_chapter_19_a_generator_expression_is_a_generator_too():
    def expression(X, y, batch_size):
        return ((X[s:s + batch_size], y[s:s + batch_size]) for s in range(0, len(X), batch_size))
    assert result_of(ch19.check_iterate_minibatches, expression).status == "pass"


@pytest.mark.parametrize("wrong, words", [
    (lambda y, b, n: np.array([np.bincount(y[s:s + b], minlength=n)
                               for s in range(0, len(y), b)], dtype=float), "float64 numbers"),
    (lambda y, b, n: [list(np.bincount(y[s:s + b], minlength=n)) for s in range(0, len(y), b)],
     "got a list"),
    (lambda y, b, n: np.array([np.bincount(y[s:s + b], minlength=n)
                               for s in range(0, len(y) - b + 1, b)]), "shape"),
    (lambda y, b, n: np.array([np.bincount(y[s:s + b], minlength=n)
                               for s in range(0, len(y), b)]).T, "shape"),
], ids=["floats", "a list", "without the last batch", "transposed"])
def test_chapter_19_batch_class_counts_wrong_answers_fail(wrong, words):
    result = result_of(ch19.check_batch_class_counts, wrong, graded=False)
    assert result.status == "fail" and words in result.message


def test_chapter_19_batch_class_counts_without_minlength_fails():
    def without_minlength(y, batch_size, n_classes):
        return np.array([np.bincount(y[s:s + batch_size]) for s in range(0, len(y), batch_size)])
    result = result_of(ch19.check_batch_class_counts, without_minlength, graded=False)
    assert result.status in ("fail", "error")


def test_chapter_19_batch_class_counts_that_changes_its_labels_fails():
    def clearing(y, batch_size, n_classes):
        counts = batch_class_counts(y, batch_size, n_classes)
        y[:] = 0
        return counts
    result = result_of(ch19.check_batch_class_counts, clearing, graded=False)
    assert result.status == "fail" and "changed its argument `y` in place" in result.message


# --- chapter 20 ---------------------------------------------------------------------------


def test_chapter_20_confusion_matrix_wrong_answers_fail():
    transposed = result_of(ch20.check_confusion_matrix, lambda t, p, n: confusion_matrix(p, t, n),
                           graded=False)
    assert transposed.status == "fail"

    def of_floats(y_true, y_pred, n_classes):
        matrix = np.zeros((n_classes, n_classes))
        for true_class, predicted_class in zip(y_true, y_pred):
            matrix[true_class, predicted_class] += 1
        return matrix
    result = result_of(ch20.check_confusion_matrix, of_floats, graded=False)
    assert result.status == "fail" and "float64 numbers" in result.message

    def sized_by_the_data(y_true, y_pred, n_classes):
        n = max(y_true.max(), y_pred.max()) + 1
        return confusion_matrix(y_true, y_pred, n)
    assert result_of(ch20.check_confusion_matrix, sized_by_the_data, graded=False).status == "fail"


def test_chapter_20_threshold_scores_with_precision_and_recall_swapped_fails():
    def swapped(probabilities, y_true, k, threshold):
        precision, recall, f1 = threshold_scores(probabilities, y_true, k, threshold)
        return recall, precision, f1
    result = result_of(ch20.check_threshold_scores, swapped, graded=False)
    assert result.status == "fail" and "precision:" in result.message


def _scores(flagged, actual, guard=True, mean=False):
    hits = np.sum(flagged & actual)
    precision = hits / np.sum(flagged) if np.sum(flagged) or not guard else 0.0
    recall = hits / np.sum(actual) if np.sum(actual) or not guard else 0.0
    both = precision + recall
    f1 = both / 2 if mean else (2 * precision * recall / both if both or not guard else 0.0)
    return float(precision), float(recall), float(f1)


@pytest.mark.parametrize("wrong", [
    lambda p, y, k, t: _scores(p[:, k] > t, y == k),
    lambda p, y, k, t: _scores(np.argmax(p, axis=1) == k, y == k),
    lambda p, y, k, t: _scores(p[:, k] >= t, y == k, guard=False),
    lambda p, y, k, t: _scores(p[:, k] >= t, y == k, mean=True),
    lambda p, y, k, t: np.array(_scores(p[:, k] >= t, y == k)),
], ids=["> for >=", "argmax instead of the threshold", "no 0/0 guard", "arithmetic mean for F1",
        "an array"])
def test_chapter_20_threshold_scores_wrong_answers_fail(wrong):
    with np.errstate(all="ignore"):
        result = result_of(ch20.check_threshold_scores, wrong, graded=False)
        assert result.status in ("fail", "error")


# --- chapter 21 ---------------------------------------------------------------------------


def _saving(convert=None, biases=True):
    def save_and_load(parameters, path):
        arrays = {}
        for i, (weights, bias) in enumerate(parameters):
            arrays[f"weights_{i}"] = weights if convert is None else weights.astype(convert)
            if biases:
                arrays[f"biases_{i}"] = bias
        np.savez(path, **arrays)
        with np.load(path, allow_pickle=False) as archive:
            return [(archive[f"weights_{i}"],
                     archive[f"biases_{i}"] if biases else parameters[i][1].copy())
                    for i in range(len(parameters))]
    return save_and_load


def test_chapter_21_saving_without_the_biases_fails():
    result = result_of(ch21.check_save_and_load_parameters, _saving(biases=False), graded=False)
    assert result.status == "fail" and "does not hold layer 0's biases" in result.message


def test_chapter_21_saving_float32_as_float64_fails():
    result = result_of(ch21.check_save_and_load_parameters, _saving(convert=np.float64),
                       graded=False)
    assert result.status == "fail" and "float64" in result.message and "float32" in result.message


def test_chapter_21_loading_float32_back_as_float64_fails():
    def converting(parameters, path):
        return [(w.astype(np.float64), b.astype(np.float64))
                for w, b in save_and_load_parameters(parameters, path)]
    result = result_of(ch21.check_save_and_load_parameters, converting, graded=False)
    assert result.status == "fail" and "came back as float64" in result.message


def test_chapter_21_sorting_the_names_as_text_fails():
    def sorted_names(parameters, path):
        np.savez(path, **{f"{i}.{part}": array for i, pair in enumerate(parameters)
                          for part, array in zip(("weights", "biases"), pair)})
        with np.load(path, allow_pickle=False) as archive:
            names = sorted(name for name in archive.files if name.endswith("weights"))
            return [(archive[name], archive[name.replace("weights", "biases")]) for name in names]
    result = result_of(ch21.check_save_and_load_parameters, sorted_names, graded=False)
    assert result.status == "fail"


def test_chapter_21_returning_the_arrays_given_fails():
    def no_file(parameters, path):
        np.savez(path, x=np.zeros(1))
        return parameters
    assert result_of(ch21.check_save_and_load_parameters, no_file, graded=False).status == "error"


def reads_only_the_description(path):
    if not zipfile.is_zipfile(path):
        return False
    try:
        with np.load(path, allow_pickle=False) as archive:
            header = json.loads(archive["__description__"].tobytes().decode("utf-8"))
        return header.get("format") == "nnfs-course" and header.get("kind") == "model"
    except Exception:  # noqa: BLE001 - as the solution does: whatever a damaged file raises
        return False


def reads_the_description_and_the_first_weights(path):
    if not reads_only_the_description(path):
        return False
    try:
        with np.load(path, allow_pickle=False) as archive:
            archive["0.weights"]
        return True
    except Exception:  # noqa: BLE001 - as the solution does: whatever a damaged file raises
        return False


def test_chapter_21_an_answer_that_never_reads_the_weights_fails():
    result = result_of(ch21.check_is_valid_model_file, reads_only_the_description, graded=False)
    assert result.status == "fail" and "first weights array is damaged" in result.message


def test_chapter_21_an_answer_that_reads_only_the_first_weights_fails():
    result = result_of(ch21.check_is_valid_model_file, reads_the_description_and_the_first_weights,
                       graded=False)
    assert result.status == "fail" and "last biases array is damaged" in result.message


def test_chapter_21_grading_damages_files_in_ways_the_visible_cases_do_not():
    def ignores_the_format(path):
        if not zipfile.is_zipfile(path):
            return False
        try:
            with np.load(path, allow_pickle=False) as archive:
                [archive[name] for name in archive.files]
                header = json.loads(archive["__description__"].tobytes().decode("utf-8"))
                return header.get("kind") == "model"
        except Exception:  # noqa: BLE001 - as the solution does: whatever a damaged file raises
            return False
    assert result_of(ch21.check_is_valid_model_file, ignores_the_format,
                     graded=False).status == "pass"
    result = result_of(ch21.check_is_valid_model_file, ignores_the_format, seed=0)
    assert result.status in ("fail", "error") and "(a hidden grading input)" in result.message


def test_chapter_21_the_grading_files_agree_with_the_visible_kinds_answers():
    """Every file's expected answer is Model.load's verdict; the visible kinds keep theirs."""
    cases = {case.label: case.expected for case in ch21_cases()}
    assert cases["a 4-8-3 model saved by Model.save"] is True
    assert [label for label, expected in cases.items() if expected] == [
        "a 4-8-3 model saved by Model.save", "a 4-5-3 model saved by Model.save"]


def ch21_cases():
    recorded = {}

    def keep(title, fn, cases, **kwargs):
        recorded["cases"] = cases
    original, ch21.run_check = ch21.run_check, keep
    try:
        ch21.check_is_valid_model_file(is_valid_model_file)
    finally:
        ch21.run_check = original
    return recorded["cases"]


# --- chapter 22 ---------------------------------------------------------------------------


def _variant(*, divide=True, alpha=True, weights=(0.299, 0.587, 0.114), crop=True):
    def preprocess(image):
        image = np.asarray(image)
        image = image / 255 if divide and image.dtype == np.uint8 else image.astype(np.float64)
        rgb = image[..., :3]
        if alpha and image.shape[-1] == 4:
            rgb = rgb * image[..., 3:] + (1 - image[..., 3:])
        ink = to_ink(rgb @ np.array(weights))
        small = block_average(crop_to_object(ink) if crop else ink)
        return (2 * small - 1).reshape(1, 784).astype(np.float32)
    return preprocess


@pytest.mark.parametrize("wrong", [
    _variant(divide=False), _variant(alpha=False), _variant(weights=(1 / 3, 1 / 3, 1 / 3)),
    _variant(crop=False)], ids=["without /255", "without alpha", "channel mean", "without crop"])
def test_chapter_22_preprocess_image_wrong_answers_fail(wrong):
    assert result_of(ch22.check_preprocess_image, wrong, graded=False).status in ("fail", "error")


def test_chapter_22_a_wrong_preprocess_image_is_told_where_it_differs():
    message = result_of(ch22.check_preprocess_image, _variant(crop=False), graded=False).message
    assert "why:      largest difference" in message and ", at [0, " in message
    assert "values differ" in message


def test_chapter_22_preprocess_image_in_float64_fails():
    result = result_of(ch22.check_preprocess_image,
                     lambda image: preprocess_image(image).astype(float), graded=False)
    assert result.status == "fail" and "expected float32" in result.message


def test_chapter_22_the_exercise_works_on_the_chapters_photos():
    from PIL import Image, ImageDraw
    picture = Image.new("RGB", (640, 480), (226, 214, 196))
    ImageDraw.Draw(picture).polygon([(250, 60), (390, 60), (420, 450), (220, 450)],
                                    fill=(40, 60, 120))
    row = preprocess_image(np.asarray(picture))
    grid = row.reshape(28, 28)
    assert row.dtype == np.float32 and grid.max() > 0.2 and grid[:, 0].max() == -1  # item, margin
    assert grid[0].max() > 0 and grid[-1].max() > 0  # cropped: the item runs from top to bottom


def test_chapter_22_fresh_pictures_are_new_and_can_be_preprocessed():
    first, second = (hidden22.FRESH["preprocess_image"](np.random.default_rng(seed))
                     for seed in (1, 2))
    assert not np.array_equal(first[0].args[0], second[0].args[0])
    assert all(np.isfinite(case.expected).all() for case in first + second)


@pytest.mark.parametrize("wrong, words", [
    (lambda p, names, t: [names[k] if row[k] > t else "unsure"
                          for row, k in zip(p, np.argmax(p, axis=1))], "expected 'bird'"),
    (lambda p, names, t: np.array(answer_or_defer(p, names, t)), "expected a list"),
    (lambda p, names, t: [names[k] if row[k] >= t else "Unsure"
                          for row, k in zip(p, np.argmax(p, axis=1))], "'Unsure'"),
    (lambda p, names, t: [int(k) if row[k] >= t else "unsure"
                          for row, k in zip(p, np.argmax(p, axis=1))], "expected a str"),
    (lambda p, names, t: [names[k] for k in np.argmax(p, axis=1)], "expected 'unsure'"),
], ids=["> for >=", "an array", "Unsure", "the index for the name", "never unsure"])
def test_chapter_22_answer_or_defer_wrong_answers_fail(wrong, words):
    result = result_of(ch22.check_answer_or_defer, wrong, graded=False)
    assert result.status == "fail" and words in result.message, result.message


def test_chapter_22_answer_or_defer_on_the_wrong_axis_fails():
    def columns(probabilities, class_names, threshold):
        best = np.argmax(probabilities, axis=0)
        return [class_names[k] if probabilities[k, i] >= threshold else "unsure"
                for i, k in enumerate(best)]
    assert result_of(ch22.check_answer_or_defer, columns, graded=False).status in ("fail", "error")


def test_checks_print_the_count_of_visible_inputs_only():
    """Grading cases do not change the notebook's line: it counts the visible inputs only."""
    assert not shared.checks.is_grading()
    assert result_of(ch21.check_is_valid_model_file, is_valid_model_file, graded=False).message == (
        "✅ is_valid_model_file: correct on all 12 test inputs.")
    fresh = hidden19.FRESH["batch_class_counts"](np.random.default_rng(0))
    assert all(case.expected.dtype == np.int64 for case in fresh)
