"""Exercise checks for chapter 10: Optimizers.

Every exercise is a pure function: the checks fail an answer that changes its input arrays.
"""

import numpy as np

from shared.checks import Case, close_enough, run_check
from shared.optimizers import Optimizer_Adam, Optimizer_SGD


def smoothed_reference(losses, beta=0.9):
    """Exponential moving average of a loss curve, corrected for starting at zero as Adam does."""
    average, smoothed = 0.0, []
    for t, loss in enumerate(losses, start=1):
        average = beta * average + (1 - beta) * loss
        smoothed.append(average / (1 - beta**t))
    return np.array(smoothed)


def smoothed_case(label, losses, beta):
    return Case(
        args=(losses,),
        kwargs={"beta": beta},
        expected=smoothed_reference(losses, beta),
        label=label,
    )


def _an_array(got, expected):
    if not isinstance(got, np.ndarray):
        return False, f"expected a numpy array, got a {type(got).__name__}"
    return close_enough(got, expected)


def check_smoothed_loss(smoothed_loss):
    """Check smoothed_loss(losses, beta=0.9) -> array of the bias-corrected moving average.

    By hand: [2, 1] with beta 0.5 gives 0.5 * 2 / 0.5 = 2, then (0.5 * 1 + 0.5 * 1) / 0.75 = 4/3.
    """
    run_check(
        "smoothed_loss",
        smoothed_loss,
        [
            smoothed_case(
                "a flat curve [1, 1, 1], beta 0.9: it must stay flat", [1.0, 1.0, 1.0], 0.9
            ),
            smoothed_case("[2, 1], beta 0.5", [2.0, 1.0], 0.5),
            smoothed_case(
                "a noisy falling curve [1, 0.5, 0.8, 0.2, 0.4], beta 0.9",
                [1.0, 0.5, 0.8, 0.2, 0.4],
                0.9,
            ),
            smoothed_case(
                "beta 0 (no memory: the curve itself), the array [0.7, 0.3, 0.9]",
                np.array([0.7, 0.3, 0.9]),
                0.0,
            ),
        ],
        compare=_an_array,
    )


def _valley_gradient(point):
    """The gradient of the chapter's valley, L = (w1^2 + 25 w2^2) / 2."""
    return point * np.array([1.0, 25.0])


def _cube(point):
    """The gradient of L = sum(w^4) / 4, whose steepness grows away from 0."""
    return point**3


def _nesterov_case(label, param, velocity, gradient_at, lr, momentum):
    # The reference rule: measure the gradient where momentum is about to carry the point.
    new_velocity = momentum * velocity - lr * gradient_at(param + momentum * velocity)
    return Case(
        args=(param, velocity, gradient_at, lr, momentum),
        expected=(param + new_velocity, new_velocity),
        label=label,
    )


def check_nesterov_update(nesterov_update):
    """Check nesterov_update(param, velocity, gradient_at, lr, momentum)
    -> (new_param, new_velocity).

    By hand, first case: look-ahead (-4, 1) + 0.8 * (0.5, -0.5) = (-3.6, 0.6), gradient there
    (-3.6, 15); v = (0.4, -0.4) - 0.02 * (-3.6, 15) = (0.472, -0.7); param (-3.528, 0.3).
    """
    run_check(
        "nesterov_update",
        nesterov_update,
        [
            _nesterov_case(
                "the valley's point (-4, 1) with velocity (0.5, -0.5), lr=0.02, momentum=0.8",
                np.array([-4.0, 1.0]),
                np.array([0.5, -0.5]),
                _valley_gradient,
                0.02,
                0.8,
            ),
            _nesterov_case(
                "gradient_at(w) = w**3 at w = [1, -2, 0.5], velocity [0.5, 0.5, 0], "
                "lr=0.1, momentum=0.9",
                np.array([1.0, -2.0, 0.5]),
                np.array([0.5, 0.5, 0.0]),
                _cube,
                0.1,
                0.9,
            ),
            _nesterov_case(
                "momentum=0 (plain gradient descent), the valley's point (2, -1), lr=0.03",
                np.array([2.0, -1.0]),
                np.array([1.0, 1.0]),
                _valley_gradient,
                0.03,
                0.0,
            ),
        ],
        parts=("new_param", "new_velocity"),
    )


def _adam_reference(param, grad, m, v, t, lr, beta_1, beta_2, eps):
    """One step of shared.Optimizer_Adam on `param`, its momentums `m` and cache `v`."""
    param, state = param.copy(), {"momentums": m.copy(), "cache": v.copy()}
    optimizer = Optimizer_Adam(learning_rate=lr, epsilon=eps, beta_1=beta_1, beta_2=beta_2)
    optimizer.iterations = t - 1  # shared counts finished steps; t numbers this one from 1
    optimizer.pre_update_params()
    optimizer.update(param, grad, state)
    return param, state["momentums"], state["cache"]


def _adam_case(label, *args):
    return Case(args=args, expected=_adam_reference(*args), label=label)


def check_adam_update(adam_update):
    """Check adam_update(param, grad, m, v, t, lr, beta_1, beta_2, eps) -> (param, m, v)
    against shared.Optimizer_Adam."""
    run_check(
        "adam_update",
        adam_update,
        [
            _adam_case(
                "first step (t=1, m and v zero): param [[0.5, -0.5]], grad [[0.2, -0.1]], lr=0.01",
                np.array([[0.5, -0.5]]),
                np.array([[0.2, -0.1]]),
                np.zeros((1, 2)),
                np.zeros((1, 2)),
                1,
                0.01,
                0.9,
                0.999,
                1e-7,
            ),
            _adam_case(
                "step t=3 of a 2x2 matrix with non-zero m and v, lr=0.05",
                np.array([[1.0, -2.0], [0.5, 0.0]]),
                np.array([[0.3, -0.6], [0.0, 1.2]]),
                np.array([[0.05, -0.1], [0.02, 0.1]]),
                np.array([[0.01, 0.04], [0.001, 0.2]]),
                3,
                0.05,
                0.9,
                0.999,
                1e-7,
            ),
            _adam_case(
                "step t=2 with beta_1=0.5, beta_2=0.9, eps=1e-3, lr=0.1",
                np.array([2.0, -1.0, 0.0]),
                np.array([1.0, 0.5, -4.0]),
                np.array([0.5, 0.25, -2.0]),
                np.array([0.1, 0.025, 1.6]),
                2,
                0.1,
                0.5,
                0.9,
                1e-3,
            ),
        ],
        parts=("new_param", "new_m", "new_v"),
    )


def _cosine_reference(step, total_steps, learning_rate, warmup_steps):
    """The rate shared's cosine schedule uses on `step` (counted from 0) of a run."""
    optimizer = Optimizer_SGD(learning_rate, schedule="cosine", warmup_steps=warmup_steps)
    optimizer.start_schedule(total_steps)
    optimizer.iterations = step
    return optimizer.scheduled_learning_rate()


def _cosine_case(label, step, total_steps, learning_rate, warmup_steps):
    return Case(
        args=(step, total_steps, learning_rate, warmup_steps),
        label=label,
        expected=_cosine_reference(step, total_steps, learning_rate, warmup_steps),
    )


def check_cosine_learning_rate(cosine_learning_rate):
    """Check cosine_learning_rate(step, total_steps, learning_rate, warmup_steps) against
    shared's cosine schedule. By hand: step 1 of 4 at 0.1 is 0.05 * (1 + cos(pi / 4)) = 0.0853553;
    step 3 of 12 with 2 warm-up steps is 0.05 * (1 + cos(pi / 10)) = 0.0975528."""
    run_check(
        "cosine_learning_rate",
        cosine_learning_rate,
        [
            _cosine_case("step 1 of 4, learning_rate 0.1, no warm-up", 1, 4, 0.1, 0),
            _cosine_case(
                "step 0 (the first) of 2000, learning_rate 0.05, no warm-up", 0, 2000, 0.05, 0
            ),
            _cosine_case("step 3 of 12, learning_rate 0.1, 2 warm-up steps", 3, 12, 0.1, 2),
            _cosine_case(
                "step 2 of 12, learning_rate 0.1, 2 warm-up steps (steps 0 and 1 warm up: "
                "step 2 is the first of the cosine, at the full rate)",
                2,
                12,
                0.1,
                2,
            ),
            _cosine_case(
                "step 0 of 10, learning_rate 0.3, 4 warm-up steps (the first warm-up step)",
                0,
                10,
                0.3,
                4,
            ),
            _cosine_case(
                "step 1999 (the last) of 2000, learning_rate 1.0, 200 warm-up steps",
                1999,
                2000,
                1.0,
                200,
            ),
        ],
    )
