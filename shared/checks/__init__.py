"""Exercise checks: run your code on fixed inputs and say, in one line, how it did.

Each chapter's checks live in shared/checks/chNN.py and are built from `run_check`:

    def check_relu(relu):
        run_check("relu", relu, [
            Case(args=(np.array([-1.0, 0.0, 2.0]),), expected=np.array([0.0, 0.0, 2.0])),
            Case(args=(np.array([[3.0, -4.0]]),), expected=np.array([[3.0, 0.0]]),
                 label="a batch of one row"),
        ])

A check prints exactly one message and returns None (so the cell shows no Out[]):

    ✅ relu: correct on all 2 test inputs.
    ⏳ relu: not attempted yet. Write your code in the cell above, run it, then run ...
    ❌ relu: wrong for input a batch of one row.    (then what was expected, what came back)
    ❌ relu: for input a batch of one row, your code raised ValueError: ...

Every check tries at least two inputs with different answers, so a hard-coded answer fails.
"""
import copy
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np

RTOL, ATOL = 1e-5, 1e-7  # float64 answers agree far closer than this, float32 ones too
TODO = "not attempted yet. Write your code in the cell above, run it, then run this check again."


@dataclass
class Case:
    """One test input: call fn(*args, **kwargs) and expect `expected`.

    `label` says in words what the input is ("a batch with negative numbers"); without it,
    messages show a short summary of the arguments.
    """

    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    expected: Any = None
    label: str | None = None


@dataclass
class Result:
    """What a check found: status "pass", "todo" (not attempted) or "fail", and its message."""

    status: str
    message: str


def close_enough(got, expected):
    """Compare an answer with the expected one; return (ok, reason), reason saying what is off.

    Floats and arrays: same shape, values within RTOL and ATOL. Tuples, lists and dicts:
    item by item. Anything else (ints, bools, strings): exactly equal.
    """
    if got is None and expected is not None:
        return False, "your code returned None: did you forget `return`?"
    if isinstance(expected, (tuple, list)):
        if not isinstance(got, (tuple, list)) or len(got) != len(expected):
            return False, f"expected a {type(expected).__name__} of {len(expected)} items"
        for index, (item, want) in enumerate(zip(got, expected)):
            ok, reason = close_enough(item, want)
            if not ok:
                return False, f"item {index}: {reason}"
        return True, ""
    if isinstance(expected, dict):
        if not isinstance(got, dict) or set(got) != set(expected):
            return False, f"expected a dict with keys {sorted(expected)}"
        for key, want in expected.items():
            ok, reason = close_enough(got[key], want)
            if not ok:
                return False, f"[{key!r}]: {reason}"
        return True, ""
    if isinstance(expected, (float, np.floating, np.ndarray)):
        try:
            got = np.asarray(got)
        except Exception:  # e.g. a ragged list
            return False, "expected numbers"
        if not (np.issubdtype(got.dtype, np.number) or got.dtype == bool):
            return False, f"expected numbers, got {got.dtype} values"
        if got.shape != np.shape(expected):
            return False, f"shape {got.shape}, expected shape {np.shape(expected)}"
        got, expected = got.astype(float), np.asarray(expected, dtype=float)  # True/False as 1/0
        if np.isnan(got).any() and not np.isnan(expected).any():
            return False, "your answer contains NaN (not a number)"
        if not np.allclose(got, expected, rtol=RTOL, atol=ATOL, equal_nan=True):
            return False, f"largest difference {np.nanmax(np.abs(got - expected)):.3g}"
        return True, ""
    try:
        same = bool(got == expected)
        return same, "" if same else f"expected {show(expected)}, got {show(got)}"
    except Exception:  # e.g. an array where one value was expected
        return False, f"expected a {type(expected).__name__}, got a {type(got).__name__}"


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


def show(value):
    """A value as messages print it: numpy scalars as plain numbers, arrays at 6 digits."""
    if isinstance(value, np.generic):
        value = value.item()
    with np.printoptions(precision=6, suppress=True, threshold=24, edgeitems=2, linewidth=75):
        try:
            return repr(value)
        except Exception:  # an object with a broken __repr__
            return f"<a {type(value).__name__}>"


def describe(value, width=70):
    """A one-line summary of a value: big arrays by shape and first row, others cut to width."""
    if isinstance(value, np.ndarray) and (value.ndim > 1 or value.size > 6):
        row = value.reshape(-1, value.shape[-1])[0] if value.size else value.reshape(-1)
        floats = np.issubdtype(row.dtype, np.floating)
        items = ", ".join(f"{item:.4g}" if floats else str(item) for item in row[:4])
        more = ", ..." if len(row) > 4 else ""
        where = "first row" if value.ndim > 1 else "starts"
        return f"array(shape={value.shape}, {where} [{items}{more}])"
    text = show(value).replace("\n", " ")
    return text if len(text) <= width else text[: width - 3] + "..."


def _describe_case(case):
    if case.label:
        return case.label
    parts = [describe(arg) for arg in case.args]
    parts += [f"{name}={describe(value)}" for name, value in case.kwargs.items()]
    return ", ".join(parts) or "(no arguments)"


def _wrong(title, label, expected, got, reason):
    lines = [f"expected: {show(expected)}", f"got:      {show(got)}"]
    if reason:
        lines.append(f"why:      {reason}")
    # Each line indented by 3; the later lines of a multi-line value by 13, under the first.
    body = ["   " + line.replace("\n", "\n" + " " * 13) for line in lines]
    return "\n".join([f"❌ {title}: wrong for input {label}.", *body])


def _same(a, b, compare):
    try:
        return compare(a, b)[0]
    except Exception:
        return False


def evaluate(title, fn, cases, *, call=None, compare=None):
    """Run `fn` on every case and return a Result. Nothing `fn` does makes this raise.

    call(fn, *args, **kwargs) turns a case into an answer (default: fn(*args, **kwargs));
    use it to build an object from a learner's class and call its methods.
    compare(got, expected) returns (ok, reason) (default: close_enough).
    Raises ValueError when the check itself is badly made: fewer than two cases, or cases
    that all expect the same answer (either way a hard-coded answer could pass).
    """
    call = call or (lambda fn, *args, **kwargs: fn(*args, **kwargs))
    compare = compare or close_enough
    cases = list(cases)
    if len(cases) < 2:
        raise ValueError(f"check {title!r} has {len(cases)} case(s): it needs at least 2, "
                         "so that a hard-coded answer fails")
    if all(_same(case.expected, cases[0].expected, compare) for case in cases[1:]):
        raise ValueError(f"check {title!r}: all its cases expect the same answer, "
                         "so a hard-coded answer would pass")

    for case in cases:
        label = _describe_case(case)
        args, kwargs = copy.deepcopy(case.args), copy.deepcopy(case.kwargs)  # fn may change them
        try:
            got = call(fn, *args, **kwargs)
        except NotImplementedError:
            return Result("todo", f"⏳ {title}: {TODO}")
        except Exception as error:
            raised = f"{type(error).__name__}: {error}"
            return Result("fail", f"❌ {title}: for input {label}, your code raised {raised}")
        try:
            ok, reason = compare(got, case.expected)
        except Exception as error:
            ok, reason = False, f"could not compare it: {type(error).__name__}: {error}"
        if not ok:
            return Result("fail", _wrong(title, label, case.expected, got, reason))
    return Result("pass", f"✅ {title}: correct on all {len(cases)} test inputs.")


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


def run_check(title, fn, cases, *, call=None, compare=None):
    """Check `fn` on the cases (see evaluate) and print its one message."""
    result = evaluate(title, fn, cases, call=call, compare=compare)
    print(result.message)
    if _collected is not None:
        _collected.append(result)
