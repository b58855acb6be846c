"""Exercise checks for chapter 22: Prediction and inference."""
import numpy as np

from shared.checks import Case, close_enough, run_check

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


def _preprocess(image):
    """The steps the exercise lists."""
    image = image / 255 if image.dtype == np.uint8 else image.astype(np.float64)
    rgb = image[..., :3]
    if image.shape[-1] == 4:
        alpha = image[..., 3:]
        rgb = rgb * alpha + (1 - alpha)
    small = _block_average(_crop_to_object(_to_ink(rgb @ np.array([0.299, 0.587, 0.114]))))
    return (2 * small - 1).reshape(1, 784).astype(np.float32)


def _picture(height, width, background, items, dtype, seed):
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
     _picture(120, 160, (0.85, 0.8, 0.7), [((0.2, 0.2, 0.25), (20, 100, 90, 140))], "uint8", 0)),
    ("an 84x112 float RGBA picture: transparent background, an opaque red and a blue rectangle",
     _picture(84, 112, (0.0, 0.0, 0.0, 0.0), [((0.8, 0.1, 0.1, 1.0), (20, 70, 10, 50)),
                                              ((0.1, 0.1, 0.8, 1.0), (20, 70, 60, 100))], "float", 1)),
    ("a 90x60 uint8 RGBA picture: transparent background, a gray item whose lower half is "
     "half see-through",
     _picture(90, 60, (1.0, 1.0, 1.0, 0.0), [((0.3, 0.3, 0.3, 1.0), (10, 45, 12, 48)),
                                             ((0.3, 0.3, 0.3, 0.5), (45, 80, 12, 48))], "uint8", 2)),
]
HIDDEN_PICTURES = [
    ("a 70x70 uint8 RGB picture: a wide green rectangle near the top on white",
     _picture(70, 70, (0.95, 0.95, 0.95), [((0.1, 0.5, 0.2), (5, 35, 4, 66))], "uint8", 3)),
]


def _same_and_float32(got, expected):
    ok, reason = close_enough(got, expected)
    if ok and np.asarray(got).dtype != np.float32:
        return False, f"dtype {np.asarray(got).dtype}, expected float32 (use .astype(np.float32))"
    return ok, reason


def check_preprocess_image(preprocess_image):
    """Check preprocess_image(image) -> the (1, 784) float32 row of the exercise's steps."""
    run_check("preprocess_image", preprocess_image,
              [Case(args=(picture,), expected=_preprocess(picture), label=label)
               for label, picture in PICTURES]
              + [Case(args=(picture,), expected=_preprocess(picture), label=label, hidden=True)
                 for label, picture in HIDDEN_PICTURES],
              compare=_same_and_float32)


# --- exercise 2: the top three predictions -----------------------------------------------

FASHION = ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
           "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot")
ANIMALS = ("cat", "dog", "bird", "fish")


def _top3(probabilities, class_names):
    best = np.argsort(probabilities)[::-1][:3]
    return [(class_names[k], float(probabilities[k])) for k in best]


def _top3_case(probabilities, class_names, label, hidden=False):
    probabilities = np.array(probabilities)
    return Case(args=(probabilities, class_names), expected=_top3(probabilities, class_names),
                label=label, hidden=hidden)


def check_top3(top3):
    """Check top3(probabilities, class_names) -> [(name, probability)] * 3, most likely first."""
    run_check("top3", top3, [
        _top3_case([0.01, 0.0, 0.05, 0.02, 0.1, 0.0, 0.8, 0.0, 0.02, 0.0], FASHION,
                   "10 Fashion-MNIST probabilities, largest 0.8 for Shirt"),
        _top3_case([0.1, 0.25, 0.6, 0.05], ANIMALS,
                   "4 classes (cat, dog, bird, fish) with probabilities [0.1, 0.25, 0.6, 0.05]"),
        _top3_case([0.0, 0.3, 0.0, 0.0, 0.0, 0.2, 0.0, 0.1, 0.0, 0.4], FASHION,
                   "10 probabilities whose top three are Ankle boot, Trouser, Sandal"),
        _top3_case([0.05, 0.5, 0.3, 0.15], ("red", "green", "blue", "gray"),
                   "4 colours with probabilities [0.05, 0.5, 0.3, 0.15]", hidden=True),
    ])
