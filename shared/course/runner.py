"""Run a learner's notebook in a fresh kernel and check its exercises: behind
shared.course.progress and shared.course.grade.

What is checked comes from the course, never from the learner's notebook: the course's
copy of the chapter (``chapters/NN_slug.ipynb``) lists its exercises in the metadata of its
exercise cells (written by tools/make_chapters.py), each with an id, a check and the name
of the answer. The learner's notebook is then run cell by cell, check cells left out and
stored outputs ignored. The cell that holds an exercise is found by the same id in its
metadata, wherever the learner moved it; the course's check is called on the answer where
the check cell would run: after the cells that follow the exercise's cell (a learner may
have redone it in a new cell), before the next exercise's cell or at the end.

The checks are loaded from the package's files into the kernel before any of the learner's
code runs, so a notebook that replaces ``shared.checks`` or its functions changes nothing;
each result comes back on a line marked with a random number made for this run, so nothing
a cell printed can pass for one. Cells have a time limit, their outputs are dropped, and a
kernel that dies costs only the exercises it had not reached.
"""
import ast
import importlib.util
import json
import os
import secrets
import subprocess
import tempfile
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError
from tqdm import tqdm

from .contract import CHECKING_THREADS, EXERCISE_KEY, MESSAGE_LIMIT, blas_threads, is_check_cell

CELL_TIMEOUT = 120  # seconds per cell of the learner's; chapters take well under a minute
CHECK_TIMEOUT = 60  # seconds per check, beyond the time limit the checks set per input
ANSWER_TIMEOUT = 10  # seconds for the kernel to answer again once a cell that ran too long is stopped

# The grader's part of the kernel, run before the learner's first cell. It loads private
# copies of the checks from their files (the core and its modules under the name
# `shared.checks` while the chapter modules import it, then out of sys.modules again), and
# keeps the namespace, the stream and json it needs before the learner can touch them.
SETUP = r'''
def _setup(nonce, core_path, modules, exercises, grading):
    import contextlib, importlib.util, io, json, os, sys
    def load(name, path, package=False):
        places = [os.path.dirname(path)] if package else None
        spec = importlib.util.spec_from_file_location(name, path, submodule_search_locations=places)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        return module
    def core_modules():
        return [name for name in sys.modules if name == "shared.checks" or name.startswith("shared.checks.")]
    saved = {name: sys.modules.pop(name) for name in core_modules()}
    try:
        core = load("shared.checks", core_path, package=True)
        loaded = {name: load(f"_grading_{nonce}_{index}", path)
                  for index, (name, path) in enumerate(modules.items())}
    finally:
        for name in core_modules():
            del sys.modules[name]
        sys.modules.update(saved)
    checks = {id: getattr(loaded[module], check) for id, (module, check, _) in exercises.items()}
    namespace, stream, dumps = globals(), sys.stdout, json.dumps
    def missing(*args, **kwargs):
        raise NotImplementedError
    def grade(id):
        answer = namespace.get(exercises[id][2], missing)
        mode = core.grading() if grading else contextlib.nullcontext()
        with contextlib.redirect_stdout(io.StringIO()), mode, core.collect_results() as results:
            try:
                checks[id](answer)
            except BaseException as error:
                results.append(core.Result("error", f"the check itself failed: {error!r}"))
        status, message = (results[-1].status, results[-1].message) if results else (
            "error", "the check returned no result")
        stream.write(f"{nonce} {dumps([status, str(message)[:{MESSAGE_LIMIT}]])}\n")
        stream.flush()
    return grade
'''


class _QuietClient(NotebookClient):
    """Keeps stdout of the grader's own cells, up to a limit, and drops every other output
    (errors are read from the kernel's reply instead), so that printing megabytes costs nothing."""

    keep_stdout = False

    def output(self, outs, msg, display_id, cell_index):
        if (self.keep_stdout and msg["msg_type"] == "stream" and msg["content"].get("name") == "stdout"
                and sum(len(out.get("text", "")) for out in outs) < 10 * MESSAGE_LIMIT):
            return super().output(outs, msg, display_id, cell_index)
        return None


class KernelStuck(Exception):
    """The kernel did not answer again after a cell that ran too long was interrupted."""


def exercises_of(nb):
    """The exercises a notebook's cells carry in their metadata: [(cell index, entry), ...]."""
    return [(index, entry) for index, cell in enumerate(nb.cells)
            for entry in cell.get("metadata", {}).get(EXERCISE_KEY, {}).get("exercises", [])]


def course_exercises(chapter):
    """The exercises of a course chapter, in order: [{"id", "check", "answer"}, ...]."""
    return [entry for _, entry in exercises_of(nbformat.read(chapter, as_version=4))]


def defines(cell, name):
    """True if a code cell defines `name` with a top-level def or class."""
    try:
        body = ast.parse(cell.source).body
    except SyntaxError:
        return False
    return any(isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name == name for node in body)


def locate(nb, exercises):
    """{exercise id: index of the learner's cell that holds it}; ids not found are left out.

    A cell is found by the id in its metadata; a notebook without ids (a solutions notebook)
    by the first cell that defines the answer.
    """
    tagged = {entry["id"]: index for index, entry in exercises_of(nb)}
    code = [i for i, cell in enumerate(nb.cells) if cell.cell_type == "code"]
    found = {}
    for entry in exercises:
        if entry["id"] in tagged:
            found[entry["id"]] = tagged[entry["id"]]
        elif not tagged:
            index = next((i for i in code if defines(nb.cells[i], entry["answer"])), None)
            if index is not None:
                found[entry["id"]] = index
    return found


def module_file(name):
    """The file a module would be imported from, found without running the notebook."""
    try:
        spec = importlib.util.find_spec(name)
    except ImportError:  # its package is missing
        spec = None
    if spec is None or not spec.origin:
        raise OSError(f"the check module {name} is not installed: "
                      "run python -m pip install -r requirements.txt")
    return spec.origin


def setup_source(nonce, exercises, grading):
    """The grader's setup cell, for these exercises."""
    table = {entry["id"]: (*entry["check"].rsplit(".", 1), entry["answer"]) for entry in exercises}
    modules = {module: module_file(module) for module, _, _ in table.values()}
    call = (f"_nnfs_grade_{nonce} = _setup({nonce!r}, {module_file('shared.checks')!r}, "
            f"{modules!r}, {table!r}, {grading!r})\ndel _setup")
    return SETUP.replace("{MESSAGE_LIMIT}", str(MESSAGE_LIMIT)) + call


def first_line(text):
    """The first line of a message, for one-line reports."""
    return text.strip().splitlines()[0] if text.strip() else ""


def run_notebook(path, exercises, *, workdir, grading, cell_timeout=CELL_TIMEOUT):
    """Run the notebook at `path` and check `exercises`; return {id: (status, message)}.

    status is one of "pass", "fail", "error", "timeout", "todo". With grading=True the
    checks also run their hidden cases. `workdir` is the kernel's working folder.
    """
    nonce = secrets.token_hex(16)
    results = {}
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as error:  # not JSON, not a notebook
        return {entry["id"]: ("error", f"could not read {Path(path).name}: {first_line(str(error))}")
                for entry in exercises}
    answers = {entry["id"]: entry["answer"] for entry in exercises}
    cells = locate(nb, exercises)
    client = _QuietClient(nbformat.v4.new_notebook(), kernel_name="python3", allow_errors=True,
                          interrupt_on_timeout=True, error_on_timeout={"ename": "timeout", "evalue": ""},
                          shutdown_kernel="immediate", resources={"metadata": {"path": str(workdir)}})
    reply = {}
    client.on_cell_executed = lambda execute_reply, **_: reply.update(execute_reply["content"])

    def run(source, timeout, grader=False):
        """Run one cell; return ("ok" | "error" | "timeout", its error line, stdout).

        Raises KernelStuck if the kernel does not answer a trivial cell after a timeout (the
        cell ignored the interrupt): every later cell would wait out its time limit too.
        """
        cell = nbformat.v4.new_code_cell(source)
        client.nb.cells = [cell]
        client.timeout, client.keep_stdout = timeout, grader
        reply.clear()
        client.execute_cell(cell, 0)
        stdout = "".join(out.get("text", "") for out in cell.outputs if out.output_type == "stream")
        if reply.get("status") != "error":
            return "ok", "", stdout
        if reply.get("ename") in ("timeout", "KeyboardInterrupt"):
            if source != "None" and run("None", ANSWER_TIMEOUT)[0] != "ok":
                raise KernelStuck
            return "timeout", "", stdout
        return "error", f"{reply.get('ename')}: {first_line(reply.get('evalue', ''))}", stdout

    position, pending = "the kernel's start", []  # exercises whose cell ran, not yet checked

    def check_pending():
        nonlocal position
        for id in pending:
            position = f"the check of {answers[id]}"
            results[id] = check(run, nonce, id, answers[id])
        pending.clear()

    try:
        with client.setup_kernel(stderr=subprocess.DEVNULL):
            state, error, _ = run(setup_source(nonce, exercises, grading), CHECK_TIMEOUT, grader=True)
            if state != "ok":
                return {id: ("error", f"💥 {answer}: not checked: the checks could not be loaded "
                                      f"({error or 'too slow'})") for id, answer in answers.items()}
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code" or is_check_cell(cell.source):
                    continue
                holds = [id for id, at in cells.items() if at == index]
                if holds:  # where the check cells of the exercises before it would have run
                    check_pending()
                position = f"cell {index + 1}"
                state, error, _ = run(cell.source, cell_timeout)
                for id in holds:
                    if state == "timeout":
                        results[id] = ("timeout", f"⌛ {answers[id]}: {position}, which holds this "
                                       f"exercise, did not finish within {cell_timeout} s")
                    elif state == "error":
                        results[id] = ("error", f"💥 {answers[id]}: {position}, which holds this "
                                       f"exercise, raised {error}")
                    else:
                        pending.append(id)
            check_pending()
    except DeadKernelError:
        for id in answers:
            results.setdefault(id, ("error", f"💥 {answers[id]}: not checked: the kernel died during "
                                    f"{position} (a crash, or out of memory)"))
    except KernelStuck:
        for id in answers:
            results.setdefault(id, ("timeout", f"⌛ {answers[id]}: not checked: {position} ran too long "
                                    "and did not stop when interrupted"))
    for id in answers:
        results.setdefault(id, ("todo", f"⏳ {answers[id]}: the exercise's cell is missing from the "
                                "notebook: copy it back from the course's copy of the chapter"))
    return results


def check(run, nonce, id, answer):
    """Call the grader's check for one exercise in the kernel and read back its result."""
    state, _, stdout = run(f"_nnfs_grade_{nonce}({id!r})", CHECK_TIMEOUT, grader=True)
    if state == "timeout":
        return "timeout", f"⌛ {answer}: the check did not finish within {CHECK_TIMEOUT} s"
    for line in reversed(stdout.splitlines()):  # the grader's line is the cell's last word
        if line.startswith(f"{nonce} "):
            status, message = json.loads(line[len(nonce) + 1:])
            return status, message
    return "error", f"💥 {answer}: could not be checked: the notebook broke the kernel's output"


def run_many(jobs, *, grading, cell_timeout=CELL_TIMEOUT, workers=None):
    """Run notebooks in parallel, each in its own kernel, with a progress bar.

    jobs: {label: (notebook path, exercises, working folder or None)}, the label naming the
    notebook on the bar; a working folder of None runs the notebook in a temporary folder of
    its own. Returns {label: run_notebook's result}.
    """
    workers = min(workers or os.cpu_count() or 1, len(jobs)) or 1
    results = {}
    with ProcessPoolExecutor(workers) as pool, tqdm(total=len(jobs), unit="notebook") as bar:
        futures = {pool.submit(_run_job, *job, grading, cell_timeout): label for label, job in jobs.items()}
        bar.set_postfix_str(", ".join(list(jobs)[:workers]))
        for future in as_completed(futures):
            results[futures[future]] = future.result()
            running = [label for other, label in futures.items() if not other.done()][:workers]
            bar.set_postfix_str(", ".join(running), refresh=False)
            bar.update()
    return results


def _run_job(path, exercises, workdir, grading, cell_timeout):
    """run_notebook in `workdir`, or in a fresh temporary folder that is removed afterwards."""
    os.environ.update(blas_threads(CHECKING_THREADS))
    if workdir is not None:
        return run_notebook(path, exercises, workdir=workdir, grading=grading, cell_timeout=cell_timeout)
    with tempfile.TemporaryDirectory(prefix="nnfs-grade-") as folder:
        workdir = Path(folder) / "notebook"
        workdir.mkdir()
        (Path(folder) / "data").mkdir()  # chapter 22 saves its example photo in ../data/
        return run_notebook(path, exercises, workdir=workdir, grading=grading, cell_timeout=cell_timeout)
