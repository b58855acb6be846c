"""Exercise checks for chapter 06: Introducing optimization.

The arrays a search step is given are made read-only while it runs, so that an in-place
update (`p += d`) fails at once with a message that names it.
"""

import numpy as np

from shared.checks import Case, run_check
from shared.checks.limits import argument_names

# A bowl-shaped loss: the squared distance of the parameters from BOWL_CENTRE, lowest (0) there.
BOWL_CENTRE = [np.array([[1.0, -2.0], [0.5, 3.0]]), np.array([[0.0, 1.0]])]
HILL_TOP = 20.0  # the hill loss is HILL_TOP minus the bowl loss: highest at BOWL_CENTRE


def _bowl_loss(params):
    return float(sum(np.sum((p - c) ** 2) for p, c in zip(params, BOWL_CENTRE)))


def _hill_loss(params):
    return HILL_TOP - _bowl_loss(params)


# A line y = w x + b fitted to three points by mean squared error; w = 2, b = 1 fits them exactly.
LINE_X, LINE_Y = np.array([0.0, 1.0, 2.0]), np.array([1.0, 3.0, 5.0])


def _line_loss(params):
    w, b = params
    return float(np.mean((w[0, 0] * LINE_X + b[0, 0] - LINE_Y) ** 2))


def _bowl_params(weights, biases):
    return [np.array(weights, dtype=float), np.array(biases, dtype=float)]


START = _bowl_params([[0.0, 0.0], [0.0, 0.0]], [[0.0, 0.0]])  # bowl loss 15.25
DOWNHILL = _bowl_params([[0.5, -1.0], [0.0, 1.0]], [[0.0, 0.5]])  # to loss 5.75 (minus: 29.75)
UPHILL = _bowl_params([[-1.0, 1.0], [0.0, 0.0]], [[0.0, 0.0]])  # to loss 23.25 (minus: 11.25)
TIE = _bowl_params(
    [[2.0, 0.0], [0.0, 0.0]], [[0.0, 0.0]]
)  # (2 - 1)**2 = (0 - 1)**2: 15.25 (minus: 23.25)
NEAR_TOP = _bowl_params([[1.5, -2.0], [0.5, 3.0]], [[0.0, 1.0]])  # hill loss 19.75
SIDEWAYS = _bowl_params(
    [[-1.0, 0.5], [1.0, 0.0]], [[0.0, -1.0]]
)  # on the hill: plus 17.5, minus 15.5

IN_PLACE = (
    "your code tried to change an array of `{params}` or `{change}` in place (`+=`, `-=`, "
    "`[...] =`); the check makes the arrays it gives you read-only to catch that. Build "
    "new arrays instead, as in `[p + d for p, d in zip({params}, {change})]`. Copying the "
    "list (`{params}.copy()`) is not enough: the copy holds the very same arrays."
)


def _read_only(arrays):
    for array in arrays:
        if isinstance(array, np.ndarray):
            array.flags.writeable = False


def call_with_read_only_arrays(fn, best_params, best_loss, loss_fn, change, *args, **kwargs):
    """Call a search step with its parameter and change arrays read-only; return its answer.

    An in-place update then raises, and is reported as changing `best_params` or the change.
    """
    _read_only(best_params)
    _read_only(change)
    try:
        return fn(best_params, best_loss, loss_fn, change, *args, **kwargs)
    except ValueError as error:
        if "read-only" not in str(error):
            raise
        names = argument_names(fn, None, 4, {})
        raise ValueError(IN_PLACE.format(params=names[0], change=names[3])) from None


def mirrored_cases():
    """The visible cases of mirrored_search_step."""
    return [
        Case(
            args=(START, 15.25, _bowl_loss, DOWNHILL),
            expected=(_add(START, DOWNHILL), 5.75),
            label="a bowl-shaped loss, plus the perturbation goes down (15.25 -> 5.75), "
            "minus it goes up (29.75): keep plus",
        ),
        Case(
            args=(START, 15.25, _bowl_loss, UPHILL),
            expected=(_add(START, UPHILL, -1), 11.25),
            label="the bowl, plus goes up (15.25 -> 23.25) but minus goes down (11.25): keep minus",
        ),
        Case(
            args=(START, 15.25, _bowl_loss, TIE),
            expected=(START, 15.25),
            label="the bowl, plus at the same height (15.25, a tie) and minus higher (23.25): "
            "keep the old parameters",
        ),
        Case(
            args=(BOWL_CENTRE, 20.0, _hill_loss, DOWNHILL),
            expected=(_add(BOWL_CENTRE, DOWNHILL), 17.5),
            label="the top of a hill (loss 20): plus and minus both go down to 17.5 (a tie): "
            "keep plus",
        ),
        Case(
            args=(NEAR_TOP, 19.75, _hill_loss, SIDEWAYS),
            expected=(_add(NEAR_TOP, SIDEWAYS, -1), 15.5),
            label="near the top of a hill (loss 19.75): plus goes down to 17.5, minus further, "
            "to 15.5: keep minus",
        ),
    ]


def _add(params, change, sign=1):
    return [p + sign * d for p, d in zip(params, change)]


def check_mirrored_search_step(mirrored_search_step):
    """Check mirrored_search_step(best_params, best_loss, loss_fn, perturbation) -> (params, loss):
    the lowest of best_params, best_params + perturbation and best_params - perturbation, the
    earlier of the three on a tie."""
    run_check(
        "mirrored_search_step",
        mirrored_search_step,
        mirrored_cases(),
        call=call_with_read_only_arrays,
        parts=("params", "loss"),
    )


def check_adaptive_search_step(adaptive_search_step):
    """Check adaptive_search_step(best_params, best_loss, loss_fn, noise, step, grow=2.0,
    shrink=2 ** -0.25) -> (params, loss, new_step): the step grows after a kept proposal and
    shrinks after a rejected one (a tie included)."""
    shrink = 2**-0.25
    half_downhill = [0.5 * p for p in DOWNHILL]
    run_check(
        "adaptive_search_step",
        adaptive_search_step,
        [
            Case(
                args=(START, 15.25, _bowl_loss, DOWNHILL, 1.0),
                expected=(DOWNHILL, 5.75, 2.0),
                label="step 1, a proposal down the bowl (loss 15.25 -> 5.75): keep it, step 1 -> 2",
            ),
            Case(
                args=(START, 15.25, _bowl_loss, half_downhill, 2.0),
                expected=(DOWNHILL, 5.75, 4.0),
                label="step 2, noise half as long: the same candidate, kept; step 2 -> 4",
            ),
            Case(
                args=(START, 15.25, _bowl_loss, UPHILL, 0.5),
                expected=(START, 15.25, 0.5 * shrink),
                label="step 0.5, a proposal up the bowl: reject it, step 0.5 -> 0.5 * 2**-0.25",
            ),
            Case(
                args=(START, 15.25, _bowl_loss, TIE, 1.0),
                expected=(START, 15.25, shrink),
                label="step 1, a proposal at the same height (a tie): reject it, "
                "step 1 -> 2**-0.25",
            ),
            Case(
                args=(START, 15.25, _bowl_loss, DOWNHILL, 1.0),
                kwargs={"grow": 1.5, "shrink": 0.5},
                expected=(DOWNHILL, 5.75, 1.5),
                label="grow=1.5, shrink=0.5, a proposal down the bowl: step 1 -> 1.5",
            ),
        ],
        call=call_with_read_only_arrays,
        parts=("params", "loss", "step"),
    )
