"""The checks of chapters 19-22: the solutions pass, stubs are "todo", and the wrong answers
a learner writes (the ones quoted in issue 15 among them) fail, hidden grading cases included.

The solutions are taken from the solutions notebooks themselves, so they cannot drift apart.
"""
import json
import zipfile
from pathlib import Path

import numpy as np
import pytest
from nbtools import BEGIN, END, read

import shared.checks
from shared.checks import ch19, ch20, ch21, ch22, collect_results, grading

SOLUTIONS = Path(__file__).resolve().parent.parent / "solutions"


def _definitions(notebook, *names):
    """Run the notebook's cells that define `names` (functions), and return them."""
    namespace = {"np": np, "json": json, "zipfile": zipfile}
    for cell in read(SOLUTIONS / notebook).cells:
        if cell.cell_type == "code" and any(f"def {name}(" in cell.source for name in names):
            source = "\n".join(line for line in cell.source.split("\n")
                               if line.strip() not in (BEGIN, END))
            definitions = [line for line in source.split("\n\n\n") if line.lstrip().startswith("def ")]
            exec("\n\n\n".join(definitions), namespace)
    return [namespace[name] for name in names]


def _result(check, fn):
    with collect_results() as results:
        check(fn)
    return results[0]


def stub(*args, **kwargs):
    raise NotImplementedError("exercise: write this exercise")


iterate_minibatches, shuffle_together = _definitions(
    "19_a_real_dataset.ipynb", "iterate_minibatches", "shuffle_together")
confusion_matrix, macro_f1 = _definitions(
    "20_model_evaluation.ipynb", "confusion_matrix", "macro_f1")
save_and_load_parameters, is_valid_model_file = _definitions(
    "21_saving_and_loading.ipynb", "save_and_load_parameters", "is_valid_model_file")
to_ink, crop_to_object, block_average, preprocess_image, top3 = _definitions(
    "22_prediction_inference.ipynb", "to_ink", "crop_to_object", "block_average",
    "preprocess_image", "top3")

CHECKS = [
    (ch19.check_iterate_minibatches, iterate_minibatches),
    (ch19.check_shuffle_together, shuffle_together),
    (ch20.check_confusion_matrix, confusion_matrix),
    (ch20.check_macro_f1, macro_f1),
    (ch21.check_save_and_load_parameters, save_and_load_parameters),
    (ch21.check_is_valid_model_file, is_valid_model_file),
    (ch22.check_preprocess_image, preprocess_image),
    (ch22.check_top3, top3),
]


@pytest.mark.parametrize("check, solution", CHECKS, ids=lambda item: getattr(item, "__name__", ""))
def test_the_solution_passes_also_when_grading_and_a_stub_is_todo(check, solution):
    assert _result(check, solution).status == "pass"
    with grading():
        assert _result(check, solution).status == "pass"
    assert _result(check, stub).status == "todo"


@pytest.mark.parametrize("check, solution", CHECKS, ids=lambda item: getattr(item, "__name__", ""))
def test_every_check_has_a_hidden_case_that_a_hard_coded_answer_fails(check, solution):
    calls = []

    def counting(*args):
        calls.append(args)
        return solution(*args)
    _result(check, counting)
    visible = len(calls)

    def hard_coded(*args):
        calls.append(args)
        return solution(*args) if len(calls) <= visible else None
    calls.clear()
    assert _result(check, hard_coded).status == "pass"
    calls.clear()
    with grading():
        result = _result(check, hard_coded)
    assert result.status in ("fail", "error") and "(a hidden grading input)" in result.message


# --- chapter 19 ---------------------------------------------------------------------------


def shuffle_in_place(X, y, seed):
    order = np.random.default_rng(seed).permutation(len(X))
    X[:], y[:] = X[order], y[order]
    return X, y


def shuffle_separately(X, y, seed):
    rng = np.random.default_rng(seed)
    return X[rng.permutation(len(X))], y[rng.permutation(len(y))]


def test_chapter_19_wrong_answers_fail():
    result = _result(ch19.check_shuffle_together, shuffle_in_place)
    assert result.status == "fail" and "changed its argument `X` in place" in result.message
    assert _result(ch19.check_shuffle_together, shuffle_separately).status == "fail"

    def without_last(X, y, batch_size):
        for start in range(0, len(X) - batch_size + 1, batch_size):
            yield X[start:start + batch_size], y[start:start + batch_size]
    assert _result(ch19.check_iterate_minibatches, without_last).status == "fail"


# --- chapter 20 ---------------------------------------------------------------------------


def test_chapter_20_wrong_answers_fail():
    assert _result(ch20.check_confusion_matrix,
                   lambda t, p, n: confusion_matrix(p, t, n)).status == "fail"  # transposed

    def f1_without_zero_guard(matrix):
        matrix = np.asarray(matrix, dtype=float)
        precision = np.diag(matrix) / matrix.sum(axis=0)
        recall = np.diag(matrix) / matrix.sum(axis=1)
        return float(np.mean(2 * precision * recall / (precision + recall)))
    with np.errstate(all="ignore"):
        assert _result(ch20.check_macro_f1, f1_without_zero_guard).status == "fail"


# --- chapter 21 ---------------------------------------------------------------------------


def reads_only_the_description(path):
    if not zipfile.is_zipfile(path):
        return False
    try:
        with np.load(path, allow_pickle=False) as archive:
            header = json.loads(archive["__description__"].tobytes().decode("utf-8"))
        return header.get("format") == "nnfs-course" and header.get("kind") == "model"
    except Exception:
        return False


def test_chapter_21_an_answer_that_never_reads_the_weights_fails():
    result = _result(ch21.check_is_valid_model_file, reads_only_the_description)
    assert result.status == "fail" and "first weights array is damaged" in result.message


def test_chapter_21_returning_the_arrays_given_fails():
    def no_file(parameters, path):
        np.savez(path, x=np.zeros(1))
        return parameters
    assert _result(ch21.check_save_and_load_parameters, no_file).status == "error"


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
    assert _result(ch22.check_preprocess_image, wrong).status in ("fail", "error")


def test_chapter_22_a_wrong_preprocess_image_is_told_where_it_differs():
    message = _result(ch22.check_preprocess_image, _variant(crop=False)).message
    assert "why:      largest difference" in message and ", at [0, " in message
    assert "values differ" in message


def test_chapter_22_the_exercise_works_on_the_chapters_photos(tmp_path):
    from PIL import Image, ImageDraw
    picture = Image.new("RGB", (640, 480), (226, 214, 196))
    ImageDraw.Draw(picture).polygon([(250, 60), (390, 60), (420, 450), (220, 450)], fill=(40, 60, 120))
    row = preprocess_image(np.asarray(picture))
    grid = row.reshape(28, 28)
    assert row.dtype == np.float32 and grid.max() > 0.2 and grid[:, 0].max() == -1  # item, margin
    assert grid[0].max() > 0 and grid[-1].max() > 0  # cropped: the item runs from top to bottom


def test_chapter_22_top3_in_increasing_order_fails():
    def ascending(probabilities, class_names):
        return [(class_names[k], float(probabilities[k])) for k in np.argsort(probabilities)[:3]]
    assert _result(ch22.check_top3, ascending).status == "fail"


def test_checks_print_the_same_line_in_notebooks_as_before():
    """Hidden cases do not change the notebook's line: it counts the visible inputs only."""
    assert not shared.checks.is_grading()
    assert _result(ch21.check_is_valid_model_file, is_valid_model_file).message == (
        "✅ is_valid_model_file: correct on all 11 test inputs.")
