"""Grading-only cases of chapter 13's checks (see shared/checks/hidden/__init__.py)."""

import numpy as np

from shared.checks import Case
from shared.checks.ch13 import scaler_case


def _hidden_scalers():
    return [
        scaler_case(
            "train of 5 rows and 3 columns, test of 2 rows far outside its range",
            np.array(
                [
                    [1.0, 0.0, 2.0],
                    [2.0, 0.5, 2.0],
                    [4.0, 1.0, -2.0],
                    [8.0, 1.5, 0.0],
                    [16.0, 2.0, 1.0],
                ]
            ),
            np.array([[-5.0, 10.0, 3.0], [32.0, -1.0, 0.5]]),
        ),
        scaler_case(
            "train of 2 identical rows [[4, -1], [4, -1]] (both columns constant), test [[5, 0]]",
            np.array([[4.0, -1.0], [4.0, -1.0]]),
            np.array([[5.0, 0.0]]),
        ),
    ]


def _fresh_scalers(rng):
    cases = []
    for _ in range(3):
        rows, columns = int(rng.integers(3, 9)), int(rng.integers(1, 5))
        scale, offset = rng.uniform(0.5, 50, size=columns), rng.uniform(-100, 100, size=columns)
        X_train = (rng.normal(size=(rows, columns)) * scale + offset).round(2)
        X_test = (rng.normal(size=(int(rng.integers(1, 4)), columns)) * 2 * scale + offset).round(2)
        cases.append(
            scaler_case(
                f"a random train set of {rows}x{columns}, test of {len(X_test)} rows",
                X_train,
                X_test,
            )
        )
    return cases


def reference_shift(images, dx, dy):
    """Shift by padding with zeros and cutting out the window: not the chapter's own way."""
    n, height, width = images.shape
    py, px = min(abs(dy), height), min(abs(dx), width)
    padded = np.pad(images, ((0, 0), (py, py), (px, px)))
    top, left = py - np.clip(dy, -height, height), px - np.clip(dx, -width, width)
    return padded[:, top : top + height, left : left + width].copy()


def _shift_case(label, images, dx, dy):
    return Case(args=(images, dx, dy), expected=reference_shift(images, dx, dy), label=label)


def _hidden_shifts():
    floats = np.arange(15.0).reshape(1, 3, 5) / 2
    tall = np.arange(1, 13, dtype=np.uint8).reshape(1, 4, 3)
    return [
        _shift_case("one 3x5 image of floats, dx=2, dy=1", floats, 2, 1),
        _shift_case(
            "one 4x3 image numbered 1 to 12, dx=0, dy=4 (as far down as it is tall)", tall, 0, 4
        ),
        _shift_case("one 4x3 image numbered 1 to 12, dx=-2, dy=-3", tall, -2, -3),
    ]


def _fresh_shifts(rng):
    cases = []
    for _ in range(3):
        n, height, width = int(rng.integers(1, 4)), int(rng.integers(2, 7)), int(rng.integers(2, 7))
        images = rng.integers(1, 256, size=(n, height, width), dtype=np.uint8)
        dx, dy = (
            int(rng.integers(-width - 1, width + 2)),
            int(rng.integers(-height - 1, height + 2)),
        )
        cases.append(
            _shift_case(
                f"{n} random {height}x{width} uint8 image(s), dx={dx}, dy={dy}", images, dx, dy
            )
        )
    return cases


HIDDEN = {"StandardScaler": _hidden_scalers, "shift_images": _hidden_shifts}
FRESH = {"StandardScaler": _fresh_scalers, "shift_images": _fresh_shifts}
