"""The grader's half inside a learner's kernel: call the learner's answer on the inputs the
grader sent, and send back what came out (shared/course/wire.py). No expected answer is ever
here: the grader judges in its own process (shared/course/judging.py).

The grader runs one cell per check, ``answer(INPUTS, globals())``: INPUTS is a file it wrote
for this call under a fresh random name, holding the answer's name, the check's `call` (by
module and name), the cases' arguments and the time limit; the outcomes go to the file it
names, which the grader created for this call and reads back with a size limit.
"""
import importlib
import json
import os
import pickle

from ..checks.cases import Case, error_text, run_case
from .wire import TooLarge, digest, encode


def _missing(*args, **kwargs):
    raise NotImplementedError


def answer(inputs, namespace):
    """Run the job in the file `inputs` on the answer named there in `namespace`."""
    with open(inputs, "rb") as file:
        job = pickle.load(file)  # written by the grader for this call
    fn = namespace.get(job["answer"], _missing)
    call = None
    if job["call"]:
        module, name = job["call"]
        call = getattr(importlib.import_module(module), name)
    outcomes = []
    for args, kwargs in job["cases"]:
        before = [digest(value) for value in [*args, *kwargs.values()]]
        outcome = run_case(fn, Case(args=args, kwargs=kwargs), call, job["seconds"])
        outcomes.append(_node(outcome, before))
        if outcome.kind != "value":  # the check's verdict cannot depend on later cases
            break
    fd = os.open(job["out"], os.O_WRONLY | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        json.dump({"outcomes": outcomes}, file)


def _node(outcome, before):
    """An Outcome as JSON: the value and changed arguments as wire nodes."""
    node = {"kind": outcome.kind, "text": outcome.text, "unwritten": outcome.unwritten,
            "seconds": outcome.seconds}
    if outcome.kind == "value":
        try:
            node["value"] = encode(outcome.value)
            node["after"] = [{"t": "same"} if digest(after) == was and was is not None
                             else encode(after) for after, was in zip(outcome.after, before)]
        except TooLarge as error:
            return {"kind": "raised", "text": f"its answer is too large to check ({error})"}
        except Exception as error:  # noqa: BLE001 - e.g. an int of more digits than Python prints
            text = f"its answer could not be sent back ({error_text(error)})"
            return {"kind": "raised", "text": text}
        node["names"] = [str(name) for name in outcome.names]
    return node
