"""Exercise checks for chapter 06: Introducing optimization."""
import numpy as np

from shared.checks import Case, run_check

# A bowl-shaped loss: the squared distance of the parameters from BOWL_CENTRE, lowest (0) there.
BOWL_CENTRE = [np.array([[1.0, -2.0], [0.5, 3.0]]), np.array([[0.0, 1.0]])]


def _bowl_loss(params):
    return float(sum(np.sum((p - c) ** 2) for p, c in zip(params, BOWL_CENTRE)))


# A line y = w x + b fitted to three points by mean squared error; w = 2, b = 1 fits them exactly.
LINE_X, LINE_Y = np.array([0.0, 1.0, 2.0]), np.array([1.0, 3.0, 5.0])


def _line_loss(params):
    w, b = params
    return float(np.mean((w[0, 0] * LINE_X + b[0, 0] - LINE_Y) ** 2))


def _bowl_params(weights, biases):
    return [np.array(weights, dtype=float), np.array(biases, dtype=float)]


START = _bowl_params([[0.0, 0.0], [0.0, 0.0]], [[0.0, 0.0]])  # bowl loss 15.25
DOWNHILL = _bowl_params([[0.5, -1.0], [0.0, 1.0]], [[0.0, 0.5]])  # to loss 5.75
UPHILL = _bowl_params([[-1.0, 1.0], [0.0, 0.0]], [[0.0, 0.0]])  # to loss 23.25
TIE = _bowl_params([[2.0, 0.0], [0.0, 0.0]], [[0.0, 0.0]])  # (2 - 1)**2 = (0 - 1)**2: still 15.25


def check_random_search_step(random_search_step):
    """Check random_search_step(best_params, best_loss, loss_fn, perturbation) on a kept step,
    a rejected step, a tie (rejected: not strictly lower), and a kept step that fits a line."""
    run_check("random_search_step", random_search_step, [
        Case(args=(START, 15.25, _bowl_loss, DOWNHILL), expected=(DOWNHILL, 5.75),
             label="a step towards the bottom of a bowl-shaped loss (loss 15.25 -> 5.75: keep it)"),
        Case(args=(START, 15.25, _bowl_loss, UPHILL), expected=(START, 15.25),
             label="a step away from the bottom of the bowl (loss 15.25 -> 23.25: reject it)"),
        Case(args=(START, 15.25, _bowl_loss, TIE), expected=(START, 15.25),
             label="a step to the other side of the bowl at the same height "
                   "(loss 15.25 -> 15.25, not strictly lower: reject it)"),
        Case(args=([np.array([[1.0]]), np.array([[0.0]])], 14 / 3, _line_loss,
                   [np.array([[1.0]]), np.array([[1.0]])]),
             expected=([np.array([[2.0]]), np.array([[1.0]])], 0.0),
             label="fitting y = w x + b to (0, 1), (1, 3), (2, 5): w, b = 1, 0 -> 2, 1 (loss 4.667 -> 0)"),
        Case(args=([np.array([[3.0]]), np.array([[-1.0]])], 5 / 3, _line_loss,
                   [np.array([[-0.5]]), np.array([[1.0]])]),
             expected=([np.array([[2.5]]), np.array([[0.0]])], 1.25 / 3), hidden=True,
             label="fitting a line: w, b = 3, -1 -> 2.5, 0 (loss 1.667 -> 0.4167)"),
    ], parts=("params", "loss"))


def check_adaptive_search_step(adaptive_search_step):
    """Check adaptive_search_step(best_params, best_loss, loss_fn, noise, step, grow=2.0,
    shrink=2 ** -0.25) -> (params, loss, new_step): the step grows after a kept proposal and
    shrinks after a rejected one (a tie included)."""
    shrink = 2 ** -0.25
    half_downhill = [0.5 * p for p in DOWNHILL]
    run_check("adaptive_search_step", adaptive_search_step, [
        Case(args=(START, 15.25, _bowl_loss, DOWNHILL, 1.0), expected=(DOWNHILL, 5.75, 2.0),
             label="step 1, a proposal down the bowl (loss 15.25 -> 5.75): keep it, step 1 -> 2"),
        Case(args=(START, 15.25, _bowl_loss, half_downhill, 2.0), expected=(DOWNHILL, 5.75, 4.0),
             label="step 2, noise half as long: the same candidate, kept; step 2 -> 4"),
        Case(args=(START, 15.25, _bowl_loss, UPHILL, 0.5), expected=(START, 15.25, 0.5 * shrink),
             label="step 0.5, a proposal up the bowl: reject it, step 0.5 -> 0.5 * 2**-0.25"),
        Case(args=(START, 15.25, _bowl_loss, TIE, 1.0), expected=(START, 15.25, shrink),
             label="step 1, a proposal at the same height (a tie): reject it, step 1 -> 2**-0.25"),
        Case(args=(START, 15.25, _bowl_loss, DOWNHILL, 1.0), kwargs={"grow": 1.5, "shrink": 0.5},
             expected=(DOWNHILL, 5.75, 1.5),
             label="grow=1.5, shrink=0.5, a proposal down the bowl: step 1 -> 1.5"),
        Case(args=([np.array([[1.0]]), np.array([[0.0]])], 14 / 3, _line_loss,
                   [np.array([[4.0]]), np.array([[4.0]])], 0.25),
             kwargs={"grow": 3.0, "shrink": 0.1},
             expected=([np.array([[2.0]]), np.array([[1.0]])], 0.0, 0.75), hidden=True,
             label="fitting a line with step 0.25, grow=3, shrink=0.1: kept, step 0.25 -> 0.75"),
        Case(args=([np.array([[2.0]]), np.array([[1.0]])], 0.0, _line_loss,
                   [np.array([[1.0]]), np.array([[-1.0]])], 0.3),
             kwargs={"grow": 3.0, "shrink": 0.1},
             expected=([np.array([[2.0]]), np.array([[1.0]])], 0.0, 0.03), hidden=True,
             label="a line already fitted exactly: every proposal is rejected, step 0.3 -> 0.03"),
    ], parts=("params", "loss", "step"))
