"""Exercise checks: run your code on fixed inputs and say, in one line, how it did.

Each chapter's checks live in shared/checks/chNN.py and are built from `run_check`:

    def check_relu(relu):
        run_check("relu", relu, [
            Case(args=(np.array([-1.0, 0.0, 2.0]),), expected=np.array([0.0, 0.0, 2.0])),
            Case(args=(np.array([[3.0, -4.0]]),), expected=np.array([[3.0, 0.0]]),
                 label="a batch of one row"),
            Case(args=(np.array([-0.5, 7.0]),), expected=np.array([0.0, 7.0]), hidden=True),
        ])

A check prints exactly one message and returns None (so the cell shows no Out[]):

    ✅ relu: correct on all 2 test inputs.
    ⏳ relu: not attempted yet. Write your code in the cell above, run it, then run ...
    ❌ relu: wrong for input a batch of one row.    (then what was expected, what came back)
    ❌ relu: for input a batch of one row, your code raised ValueError: ...
    ❌ relu: your code changed its argument `x` in place, for input ...

Every check tries at least two inputs with different answers, so a hard-coded answer fails.
Grading adds inputs that the notebook never shows (`grading()`), from the module of the same
name in shared/checks/hidden/: fixed edge cases, and fresh ones drawn from a seed made for
each grading run, so that a table of answers copied from the package fails. Each input has a
time limit, and the learner's code can change none of the inputs unless `may_change` says so.
"""
import copy
import importlib
import os
import secrets
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..course.contract import MESSAGE_LIMIT, STUB_MESSAGE
from .compare import ATOL, RTOL, cap, close_enough, describe, show  # noqa: F401 - the public API
from .limits import TimeUp, argument_names, changed, time_limit

TIME_LIMIT = 5.0  # seconds a learner's code may take on one input
TODO = "not attempted yet. Write your code in the cell above, run it, then run this check again."


@dataclass
class Case:
    """One test input: call fn(*args, **kwargs) and expect `expected`.

    `label` says in words what the input is ("a batch with negative numbers"); without it,
    messages show a short summary of the arguments. `hidden` marks a grading-only case.
    """

    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    expected: Any = None
    label: str | None = None
    hidden: bool = False


@dataclass
class Result:
    """What a check found, and its message. `status` is one of "pass", "fail" (a wrong
    answer), "error" (the code raised), "timeout" and "todo" (not attempted)."""

    status: str
    message: str


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


def grading_cases(title, check_module, seed=None):
    """The grading-only cases of the check `title` in `check_module` ("shared.checks.ch05").

    They live in the module of the same name under shared/checks/hidden/, which defines
    HIDDEN = {title: function returning fixed cases} and FRESH = {title: function of a NumPy
    Generator returning new cases, their expected answers from the course's own code}.
    """
    if not check_module.startswith("shared.checks."):
        return []
    name = check_module.replace("shared.checks.", "shared.checks.hidden.", 1)
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
    with np.errstate(divide="ignore", invalid="ignore"):  # an unclipped log(0) is reported, not warned
        return loss_class().forward(y_pred, y_true)


def loss_backward(loss_class, dvalues, y_true):
    """Call a learner's loss class as a check does: the ``.dinputs`` its ``backward`` stores."""
    loss = loss_class()
    with np.errstate(divide="ignore", invalid="ignore"):
        loss.backward(dvalues, y_true)
    return loss.dinputs


def _describe_case(case):
    if case.label:
        text = case.label
    else:
        parts = [describe(arg) for arg in case.args]
        parts += [f"{name}={describe(value)}" for name, value in case.kwargs.items()]
        text = ", ".join(parts) or "(no arguments)"
    return f"{text} (a hidden grading input)" if case.hidden else text


def _wrong(title, label, expected, got, reason):
    lines = [f"expected: {show(expected)}", f"got:      {show(got)}"]
    if reason:
        lines.append(f"why:      {reason}")
    # Each line indented by 3; the later lines of a multi-line value by 13, under the first.
    body = ["   " + line.replace("\n", "\n" + " " * 13) for line in lines]
    return "\n".join([f"❌ {title}: wrong for input {label}.", *body])


def _error_text(error):
    try:
        text = str(error)
    except Exception:  # noqa: BLE001 - an exception whose message itself fails
        text = "(its message could not be shown)"
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _unwritten(fn, error):
    """The name of the unfinished function whose stub raised `error`, if not `fn` itself."""
    tb = error.__traceback__
    while tb.tb_next is not None:
        tb = tb.tb_next
    raised_in = tb.tb_frame.f_code
    functions = [fn, getattr(fn, "__func__", None)]
    for cls in fn.__mro__[:-1] if isinstance(fn, type) else ():  # a class: its methods and its bases'
        functions += vars(cls).values()
    if raised_in in [getattr(function, "__code__", None) for function in functions]:
        return None
    stub = STUB_MESSAGE.match(str(error))
    return stub[1] if stub else raised_in.co_qualname


def _same(a, b, compare):
    try:
        return compare(a, b)[0]
    except Exception:  # noqa: BLE001
        return False


def _run_case(title, fn, case, call, compare, may_change, custom_call):
    """The Result of one case, or None when the answer is right."""
    label = _describe_case(case)
    args, kwargs = copy.deepcopy(case.args), copy.deepcopy(case.kwargs)  # fn may change them
    try:
        with time_limit(TIME_LIMIT):
            got = call(fn, *args, **kwargs)
    except TimeUp:
        return Result("timeout", f"❌ {title}: took longer than {TIME_LIMIT:g} s for input {label}: "
                                 "is there a loop that never ends?")
    except NotImplementedError as error:
        unwritten = _unwritten(fn, error)
        if unwritten:
            return Result("todo", f"⏳ {title}: your code calls `{unwritten}`, which is not written "
                                  "yet. Finish that exercise first, then run this check again.")
        return Result("todo", f"⏳ {title}: {TODO}")
    except KeyboardInterrupt:
        raise
    except SystemExit:
        return Result("error", f"❌ {title}: for input {label}, your code called exit(): "
                               "return the answer instead.")
    except BaseException as error:  # noqa: BLE001 - whatever the code does, the check answers
        return Result("error", f"❌ {title}: for input {label}, your code raised {_error_text(error)}")
    try:
        ok, reason = compare(got, case.expected)
    except Exception as error:  # noqa: BLE001
        ok, reason = False, f"could not compare it: {_error_text(error)}"
    if not ok:
        return Result("fail", _wrong(title, label, case.expected, got, reason))
    names = argument_names(fn, custom_call, len(case.args), case.kwargs)
    for name, before, after in zip(names, [*case.args, *case.kwargs.values()], [*args, *kwargs.values()]):
        if name not in may_change and changed(before, after):
            return Result("fail", f"❌ {title}: your code changed its argument `{name}` in place, for "
                                  f"input {label}.\n   The exercise leaves its inputs as they are: "
                                  f"compute a new value instead of assigning into `{name}` "
                                  f"(`*=`, `[...] =`), or work on a copy (`{name} = {name}.copy()`).")
    return None


def evaluate(title, fn, cases, *, call=None, compare=None, parts=None, may_change=(), extra=()):
    """Run `fn` on every case and return a Result. Nothing `fn` does makes this raise.

    call(fn, *args, **kwargs) turns a case into an answer (default: fn(*args, **kwargs));
    use it to build an object from a learner's class and call its methods.
    compare(got, expected) returns (ok, reason) (default: close_enough, with `parts` naming
    the items of a tuple answer). `may_change` names the arguments fn is meant to change.
    Raises ValueError when the check itself is badly made: fewer than two visible cases, or
    visible cases that all expect the same answer (either way a hard-coded answer could pass).
    `extra` are grading-only cases, run after the others when grading.
    """
    custom_call, call = call, call or (lambda fn, *args, **kwargs: fn(*args, **kwargs))
    compare = compare or (lambda got, expected: close_enough(got, expected, parts))
    cases = list(cases)
    visible = [case for case in cases if not case.hidden]
    if len(visible) < 2:
        raise ValueError(f"check {title!r} has {len(visible)} visible case(s): it needs at least 2, "
                         "so that a hard-coded answer fails")
    if all(_same(case.expected, visible[0].expected, compare) for case in visible[1:]):
        raise ValueError(f"check {title!r}: all its cases expect the same answer, "
                         "so a hard-coded answer would pass")
    active = [*cases, *extra] if is_grading() else visible
    for case in active:
        result = _run_case(title, fn, case, call, compare, set(may_change), custom_call)
        if result is not None:
            return Result(result.status, cap(result.message, MESSAGE_LIMIT))
    return Result("pass", f"✅ {title}: correct on all {len(active)} test inputs.")


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


def run_check(title, fn, cases, *, call=None, compare=None, parts=None, may_change=()):
    """Check `fn` on the cases (see evaluate) and print its one message.

    When grading, the grading-only cases of the calling check module are added.
    """
    extra = ()
    if is_grading():
        seed = _grading if isinstance(_grading, int) else None
        extra = grading_cases(title, sys._getframe(1).f_globals["__name__"], seed)
    result = evaluate(title, fn, cases, call=call, compare=compare, parts=parts,
                      may_change=may_change, extra=extra)
    print(result.message)
    if _collected is not None:
        _collected.append(result)
