"""Run a learner's notebook in a fresh kernel and check its exercises: behind
shared.course.progress and shared.course.grade.

The learner's notebook is run cell by cell, check cells left out and stored outputs ignored
(shared/course/notebook.py finds the cells). Each exercise is checked where its check cell
would run: after the cells that follow the exercise's cell, before the next exercise's cell
or at the end. A check runs in two halves (shared/course/judging.py): the kernel only calls
the learner's answer on the check's inputs and sends back what came out; this process judges
it against the expected answers, which never enter the kernel. For grading, every kernel runs
in a sandbox (shared/course/sandbox.py). Cells and the whole notebook have time limits, and
whatever the notebook or its kernel does costs only that notebook's exercises.
"""
import os
import shutil
import subprocess
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError
from tqdm import tqdm

from . import judging
from .notebook import NotebookUnreadable, code_cells, locate, read_notebook
from .contract import CHECKING_THREADS, ROOT, blas_threads
from .sandbox import Sandbox
from .wire import Malformed

CELL_TIMEOUT = 120  # seconds per cell of the learner's; chapters take well under a minute
NOTEBOOK_TIMEOUT = 900  # seconds for a whole notebook: start, every cell and every check
CHECK_TIMEOUT = 60  # seconds per check, beyond the time limit the checks set per input
ANSWER_TIMEOUT = 10  # seconds for the kernel to answer again after a cell that ran too long
STARTUP_TIMEOUT = 60  # seconds for a kernel to start
HIDDEN = ROOT / "shared" / "checks" / "hidden"  # never in a kernel's view


class _QuietClient(NotebookClient):
    """Drops every output of the cells it runs (errors are read from the kernel's reply), so
    that printing megabytes costs nothing. A kernel manager given to it is not shut down by
    it: Sandbox.cleanup stops that kernel."""

    def output(self, outs, msg, display_id, cell_index):
        return None


class KernelStuck(Exception):
    """The kernel did not answer again after a cell that ran too long was interrupted."""


class OutOfTime(Exception):
    """The notebook's time is up."""


def first_line(text):
    """The first line of a message, for one-line reports."""
    return text.strip().splitlines()[0] if text.strip() else ""


def run_notebook(path, exercises, *, workdir=None, grading, seed=None, cell_timeout=CELL_TIMEOUT,
                 notebook_timeout=NOTEBOOK_TIMEOUT, sandbox=False, hide=(), within=None):
    """Run the notebook at `path` and check `exercises`; return {id: (status, message)}.

    status is one of "pass", "fail", "error", "timeout", "todo". With grading=True the
    checks also run their grading-only cases, drawn with `seed`. `workdir` is the kernel's
    working folder (default: a temporary one). sandbox=True runs the kernel in a sandbox
    that does not see the folders `hide`. `within`: the folder the notebook must be in.
    """
    answers = {entry["id"]: entry["answer"] for entry in exercises}
    try:
        nb = read_notebook(path, within)
    except NotebookUnreadable as error:
        return {id: ("error", f"💥 {answer}: not checked: {error}")
                for id, answer in answers.items()}
    try:
        checks = {entry["id"]: judging.plan(entry["check"], grading, seed) for entry in exercises}
    except Exception as error:  # noqa: BLE001 - a fault of the course's checks
        return {id: ("error", f"💥 {answer}: not checked: the course's check could not be "
                              f"planned ({type(error).__name__}: {first_line(str(error))})")
                for id, answer in answers.items()}
    hide = [*hide, HIDDEN, *judging.hidden_folders(checks.values())]
    place = Sandbox(hide, notebook_timeout + 60) \
        if sandbox else None
    channel = tempfile.mkdtemp(prefix="nnfs-channel-") if place is None else place.channel
    try:
        return _run(nb, exercises, checks, place, channel, workdir, cell_timeout, notebook_timeout)
    finally:
        if place is not None:
            place.cleanup()
        else:
            shutil.rmtree(channel, ignore_errors=True)


def _run(nb, exercises, checks, place, channel, workdir, cell_timeout, notebook_timeout):
    answers = {entry["id"]: entry["answer"] for entry in exercises}
    deadline = time.monotonic() + notebook_timeout
    cells = locate(nb, exercises)
    folder = place.home if place else (str(workdir) if workdir else channel)
    if place:
        client = _QuietClient(nbformat.v4.new_notebook(), km=place.kernel_manager())
    else:
        client = _QuietClient(nbformat.v4.new_notebook(), kernel_name="python3")
    client.allow_errors, client.interrupt_on_timeout = True, True
    client.error_on_timeout = {"ename": "timeout", "evalue": ""}
    client.shutdown_kernel, client.startup_timeout = "immediate", STARTUP_TIMEOUT
    client.resources = {"metadata": {"path": folder}}
    reply = {}
    client.on_cell_executed = lambda execute_reply, **_: reply.update(execute_reply["content"])

    def run(source, timeout):
        """Run one cell; return ("ok" | "error" | "timeout", its error line).

        Raises KernelStuck if the kernel does not answer a trivial cell after a timeout (the
        cell ignored the interrupt), and OutOfTime when the notebook's time is up.
        """
        left = deadline - time.monotonic()
        if left <= 0:
            raise OutOfTime
        cell = nbformat.v4.new_code_cell(source)
        client.nb.cells = [cell]
        client.timeout = max(1, int(min(timeout, left)))
        reply.clear()
        client.execute_cell(cell, 0)
        if reply.get("status") != "error":
            return "ok", ""
        if reply.get("ename") in ("timeout", "KeyboardInterrupt"):
            if source != "None" and run("None", ANSWER_TIMEOUT)[0] != "ok":
                raise KernelStuck
            if time.monotonic() >= deadline:
                raise OutOfTime
            return "timeout", ""
        return "error", f"{reply.get('ename')}: {first_line(str(reply.get('evalue', '')))}"

    results, pending, position = {}, [], ["the kernel's start"]

    def check_pending():
        for id in pending:
            position[0] = f"the check of {answers[id]}"
            results[id] = _check(run, checks[id], answers[id], channel, place)
        pending.clear()

    try:
        with client.setup_kernel(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL):
            for index, source in code_cells(nb):
                holds = [id for id, at in cells.items() if at == index]
                if holds:  # where the check cells of the exercises before it would have run
                    check_pending()
                position[0] = f"cell {index + 1}"
                state, error = run(source, cell_timeout)
                for id in holds:
                    if state == "timeout":
                        results[id] = ("timeout", f"⌛ {answers[id]}: {position[0]}, which holds "
                                       f"this exercise, did not finish within {cell_timeout} s")
                    elif state == "error":
                        results[id] = ("error", f"💥 {answers[id]}: {position[0]}, which holds "
                                       f"this exercise, raised {error}")
                    else:
                        pending.append(id)
            check_pending()
    except DeadKernelError:
        _fill(results, answers, "error", "not checked: the kernel died during {} (a crash, or "
                                         "out of memory)", position[0])
    except KernelStuck:
        _fill(results, answers, "timeout", "not checked: {} ran too long and did not stop when "
                                           "interrupted", position[0])
    except OutOfTime:
        _fill(results, answers, "timeout", "not checked: the notebook's time limit of "
                                           f"{notebook_timeout:g} s ran out during {{}}",
              position[0])
    except Exception as error:  # noqa: BLE001 - whatever else happens costs this notebook only
        _fill(results, answers, "error", f"not checked: the kernel failed during {{}} "
                                         f"({type(error).__name__}: {first_line(str(error))})",
              position[0])
    _fill(results, answers, "todo", "the exercise's cell is missing from the notebook: copy it "
                                    "back from the course's copy of the chapter")
    return results


def _fill(results, answers, status, text, position=None):
    icon = {"error": "💥", "timeout": "⌛", "todo": "⏳"}[status]
    for id, answer in answers.items():
        results.setdefault(id, (status, f"{icon} {answer}: {text.format(position)}"))


def _check(run, planned, answer, channel, place):
    """Run one check: the answer in the kernel, the judging here."""
    cell, outcome = judging.send(planned, answer, channel, place.owner if place else None)
    try:
        state, error = run(cell, CHECK_TIMEOUT + judging.TIME_LIMIT * len(planned.cases))
        if state == "timeout":
            return "timeout", f"⌛ {answer}: the check did not finish within {CHECK_TIMEOUT} s"
        if state == "error":
            return "error", (f"💥 {answer}: could not be checked: the check's own cell raised "
                             f"{error} in the kernel (does the notebook change a built-in or "
                             "a module of the course?)")
        return judging.verdict(planned, judging.receive(outcome))
    except Malformed as error:
        return "error", (f"💥 {answer}: could not be checked: the notebook broke the grader's "
                         f"channel ({error})")
    finally:
        for path in (outcome, outcome[:-4] + ".in"):
            try:
                os.unlink(path)
            except OSError:
                pass


def run_many(jobs, *, workers=None, **options):
    """Run notebooks in parallel, each in its own kernel, with a progress bar.

    jobs: {label: (notebook path, exercises, working folder or None, folder it must be in or
    None)}; `options` go to run_notebook. Returns {label: run_notebook's result}. A worker
    process that dies costs only the notebook it ran: the notebooks its pool did not finish
    run again, each in a pool of its own, and one that fails there too is reported.
    """
    workers = min(workers or os.cpu_count() or 1, len(jobs)) or 1
    with tqdm(total=len(jobs), unit="notebook") as bar:
        results, failed = _pool(jobs, list(jobs), workers, options, bar)
        for label in failed:
            alone, error = _pool(jobs, [label], 1, options, bar)
            results[label] = alone.get(label) or {
                entry["id"]: ("error", f"💥 {entry['answer']}: not checked: the grader's worker "
                                       f"failed ({error[label]!r})") for entry in jobs[label][1]}
            bar.update(0 if alone else 1)
    return results


def _pool(jobs, labels, workers, options, bar):
    """Run the jobs `labels` in a pool: ({label: result}, {label: error} of those that failed)."""
    results, failed = {}, {}
    with ProcessPoolExecutor(workers) as pool:
        futures = {pool.submit(_run_job, *jobs[label], options): label for label in labels}
        for future in as_completed(futures):
            label = futures[future]
            try:
                results[label] = future.result()
            except Exception as error:  # noqa: BLE001 - its worker died
                failed[label] = error
                continue
            bar.set_postfix_str(label, refresh=False)
            bar.update()
    return results, failed


def _run_job(path, exercises, workdir, within, options):
    os.environ.update(blas_threads(CHECKING_THREADS))
    return run_notebook(path, exercises, workdir=workdir, within=within, **options)
