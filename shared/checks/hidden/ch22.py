"""Grading-only cases of chapter 22's checks (see shared/checks/hidden/__init__.py)."""
import numpy as np

from shared.checks.ch22 import FASHION, answers_case, picture, picture_case


def _pictures_fixed():
    return [
        picture_case("a 70x70 uint8 RGB picture: a wide green rectangle near the top on white",
                     picture(70, 70, (0.95, 0.95, 0.95), [((0.1, 0.5, 0.2), (5, 35, 4, 66))],
                             "uint8", 3)),
        picture_case("a 150x40 float RGB picture: a tall brown rectangle on light gray",
                     picture(150, 40, (0.8, 0.8, 0.8), [((0.4, 0.25, 0.1), (10, 140, 8, 30))],
                             "float", 4)),
    ]


def _pictures_fresh(rng):
    cases = []
    for _ in range(3):
        height, width = (int(n) for n in rng.integers(50, 130, size=2))
        alpha = bool(rng.integers(0, 2))
        background = tuple(rng.uniform(0.7, 1.0, size=3)) + ((0.0,) if alpha else ())
        colour = tuple(rng.uniform(0.0, 0.4, size=3)) + ((1.0,) if alpha else ())
        # The rectangle keeps off the border, which shows the background, and is at least
        # 30 pixels tall, so that its square crop can be shrunk to 28 x 28.
        top, left = int(rng.integers(2, height - 32)), int(rng.integers(2, width // 2))
        bottom = int(rng.integers(top + 30, height - 1))
        right = int(rng.integers(left + 4, width - 1))
        dtype = str(rng.choice(["uint8", "float"]))
        image = picture(height, width, background, [(colour, (top, bottom, left, right))], dtype,
                        int(rng.integers(0, 2**31)))
        kind = "RGBA (transparent background)" if alpha else "RGB"
        label = (f"a random {height}x{width} {dtype} {kind} picture with a dark rectangle at "
                 f"rows {top}-{bottom}, columns {left}-{right}")
        cases.append(picture_case(label, image))
    return cases


def _answers_fixed():
    rows = [[0.2, 0.8], [1.0, 0.0], [0.55, 0.45]]
    return [
        answers_case(rows, ("no", "yes"), 0.0, f"3 rows of 2 classes {rows}, threshold 0 "
                                               "(never unsure)"),
        answers_case(rows, ("no", "yes"), 1.0, "the same 3 rows, threshold 1 (only the 1.0 "
                                               "answers)"),
    ]


NAMES = ("red", "green", "blue", "gray", "black", "white", "pink")


def _answers_fresh(rng):
    cases = []
    for _ in range(3):
        n, n_classes = int(rng.integers(3, 12)), int(rng.integers(2, 11))
        scores = rng.normal(size=(n, n_classes)) * 2
        probabilities = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)
        names = FASHION if n_classes == 10 else tuple(str(name) for name in
                                                       rng.choice(NAMES + FASHION, n_classes,
                                                                  replace=False))
        threshold = round(float(rng.uniform(0.3, 0.9)), 2)
        cases.append(answers_case(probabilities, names, threshold,
                                  f"{n} random rows of {n_classes} probabilities, threshold "
                                  f"{threshold}"))
    return cases


HIDDEN = {"preprocess_image": _pictures_fixed, "answer_or_defer": _answers_fixed}
FRESH = {"preprocess_image": _pictures_fresh, "answer_or_defer": _answers_fresh}
