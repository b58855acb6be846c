"""Exercise checks for chapter 22: Prediction and inference."""
import numpy as np

from shared.checks import Case, close_enough, run_check
from shared.data import FASHION_MNIST_CLASSES as FASHION

# --- exercise 1: preprocessing a new image -----------------------------------------------
# The notebook's section-3 steps, written out: the learner's function calls the notebook's
# own to_ink, crop_to_object and block_average, so these must do the same.


def _to_ink(gray):
    background = np.median(np.concatenate([gray[0], gray[-1], gray[:, 0], gray[:, -1]]))
    return np.clip(1 - gray / background, 0, 1)


def _crop_to_object(ink):
    item = ink > 0.5 * ink.max()
    rows, cols = np.flatnonzero(item.any(axis=1)), np.flatnonzero(item.any(axis=0))
    top, bottom, left, right = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
    height, width = bottom - top, right - left
    side = max(height, width)
    square = np.zeros((side, side))
    row, col = (side - height) // 2, (side - width) // 2
    square[row:row + height, col:col + width] = ink[top:bottom, left:right]
    return square


def _block_average(image, size=28):
    height, width = image.shape
    row_cell = np.arange(height) * size // height
    col_cell = np.arange(width) * size // width
    sums = np.zeros((size, size))
    np.add.at(sums, (row_cell[:, None], col_cell[None, :]), image)
    counts = np.outer(np.bincount(row_cell, minlength=size), np.bincount(col_cell, minlength=size))
    return sums / counts


def preprocess(image):
    """The steps the exercise lists."""
    image = image / 255 if image.dtype == np.uint8 else image.astype(np.float64)
    rgb = image[..., :3]
    if image.shape[-1] == 4:
        alpha = image[..., 3:]
        rgb = rgb * alpha + (1 - alpha)
    small = _block_average(_crop_to_object(_to_ink(rgb @ np.array([0.299, 0.587, 0.114]))))
    return (2 * small - 1).reshape(1, 784).astype(np.float32)


def picture(height, width, background, items, dtype, seed):
    """A background colour with filled rectangles [(colour, (top, bottom, left, right))], a light
    gradient (darker towards the bottom right) and a little noise; uint8 or float values."""
    channels = len(background)
    image = np.empty((height, width, channels))
    image[...] = background
    for colour, (top, bottom, left, right) in items:
        image[top:bottom, left:right] = colour
    rows, cols = np.mgrid[0:height, 0:width]
    image[..., :3] *= (1 - 0.08 * (rows / height + cols / width) / 2)[..., None]
    image[..., :3] += np.random.default_rng(seed).normal(0, 0.01, (height, width, 3))
    image = np.clip(image, 0, 1)
    return image if dtype == "float" else np.round(image * 255).astype(np.uint8)


PICTURES = [
    ("a 120x160 uint8 RGB picture: a dark rectangle off-centre on light cloth",
     picture(120, 160, (0.85, 0.8, 0.7), [((0.2, 0.2, 0.25), (20, 100, 90, 140))], "uint8", 0)),
    ("an 84x112 float RGBA picture: transparent background, an opaque red and a blue rectangle",
     picture(84, 112, (0.0, 0.0, 0.0, 0.0), [((0.8, 0.1, 0.1, 1.0), (20, 70, 10, 50)),
                                             ((0.1, 0.1, 0.8, 1.0), (20, 70, 60, 100))],
             "float", 1)),
    ("a 90x60 uint8 RGBA picture: transparent background, a gray item whose lower half is "
     "half see-through",
     picture(90, 60, (1.0, 1.0, 1.0, 0.0), [((0.3, 0.3, 0.3, 1.0), (10, 45, 12, 48)),
                                            ((0.3, 0.3, 0.3, 0.5), (45, 80, 12, 48))],
             "uint8", 2)),
]


def _same_and_float32(got, expected):
    ok, reason = close_enough(got, expected)
    if ok and np.asarray(got).dtype != np.float32:
        return False, f"dtype {np.asarray(got).dtype}, expected float32 (use .astype(np.float32))"
    return ok, reason


def picture_case(label, image):
    return Case(args=(image,), expected=preprocess(image), label=label)


def check_preprocess_image(preprocess_image):
    """Check preprocess_image(image) -> the (1, 784) float32 row of the exercise's steps."""
    run_check("preprocess_image", preprocess_image,
              [picture_case(label, image) for label, image in PICTURES],
              compare=_same_and_float32)


# --- exercise 2: answer, or pass it on to a person ---------------------------------------

ANIMALS = ("cat", "dog", "bird")
UNSURE = "unsure"


def answers(probabilities, class_names, threshold):
    """The reference answer: each row's most probable class name, or "unsure" where that
    class's probability is below threshold."""
    best = np.argmax(probabilities, axis=1)
    return [class_names[k] if row[k] >= threshold else UNSURE
            for row, k in zip(probabilities, best)]


def answers_case(probabilities, class_names, threshold, label):
    probabilities = np.array(probabilities)
    return Case(args=(probabilities, class_names, threshold),
                expected=answers(probabilities, class_names, threshold), label=label)


PETS = [[0.7, 0.2, 0.1], [0.3, 0.25, 0.45], [0.1, 0.85, 0.05], [0.5, 0.1, 0.4]]
SHOES = np.zeros((3, 10))
SHOES[0, [5, 7, 9]] = [0.05, 0.93, 0.02]  # a sure Sneaker
SHOES[1, [5, 7, 9]] = [0.6, 0.3, 0.1]     # a hesitant Sandal
SHOES[2, [0, 9]] = [0.01, 0.99]           # a sure Ankle boot


def check_answer_or_defer(answer_or_defer):
    """Check answer_or_defer(probabilities, class_names, threshold) -> a list of one class name
    per row, "unsure" where the top probability is below threshold."""
    run_check("answer_or_defer", answer_or_defer, [
        answers_case(PETS, ANIMALS, 0.6, "4 rows of (cat, dog, bird) probabilities "
                                         f"{PETS}, threshold 0.6"),
        answers_case(PETS, ANIMALS, 0.45, "the same 4 rows, threshold 0.45 (a top probability of "
                                          "exactly 0.45 answers: at least the threshold)"),
        answers_case(SHOES, FASHION, 0.9, "3 rows of 10 Fashion-MNIST probabilities, threshold "
                                          "0.9: a Sneaker 0.93, a Sandal 0.6, an Ankle boot 0.99"),
    ])
