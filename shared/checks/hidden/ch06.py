"""Grading-only cases of chapter 06's checks: fixed edge cases and fresh random ones."""

import numpy as np

from shared.checks import Case
from shared.checks.ch06 import _bowl_loss, _line_loss

SHAPES = [(2, 2), (1, 2)]  # the bowl's parameters: a 2x2 weight matrix and a 1x2 bias row


def mirrored_reference(best_params, best_loss, loss_fn, perturbation):
    """The lowest of best_params, best_params + perturbation and best_params - perturbation."""
    options = [(best_params, best_loss)]
    for sign in (1, -1):
        candidate = [p + sign * d for p, d in zip(best_params, perturbation)]
        options.append((candidate, loss_fn(candidate)))
    return min(options, key=lambda option: option[1])  # min keeps the first of equal losses


def adaptive_reference(best_params, best_loss, loss_fn, noise, step, grow=2.0, shrink=2**-0.25):
    candidate = [p + step * n for p, n in zip(best_params, noise)]
    candidate_loss = loss_fn(candidate)
    if candidate_loss < best_loss:
        return candidate, candidate_loss, step * grow
    return best_params, best_loss, step * shrink


def _line(w, b):
    return [np.array([[w]]), np.array([[b]])]


def _draw(rng, scale=1.0):
    return [scale * rng.standard_normal(shape) for shape in SHAPES]


def _mirrored_fixed():
    start = _line(3.0, -1.0)
    return [
        Case(
            args=(start, 5 / 3, _line_loss, _line(0.5, -1.0)),
            expected=(_line(2.5, 0.0), 1.25 / 3),
            label="fitting a line: w, b = 3, -1 with perturbation (0.5, -1): minus wins "
            "(loss 1.667 -> 0.4167)",
        ),
        Case(
            args=(_line(2.0, 1.0), 0.0, _line_loss, _line(1.0, -1.0)),
            expected=(_line(2.0, 1.0), 0.0),
            label="a line already fitted exactly: both candidates are worse, keep it",
        ),
    ]


def _mirrored_fresh(rng):
    cases = []
    for _ in range(3):
        start = _draw(rng, 2.0)
        perturbation = _draw(rng, rng.uniform(0.2, 1.0))
        cases.append(
            Case(
                args=(start, _bowl_loss(start), _bowl_loss, perturbation),
                expected=mirrored_reference(start, _bowl_loss(start), _bowl_loss, perturbation),
                label="a random start on the bowl and a random perturbation",
            )
        )
    return cases


def _adaptive_fixed():
    return [
        Case(
            args=(_line(1.0, 0.0), 14 / 3, _line_loss, _line(4.0, 4.0), 0.25),
            kwargs={"grow": 3.0, "shrink": 0.1},
            expected=(_line(2.0, 1.0), 0.0, 0.75),
            label="fitting a line with step 0.25, grow=3, shrink=0.1: kept, step 0.25 -> 0.75",
        ),
        Case(
            args=(_line(2.0, 1.0), 0.0, _line_loss, _line(1.0, -1.0), 0.3),
            kwargs={"grow": 3.0, "shrink": 0.1},
            expected=(_line(2.0, 1.0), 0.0, 0.03),
            label="a line already fitted exactly: every proposal is rejected, step 0.3 -> 0.03",
        ),
    ]


def _adaptive_fresh(rng):
    cases = []
    for _ in range(3):
        start, noise = _draw(rng, 2.0), _draw(rng)
        step = float(rng.uniform(0.1, 1.5))
        kwargs = {"grow": float(rng.uniform(1.2, 3.0)), "shrink": float(rng.uniform(0.3, 0.9))}
        args = (start, _bowl_loss(start), _bowl_loss, noise, step)
        cases.append(
            Case(
                args=args,
                kwargs=kwargs,
                expected=adaptive_reference(*args, **kwargs),
                label=f"a random start on the bowl, random noise, step {step:.3f}",
            )
        )
    return cases


HIDDEN = {"mirrored_search_step": _mirrored_fixed, "adaptive_search_step": _adaptive_fixed}
FRESH = {"mirrored_search_step": _mirrored_fresh, "adaptive_search_step": _adaptive_fresh}
