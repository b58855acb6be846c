"""Tests of python -m shared.progress and python -m shared.grade on chapter 01.

The course is built in a temporary folder with the tools (so its exercise cells carry their
ids), and each fake learner is that learner copy with some cells changed.
"""
import copy
import csv
import io
import json
from contextlib import nullcontext, redirect_stdout

import pytest
from nbformat.v4 import new_code_cell
from nbtools import make_learner_copy, normalize, read, write

import shared.checks
from shared import grade as grade_module
from shared import progress as progress_module
from shared.checks import ch01
from shared.notebook_runner import EXERCISE_KEY
from shared.workspace import ROOT

SOLUTION = sorted((ROOT / "solutions").glob("01_*.ipynb"))[0]
NAME = SOLUTION.name
IDS = ["01.neuron_output", "01.neuron_output_any"]
CHECKS = {"01.neuron_output": ch01.check_neuron_output, "01.neuron_output_any": ch01.check_neuron_output_any}
CELL_TIMEOUT = 10  # seconds: enough for chapter 01's cells on a busy machine; what the loop costs


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A course of one chapter: the learner copy of chapter 01, made by the tools."""
    folder = tmp_path_factory.mktemp("course")
    learner, _ = make_learner_copy(normalize(read(SOLUTION)), f"solutions/{NAME}")
    write(normalize(learner), folder / NAME)
    return folder


def exercise_cells(nb):
    """{exercise id: index of its cell} from the cells' metadata."""
    return {entry["id"]: index for index, cell in enumerate(nb.cells)
            for entry in cell.metadata.get(EXERCISE_KEY, {}).get("exercises", [])}


def visible_cases(check):
    """The cases a check tries in a notebook, caught by calling it with a stand-in run_check."""
    caught = []
    original = ch01.run_check
    ch01.run_check = lambda title, fn, cases, **options: caught.extend(cases)
    try:
        check(None)
    finally:
        ch01.run_check = original
    return [case for case in caught if not getattr(case, "hidden", False)]


def hard_coded(name, check):
    """An answer that looks up the visible inputs' expected values and returns 0.0 otherwise."""
    table = {repr(case.args): case.expected for case in visible_cases(check)}
    return f"def {name}(inputs, weights, bias):\n    return {table!r}.get(repr((inputs, weights, bias)), 0.0)"


def check_cells(nb):
    return [index for index, cell in enumerate(nb.cells) if cell.source.startswith("check_")]


def learners(course):
    """The fake learners' chapter-01 notebooks: {name: notebook}."""
    blank, solved = read(course / NAME), read(SOLUTION)
    right = {id: solved.cells[index].source for id, index in exercise_cells(blank).items()}

    def learner(first, second):
        nb = copy.deepcopy(blank)
        for id, source in zip(IDS, (first, second)):
            if source is not None:
                nb.cells[exercise_cells(nb)[id]].source = source
        return nb

    made = {
        "all_right": learner(right[IDS[0]], right[IDS[1]]),
        "nothing": learner(None, None),
        "some_wrong": learner("print('x' * 5_000_000)\n" + right[IDS[0]],
                              "def neuron_output_any(inputs, weights, bias):\n"
                              "    return sum(x * w for x, w in zip(inputs, weights))"),
        "hard_coded": learner(hard_coded("neuron_output", ch01.check_neuron_output),
                              hard_coded("neuron_output_any", ch01.check_neuron_output_any)),
        "looping": learner("while True:\n    pass", right[IDS[1]]),
        "moved": learner(right[IDS[0]], right[IDS[1]]),
        "cheater": learner("def neuron_output(inputs, weights, bias):\n    return 0.0",
                           "def neuron_output_any(inputs, weights, bias):\n    return 0.0"),
    }
    looping = made["looping"]  # and then kills its kernel before the second exercise
    looping.cells.insert(exercise_cells(looping)[IDS[1]], new_code_cell("import os\nos._exit(1)"))
    moved = made["moved"]
    for index in reversed(check_cells(moved)):
        del moved.cells[index]
    moved.cells.insert(2, moved.cells.pop(exercise_cells(moved)[IDS[1]]))  # before the first exercise
    made["cheater"].cells.insert(2, new_code_cell(
        "import shared.checks, shared.checks.ch01\n"
        "def always_right(*args, **kwargs):\n    print('✅ correct on all test inputs.')\n"
        "shared.checks.run_check = shared.checks.ch01.run_check = always_right\n"
        "shared.checks.evaluate = lambda *args, **kwargs: shared.checks.Result('pass', '✅')\n"
        "shared.checks.ch01.check_neuron_output = shared.checks.ch01.check_neuron_output_any = always_right\n"
        "check_neuron_output = check_neuron_output_any = always_right"))
    return made


def check_message(id, source, grading):
    """What the course's check says, in this process, about an answer's source."""
    namespace = {}
    exec(source, namespace)
    mode = shared.checks.grading() if grading else nullcontext()
    with redirect_stdout(io.StringIO()), mode, shared.checks.collect_results() as results:
        CHECKS[id](namespace[CHECKS[id].__name__[6:]])
    return results[-1].message


@pytest.fixture(scope="module")
def graded(course, tmp_path_factory):
    submissions = tmp_path_factory.mktemp("submissions")
    made = learners(course)
    for name, nb in made.items():
        write(nb, submissions / name / NAME)
    before = {path: path.read_bytes() for path in submissions.rglob("*") if path.is_file()}
    out = tmp_path_factory.mktemp("out")
    code = grade_module.main([str(submissions), "--out", str(out), "--course", str(course),
                              "--timeout", str(CELL_TIMEOUT)])
    assert code == 0
    after = {path: path.read_bytes() for path in submissions.rglob("*") if path.is_file()}
    assert after == before, "the learners' files are never modified, and nothing is added"
    return out, made


EXPECTED = {
    "all_right": ("pass", "pass"),
    "cheater": ("wrong", "wrong"),
    "hard_coded": ("wrong", "wrong"),
    "looping": ("timeout", "error"),
    "moved": ("pass", "pass"),
    "nothing": ("not attempted", "not attempted"),
    "some_wrong": ("pass", "wrong"),
}


def test_gradebook_csv_and_md(graded):
    out, _ = graded
    with open(out / "gradebook.csv", encoding="utf-8") as file:
        rows = list(csv.reader(file))
    assert rows == [["learner", *IDS, "passed", "exercises"]] + [
        [name, *verdicts, str(verdicts.count("pass")), "2"] for name, verdicts in EXPECTED.items()]
    table = "".join(f"| {name} | {' | '.join(verdicts)} | {verdicts.count('pass')} of 2 |\n"
                    for name, verdicts in EXPECTED.items())
    assert (out / "gradebook.md").read_text(encoding="utf-8") == (
        "# Gradebook\n\n7 learners, 2 exercises; every check ran its hidden cases too.\n\n"
        f"| learner | {IDS[0]} | {IDS[1]} | passed |\n| --- | --- | --- | --- |\n" + table)


def feedback(name, passed, *sections):
    body = "".join(f"\n### {id}: {verdict}\n\n```text\n{message}\n```\n" for id, verdict, message in sections)
    return (f"# Feedback for {name}\n\n{passed} of 2 exercises pass. Each check also tried inputs that the "
            "notebook does not show, so an answer must work in general, not only on the inputs you saw.\n"
            f"\n## {NAME}\n{body}")


def test_feedback_says_why(graded, course):
    out, made = graded
    sources = {name: {id: nb.cells[exercise_cells(nb)[id]].source for id in IDS} for name, nb in made.items()}
    right = [check_message(id, sources["all_right"][id], grading=True) for id in IDS]
    assert right[0].startswith("✅ neuron_output: correct on all")
    text = {path.stem: path.read_text(encoding="utf-8") for path in (out / "feedback").iterdir()}
    assert sorted(text) == sorted(EXPECTED)
    assert text["all_right"] == feedback("all_right", 2, (IDS[0], "pass", right[0]), (IDS[1], "pass", right[1]))
    wrong = check_message(IDS[1], sources["some_wrong"][IDS[1]], grading=True)
    assert text["some_wrong"] == feedback("some_wrong", 1, (IDS[0], "pass", right[0]), (IDS[1], "wrong", wrong))
    hidden = [check_message(id, sources["hard_coded"][id], grading=True) for id in IDS]
    seen = [check_message(id, sources["hard_coded"][id], grading=False) for id in IDS]
    assert all(message.startswith("✅") for message in seen), "the hard-coded answers pass in the notebook"
    assert text["hard_coded"] == feedback("hard_coded", 0, (IDS[0], "wrong", hidden[0]), (IDS[1], "wrong", hidden[1]))
    loop, crash = exercise_cells(made["looping"])[IDS[0]] + 1, exercise_cells(made["looping"])[IDS[1]]
    assert text["looping"] == feedback("looping", 0, (
        IDS[0], "timeout", f"⌛ neuron_output: cell {loop}, which holds this exercise, "
                           f"did not finish within {CELL_TIMEOUT} s"), (
        IDS[1], "error", f"💥 neuron_output_any: not checked: the kernel died during cell {crash} "
                         "(a crash, or out of memory)"))
    todo = [f"⏳ {name}: {shared.checks.TODO}" for name in ("neuron_output", "neuron_output_any")]
    assert text["nothing"] == feedback("nothing", 0, (IDS[0], "not attempted", todo[0]),
                                       (IDS[1], "not attempted", todo[1]))
    zero = [check_message(id, sources["cheater"][id], grading=True) for id in IDS]
    assert text["cheater"] == feedback("cheater", 0, (IDS[0], "wrong", zero[0]), (IDS[1], "wrong", zero[1]))
    assert text["moved"] == text["all_right"].replace("all_right", "moved")


def check_cell_outputs(nb):
    """The one line each check cell of a stored notebook printed."""
    return [nb.cells[index].outputs[0].text.strip() for index in check_cells(nb)]


def test_progress_agrees_with_the_notebooks_own_check_cells(course, capsys):
    chapter = sorted((ROOT / "chapters").glob("01_*.ipynb"))[0]  # the committed copy, run by make_chapters
    assert progress_module.main([str(SOLUTION), str(course / NAME), "--course", str(course),
                                 "--json", "--timeout", str(CELL_TIMEOUT)]) == 0
    rows = json.loads(capsys.readouterr().out)["exercises"]
    assert [row["status"] for row in rows] == ["done", "done", "not attempted", "not attempted"]
    assert [row["message"] for row in rows] == check_cell_outputs(read(SOLUTION)) + check_cell_outputs(read(chapter))
    assert progress_module.summary(rows) == "2 of 4 exercises done, chapter 1 is next."
    assert progress_module.table(rows).splitlines() == [
        "chapter  exercise           status         reason",
        "01       neuron_output      done",
        "01       neuron_output_any  done",
        "01       neuron_output      not attempted",
        "01       neuron_output_any  not attempted"]


def test_progress_and_grade_refuse_what_they_cannot_run(tmp_path, course, capsys):
    assert progress_module.main([str(tmp_path / "missing")]) == 1
    assert "missing does not exist" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert grade_module.main([str(tmp_path / "empty"), "--out", str(tmp_path / "out"), "--course", str(course)]) == 1
    assert "holds no folders" in capsys.readouterr().err
