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


def check_random_search_step(random_search_step):
    """Check random_search_step(best_params, best_loss, loss_fn, perturbation) on a kept step,
    a rejected step, and a kept step that fits a line exactly."""
    start = [np.zeros((2, 2)), np.zeros((1, 2))]  # bowl loss 15.25
    downhill = [np.array([[0.5, -1.0], [0.0, 1.0]]), np.array([[0.0, 0.5]])]
    uphill = [np.array([[-1.0, 1.0], [0.0, 0.0]]), np.array([[0.0, 0.0]])]
    line_start = [np.array([[1.0]]), np.array([[0.0]])]  # line loss 14/3
    line_step = [np.array([[1.0]]), np.array([[1.0]])]
    run_check("random_search_step", random_search_step, [
        Case(args=(start, 15.25, _bowl_loss, downhill),
             expected=([np.array([[0.5, -1.0], [0.0, 1.0]]), np.array([[0.0, 0.5]])], 5.75),
             label="a step towards the bottom of a bowl-shaped loss (loss 15.25 -> 5.75: keep it)"),
        Case(args=(start, 15.25, _bowl_loss, uphill),
             expected=([np.zeros((2, 2)), np.zeros((1, 2))], 15.25),
             label="a step away from the bottom of the bowl (loss 15.25 -> 23.25: reject it)"),
        Case(args=(line_start, 14 / 3, _line_loss, line_step),
             expected=([np.array([[2.0]]), np.array([[1.0]])], 0.0),
             label="fitting y = w x + b to (0, 1), (1, 3), (2, 5): w, b = 1, 0 -> 2, 1 (loss 4.667 -> 0)"),
    ])
