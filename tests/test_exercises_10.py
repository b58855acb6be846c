"""Chapter 10's exercise checks: each passes the solution in solutions/, finds the stub in
chapters/ "not attempted yet", and fails the wrong answers a learner typically writes."""
import math

import make_chapters
import numpy as np
import pytest
from exercise_support import defined, expected_answers_table, hidden_module, recorded, result_of

from shared.checks import ch10

CHECKS = {"smoothed_loss": ch10.check_smoothed_loss,
          "nesterov_update": ch10.check_nesterov_update,
          "adam_update": ch10.check_adam_update,
          "cosine_learning_rate": ch10.check_cosine_learning_rate}


@pytest.mark.parametrize("name", CHECKS)
def test_the_solution_passes_with_the_hidden_cases(name):
    outcome = result_of(CHECKS[name], defined(make_chapters.SOLUTIONS, 10, name))
    assert outcome.status == "pass", outcome.message


@pytest.mark.parametrize("name", CHECKS)
def test_the_stub_is_not_attempted_yet(name):
    outcome = result_of(CHECKS[name], defined(make_chapters.CHAPTERS, 10, name))
    assert outcome.status == "todo", outcome.message


@pytest.mark.parametrize("name", CHECKS)
def test_grading_cases_live_in_the_hidden_module_fixed_and_fresh(name):
    title, cases = (recorded(CHECKS[name])[key] for key in ("title", "cases"))
    assert len(cases) >= 2 and not any(case.hidden for case in cases)
    hidden = hidden_module(CHECKS[name])
    assert hidden.HIDDEN[title]()
    assert 2 <= len(hidden.FRESH[title](np.random.default_rng(1))) <= 4


@pytest.mark.parametrize("name", CHECKS)
def test_the_solution_passes_the_grading_cases_of_several_seeds(name):
    for seed in range(5):
        outcome = result_of(CHECKS[name], defined(make_chapters.SOLUTIONS, 10, name), seed=seed)
        assert outcome.status == "pass", outcome.message


@pytest.mark.parametrize("name", CHECKS)
def test_a_table_of_the_visible_and_fixed_answers_passes_them_and_fails_on_fresh_inputs(name):
    known_only, result = expected_answers_table(CHECKS[name], seed=7)
    assert known_only.status == "pass"
    assert result.status == "fail"


# Wrong answers a learner might write, each with the status its check must give.

def smoothed_without_correction(losses, beta=0.9):
    average, smoothed = 0.0, []
    for loss in losses:
        average = beta * average + (1 - beta) * loss
        smoothed.append(average)
    return np.array(smoothed)


def smoothed_counting_from_zero(losses, beta=0.9):
    average, smoothed = 0.0, []
    for t, loss in enumerate(losses):
        average = beta * average + (1 - beta) * loss
        with np.errstate(divide="ignore", invalid="ignore"):
            smoothed.append(np.float64(average) / (1 - beta**t))
    return np.array(smoothed)


def smoothed_weights_swapped(losses, beta=0.9):
    average, smoothed = 0.0, []
    for t, loss in enumerate(losses, start=1):
        average = (1 - beta) * average + beta * loss
        smoothed.append(average / (1 - beta**t))
    return np.array(smoothed)


def smoothed_starting_at_the_first_loss(losses, beta=0.9):
    average, smoothed = losses[0], []
    for t, loss in enumerate(losses, start=1):
        average = beta * average + (1 - beta) * loss
        smoothed.append(average / (1 - beta**t))
    return np.array(smoothed)


def smoothed_as_a_list(losses, beta=0.9):
    return list(ch10.smoothed_reference(losses, beta))


def smoothed_in_place(losses, beta=0.9):
    average = 0.0
    for t in range(len(losses)):
        average = beta * average + (1 - beta) * losses[t]
        losses[t] = average / (1 - beta**(t + 1))
    return np.array(losses)


def nesterov_without_look_ahead(param, velocity, gradient_at, lr, momentum):
    new_velocity = momentum * velocity - lr * gradient_at(param)
    return param + new_velocity, new_velocity


def nesterov_in_place(param, velocity, gradient_at, lr, momentum):
    velocity *= momentum
    velocity -= lr * gradient_at(param + velocity)
    return param + velocity, velocity


def nesterov_looks_ahead_by_the_gradient_step(param, velocity, gradient_at, lr, momentum):
    new_velocity = momentum * velocity - lr * gradient_at(param + velocity)
    return param + new_velocity, new_velocity


def adam_without_bias_correction(param, grad, m, v, t, lr=0.001, beta_1=0.9, beta_2=0.999,
                                 eps=1e-7):
    m = beta_1 * m + (1 - beta_1) * grad
    v = beta_2 * v + (1 - beta_2) * grad**2
    return param - lr * m / (np.sqrt(v) + eps), m, v


def adam_counting_from_zero(param, grad, m, v, t, lr=0.001, beta_1=0.9, beta_2=0.999, eps=1e-7):
    m = beta_1 * m + (1 - beta_1) * grad
    v = beta_2 * v + (1 - beta_2) * grad**2
    with np.errstate(divide="ignore", invalid="ignore"):  # t - 1 = 0 on the first step
        m_hat, v_hat = m / (1 - beta_1**(t - 1)), v / (1 - beta_2**(t - 1))
        return param - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


def adam_returns_corrected_averages(param, grad, m, v, t, lr=0.001, beta_1=0.9, beta_2=0.999,
                                    eps=1e-7):
    m = (beta_1 * m + (1 - beta_1) * grad) / (1 - beta_1**t)
    v = (beta_2 * v + (1 - beta_2) * grad**2) / (1 - beta_2**t)
    return param - lr * m / (np.sqrt(v) + eps), m, v


def adam_in_place(param, grad, m, v, t, lr=0.001, beta_1=0.9, beta_2=0.999, eps=1e-7):
    m *= beta_1
    m += (1 - beta_1) * grad
    v *= beta_2
    v += (1 - beta_2) * grad**2
    param -= lr * (m / (1 - beta_1**t)) / (np.sqrt(v / (1 - beta_2**t)) + eps)
    return param, m, v


def cosine_warmup_off_by_one(step, total_steps, learning_rate, warmup_steps=0):
    if step < warmup_steps:
        return learning_rate * step / warmup_steps
    progress = (step - warmup_steps) / (total_steps - warmup_steps)
    return learning_rate * 0.5 * (1 + math.cos(math.pi * progress))


def cosine_warmup_including_its_end(step, total_steps, learning_rate, warmup_steps=0):
    """`<=` in the warm-up test: step == warmup_steps gets (W + 1) / W of the rate."""
    if warmup_steps and step <= warmup_steps:
        return learning_rate * (step + 1) / warmup_steps
    progress = (step - warmup_steps) / (total_steps - warmup_steps)
    return learning_rate * 0.5 * (1 + math.cos(math.pi * progress))


def cosine_over_the_whole_run(step, total_steps, learning_rate, warmup_steps=0):
    if step < warmup_steps:
        return learning_rate * (step + 1) / warmup_steps
    return learning_rate * 0.5 * (1 + math.cos(math.pi * step / total_steps))


def cosine_without_the_half(step, total_steps, learning_rate, warmup_steps=0):
    if step < warmup_steps:
        return learning_rate * (step + 1) / warmup_steps
    angle = math.pi * (step - warmup_steps) / (total_steps - warmup_steps)
    return learning_rate * (1 + math.cos(angle))


def cosine_ending_exactly_at_zero(step, total_steps, learning_rate, warmup_steps=0):
    if step < warmup_steps:
        return learning_rate * (step + 1) / warmup_steps
    progress = (step - warmup_steps) / (total_steps - 1 - warmup_steps)
    return learning_rate * 0.5 * (1 + math.cos(math.pi * progress))


def cosine_as_an_array(step, total_steps, learning_rate, warmup_steps=0):
    return np.array([learning_rate * 0.5 * (1 + math.cos(math.pi * step / total_steps))])


WRONG = [
    ("smoothed_loss", smoothed_without_correction, "wrong for input a flat curve"),
    ("smoothed_loss", smoothed_counting_from_zero, "wrong for input"),
    ("smoothed_loss", smoothed_weights_swapped, "wrong for input"),
    ("smoothed_loss", smoothed_starting_at_the_first_loss, "wrong for input"),
    ("smoothed_loss", smoothed_as_a_list, "expected a numpy array, got a list"),
    ("smoothed_loss", smoothed_in_place, "changed its argument `losses` in place"),
    ("smoothed_loss", lambda losses, beta=0.9: np.ones(len(losses)), "wrong for input"),
    ("nesterov_update", nesterov_without_look_ahead, "wrong for input"),
    ("nesterov_update", nesterov_in_place, "changed its argument `velocity` in place"),
    ("nesterov_update", nesterov_looks_ahead_by_the_gradient_step, "wrong for input"),
    ("nesterov_update", lambda param, *rest: (param, np.zeros_like(param)), "wrong for input"),
    ("adam_update", adam_without_bias_correction, "new_param"),
    ("adam_update", adam_counting_from_zero, "wrong for input"),
    ("adam_update", adam_returns_corrected_averages, "new_m"),
    ("adam_update", adam_in_place, "changed its argument `param` in place"),
    ("adam_update", lambda param, grad, m, v, *rest: (param - 0.01, m, v), "wrong for input"),
    ("cosine_learning_rate", cosine_warmup_off_by_one, "wrong for input step 0 of 10"),
    ("cosine_learning_rate", cosine_warmup_including_its_end, "wrong for input step 2 of 12"),
    ("cosine_learning_rate", cosine_over_the_whole_run, "wrong for input step 3 of 12"),
    ("cosine_learning_rate", cosine_without_the_half, "wrong for input"),
    ("cosine_learning_rate", cosine_ending_exactly_at_zero, "wrong for input"),
    ("cosine_learning_rate", cosine_as_an_array, "wrong for input"),
    ("cosine_learning_rate", lambda step, total_steps, learning_rate, warmup_steps=0: learning_rate,
     "wrong for input"),
]


@pytest.mark.parametrize("name, answer, message", WRONG,
                         ids=[f"{name}-{getattr(answer, '__name__', '?')}-{i}"
                              for i, (name, answer, message) in enumerate(WRONG)])
def test_typical_wrong_answers_fail(name, answer, message):
    outcome = result_of(CHECKS[name], answer)
    assert outcome.status == "fail", outcome.message
    assert message in outcome.message, outcome.message


def test_the_references_agree_with_hand_computation():
    # The docstrings' numbers, worked out by hand.
    new_param, new_velocity = ch10._nesterov_case(
        None, np.array([-4.0, 1.0]), np.array([0.5, -0.5]), ch10._valley_gradient, 0.02, 0.8,
    ).expected
    np.testing.assert_allclose(new_velocity, [0.472, -0.7])
    np.testing.assert_allclose(new_param, [-3.528, 0.3])
    assert ch10._cosine_reference(1, 4, 0.1, 0) == pytest.approx(0.0853553, abs=1e-7)
    assert ch10._cosine_reference(3, 12, 0.1, 2) == pytest.approx(0.0975528, abs=1e-7)
    assert ch10._cosine_reference(0, 10, 0.3, 4) == pytest.approx(0.075)
    assert ch10._cosine_reference(2, 12, 0.1, 2) == pytest.approx(0.1)
    np.testing.assert_allclose(ch10.smoothed_reference([2.0, 1.0], 0.5), [2.0, 4 / 3])
