"""Attacks on python -m shared.course.grade, each by a few lines of ordinary Python in a
learner's notebook, graded beside an honest learner: the attack never passes an exercise,
and the honest learner's result is never lost.

The class is the miniature chapter of tests/fixtures (exercises relu and Layer_Dense.forward),
made into a learner's copy by the tools. Each test grades its own small class in a separate
process with a time limit, so that an attack that hangs or kills the grader fails its test.
"""
import copy
import csv
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import example_checks
import numpy as np
import pytest
from nbformat.v4 import new_code_cell
from nbtools import make_learner_copy, normalize, read, write

from shared.course.contract import EXERCISE_KEY, ROOT

FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLE = "01_example.ipynb"
IDS = ["01.relu", "01.dense_forward"]
RIGHT = ["def relu(x):\n    return np.maximum(0.0, x)",
         "class Layer_Dense:\n    def __init__(self, weights, biases):\n"
         "        self.weights, self.biases = weights, biases\n\n"
         "    def forward(self, inputs):\n"
         "        self.output = inputs @ self.weights + self.biases"]
WRONG = ["def relu(x):\n    return x",
         "class Layer_Dense:\n    def __init__(self, weights, biases):\n"
         "        self.weights, self.biases = weights, biases\n\n"
         "    def forward(self, inputs):\n        self.output = inputs @ self.weights"]
RUN_LIMIT = 240  # seconds a whole grading run of a test may take before the test fails


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """The course's copy of the fixture chapter, made by the tools."""
    folder = tmp_path_factory.mktemp("course")
    solved = normalize(read(FIXTURES / "solutions" / EXAMPLE))
    learner, _ = make_learner_copy(solved, f"solutions/{EXAMPLE}")
    write(normalize(learner), folder / EXAMPLE)
    return folder


def exercise_cells(nb):
    return {entry["id"]: index for index, cell in enumerate(nb.cells)
            for entry in cell.metadata.get(EXERCISE_KEY, {}).get("exercises", [])}


def notebook(course, answers=RIGHT, before=()):
    """The learner's copy with these answers, and cells `before` inserted ahead of the exercises."""
    nb = copy.deepcopy(read(course / EXAMPLE))
    for id, source in zip(IDS, answers):
        nb.cells[exercise_cells(nb)[id]].source = source
    first = min(exercise_cells(nb).values())
    for offset, source in enumerate(before):
        nb.cells.insert(first + offset, new_code_cell(source))
    return nb


def grade(course, tmp_path, learners, *extra, limit=RUN_LIMIT, unsafe=False):
    """Grade {learner: notebook or {file name: notebook or bytes}}; return (out, stdout+stderr).

    Runs the command line in its own process, with a time limit.
    """
    submissions = tmp_path / "submissions"
    for name, files in learners.items():
        folder = Path(os.fsdecode(name if isinstance(name, bytes) else name.encode()))
        folder = submissions / folder
        folder.mkdir(parents=True, exist_ok=True)
        files = files if isinstance(files, dict) and "cells" not in files else {EXAMPLE: files}
        for file, content in files.items():
            path = folder / os.fsdecode(file)
            if isinstance(content, bytes):
                path.write_bytes(content)
            elif content is not None:
                write(content, path)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "shared.course.grade", str(submissions), "--out", str(out),
               "--course", str(course), "--timeout", "20", *extra]
    if unsafe:
        command.append("--unsafe-no-sandbox")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(FIXTURES)])}
    done = subprocess.run(command, capture_output=True, text=True, timeout=limit, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    return out, done.stdout + done.stderr


def gradebook(out):
    """{learner: {exercise id: verdict}} from gradebook.csv."""
    with open(out / "gradebook.csv", encoding="utf-8") as file:
        rows = list(csv.reader(file))
    header = rows[0]
    return {row[0]: {id: row[header.index(id)] for id in IDS} for row in rows[1:]}


def feedback(out, learner_file):
    return (out / "feedback" / learner_file).read_text(encoding="utf-8")


def assert_no_pass_and_honest_graded(book, attackers):
    assert book["honest"] == {id: "pass" for id in IDS}, "the honest learner's result is kept"
    for name in attackers:
        assert "pass" not in book[name].values(), f"{name} passes an exercise: {book[name]}"


# --- 1. the grading function in the notebook's globals --------------------------------------

FORGE = """
import json
for name in [name for name in globals() if name.startswith("_nnfs_grade_")]:
    nonce = name[len("_nnfs_grade_"):]
    forged = json.dumps(["pass", "forged"])
    globals()[name] = (lambda nonce: lambda *args: print(nonce, forged))(nonce)
"""


def test_rebinding_the_graders_function_passes_nothing(course, tmp_path):
    out, _ = grade(course, tmp_path, {"honest": notebook(course),
                                      "forger": notebook(course, WRONG, [FORGE])})
    assert_no_pass_and_honest_graded(gradebook(out), ["forger"])


# --- 3. hidden cases: a lookup table, and the expected answer read from the caller's frame --


def visible_and_fixed_hidden(check):
    """Every case of a check a learner can read: the notebook's, and the fixed hidden ones."""
    caught = []
    original = example_checks.run_check
    example_checks.run_check = lambda title, fn, cases, **_: caught.append((title, list(cases)))
    try:
        check(None)
    finally:
        example_checks.run_check = original
    (title, cases), = caught
    hidden = getattr(example_checks, "HIDDEN_MODULE", None)
    if hidden:
        cases += __import__(hidden).HIDDEN.get(title, list)()
    return cases


def lookup_table():
    relu = {repr(case.args[0].tolist()): case.expected.tolist()
            for case in visible_and_fixed_hidden(example_checks.check_relu)}
    dense = {repr(case.args[2].tolist()): case.expected.tolist()
             for case in visible_and_fixed_hidden(example_checks.check_dense_forward)}
    return [f"def relu(x):\n    return np.array({relu!r}.get(repr(x.tolist()), 0.0))",
            "class Layer_Dense:\n    def __init__(self, weights, biases):\n        pass\n\n"
            "    def forward(self, inputs):\n"
            f"        self.output = np.array({dense!r}.get(repr(inputs.tolist()), 0.0))"]


def test_a_table_of_every_readable_answer_fails_on_fresh_inputs(course, tmp_path):
    out, _ = grade(course, tmp_path, {"honest": notebook(course),
                                      "table": notebook(course, lookup_table())})
    assert_no_pass_and_honest_graded(gradebook(out), ["table"])
    assert feedback(out, "table.md").count("(a hidden grading input)") == 2


FRAME_READER = """
import sys

def _expected():
    frame = sys._getframe(1)
    while frame is not None:
        for value in list(frame.f_locals.values()):
            if hasattr(value, "expected") and hasattr(value, "args"):
                return value.expected
        frame = frame.f_back
    return None
"""
FROM_THE_FRAME = ["def relu(x):\n    return _expected()",
                  "class Layer_Dense:\n    def __init__(self, weights, biases):\n        pass\n\n"
                  "    def forward(self, inputs):\n        self.output = _expected()"]


def test_the_expected_answer_is_not_in_the_learners_process(course, tmp_path):
    out, _ = grade(course, tmp_path, {"honest": notebook(course),
                                      "frames": notebook(course, FROM_THE_FRAME, [FRAME_READER])})
    assert_no_pass_and_honest_graded(gradebook(out), ["frames"])


# --- 4. a notebook that cheats only under the grader ----------------------------------------

DETECT_AND_CHEAT = FRAME_READER + """
import os
_graded = (any(name.startswith("_nnfs_grade_") for name in globals())
           or os.environ.get("NNFS_GRADING") == "1" or "nnfs-grade" in os.getcwd()
           or os.getuid() != int(os.environ.get("TEST_UID", os.getuid())))
if _graded:
""" + "\n".join("    " + line for line in FORGE.strip().splitlines()) + """
    try:
        import shared.checks
        shared.checks.close_enough = lambda *args, **kwargs: (True, "")
        shared.checks.evaluate = lambda *args, **kwargs: shared.checks.Result("pass", "forged")
    except Exception:
        pass
"""
SWITCHING = ["def relu(x):\n    return _expected() if _graded else x",
             "class Layer_Dense:\n    def __init__(self, weights, biases):\n        pass\n\n"
             "    def forward(self, inputs):\n"
             "        self.output = _expected() if _graded else inputs"]


def test_a_notebook_that_detects_the_grader_gains_nothing(course, tmp_path):
    out, _ = grade(course, tmp_path, {"honest": notebook(course),
                                      "detector": notebook(course, SWITCHING, [DETECT_AND_CHEAT])})
    assert_no_pass_and_honest_graded(gradebook(out), ["detector"])


# --- 5. the kernel's permissions -------------------------------------------------------------


def test_a_notebook_cannot_write_outside_its_own_temporary_folder(course, tmp_path):
    out, submissions = tmp_path / "out", tmp_path / "submissions"
    probe = ROOT / "shared" / "checks" / "zz_written_by_a_notebook.py"
    victim = submissions / "honest" / EXAMPLE
    attack = f"""
import os, time
for path in [{str(probe)!r}, {str(victim)!r}]:
    try:
        with open(path, "w") as file:
            file.write("# written by a learner's notebook")
    except OSError:
        pass
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        time.sleep(4)
        try:
            os.makedirs({str(out)!r}, exist_ok=True)
            with open({str(out / "gradebook.csv")!r}, "w") as file:
                file.write("learner,01.relu,01.dense_forward\\nwriter,pass,pass\\n")
        except OSError:
            pass
    os._exit(0)
"""
    try:
        out, _ = grade(course, tmp_path, {"honest": notebook(course),
                                          "writer": notebook(course, WRONG, [attack])})
        written = (out / "gradebook.csv").read_bytes()
        time.sleep(6)  # the detached child's delay, and more
        assert (out / "gradebook.csv").read_bytes() == written, "rewritten after the grader exited"
        assert not probe.exists(), "the course was written to"
        assert read(victim).cells[exercise_cells(read(victim))[IDS[0]]].source == RIGHT[0]
        assert_no_pass_and_honest_graded(gradebook(out), ["writer"])
    finally:
        probe.unlink(missing_ok=True)


# --- 6. one notebook never ends everyone's run ---------------------------------------------


def raw(course, change):
    """The bytes of the learner's copy (right answers) after change(notebook as JSON)."""
    data = json.loads(json.dumps(notebook(course)))
    change(data)
    return json.dumps(data).encode()


def exercise_cell(data, id):
    return next(cell for cell in data["cells"]
                if id in json.dumps(cell.get("metadata", {}).get(EXERCISE_KEY, {})))


def malformed(course):
    def set_in(id, key, value):
        def change(data):
            exercise_cell(data, id)["metadata"][EXERCISE_KEY][key] = value
        return change

    def without(key, where="cell"):
        def change(data):
            del (exercise_cell(data, IDS[0]) if where == "cell" else
                 exercise_cell(data, IDS[0])["metadata"][EXERCISE_KEY]["exercises"][0])[key]
        return change

    def replace(key, value):
        def change(data):
            data[key] = value
        return change

    def null_byte(data):
        exercise_cell(data, IDS[0])["source"] = "def relu(x):\x00\n    return x"

    def nested(data):
        data["cells"][1]["source"] = "(" * 100_000 + ")" * 100_000

    return {
        "exercises_a_string": raw(course, set_in(IDS[0], "exercises", "01.relu")),
        "exercise_without_id": raw(course, without("id", where="entry")),
        "cell_without_type": raw(course, without("cell_type")),
        "metadata_a_string": raw(course,
                                 lambda data: exercise_cell(data, IDS[0]).update(metadata="x")),
        "source_a_number": raw(course, lambda data: exercise_cell(data, IDS[0]).update(source=7)),
        "cells_a_dict": raw(course, replace("cells", {"a": 1})),
        "null_byte": raw(course, null_byte),
        "deeply_nested": raw(course, nested),
        "not_json": b"\xff\xfe not a notebook",
        "json_list": b"[1, 2, 3]",
    }


def test_malformed_notebooks_cost_only_their_learner(course, tmp_path):
    bad = malformed(course)
    out, _ = grade(course, tmp_path, {"honest": notebook(course), **bad})
    book = gradebook(out)
    assert book["honest"] == {id: "pass" for id in IDS}
    assert sorted(book) == sorted(["honest", *bad]), "every learner has a row"
    for name in bad:
        assert feedback(out, f"{name}.md").startswith(f"# Feedback for {name}")


KILLERS = {
    "kills_parent": "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)",
    "stops_parent": "import os, signal\nos.kill(os.getppid(), signal.SIGSTOP)",
}


def test_a_kernel_that_kills_or_stops_its_parent_costs_only_itself(course, tmp_path):
    learners = {name: notebook(course, RIGHT, [source]) for name, source in KILLERS.items()}
    out, _ = grade(course, tmp_path, {"honest": notebook(course), **learners}, limit=180)
    book = gradebook(out)
    assert book["honest"] == {id: "pass" for id in IDS}
    assert sorted(book) == sorted(["honest", *KILLERS])


def test_names_that_are_not_utf8_are_graded_and_written(course, tmp_path):
    learners = {"honest": notebook(course), b"caf\xe9": notebook(course),
                "plain": {b"01_\xff\xfe.ipynb": notebook(course)},
                "=cmd|' /C calc'!A0": notebook(course, WRONG), "new\nline | pipe": notebook(course)}
    out, _ = grade(course, tmp_path, learners)
    text = (out / "gradebook.csv").read_bytes().decode("utf-8")  # valid UTF-8 throughout
    rows = list(csv.reader(text.splitlines()))
    assert len(rows) == 1 + len(learners), "a row for every learner"
    verdicts = [row[1:3] for row in rows[1:]]
    assert verdicts.count(["pass", "pass"]) == 4, "the odd names are graded like any other"
    assert not any(row[0].startswith(("=", "+", "-", "@")) for row in rows[1:]), "no formulas"
    assert len(list((out / "feedback").iterdir())) == len(learners)
    assert all(path.name.isascii() and "\n" not in path.name
               for path in (out / "feedback").iterdir())
    assert (out / "gradebook.md").read_text(encoding="utf-8").count("\n| ") == 2 + len(learners)


# --- 7. time per notebook, and files that are not notebooks ----------------------------------


def test_the_time_limit_is_per_notebook(course, tmp_path):
    slow = notebook(course, RIGHT, ["import time\ntime.sleep(1.5)"] * 20)
    start = time.monotonic()
    out, _ = grade(course, tmp_path, {"honest": notebook(course), "slow": slow},
                   "--timeout", "2", "--notebook-timeout", "6")
    assert time.monotonic() - start < 25
    book = gradebook(out)
    assert book["honest"] == {id: "pass" for id in IDS}
    assert book["slow"] == {id: "timeout" for id in IDS}
    assert "6 s" in feedback(out, "slow.md")


def test_a_fifo_or_a_link_out_of_the_folder_is_not_read(course, tmp_path):
    submissions = tmp_path / "submissions"
    (submissions / "fifo").mkdir(parents=True)
    os.mkfifo(submissions / "fifo" / EXAMPLE)
    (submissions / "link").mkdir()
    secret = tmp_path / "outside.ipynb"
    write(notebook(course), secret)
    (submissions / "link" / EXAMPLE).symlink_to(secret)
    out, _ = grade(course, tmp_path, {"honest": notebook(course)}, limit=120)
    book = gradebook(out)
    assert book["honest"] == {id: "pass" for id in IDS}
    assert "pass" not in book["fifo"].values() and "pass" not in book["link"].values()
    assert "not a regular file" in feedback(out, "fifo.md")
    assert "outside" in feedback(out, "link.md")


# --- 8. the same chapter handed in twice -----------------------------------------------------


def test_the_newest_of_two_copies_of_a_chapter_is_graded_and_named(course, tmp_path):
    submissions = tmp_path / "submissions"
    old, new = submissions / "twice" / "01_mine.ipynb", submissions / "twice" / "01_mine (1).ipynb"
    old.parent.mkdir(parents=True)
    write(notebook(course, WRONG), old)
    write(notebook(course), new)
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    out, _ = grade(course, tmp_path, {"honest": notebook(course)})
    assert gradebook(out)["twice"] == {id: "pass" for id in IDS}
    assert "01_mine (1).ipynb" in feedback(out, "twice.md")
    assert "01_mine.ipynb" in feedback(out, "twice.md")


# --- 2. / 5. containers whose length lies, and the wrong kind of container -------------------


class Liar(tuple):
    def __len__(self):
        return 2

    def __iter__(self):
        return iter([])


def test_a_tuple_whose_length_lies_fails():
    from shared.checks import Case, evaluate
    cases = [Case(args=(1.0,), expected=(1.0, 2.0)), Case(args=(2.0,), expected=(2.0, 4.0))]
    result = evaluate("pair", lambda x: Liar(), cases)
    assert result.status == "fail" and "expected a tuple of 2 items" in result.message
    assert evaluate("pair", lambda x: Liar((x, 2 * x)), cases).status == "pass", "its items count"


def test_a_list_where_an_array_or_a_tuple_is_asked_for_fails_naming_the_kind():
    from shared.checks import Case, evaluate
    arrays = [Case(args=(1.0,), expected=np.array([1.0, 2.0])),
              Case(args=(2.0,), expected=np.array([2.0, 4.0]))]
    result = evaluate("pair", lambda x: [x, 2 * x], arrays)
    assert result.status == "fail" and "expected a NumPy array, got a list" in result.message
    pairs = [Case(args=(1.0,), expected=(1.0, 2.0)), Case(args=(2.0,), expected=(2.0, 4.0))]
    result = evaluate("pair", lambda x: [x, 2 * x], pairs)
    assert result.status == "fail" and "expected a tuple of 2 items, got a list" in result.message


# --- the sandbox ------------------------------------------------------------------------------

PROBE = """
import json, os, socket, sys, time
def _probe(port, hidden, submissions, out):
    report = {"uid": os.getuid(), "home": os.environ.get("HOME"), "cwd": os.getcwd()}
    children = 0
    try:
        for _ in range(400):
            pid = os.fork()
            if pid == 0:
                time.sleep(20)
                os._exit(0)
            children += 1
    except OSError:
        pass
    report["children"] = children
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
        report["network"] = True
    except OSError:
        report["network"] = False
    try:
        bytearray(12 * 2**30)
        report["memory"] = True
    except MemoryError:
        report["memory"] = False
    report["hidden"] = [name for folder in hidden if os.path.isdir(folder)
                        for name in os.listdir(folder)]
    report["submissions"] = os.path.exists(submissions)
    report["out"] = os.path.exists(out)
    report["course_writable"] = os.access(os.path.dirname(json.__file__), os.W_OK) or \\
        os.access(sys.modules["numpy"].__file__, os.W_OK)
    raise RuntimeError("PROBE" + json.dumps(report) + "END")
"""


@pytest.fixture(scope="module")
def probed(course, tmp_path_factory):
    """What a learner's code finds out about its sandbox, reported through a check's message."""
    tmp_path = tmp_path_factory.mktemp("probe")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    hidden = [str(ROOT / "shared" / "checks" / "hidden"), str(FIXTURES / "example_hidden")]
    places = f"{str(tmp_path / 'submissions')!r}, {str(tmp_path / 'out')!r}"
    call = f"_probe({port}, {hidden!r}, {places})"
    probe = notebook(course, [f"def relu(x):\n    {call}", RIGHT[1]], [PROBE])
    start = time.monotonic()
    out, _ = grade(course, tmp_path, {"honest": notebook(course), "probe": probe})
    seconds = time.monotonic() - start
    listener.close()
    text = feedback(out, "probe.md")
    assert "PROBE" in text, text
    report = json.loads(text.split("PROBE", 1)[1].split("END", 1)[0])
    return report, gradebook(out), seconds


def test_the_kernel_runs_as_an_unprivileged_user_of_its_own(probed):
    report, book, _ = probed
    assert report["uid"] != 0
    assert book["honest"] == {id: "pass" for id in IDS}


def test_a_fork_bomb_is_contained(probed):
    report, _, seconds = probed
    assert report["children"] < 200
    assert seconds < RUN_LIMIT


def test_the_kernel_has_no_network(probed):
    assert probed[0]["network"] is False


def test_the_kernel_has_a_memory_limit(probed):
    assert probed[0]["memory"] is False


def test_the_kernel_sees_no_hidden_cases_no_submissions_and_no_gradebook(probed):
    report = probed[0]
    assert report["hidden"] == [] and not report["submissions"] and not report["out"]


def test_the_kernel_writes_only_its_own_temporary_folder(probed):
    report = probed[0]
    assert not report["course_writable"]
    assert report["home"] == report["cwd"]


def test_without_the_sandbox_the_grader_refuses_unless_told(course, tmp_path, monkeypatch, capsys):
    from shared.course import grade as grade_module
    from shared.course import sandbox
    monkeypatch.setattr(sandbox, "BWRAP", str(tmp_path / "no-bwrap"))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(ROOT), str(FIXTURES)]))
    (tmp_path / "class" / "someone").mkdir(parents=True)
    write(notebook(course), tmp_path / "class" / "someone" / EXAMPLE)
    arguments = [str(tmp_path / "class"), "--out", str(tmp_path / "out"), "--course", str(course)]
    assert grade_module.main(arguments) == 1
    error = capsys.readouterr().err
    assert len(error.strip().splitlines()) == 1 and "--unsafe-no-sandbox" in error
    assert not (tmp_path / "out").exists()
    assert grade_module.main([*arguments, "--jobs", "1", "--unsafe-no-sandbox"]) == 0
    with open(tmp_path / "out" / "gradebook.csv", encoding="utf-8") as file:
        assert list(csv.reader(file))[1][1:3] == ["pass", "pass"]



def test_what_comes_back_from_a_kernel_is_read_as_typed_data_only():
    from shared.checks import close_enough
    from shared.course.wire import Malformed, decode, encode

    class Foo:
        def __init__(self):
            self.weights = np.ones((2, 2), dtype=np.float32)

    sent = {"pair": Liar((1.5, np.float32(2.0))), "array": np.arange(6).reshape(2, 3),
            "flag": np.bool_(True), "object": Foo(), "nothing": None, "text": "relu"}
    back = decode(json.loads(json.dumps(encode(sent))))
    assert back["pair"] == (1.5, np.float32(2.0)) and type(back["pair"]) is tuple
    assert type(back["pair"][1]) is np.float32 and type(back["flag"]) is np.bool_
    assert back["array"].dtype == sent["array"].dtype and (back["array"] == sent["array"]).all()
    assert type(back["object"]).__name__ == "Foo" and back["object"].weights.dtype == np.float32
    assert close_enough(back["object"], 1.0)[1] == "expected numbers, got object values"
    for node in [{"t": "array", "dtype": "|O8", "shape": [1], "data": ""},
                 {"t": "array", "dtype": "<f8", "shape": [2], "data": "AAAA"},
                 {"t": "pickle", "v": "gASVAAAAAAAAAAA="}, {"t": "int", "v": "__import__('os')"},
                 []]:
        with pytest.raises(Malformed):
            decode(node)


def test_the_course_is_bound_even_from_a_temporary_folder(tmp_path, monkeypatch):
    """A course checked out under /tmp (as CI may do) is still visible to the kernels, while
    other folders of the import path that lie in a temporary folder are not bound."""
    from shared.course import sandbox

    course, stray = tmp_path / "course", tmp_path / "stray"
    course.mkdir()
    stray.mkdir()
    monkeypatch.setattr(sandbox, "ROOT", course)
    monkeypatch.setenv("PYTHONPATH", str(stray))
    readable = sandbox._readable()
    assert str(course.resolve()) in readable
    assert str(stray.resolve()) not in readable
