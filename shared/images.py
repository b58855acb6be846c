"""From an image file to the network's input (chapter 22).

Fashion-MNIST shows each item light on a black background, cropped to the item,
centred in a 28x28 square and scaled to [-1, 1]. A photo is none of these: it is
large, in colour, usually dark on light, with the item somewhere in a wider scene.
``image_to_input`` makes a photo look like a dataset image, step by step:

1. read it as gray levels in [0, 1] (PNG or JPEG; RGB, RGBA, gray or 16-bit);
2. judge the background by the border, and turn the picture into "ink" that is 0 on
   the background and up to 1 where the item differs from it most (this inverts a
   dark item on a light background, and divides out dim lighting);
3. crop to the item, pad it to a centred square, shrink it to 28x28;
4. scale from [0, 1] to [-1, 1] as ``load_fashion_mnist`` scales the training data.
"""
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter, ImageOps, UnidentifiedImageError

SIZE = 28  # Fashion-MNIST images are 28x28
BORDER = 0.05  # the outer 5% of each side shows the background
FAINT = 0.08  # ink below this is lighting or noise, not the item: made exactly 0


class ImageFileError(ValueError):
    """The file cannot be turned into a network input; the message says why."""


def image_to_input(path):
    """The (1, 784) float32 row in [-1, 1] that the Fashion-MNIST network expects,
    made from the image file at ``path`` (steps in the module's docstring)."""
    gray = read_gray(path)
    ink = _ink(gray, path)
    square = _crop_to_square(ink)
    small = Image.fromarray(square.astype(np.float32)).resize(
        (SIZE, SIZE), Image.Resampling.BOX)  # each pixel: the mean of those it covers
    pixels = np.clip(np.asarray(small, dtype=np.float32), 0, 1)
    return (pixels * 2 - 1).reshape(1, SIZE * SIZE)


def read_gray(path):
    """The image at ``path`` as a 2-D float array of gray levels, 0 black to 1 white.

    A transparent background counts as white, as on a product photo's page.
    Raises ``ImageFileError`` for a file that is not a complete image of at least 28x28.
    """
    name = Path(path).name if isinstance(path, (str, Path)) else "the image"
    try:
        with Image.open(path) as image:
            image.load()
            image = ImageOps.exif_transpose(image)  # phone photos store their rotation apart
    except FileNotFoundError:
        raise FileNotFoundError(f"No file at {path}.") from None
    except (UnidentifiedImageError, Image.DecompressionBombError) as error:
        raise ImageFileError(f"{name} is not an image this course can read: open a PNG or "
                             f"JPEG file ({type(error).__name__}).") from None
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise ImageFileError(f"{name} is damaged or cut short ({error}): save or download "
                             f"it again.") from None
    if min(image.size) < SIZE:
        raise ImageFileError(f"{name} is {image.width}x{image.height} pixels: too small to "
                             f"show an item. Use an image at least {SIZE}x{SIZE}.")
    if image.mode in ("I", "I;16", "I;16B", "I;16L", "I;16N"):  # 16-bit gray
        return np.asarray(image, dtype=np.float64) / 65535
    if image.mode == "F":
        return np.clip(np.asarray(image, dtype=np.float64), 0, 1)
    if "A" in image.getbands() or "transparency" in image.info:
        page = Image.new("RGBA", image.size, "white")
        image = Image.alpha_composite(page, image.convert("RGBA"))
    return np.asarray(image.convert("L"), dtype=np.float64) / 255


def _ink(gray, path):
    """0 on the background, rising to 1 where the item differs from it most."""
    height, width = gray.shape
    edge = max(1, round(BORDER * min(height, width)))
    frame = np.concatenate([gray[:edge].ravel(), gray[-edge:].ravel(),
                            gray[:, :edge].ravel(), gray[:, -edge:].ravel()])
    background = np.median(frame)
    if background >= 0.5:  # a light background: dark items, as in most photos
        ink = 1 - gray / background
    else:  # already light on dark, like the dataset
        ink = (gray - background) / (1 - background)
    ink = np.clip(ink, 0, 1)
    if ink.max() < 2 * FAINT:
        raise ImageFileError(f"{Path(str(path)).name}: nothing stands out from the "
                             f"background (it is one flat shade). Photograph the item on a "
                             f"plain background that differs from it.")
    ink[ink < FAINT] = 0
    return ink


def _crop_to_square(ink):
    """The item's bounding box, padded with background to a square with the item centred.

    The box is found on a blurred copy, so that specks of noise far from the item do
    not stretch it.
    """
    radius = max(1, min(ink.shape) // 100)
    levels = Image.fromarray(np.round(ink * 255).astype(np.uint8))  # Pillow blurs 8-bit images
    blurred = np.asarray(levels.filter(ImageFilter.BoxBlur(radius)), dtype=np.float64)
    rows, cols = np.nonzero(blurred > 0.3 * blurred.max())
    near = ink[rows.min():rows.max() + 1, cols.min():cols.max() + 1]
    rows, cols = np.nonzero(near)  # the blur widened the box a little: fit it to the ink again
    item = near[rows.min():rows.max() + 1, cols.min():cols.max() + 1]
    side = max(item.shape)
    square = np.zeros((side, side))
    row, col = (side - item.shape[0]) // 2, (side - item.shape[1]) // 2
    square[row:row + item.shape[0], col:col + item.shape[1]] = item
    return square
