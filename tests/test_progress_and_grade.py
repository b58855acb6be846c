"""Tests of python -m shared.course.progress and python -m shared.course.grade.

The grader is tested on the miniature chapter in tests/fixtures (exercises relu and
Layer_Dense.forward, checks in example_checks.py with grading-only cases in example_hidden/),
made into a learner's copy by the tools so that its exercise cells carry their ids; each fake
learner is that copy with some cells changed. The progress view is tested on the same chapter.
"""
import copy
import csv
import io
import json
import os
from contextlib import nullcontext, redirect_stdout

import example_checks
import pytest
from nbformat.v4 import new_code_cell
from nbtools import make_learner_copy, normalize, read, write

import shared.checks
from shared.course import grade as grade_module
from shared.course import progress as progress_module
from shared.course.contract import EXERCISE_KEY, ROOT
from shared.course.notebook import course_exercises
from shared.course.runner import run_notebook

FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLE = "01_example.ipynb"
IDS = ["01.relu", "01.dense_forward"]
CHECKS = {"01.relu": example_checks.check_relu,
          "01.dense_forward": example_checks.check_dense_forward}
CELL_TIMEOUT = 20  # seconds: ample for these cells on a busy machine; what the endless loop costs


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """The course's copy of the fixture chapter, made by the tools."""
    folder = tmp_path_factory.mktemp("course")
    learner, _ = make_learner_copy(normalize(read(FIXTURES / "solutions" / EXAMPLE)),
                                   f"solutions/{EXAMPLE}")
    write(normalize(learner), folder / EXAMPLE)
    return folder


@pytest.fixture(scope="module", autouse=True)
def kernels_find_example_checks():
    """The fixture chapter imports example_checks from "..", which a graded copy does not have."""
    before = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(FIXTURES), before]))
    yield
    os.environ.pop("PYTHONPATH") if before is None else os.environ.update(PYTHONPATH=before)


def exercise_cells(nb):
    """{exercise id: index of its cell}, from the cells' metadata."""
    return {entry["id"]: index for index, cell in enumerate(nb.cells)
            for entry in cell.metadata.get(EXERCISE_KEY, {}).get("exercises", [])}


def check_cells(nb):
    return [index for index, cell in enumerate(nb.cells) if cell.source.startswith("check_")]


def visible_cases(check):
    """The cases a check tries in a notebook, caught with a stand-in for run_check."""
    caught = []
    original = example_checks.run_check
    example_checks.run_check = lambda title, fn, cases, **_: caught.extend(cases)
    try:
        check(None)
    finally:
        example_checks.run_check = original
    return [case for case in caught if not case.hidden]


def hard_coded():
    """Answers that look the visible inputs up in a table of their expected outputs."""
    relu = {repr(case.args[0].tolist()): case.expected.tolist()
            for case in visible_cases(example_checks.check_relu)}
    dense = {repr(case.args[2].tolist()): case.expected.tolist()
             for case in visible_cases(example_checks.check_dense_forward)}
    return (f"def relu(x):\n    return np.array({relu!r}.get(repr(x.tolist()), 0.0))",
            "class Layer_Dense:\n    def __init__(self, weights, biases):\n        pass\n\n"
            "    def forward(self, inputs):\n"
            f"        self.output = np.array({dense!r}.get(repr(inputs.tolist()), 0.0))")


def learners(course):
    """The fake learners' notebooks of the fixture chapter: {name: notebook}."""
    blank, solved = read(course / EXAMPLE), read(FIXTURES / "solutions" / EXAMPLE)
    right = [solved.cells[exercise_cells(blank)[id]].source for id in IDS]
    no_biases = right[1].replace(" + self.biases", "")

    def learner(*sources):
        nb = copy.deepcopy(blank)
        for id, source in zip(IDS, sources):
            if source is not None:
                nb.cells[exercise_cells(nb)[id]].source = source
        return nb

    made = {
        "all_right": learner(*right),
        "cheater": learner("def relu(x):\n    return x", no_biases),
        "hard_coded": learner(*hard_coded()),
        "looping": learner("while True:\n    pass", right[1]),
        "moved": learner(*right),
        "nothing": learner(None, None),
        "some_wrong": learner("print('x' * 5_000_000)\n" + right[0], no_biases),
    }
    looping = made["looping"]  # which then kills its kernel before the second exercise
    looping.cells.insert(exercise_cells(looping)[IDS[1]], new_code_cell("import os\nos._exit(1)"))
    moved = made["moved"]  # also redoes the first exercise in a cell of its own, below the stub
    moved.cells.insert(exercise_cells(moved)[IDS[0]] + 1, new_code_cell(right[0]))
    stub = blank.cells[exercise_cells(blank)[IDS[0]]].source
    moved.cells[exercise_cells(moved)[IDS[0]]].source = stub
    for index in reversed(check_cells(moved)):
        del moved.cells[index]
    # the second exercise goes before the first
    moved.cells.insert(2, moved.cells.pop(exercise_cells(moved)[IDS[1]]))
    made["cheater"].cells.insert(2, new_code_cell(
        "import shared.checks, example_checks\n"
        "def always_right(*args, **kwargs):\n    print('✅ correct on all test inputs.')\n"
        "shared.checks.run_check = example_checks.run_check = always_right\n"
        "shared.checks.evaluate = lambda *args, **kwargs: shared.checks.Result('pass', '✅')\n"
        "example_checks.check_relu = example_checks.check_dense_forward = always_right\n"
        "check_relu = check_dense_forward = always_right"))
    return made


def check_message(id, source, grading):
    """What the course's check says, run in this process, about an answer's source."""
    namespace = {"np": __import__("numpy")}
    with redirect_stdout(io.StringIO()), shared.checks.grading() if grading else nullcontext(), \
            shared.checks.collect_results() as results:
        exec(source, namespace)
        CHECKS[id](namespace["relu" if id == "01.relu" else "Layer_Dense"])
    return results[-1].message


@pytest.fixture(scope="module")
def graded(course, tmp_path_factory):
    """The fake learners graded: (the output folder, their notebooks)."""
    submissions = tmp_path_factory.mktemp("submissions")
    made = learners(course)
    for name, nb in made.items():
        write(nb, submissions / name / EXAMPLE)
    before = {path: path.read_bytes() for path in submissions.rglob("*") if path.is_file()}
    out = tmp_path_factory.mktemp("out")
    assert grade_module.main([str(submissions), "--out", str(out), "--course", str(course),
                              "--timeout", str(CELL_TIMEOUT)]) == 0
    after = {path: path.read_bytes() for path in submissions.rglob("*") if path.is_file()}
    assert after == before, "the learners' files are never modified, and nothing is added"
    return out, made


VERDICTS = {
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
        assert list(csv.reader(file)) == [["learner", *IDS, "passed", "exercises", "notes"]] + [
            [name, *verdicts, str(verdicts.count("pass")), "2", ""]
            for name, verdicts in VERDICTS.items()]
    table = "".join(f"| {name} | {' | '.join(verdicts)} | {verdicts.count('pass')} of 2 |\n"
                    for name, verdicts in VERDICTS.items())
    assert (out / "gradebook.md").read_text(encoding="utf-8") == (
        "# Gradebook\n\n7 learners, 2 exercises; every check ran its hidden cases too.\n\n"
        f"| learner | {IDS[0]} | {IDS[1]} | passed |\n| --- | --- | --- | --- |\n" + table)


def feedback(name, verdicts, messages):
    """The feedback file expected for a learner: the verdicts and messages of IDS in order."""
    body = "".join(f"\n### {id}: {verdict}\n\n```text\n{message}\n```\n"
                   for id, verdict, message in zip(IDS, verdicts, messages))
    return (f"# Feedback for {name}\n\n{verdicts.count('pass')} of 2 exercises pass. Each check "
            "also tried inputs that the notebook does not show, so an answer must work in "
            f"general, not only on the inputs you saw.\n\n## {EXAMPLE}\n{body}")


def test_feedback_gives_each_checks_message(graded):
    out, made = graded
    text = {path.stem: path.read_text(encoding="utf-8") for path in (out / "feedback").iterdir()}
    assert sorted(text) == sorted(VERDICTS)

    def says(name, grading=True):
        """What the checks say, in this process, about the learner's answers."""
        cells = exercise_cells(made[name])
        return [check_message(id, made[name].cells[cells[id]].source, grading) for id in IDS]

    right = says("all_right")
    assert [message.split(" on all")[0] for message in right] == ["✅ relu: correct",
                                                                  "✅ Layer_Dense.forward: correct"]
    assert text["all_right"] == feedback("all_right", VERDICTS["all_right"], right)
    assert text["moved"] == text["all_right"].replace("all_right", "moved"), (
        "check cells gone, cells moved")
    wrong = says("some_wrong")[1]
    assert wrong.startswith(
        "❌ Layer_Dense.forward: wrong for input a batch of 2 samples with biases.")
    assert text["some_wrong"] == feedback("some_wrong", VERDICTS["some_wrong"], [right[0], wrong])
    in_the_notebook = says("hard_coded", grading=False)
    assert all(message.startswith("✅") for message in in_the_notebook), "passes the visible inputs"
    hidden = says("hard_coded")
    assert all("(a hidden grading input)" in message for message in hidden)
    assert text["hard_coded"] == feedback("hard_coded", VERDICTS["hard_coded"], hidden)
    looping = exercise_cells(made["looping"])
    loop, crash = looping[IDS[0]] + 1, looping[IDS[1]]
    assert text["looping"] == feedback("looping", VERDICTS["looping"], [
        f"⌛ relu: cell {loop}, which holds this exercise, did not finish within {CELL_TIMEOUT} s",
        f"💥 Layer_Dense: not checked: the kernel died during cell {crash} "
        "(a crash, or out of memory)"])
    todo = [f"⏳ relu: {shared.checks.TODO}", f"⏳ Layer_Dense.forward: {shared.checks.TODO}"]
    assert text["nothing"] == feedback("nothing", VERDICTS["nothing"], todo)
    assert text["cheater"] == feedback("cheater", VERDICTS["cheater"], says("cheater"))


def check_cell_outputs(nb):
    """The line each check cell of a stored notebook printed."""
    return [line for index in check_cells(nb)
            for line in nb.cells[index].outputs[0].text.splitlines()]


def test_progress_agrees_with_the_notebooks_own_check_cells(course, tmp_path, capsys):
    notebooks = [FIXTURES / "solutions" / EXAMPLE, FIXTURES / "chapters" / EXAMPLE]
    assert progress_module.main([*map(str, notebooks), "--course", str(course), "--json",
                                 "--timeout", str(CELL_TIMEOUT)]) == 0
    rows = json.loads(capsys.readouterr().out)["exercises"]
    for notebook, done in zip(notebooks, ["done", "not attempted"]):
        mine = [row for row in rows if row["notebook"] == str(notebook)]
        assert [row["message"] for row in mine] == check_cell_outputs(read(notebook))
        assert {row["status"] for row in mine} == {done}
    assert progress_module.summary(rows) == "2 of 4 exercises done, chapter 1 is next."
    assert progress_module.table(rows).splitlines() == [
        "chapter  exercise       status         reason",
        "01       relu           done",
        "01       dense_forward  done",
        "01       relu           not attempted",
        "01       dense_forward  not attempted"]


def test_progress_and_grade_refuse_what_they_cannot_run(tmp_path, course, capsys, monkeypatch):
    assert progress_module.main([str(tmp_path / "missing")]) == 1
    assert "missing does not exist" in capsys.readouterr().err
    monkeypatch.setattr(progress_module, "DEFAULT_FOLDER", tmp_path / "my_work")
    # the learner's working folder, when there is one, is the default
    (tmp_path / "my_work").mkdir()
    assert progress_module.main([]) == 1
    assert (f"no chapter notebooks (NN_slug.ipynb) in {tmp_path / 'my_work'}"
            in capsys.readouterr().err)
    (tmp_path / "scratch.ipynb").write_text("{}", encoding="utf-8")
    assert progress_module.main([str(tmp_path / "scratch.ipynb"), "--course", str(course)]) == 1
    assert "scratch.ipynb is not a chapter of the course" in capsys.readouterr().err
    (tmp_path / EXAMPLE).write_text("not a notebook", encoding="utf-8")
    broken = run_notebook(tmp_path / EXAMPLE, course_exercises(course / EXAMPLE),
                          workdir=tmp_path, grading=True)
    assert {status for status, _ in broken.values()} == {"error"}
    assert broken[IDS[0]][1].startswith(f"💥 relu: not checked: could not read {EXAMPLE}: ")
    (tmp_path / "class").mkdir()
    assert grade_module.main([str(tmp_path / "class"), "--out", str(tmp_path / "out"),
                              "--course", str(course)]) == 1
    assert "holds no folders" in capsys.readouterr().err
