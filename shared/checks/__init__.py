"""Exercise checks: run your code on fixed inputs and say, in one line, how it did.

Each chapter's checks live in shared/checks/chNN.py and are built from `run_check`:

    def check_relu(relu):
        run_check("relu", relu, [
            Case(args=(np.array([-1.0, 0.0, 2.0]),), expected=np.array([0.0, 0.0, 2.0])),
            Case(args=(np.array([[3.0, -4.0]]),), expected=np.array([[3.0, 0.0]]),
                 label="a batch of one row"),
        ])

and its grading-only cases in shared/checks/hidden/chNN.py:

    HIDDEN = {"relu": lambda: [Case(args=(np.array([-0.5, 7.0]),),
                                    expected=np.array([0.0, 7.0]))]}
    FRESH = {"relu": lambda rng: [Case(args=(x,), expected=np.maximum(x, 0))
                                  for x in [rng.normal(size=(3, 4))]]}

A check prints exactly one message and returns None (so the cell shows no Out[]):

    ✅ relu: correct on all 2 test inputs.
    ⏳ relu: not attempted yet. Write your code in the cell above, run it, then run ...
    ❌ relu: wrong for input a batch of one row.    (then what was expected, what came back)
    ❌ relu: for input a batch of one row, your code raised ValueError: ...
    ❌ relu: your code changed its argument `x` in place, for input ...

Every check tries at least two inputs with different answers, so a hard-coded answer fails.
Grading adds inputs that the notebook never shows (`grading()`), from the module of the same
name in shared/checks/hidden/ (or the module a check module names in HIDDEN_MODULE): fixed
edge cases, and fresh ones drawn from a seed made for each grading run, so that a table of
answers copied from the package fails. Each input has a time limit, and the learner's code can
change none of the inputs unless `may_change` says so.

Each input is run, then judged (shared/checks/cases.py); `planning()` records what a check
would run without running it, which is how the grader runs the two halves in two processes.
"""
import importlib
import os
import secrets
import sys
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..course.contract import MESSAGE_LIMIT
from .cases import TODO, UNCHANGED, Case, Outcome, Result, judge, run_case  # noqa: F401 - the API
from .compare import ATOL, RTOL, cap, close_enough, describe, show  # noqa: F401 - the public API

TIME_LIMIT = 5.0  # seconds a learner's code may take on one input

_grading = None  # the seed of the grading run in progress, or None


@contextmanager
def grading(seed=None):
    """Run checks as the grader does, grading-only cases included (also: NNFS_GRADING=1).

    `seed` draws the fresh cases; by default a new one for each check.
    """
    global _grading
    outer, _grading = _grading, seed if seed is not None else "fresh"
    try:
        yield
    finally:
        _grading = outer


def is_grading():
    return _grading is not None or os.environ.get("NNFS_GRADING") == "1"


def hidden_module_name(check_module):
    """The module of a check module's grading-only cases: its HIDDEN_MODULE, else for
    shared.checks.chNN the module shared.checks.hidden.chNN; None for neither."""
    named = getattr(sys.modules.get(check_module), "HIDDEN_MODULE", None)
    if named:
        return named
    if check_module.startswith("shared.checks."):
        return check_module.replace("shared.checks.", "shared.checks.hidden.", 1)
    return None


def grading_cases(title, check_module, seed=None):
    """The grading-only cases of the check `title` in `check_module` ("shared.checks.ch05").

    They live in its hidden module (see hidden_module_name), which defines HIDDEN = {title:
    function returning fixed cases} and FRESH = {title: function of a NumPy Generator
    returning new cases, their expected answers from the course's own code}.
    """
    name = hidden_module_name(check_module)
    if name is None:
        return []
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name != name:
            raise
        return []
    if seed is None:
        seed = secrets.randbits(64)
    fixed = module.HIDDEN.get(title, list)()
    fresh = module.FRESH.get(title, lambda rng: [])(np.random.default_rng(seed))
    cases = [*fixed, *fresh]
    for case in cases:
        case.hidden = True
    return cases


def loss_forward(loss_class, y_pred, y_true):
    """Call a learner's loss class as a check does: ``loss_class().forward(y_pred, y_true)``."""
    # an unclipped log(0) is reported, not warned
    with np.errstate(divide="ignore", invalid="ignore"):
        return loss_class().forward(y_pred, y_true)


def loss_backward(loss_class, dvalues, y_true):
    """Call a learner's loss class as a check does: the ``.dinputs`` its ``backward`` stores."""
    loss = loss_class()
    with np.errstate(divide="ignore", invalid="ignore"):
        loss.backward(dvalues, y_true)
    return loss.dinputs


def comparison(compare, parts):
    """The check's compare(got, expected) -> (ok, reason), by default close_enough with parts."""
    return compare or (lambda got, expected: close_enough(got, expected, parts))


def _same(a, b, compare):
    try:
        return compare(a, b)[0]
    except Exception:  # noqa: BLE001 - answers a compare cannot judge count as different
        return False


def validate(title, cases, compare):
    """The visible cases; ValueError when a check is badly made: fewer than two visible
    cases, or visible cases that all expect the same answer (a hard-coded answer would pass)."""
    visible = [case for case in cases if not case.hidden]
    if len(visible) < 2:
        raise ValueError(f"check {title!r} has {len(visible)} visible case(s): "
                         "it needs at least 2, so that a hard-coded answer fails")
    if all(_same(case.expected, visible[0].expected, compare) for case in visible[1:]):
        raise ValueError(f"check {title!r}: all its cases expect the same answer, "
                         "so a hard-coded answer would pass")
    return visible


def finish(title, result, count):
    """The check's Result: the first failing case's, cut to MESSAGE_LIMIT, else a pass."""
    if result is not None:
        return Result(result.status, cap(result.message, MESSAGE_LIMIT))
    return Result("pass", f"✅ {title}: correct on all {count} test inputs.")


def evaluate(title, fn, cases, *, call=None, compare=None, parts=None, may_change=(), extra=()):
    """Run `fn` on every case and return a Result. Nothing `fn` does makes this raise.

    call(fn, *args, **kwargs) turns a case into an answer (default: fn(*args, **kwargs));
    use it to build an object from a learner's class and call its methods.
    compare(got, expected) returns (ok, reason) (default: close_enough, with `parts` naming
    the items of a tuple answer). `may_change` names the arguments fn is meant to change.
    Raises ValueError when the check itself is badly made (see validate).
    `extra` are grading-only cases, run after the others when grading.
    """
    compare = comparison(compare, parts)
    cases = list(cases)
    visible = validate(title, cases, compare)
    active = [*cases, *extra] if is_grading() else visible
    for case in active:
        outcome = run_case(fn, case, call, TIME_LIMIT)
        result = judge(title, case, outcome, compare, set(may_change), TIME_LIMIT)
        if result is not None:
            return finish(title, result, len(active))
    return finish(title, None, len(active))


_collected = None  # the list that run_check appends to inside collect_results()


@contextmanager
def collect_results():
    """For tests: `with collect_results() as results:` gathers the Result of every run_check."""
    global _collected
    outer, _collected = _collected, []
    try:
        yield _collected
    finally:
        _collected = outer


@dataclass
class Plan:
    """What one run_check call would run: its arguments, and the module of the check."""

    title: str
    cases: list
    call: Callable | None
    compare: Callable | None
    parts: Any
    may_change: tuple
    module: str


_planned = None  # the list that run_check appends its Plan to inside planning()


@contextmanager
def planning():
    """`with planning() as plans:` a check records its Plan instead of running anything."""
    global _planned
    outer, _planned = _planned, []
    try:
        yield _planned
    finally:
        _planned = outer


def run_check(title, fn, cases, *, call=None, compare=None, parts=None, may_change=()):
    """Check `fn` on the cases (see evaluate) and print its one message.

    When grading, the grading-only cases of the calling check module are added.
    """
    module = sys._getframe(1).f_globals["__name__"]
    if _planned is not None:
        _planned.append(Plan(title, list(cases), call, compare, parts, tuple(may_change), module))
        return
    extra = ()
    if is_grading():
        seed = _grading if isinstance(_grading, int) else None
        extra = grading_cases(title, module, seed)
    result = evaluate(title, fn, cases, call=call, compare=compare, parts=parts,
                      may_change=may_change, extra=extra)
    print(result.message)
    if _collected is not None:
        _collected.append(result)
