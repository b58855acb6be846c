"""The grader's half of a check, in its own process: plan the check, send its inputs to the
learner's kernel, read back what the answer did, and judge it with the notebook's own code.

A check is planned by calling the course's check function under ``shared.checks.planning()``,
which records what its run_check would run. When grading, the grading-only cases of the
check's hidden module are added here (fixed and fresh ones, drawn with the run's seed): the
only process that imports hidden modules is this one.
"""
import importlib
import json
import os
import pickle
import secrets
import stat
from dataclasses import dataclass

from ..checks import (TIME_LIMIT, UNCHANGED, Outcome, comparison, finish, grading_cases,
                      hidden_module_name, judge, planning, validate)
from .wire import MAX_BYTES, Malformed, decode

MAX_OUTCOME_BYTES = 3 * MAX_BYTES  # base64 of a value and of the arguments it changed
KINDS = ("value", "todo", "raised", "exit", "timeout")


class CheckError(Exception):
    """The course's check cannot be run by the grader (a fault of the course, not the learner)."""


@dataclass
class Planned:
    title: str
    cases: list
    call: tuple | None  # (module, name) of the check's call function; None: fn(*args, **kwargs)
    compare: object
    may_change: set
    hidden: str | None  # the check module's hidden module, when grading


def plan(check, grading, seed):
    """The Planned check "module.check_name": the cases to run, grading-only ones included."""
    module, name = check.rsplit(".", 1)
    function = getattr(importlib.import_module(module), name)
    with planning() as plans:
        function(None)
    if len(plans) != 1:
        raise CheckError(f"{check} ran {len(plans)} checks: one run_check per check function")
    (found,) = plans
    compare = comparison(found.compare, found.parts)
    visible = validate(found.title, found.cases, compare)
    cases = [*found.cases, *grading_cases(found.title, found.module, seed)] if grading else visible
    call = None
    if found.call is not None:
        call = (found.call.__module__, found.call.__qualname__)
        if "." in call[1]:
            raise CheckError(f"{check}: its call function {call[1]} is not defined at the top "
                             "of its module, so a kernel cannot import it")
    return Planned(found.title, cases, call, compare, set(found.may_change),
                   hidden_module_name(found.module) if grading else None)


def hidden_folders(planned):
    """The folders of the hidden modules that planning imported: kept out of every kernel."""
    folders = set()
    for check in planned:
        try:
            module = importlib.import_module(check.hidden) if check.hidden else None
        except ImportError:
            continue
        if getattr(module, "__file__", None):
            folders.add(os.path.dirname(os.path.abspath(module.__file__)))
    return folders


def send(planned, answer, channel, owner=None):
    """Write the inputs of one call into the folder `channel` under a fresh random name.

    Returns (the cell that runs it in the kernel, the path of the outcome file). The outcome
    file is made empty here, owned by `owner` (uid, gid) when given; nothing is followed
    through a link, and no existing file is reused.
    """
    nonce = secrets.token_hex(16)
    inputs, outcome = os.path.join(channel, f"{nonce}.in"), os.path.join(channel, f"{nonce}.out")
    job = {"answer": answer, "call": planned.call, "seconds": TIME_LIMIT, "out": outcome,
           "cases": [(case.args, case.kwargs) for case in planned.cases]}
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
    with os.fdopen(os.open(inputs, flags, 0o644), "wb") as file:
        pickle.dump(job, file)
    os.close(os.open(outcome, flags, 0o600))
    if owner is not None:
        os.chown(outcome, *owner)
    cell = f"__import__('shared.course.inkernel', fromlist=['_']).answer({inputs!r}, globals())"
    return cell, outcome


def receive(path):
    """The outcomes in the file at `path`, a list of Outcome; Malformed if it is not valid."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        raise Malformed(f"no outcome ({error.strerror})") from error
    with os.fdopen(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise Malformed("the outcome is not a file")
        data = file.read(MAX_OUTCOME_BYTES + 1)
    if len(data) > MAX_OUTCOME_BYTES:
        raise Malformed("the answer's outcome is too large to read")
    try:
        nodes = json.loads(data)["outcomes"]
    except (ValueError, KeyError, TypeError, RecursionError) as error:
        raise Malformed("the outcome is not valid JSON") from error
    if not isinstance(nodes, list):
        raise Malformed("the outcomes are not a list")
    return [_outcome(node) for node in nodes]


def _outcome(node):
    if not isinstance(node, dict) or node.get("kind") not in KINDS:
        raise Malformed("an outcome of no known kind")
    text, unwritten = node.get("text") or "", node.get("unwritten")
    if not isinstance(text, str) or not isinstance(unwritten, (str, type(None))):
        raise Malformed("an outcome whose text is not a string")
    seconds = node.get("seconds")
    outcome = Outcome(node["kind"], text=text[:4000], unwritten=unwritten and unwritten[:200],
                      seconds=float(seconds) if isinstance(seconds, (int, float)) else 0.0)
    if outcome.kind == "value":
        names, after = node.get("names"), node.get("after")
        if not (isinstance(names, list) and isinstance(after, list)
                and all(isinstance(name, str) for name in names)):
            raise Malformed("an outcome without its arguments")
        outcome.value = decode(node.get("value"))
        outcome.after = [UNCHANGED if item == {"t": "same"} else decode(item) for item in after]
        outcome.names = [name[:200] for name in names]
    return outcome


def verdict(planned, outcomes):
    """(status, message) of the check from the outcomes of its cases, in order."""
    for index, case in enumerate(planned.cases):
        if index >= len(outcomes):
            raise Malformed("fewer outcomes than inputs")
        result = judge(planned.title, case, outcomes[index], planned.compare, planned.may_change,
                       TIME_LIMIT)
        if result is not None:
            result = finish(planned.title, result, len(planned.cases))
            return result.status, result.message
    result = finish(planned.title, None, len(planned.cases))
    return result.status, result.message
