"""Predict, then run: compare a learner's written-down prediction with what the run gave.

A chapter asks for a prediction before a revealing cell, in a variable the learner fills in
(``my_prediction = None`` until then); the cell after the run calls

    compare_prediction(my_prediction, final_loss, "the loss after 500 steps")

which prints one line saying how close the prediction was. It never raises and never blocks
the notebook: an unwritten prediction (None) gets a nudge and the actual value.
"""
import numbers

import numpy as np

NO_PREDICTION = "💭 {what}: no prediction written down (it is still None). The run gave {actual}."


def _show(value):
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, numbers.Real):
        return f"{float(value):.4g}"
    return repr(value)


def closeness(predicted, actual, tolerance=0.1):
    """One sentence on how close `predicted` is to `actual`.

    Numbers: right within `tolerance` (relative, or absolute for an actual value of 0),
    otherwise the ratio or the difference. Anything else (True/False, a word): equal or not.
    """
    number = (numbers.Real, np.number)
    if (isinstance(predicted, number) and isinstance(actual, number)
            and not isinstance(predicted, (bool, np.bool_))
            and not isinstance(actual, (bool, np.bool_))):
        predicted, actual = float(predicted), float(actual)
        if not np.isfinite(predicted):
            return f"your prediction {predicted} is not a finite number."
        off = abs(predicted - actual)
        if off <= tolerance * max(abs(actual), 1e-12) or (actual == 0 and off <= tolerance):
            return f"spot on: you predicted {_show(predicted)}, the run gave {_show(actual)}."
        if actual != 0 and predicted != 0 and np.sign(actual) == np.sign(predicted):
            ratio = max(predicted / actual, actual / predicted)
            side = "high" if abs(predicted) > abs(actual) else "low"
            return (f"you predicted {_show(predicted)}, the run gave {_show(actual)}: "
                    f"{ratio:.2g} times too {side}.")
        return (f"you predicted {_show(predicted)}, the run gave {_show(actual)}: "
                f"off by {_show(off)}.")
    same = isinstance(predicted, type(actual)) or isinstance(actual, type(predicted))
    try:
        same = same and bool(predicted == actual)
    except Exception:  # noqa: BLE001 - a prediction of any kind gets an answer, never a crash
        same = False
    if same:
        return f"right: you predicted {_show(predicted)}, and so it is."
    return f"not quite: you predicted {_show(predicted)}, the run gave {_show(actual)}."


def compare_prediction(predicted, actual, what, tolerance=0.1):
    """Print how close the learner's prediction of `what` was to `actual` (one line)."""
    if predicted is None:
        print(NO_PREDICTION.format(what=what, actual=_show(actual)))
        return
    print(f"💭 {what}: {closeness(predicted, actual, tolerance)}")
