"""One input of a check, in two halves: run the learner's code on it (`run_case`, in the
process that holds that code), then judge what came out (`judge`, where the expected answer
is). A notebook's check does both in its own process; the grader runs the first half in the
learner's sandboxed kernel and the second in its own process, with this same code, so both
say the same about an answer.
"""
import copy
import time
from dataclasses import dataclass, field
from typing import Any

from ..course.contract import STUB_MESSAGE
from .compare import describe, show
from .limits import TimeUp, argument_names, changed, time_limit

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


class _Unchanged:
    def __repr__(self):
        return "UNCHANGED"


UNCHANGED = _Unchanged()  # in Outcome.after: an argument the call left exactly as it was


@dataclass
class Outcome:
    """What the learner's code did on one case.

    kind "value": it returned `value`; `after` holds the arguments after the call (positional,
    then keyword; UNCHANGED where the grader's kernel found them unchanged) and `names` their
    names. "todo": a stub raised NotImplementedError (`unwritten` names it when it is not the
    answer itself). "raised": `text` names the exception. "exit": it called exit().
    "timeout": it ran out of time. `seconds`: how long it ran.
    """

    kind: str
    value: Any = None
    after: list = field(default_factory=list)
    names: list = field(default_factory=list)
    text: str = ""
    unwritten: str | None = None
    seconds: float = 0.0


def default_call(fn, *args, **kwargs):
    return fn(*args, **kwargs)


def run_case(fn, case, call=None, seconds=None):
    """Call the learner's `fn` on a copy of the case's inputs, as `call` says; an Outcome.

    Nothing `fn` does makes this raise, except KeyboardInterrupt.
    """
    args, kwargs = copy.deepcopy(case.args), copy.deepcopy(case.kwargs)  # fn may change them
    start = time.perf_counter()
    try:
        with time_limit(seconds):
            got = (call or default_call)(fn, *args, **kwargs)
    except TimeUp:
        return Outcome("timeout", seconds=time.perf_counter() - start)
    except NotImplementedError as error:
        try:
            unwritten = _unwritten(fn, error)
        except Exception:  # noqa: BLE001 - a stub with a broken message or traceback
            unwritten = None
        return Outcome("todo", unwritten=unwritten)
    except KeyboardInterrupt:
        raise
    except SystemExit:
        return Outcome("exit")
    except BaseException as error:  # noqa: BLE001 - whatever the code does, the check answers
        return Outcome("raised", text=error_text(error))
    names = argument_names(fn, call, len(case.args), case.kwargs)
    return Outcome("value", value=got, after=[*args, *kwargs.values()], names=names,
                   seconds=time.perf_counter() - start)


def judge(title, case, outcome, compare, may_change=(), seconds=None):
    """The Result of one case from its Outcome, or None when the answer is right."""
    label = describe_case(case)
    if outcome.kind == "timeout":
        return Result("timeout", f"❌ {title}: took longer than {seconds:g} s for input "
                                 f"{label}: is there a loop that never ends?")
    if outcome.kind == "todo":
        if outcome.unwritten:
            return Result("todo", f"⏳ {title}: your code calls `{outcome.unwritten}`, which "
                                  "is not written yet. Finish that exercise first, then run "
                                  "this check again.")
        return Result("todo", f"⏳ {title}: {TODO}")
    if outcome.kind == "exit":
        return Result("error", f"❌ {title}: for input {label}, your code called exit(): "
                               "return the answer instead.")
    if outcome.kind != "value":
        return Result("error", f"❌ {title}: for input {label}, your code raised {outcome.text}")
    try:
        ok, reason = compare(outcome.value, case.expected)
    except Exception as error:  # noqa: BLE001 - a learner's answer may break any compare
        ok, reason = False, f"could not compare it: {error_text(error)}"
    if not ok:
        return Result("fail", _wrong(title, label, case.expected, outcome.value, reason))
    before = [*case.args, *case.kwargs.values()]
    for name, original, after in zip(outcome.names, before, outcome.after):
        if name not in may_change and after is not UNCHANGED and changed(original, after):
            return Result("fail", f"❌ {title}: your code changed its argument `{name}` in "
                                  f"place, for input {label}.\n   The exercise leaves its "
                                  "inputs as they are: compute a new value instead of assigning "
                                  f"into `{name}` (`*=`, `[...] =`), or work on a copy "
                                  f"(`{name} = {name}.copy()`).")
    return None


def describe_case(case):
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


def error_text(error):
    """'ValueError: its message', however broken the exception's own message is."""
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
    # a class: its methods and its bases'
    for cls in fn.__mro__[:-1] if isinstance(fn, type) else ():
        functions += vars(cls).values()
    if raised_in in [getattr(function, "__code__", None) for function in functions]:
        return None
    stub = STUB_MESSAGE.match(str(error))
    return stub[1] if stub else raised_in.co_qualname
