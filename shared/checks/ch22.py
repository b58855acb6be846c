"""Exercise checks for chapter 22: Prediction and inference."""
import numpy as np

from shared.checks import Case, close_enough, run_check

# --- exercise 1: preprocessing a new image -----------------------------------------------


def _block_average(image, size=28):
    """The notebook's block_average: each output pixel is the mean of the input pixels in its cell."""
    height, width = image.shape
    row_cell = np.arange(height) * size // height
    col_cell = np.arange(width) * size // width
    sums = np.zeros((size, size))
    np.add.at(sums, (row_cell[:, None], col_cell[None, :]), image)
    counts = np.outer(np.bincount(row_cell, minlength=size), np.bincount(col_cell, minlength=size))
    return sums / counts


def _preprocess(image):
    """The steps the exercise lists, written out."""
    image = np.asarray(image)
    image = image / 255 if image.dtype == np.uint8 else image.astype(np.float64)
    rgb = image[..., :3]
    if image.shape[-1] == 4:
        alpha = image[..., 3:]
        rgb = rgb * alpha + (1 - alpha)
    ink = 1 - rgb @ np.array([0.299, 0.587, 0.114])
    small = _block_average(ink)
    low, high = small.min(), small.max()
    small = (small - low) / (high - low) if high > low else np.zeros_like(small)
    return (2 * small - 1).reshape(1, 784).astype(np.float32)


def _picture(height, width, channels, background, item, box, dtype):
    """A plain background with one filled rectangle box = (top, bottom, left, right)."""
    image = np.empty((height, width, channels))
    image[...] = background
    top, bottom, left, right = box
    image[top:bottom, left:right] = item
    return image if dtype == "float" else np.round(image * 255).astype(np.uint8)


def _two_colours():
    """Red and blue have the same channel mean but different gray levels with the luminance weights."""
    image = _picture(84, 112, 4, (0.0, 0.0, 0.0, 0.0), (0.8, 0.1, 0.1, 1.0), (20, 70, 10, 50), "float")
    image[20:70, 60:100] = (0.1, 0.1, 0.8, 1.0)
    return image


def _gradient_picture():
    """A 30 x 45 float RGB picture: light at the top left, darker towards the bottom right."""
    rows, cols = np.mgrid[0:30, 0:45]
    shade = 1 - 0.6 * (rows / 29) * (cols / 44)
    return np.stack([shade, shade * 0.9, shade * 0.8], axis=-1)


PICTURES = [
    ("a 56x56 uint8 RGB picture: white background, a dark gray rectangle",
     _picture(56, 56, 3, 1.0, 0.2, (10, 50, 16, 40), "uint8")),
    ("an 84x112 float RGBA picture: transparent background, an opaque red and a blue rectangle",
     _two_colours()),
    ("a 30x45 float RGB picture (not a multiple of 28): a smooth gradient", _gradient_picture()),
    ("a 28x28 uint8 RGBA picture: light gray background, a half-transparent black square",
     _picture(28, 28, 4, (0.9, 0.9, 0.9, 1.0), (0.0, 0.0, 0.0, 0.5), (5, 20, 8, 22), "uint8")),
]


def _same_and_float32(got, expected):
    ok, reason = close_enough(got, expected)
    if ok and np.asarray(got).dtype != np.float32:
        return False, f"dtype {np.asarray(got).dtype}, expected float32 (use .astype(np.float32))"
    return ok, reason


def check_preprocess_image(preprocess_image):
    """Check preprocess_image(image) -> a (1, 784) float32 row in [-1, 1], darkest ink at -1."""
    run_check("preprocess_image", preprocess_image,
              [Case(args=(picture,), expected=_preprocess(picture), label=label)
               for label, picture in PICTURES],
              compare=_same_and_float32)


# --- exercise 2: the top three predictions -----------------------------------------------

FASHION = ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
           "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot")
ANIMALS = ("cat", "dog", "bird", "fish")


def _top3(probabilities, class_names):
    best = np.argsort(probabilities)[::-1][:3]
    return [(class_names[k], float(probabilities[k])) for k in best]


def _top3_case(probabilities, class_names, label):
    probabilities = np.array(probabilities)
    return Case(args=(probabilities, class_names), expected=_top3(probabilities, class_names),
                label=label)


def check_top3(top3):
    """Check top3(probabilities, class_names) -> [(name, probability)] * 3, most likely first."""
    run_check("top3", top3, [
        _top3_case([0.01, 0.0, 0.05, 0.02, 0.1, 0.0, 0.8, 0.0, 0.02, 0.0], FASHION,
                   "10 Fashion-MNIST probabilities, largest 0.8 for Shirt"),
        _top3_case([0.1, 0.25, 0.6, 0.05], ANIMALS,
                   "4 classes (cat, dog, bird, fish) with probabilities [0.1, 0.25, 0.6, 0.05]"),
        _top3_case([0.0, 0.3, 0.0, 0.0, 0.0, 0.2, 0.0, 0.1, 0.0, 0.4], FASHION,
                   "10 probabilities whose top three are Ankle boot, Trouser, Sandal"),
    ])
