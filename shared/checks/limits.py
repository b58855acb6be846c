"""What a check guards against while the learner's code runs: too much time, changed inputs."""
import inspect
import signal
import threading
from contextlib import contextmanager

import numpy as np


class TimeUp(BaseException):
    """Raised inside the learner's code when its time is up. Not an Exception, so that an
    `except Exception:` in their code does not swallow it."""


@contextmanager
def time_limit(seconds):
    """Raise TimeUp in the code run inside this block once `seconds` have passed.

    Uses SIGALRM, so it works in the main thread on Linux and macOS (where notebooks run their
    cells); elsewhere the code runs without a limit. After the first alarm it rings again every
    0.1 s, in case the code catches the first one with a bare `except:`.
    """
    if not seconds or not hasattr(signal, "setitimer") \
            or threading.current_thread() is not threading.main_thread():
        yield
        return
    running = True

    def ring(signum, frame):
        if running:
            raise TimeUp

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.1)
    try:
        yield
    finally:
        running = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_POSITIONAL = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)


def argument_names(fn, call, n_args, kwargs):
    """The names of a case's arguments, positional then keyword, as the learner sees them.

    Taken from call's signature (after its first parameter, fn) when a check uses `call`,
    else, or where call takes `*args`, from fn's; "argument 2" where no name is known.
    """
    names = _positional_names(call)[1:] if call else []
    names += _positional_names(fn)[len(names):]
    positional = [names[i] if i < len(names) else f"argument {i + 1}" for i in range(n_args)]
    return positional + list(kwargs)


def _positional_names(function):
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):  # a builtin without a signature
        return []
    return [p.name for p in parameters if p.kind in _POSITIONAL]


def changed(before, after, depth=0):
    """True if `after` is no longer what `before` was: arrays by shape, dtype and values,
    containers item by item, objects attribute by attribute. Functions and classes count as
    unchanged."""
    if depth > 10 or callable(before):
        return False
    if isinstance(before, np.ndarray):
        if (not isinstance(after, np.ndarray)
                or (after.shape, after.dtype) != (before.shape, before.dtype)):
            return True
        try:
            return not np.array_equal(before, after, equal_nan=before.dtype.kind in "fc")
        except TypeError:  # values that cannot be compared as numbers
            return not np.array_equal(before, after)
    if isinstance(before, (list, tuple)):
        return (type(after) is not type(before) or len(after) != len(before)
                or any(changed(b, a, depth + 1) for b, a in zip(before, after)))
    if isinstance(before, dict):
        return (not isinstance(after, dict) or set(after) != set(before)
                or any(changed(before[key], after[key], depth + 1) for key in before))
    if isinstance(before, (float, np.generic)):  # NaN stays NaN
        return changed(np.asarray(before), np.asarray(after), depth + 1)
    if hasattr(before, "__dict__"):
        return changed(vars(before), getattr(after, "__dict__", None), depth + 1)
    try:
        return bool(before != after)
    except Exception:  # noqa: BLE001 - a value that cannot be compared counts as unchanged
        return False
