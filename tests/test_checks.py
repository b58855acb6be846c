"""Tests of the exercise checks: the core in shared/checks, every chapter's check_* functions,
and what the committed notebooks' check cells show.
"""
import ast
import importlib
import inspect
from pathlib import Path

import make_chapters
import numpy as np
import pytest
from nbtools import NotebookError, exercise_cells, read

import shared.checks
from shared.checks import Case, close_enough, collect_results, describe, evaluate, run_check

TODO_LINE = ("⏳ double: not attempted yet. "
             "Write your code in the cell above, run it, then run this check again.")


def double_cases():
    return [
        Case(args=(np.array([1.0, -2.0]),), expected=np.array([2.0, -4.0])),
        Case(args=(np.array([[0.5, 3.0]]),), expected=np.array([[1.0, 6.0]]),
             label="a batch of one row"),
    ]


def stub(*args, **kwargs):
    raise NotImplementedError("exercise: write this exercise")


# --- the core -----------------------------------------------------------------------------


def test_right_answer_passes_with_one_fixed_line():
    result = evaluate("double", lambda x: 2 * x, double_cases())
    assert (result.status, result.message) == ("pass", "✅ double: correct on all 2 test inputs.")


def test_a_stub_is_not_attempted_in_one_line_without_traceback():
    result = evaluate("double", stub, double_cases())
    assert (result.status, result.message) == ("todo", TODO_LINE)


def test_wrong_answer_names_the_input_the_expected_and_what_came_back():
    result = evaluate("double", lambda x: x + x if x.ndim == 1 else x, double_cases())
    assert result.status == "fail"
    assert result.message.splitlines() == [
        "❌ double: wrong for input a batch of one row.",
        "   expected: array([[1., 6.]])",
        "   got:      array([[0.5, 3. ]])",
        "   why:      largest difference 3, at [0, 1] (expected 6, got 3; 2 of 2 values differ)",
    ]


def test_wrong_input_without_label_is_summarised():
    result = evaluate("double", lambda x: x, double_cases())
    assert result.message.startswith("❌ double: wrong for input array([ 1., -2.]).\n")
    big = [Case(args=(np.ones((30, 5)),), expected=np.ones(1)),
           Case(args=(np.zeros(9),), expected=np.zeros(2))]
    assert evaluate("f", lambda x: x, big).message.startswith(
        "❌ f: wrong for input array(shape=(30, 5), first row [1, 1, 1, 1, ...]).")


def test_an_error_in_the_learners_code_is_reported_in_one_line():
    result = evaluate("double", lambda x: x.reshape(3), double_cases())
    assert result.status == "error"
    assert result.message == ("❌ double: for input array([ 1., -2.]), your code raised "
                              "ValueError: cannot reshape array of size 2 into shape (3,)")


def test_a_forgotten_return_gets_a_hint():
    assert "did you forget `return`?" in evaluate("double", lambda x: None, double_cases()).message


def test_an_answer_that_changes_its_input_fails_naming_the_argument():
    cases = double_cases()

    def doubles_in_place(x):
        x *= 2
        return x

    result = evaluate("double", doubles_in_place, cases)
    assert result.status == "fail"
    assert result.message.startswith("❌ double: your code changed its argument `x` in place, "
                                     "for input array([ 1., -2.]).")
    np.testing.assert_array_equal(cases[0].args[0], [1.0, -2.0])  # the case itself is untouched


def test_changes_are_found_in_keyword_arguments_and_inside_objects():
    class Box:
        def __init__(self, values):
            self.values = values

    cases = [Case(args=(Box(np.array([1.0, 2.0])),), kwargs={"scale": np.array([2.0])},
                  expected=6.0),
             Case(args=(Box(np.array([3.0])),), kwargs={"scale": np.array([1.0])}, expected=3.0)]

    def empties_the_box(box, scale):
        total = float(box.values.sum() * scale[0])
        box.values[:] = 0
        return total

    def zeroes_the_scale(box, scale):
        total = float(box.values.sum() * scale[0])
        scale[0] = 0.0
        return total

    assert "argument `box`" in evaluate("total", empties_the_box, cases).message
    assert "argument `scale`" in evaluate("total", zeroes_the_scale, cases).message
    assert evaluate("total", empties_the_box, cases, may_change=("box",)).status == "pass"


def test_argument_names_come_from_call_when_a_check_builds_the_learners_object():
    class Scaler:
        def transform(self, data):
            data -= data.mean()
            return data

    def transformed(cls, data):
        return cls().transform(data)

    cases = [Case(args=(np.array([1.0, 3.0]),), expected=np.array([-1.0, 1.0])),
             Case(args=(np.array([0.0, 4.0]),), expected=np.array([-2.0, 2.0]))]
    assert "argument `data`" in evaluate("Scaler", Scaler, cases, call=transformed).message


def test_a_loop_that_never_ends_is_stopped_with_a_hint(monkeypatch):
    monkeypatch.setattr(shared.checks, "TIME_LIMIT", 0.3)

    def forever(x):
        while True:
            try:
                pass
            except:  # noqa: E722 - a learner's bare except must not keep it running
                pass

    result = evaluate("double", forever, double_cases())
    assert result.status == "timeout"
    assert result.message == ("❌ double: took longer than 0.3 s for input array([ 1., -2.]): "
                              "is there a loop that never ends?")
    assert evaluate("double", lambda x: 2 * x, double_cases()).status == "pass"  # the alarm is off


def test_exit_and_unprintable_exceptions_get_a_verdict():
    import sys

    class Broken(Exception):
        def __str__(self):
            raise RuntimeError("no str")

    def raise_broken(x):
        raise Broken

    exits = evaluate("double", lambda x: sys.exit(), double_cases())
    assert "your code called exit()" in exits.message
    result = evaluate("double", raise_broken, double_cases())
    assert (result.status, result.message) == (
        "error", "❌ double: for input array([ 1., -2.]), your code raised "
                 "Broken: (its message could not be shown)")


def test_a_huge_message_is_cut():
    result = evaluate("double", lambda x: (_ for _ in ()).throw(ValueError("x" * 10**6)),
                      double_cases())
    assert result.status == "error" and len(result.message) <= shared.checks.MESSAGE_LIMIT


def test_an_answer_must_be_the_kind_of_value_asked_for():
    from unittest import mock
    flags = [Case(args=(1,), expected=True), Case(args=(2,), expected=False)]
    assert evaluate("is_odd", lambda n: mock.ANY, flags).status == "fail"
    assert evaluate("is_odd", lambda n: n % 2 == 1, flags).status == "pass"
    assert evaluate("is_odd", lambda n: np.bool_(n % 2), flags).status == "pass"
    complex_answer = evaluate("double", lambda x: 2 * x + 0j, double_cases())
    assert complex_answer.status == "fail" and "complex" in complex_answer.message


def test_a_finished_answer_that_calls_an_unfinished_stub_is_told_which():
    def relu(x):
        raise NotImplementedError("relu: write this exercise")

    def relu_twice(x):
        return relu(relu(x))

    result = evaluate("relu_twice", relu_twice, double_cases())
    assert (result.status, result.message) == (
        "todo", "⏳ relu_twice: your code calls `relu`, which is not written yet. "
                "Finish that exercise first, then run this check again.")


def test_hidden_cases_run_only_when_grading(monkeypatch):
    cases = [*double_cases(), Case(args=(np.array([7.0]),), expected=np.array([14.0]), hidden=True)]

    def tuned(x):  # right on the visible inputs only
        return 2 * x if x.size == 2 else x

    assert evaluate("double", tuned, cases).message == "✅ double: correct on all 2 test inputs."
    with shared.checks.grading():
        result = evaluate("double", tuned, cases)
    assert result.message.startswith(
        "❌ double: wrong for input array([7.]) (a hidden grading input).")
    monkeypatch.setenv("NNFS_GRADING", "1")
    assert (evaluate("double", lambda x: 2 * x, cases).message
            == "✅ double: correct on all 3 test inputs.")


def test_parts_name_the_items_of_a_tuple_answer():
    cases = [Case(args=(1.0,), expected=(1.0, 2.0)), Case(args=(2.0,), expected=(2.0, 4.0))]
    result = evaluate("pair", lambda x: (x, 3 * x), cases, parts=("value", "double"))
    assert result.message.endswith("why:      double: largest difference 1")
    assert "expected a tuple of 2 items (value, double)" in evaluate(
        "pair", lambda x: (x,), cases, parts=("value", "double")).message


def test_a_wrong_array_says_where_it_differs():
    cases = [Case(args=(np.zeros((2, 30)),), expected=np.zeros((2, 30))),
             Case(args=(np.ones((2, 30)),), expected=np.ones((2, 30)))]

    def off_by_one_pixel(x):
        y = x.copy()
        y[1, 17] += 0.5
        return y

    assert evaluate("same", off_by_one_pixel, cases).message.endswith(
        "why:      largest difference 0.5, at [1, 17] (expected 0, got 0.5; 1 of 60 values differ)")


class Unprintable:
    def __repr__(self):
        raise RuntimeError("no repr")

    def __eq__(self, other):
        raise RuntimeError("no eq")


@pytest.mark.parametrize(
    "answer",
    [lambda x: Unprintable(), lambda x: "text", lambda x: [[1.0], [1.0, 2.0]],
     lambda x: {"a": 1}, lambda x: iter([1])],
    ids=["unprintable", "string", "ragged", "dict", "iterator"],
)
def test_a_check_never_raises_whatever_comes_back(answer):
    assert evaluate("double", answer, double_cases()).status in ("fail", "error")
    numbers = [Case(args=(1,), expected=2), Case(args=(2,), expected=4)]
    assert evaluate("n", answer, numbers).status in ("fail", "error")


def test_call_lets_a_check_build_the_learners_class():
    class Doubler:
        def forward(self, x):
            self.output = 2 * x

    def forward_output(cls, x):
        layer = cls()
        layer.forward(x)
        return layer.output

    assert evaluate("Doubler", Doubler, double_cases(), call=forward_output).status == "pass"
    assert evaluate("Doubler", stub, double_cases(), call=forward_output).status == "todo"


def test_custom_compare_is_used():
    cases = [Case(args=(3,), expected=1), Case(args=(4,), expected=0)]
    parity = lambda got, expected: (got % 2 == expected, "wrong parity")  # noqa: E731
    assert evaluate("parity", lambda n: n + 2, cases, compare=parity).status == "pass"
    wrong = evaluate("parity", lambda n: n + 1, cases, compare=parity)
    assert "why:      wrong parity" in wrong.message


@pytest.mark.parametrize("cases", [[], double_cases()[:1]], ids=["none", "one"])
def test_a_check_with_fewer_than_two_cases_is_refused(cases):
    with pytest.raises(ValueError, match="needs at least 2"):
        evaluate("double", lambda x: 2 * x, cases)


def test_a_check_whose_cases_all_expect_the_same_answer_is_refused():
    cases = [Case(args=(1,), expected=0.0), Case(args=(2,), expected=0.0)]
    with pytest.raises(ValueError, match="same answer"):
        run_check("zero", lambda x: 0.0, cases)


def test_run_check_prints_one_message_returns_none_and_can_be_collected(capsys):
    with collect_results() as results:
        assert run_check("double", lambda x: 2 * x, double_cases()) is None
        run_check("double", stub, double_cases())
    run_check("double", stub, double_cases())  # outside the block: not collected
    assert [result.status for result in results] == ["pass", "todo"]
    printed = capsys.readouterr().out
    assert printed == "✅ double: correct on all 2 test inputs.\n" + (TODO_LINE + "\n") * 2


@pytest.mark.parametrize(
    "got, expected, ok",
    [
        (np.array([1.0, 2.0]) + 1e-9, np.array([1.0, 2.0]), True),
        (np.array([1.0, 2.0]) * (1 + 1e-4), np.array([1.0, 2.0]), False),
        ([1.0, 2.0], np.array([1.0, 2.0]), False),  # a list where an array is asked for
        ([1.0, 2.0], [1.0, 2.0], True),
        ((1.0, 2.0), [1.0, 2.0], True),
        ([1.0, 2.0], (1.0, 2.0), False),  # a list where a tuple is asked for
        (np.array([[1.0, 2.0]]), np.array([1.0, 2.0]), False),
        (np.float32(0.1), 0.1, True),
        (np.array([0.5]), 0.5, False),
        ((np.array([1.0]), 2), (np.array([1.0]), 2), True),
        ((np.array([1.0]), 3), (np.array([1.0]), 2), False),
        ({"loss": 0.5, "acc": 1}, {"acc": 1, "loss": 0.5}, True),
        ({"loss": 0.5}, {"loss": 0.5, "acc": 1}, False),
        (3, 3, True),
        (3, 4, False),
        (True, True, True),
        ("relu", "relu", True),
        (None, None, True),
        (np.array([1, 2]), 3, False),
        (np.array([True, False]), np.array([True, False]), True),
        (np.array([True, True]), np.array([True, False]), False),
        (np.array([1.0, 0.0]), np.array([True, False]), True),
    ],
)
def test_close_enough(got, expected, ok):
    assert close_enough(got, expected)[0] is ok


def test_describe_keeps_messages_short():
    assert describe(np.arange(12.0).reshape(3, 4)) == "array(shape=(3, 4), first row [0, 1, 2, 3])"
    long = "array(shape=(50,), starts [0, 0.02041, 0.04082, 0.06122, ...])"
    assert describe(np.linspace(0, 1, 50)) == long
    assert describe(np.float64(0.25)) == "0.25"
    assert len(describe("x" * 500)) == 70


# --- every chapter's check_* functions ----------------------------------------------------

CHECK_MODULES = [f"shared.checks.{path.stem}"
                 for path in sorted(Path(shared.checks.__file__).parent.glob("ch[0-9][0-9].py"))]
CHECKS = [
    function
    for module in [importlib.import_module(name) for name in CHECK_MODULES + ["example_checks"]]
    for name, function in inspect.getmembers(module, inspect.isfunction)
    if name.startswith("check_") and function.__module__ == module.__name__
]


def check_id(check):
    return f"{check.__module__}.{check.__name__}"


def statuses_and_output(check, learners_code, capsys):
    with collect_results() as results:
        returned = check(learners_code)
    assert returned is None, "a check returns None, so the cell shows no Out[]"
    assert capsys.readouterr().out == "".join(result.message + "\n" for result in results)
    return [result.status for result in results]


@pytest.mark.parametrize("check", CHECKS, ids=check_id)
def test_check_takes_the_learners_code_as_its_one_argument(check):
    parameters = list(inspect.signature(check).parameters.values())
    assert len(parameters) == 1
    positional = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    assert parameters[0].kind in positional


@pytest.mark.parametrize("check", CHECKS, ids=check_id)
def test_check_says_not_attempted_for_a_stub(check, capsys):
    assert statuses_and_output(check, stub, capsys) == ["todo"], (
        "one run_check per check_* function")


@pytest.mark.parametrize("check", CHECKS, ids=check_id)
@pytest.mark.parametrize("constant", [None, 0], ids=["returns-None", "returns-0"])
def test_check_cannot_be_passed_by_a_constant(check, constant, capsys):
    statuses = statuses_and_output(check, lambda *args, **kwargs: constant, capsys)
    assert statuses in (["fail"], ["error"])


# --- what the committed notebooks' check cells show ---------------------------------------

FIXTURES = make_chapters.ROOT / "tests" / "fixtures"
SOLUTIONS = [*sorted(make_chapters.SOLUTIONS.glob("*.ipynb")),
             FIXTURES / "solutions" / "01_example.ipynb"]
CHAPTERS = [*sorted(make_chapters.CHAPTERS.glob("*.ipynb")),
            FIXTURES / "chapters" / "01_example.ipynb"]


def relative(path):
    return str(path.relative_to(make_chapters.ROOT))


def check_cells(path):
    """(exercise cell, check cell, printed text, number of checks called) for each code exercise."""
    nb = read(path)
    try:
        pairs = exercise_cells(nb, relative(path))
    except NotebookError as error:
        pytest.fail(str(error))
    found = []
    for exercise, check in pairs:
        printed = "".join(output.get("text", "") for output in nb.cells[check].outputs)
        calls = len(ast.parse(nb.cells[check].source).body)
        found.append((nb.cells[exercise], nb.cells[check], printed, calls))
    return found


@pytest.mark.parametrize("path", SOLUTIONS, ids=relative)
def test_solutions_pass_their_checks(path):
    for exercise, check, printed, calls in check_cells(path):
        assert exercise.outputs == [], f"exercise cell {exercise.id} should print nothing"
        assert printed.count("✅") == calls and "❌" not in printed and "⏳" not in printed, (
            f"check cell {check.id} ({check.source!r}) shows:\n{printed}"
        )


@pytest.mark.parametrize("path", CHAPTERS, ids=relative)
def test_chapters_show_every_check_not_attempted(path):
    for _, check, printed, calls in check_cells(path):
        assert printed.count("⏳") == calls and "✅" not in printed and "❌" not in printed, (
            f"check cell {check.id} ({check.source!r}) shows:\n{printed}"
        )


def test_a_call_that_takes_any_arguments_names_them_as_the_learners_function_does():
    def quietly(fn, *args):
        return fn(*args)

    def scale(values, factor):
        values *= factor
        return values

    cases = [Case(args=(np.array([1.0]), 2.0), expected=np.array([2.0])),
             Case(args=(np.array([2.0]), 3.0), expected=np.array([6.0]))]
    assert "argument `values`" in evaluate("scale", scale, cases, call=quietly).message
