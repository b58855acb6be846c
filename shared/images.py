"""From a photo to the network's input (chapter 22).

Fashion-MNIST shows each item light on a black background, cropped to the item,
centred in a 28x28 square and scaled to [-1, 1]. A photo is none of these: it is
large, in colour, usually dark on light, with the item somewhere in a wider scene.
``image_to_input`` makes a photo look like a dataset image, step by step:

1. read it as gray levels in [0, 1] (PNG, JPEG, GIF and the other formats Pillow reads;
   RGB, RGBA, gray or 16-bit), shrunk first to at most 1024 pixels on its long side;
2. judge the background by the border, and turn the picture into "ink" that is 0 on
   the background and up to 1 where the item differs from it most (this inverts a
   dark item on a light background, and divides out dim lighting);
3. crop to the item, pad it to a centred square, shrink it to 28x28;
4. scale from [0, 1] to [-1, 1] as ``load_fashion_mnist`` scales the training data.
"""
import contextlib
import os
import warnings
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter, ImageOps, UnidentifiedImageError

SIZE = 28  # Fashion-MNIST images are 28x28
BORDER = 0.05  # the outer 5% of each side shows the background
FAINT = 0.08  # ink below this is lighting or noise, not the item: made exactly 0
# Larger pictures are shrunk to this many pixels on their long side before any arithmetic,
# so a 24-megapixel photo needs tens of megabytes, not gigabytes. A JPEG is decoded at
# 1/2, 1/4 or 1/8 of its size already (Pillow's draft mode), as near this size as it goes.
WORKING_SIDE = 1024
MAX_PIXELS = 50_000_000  # pixels decoded at most: a PNG of 50 megapixels takes 200 MB
MODES_16_BIT = ("I", "I;16", "I;16B", "I;16L", "I;16N")


class ImageFileError(ValueError):
    """The image cannot be turned into a network input; the message says why."""


def image_to_input(image):
    """The (1, 784) float32 row in [-1, 1] that the Fashion-MNIST network expects, made from
    ``image``: the path of an image file, a Pillow ``Image``, or a NumPy array as
    ``read_gray`` takes it (steps in the module's docstring).

    An animated file (GIF, APNG, WebP) gives its first frame, and a warning says so.
    """
    ink = _ink(_read(image), _name(image))
    square = _crop_to_square(ink)
    small = Image.fromarray(square.astype(np.float32)).resize(
        (SIZE, SIZE), Image.Resampling.BOX)  # each pixel: the mean of those it covers
    pixels = np.clip(np.asarray(small, dtype=np.float32), 0, 1)
    return (pixels * 2 - 1).reshape(1, SIZE * SIZE)


def read_gray(image):
    """``image`` as a 2-D float array of gray levels, 0 black to 1 white, at most
    ``WORKING_SIDE`` pixels on its long side (a larger one is shrunk, each pixel the mean
    of those it covers).

    ``image`` is the path of an image file, a Pillow ``Image`` (left as it is), or a NumPy
    array of shape (height, width) for gray or (height, width, 3 or 4) for RGB(A): uint8
    levels 0..255, uint16 gray levels 0..65535, or floats in [0, 1]. A transparent
    background counts as white, as on a product photo's page. Raises ``ImageFileError``
    for anything that is not a complete picture of at least 28x28 pixels.
    """
    return _read(image)


def _read(image):
    """What ``read_gray`` returns. Both public functions call this one directly, so that the
    warning about an animated file names the line that called them."""
    name = _name(image)
    if isinstance(image, np.ndarray):
        return _gray(_array_image(image, name), name)
    if isinstance(image, Image.Image):
        with _read_errors(name):
            image.load()
            return _gray(ImageOps.exif_transpose(image), name)
    if not isinstance(image, (str, os.PathLike)):
        raise TypeError(f"image_to_input takes a file path, a Pillow Image or a NumPy array; "
                        f"got a {type(image).__name__}.")
    if os.path.isdir(image):
        raise ImageFileError(f"{name} is a folder: name an image file in it.")
    with _read_errors(name):
        with _open(image, name) as opened:
            opened.load()
            return _gray(ImageOps.exif_transpose(opened), name)


def _name(image):
    """How messages name ``image``: its file name, else what it is."""
    if isinstance(image, (str, os.PathLike)):
        return Path(image).name
    return "the array" if isinstance(image, np.ndarray) else "the image"


def _open(path, name):
    """The image file at ``path``, opened but not decoded; a large JPEG is set to decode
    small. Refuses a picture that would decode to more than MAX_PIXELS."""
    # Pillow refuses, on opening, pictures of over twice its own MAX_IMAGE_PIXELS; this
    # function's limit, on the pixels actually decoded, applies instead.
    limit, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
    try:
        image = Image.open(path)
    except FileNotFoundError:
        raise FileNotFoundError(f"No file at {path}.") from None
    finally:
        Image.MAX_IMAGE_PIXELS = limit
    try:
        width, height = image.size
        if min(width, height) < SIZE:
            _too_small(name, image.size)
        if max(width, height) > WORKING_SIDE:
            image.draft(image.mode, _working_size(image.size))  # only a JPEG decodes smaller
        if image.width * image.height > MAX_PIXELS:
            raise ImageFileError(f"{name} is too large ({width}x{height} pixels): use a picture "
                                 f"of at most {MAX_PIXELS // 10**6} megapixels (shrink it first).")
        # An MPO, a camera's JPEG with a preview or depth picture added, has its photo first.
        frames = getattr(image, "n_frames", 1)
        if frames > 1 and image.format != "MPO":
            warnings.warn(f"{name} is animated ({frames} frames): its first frame is used.",
                          stacklevel=4)
    except BaseException:
        image.close()
        raise
    return image


@contextlib.contextmanager
def _read_errors(name):
    """Pillow's errors on reading ``name``, as one-line ImageFileErrors."""
    try:
        yield
    except (ImageFileError, FileNotFoundError):
        raise
    except PermissionError as error:
        raise ImageFileError(f"{name} cannot be read ({error.strerror}): give yourself "
                             f"permission to read it.") from None
    except UnidentifiedImageError:
        raise ImageFileError(f"{name} is not an image this course can read: open a PNG or "
                             f"JPEG file.") from None
    except Image.DecompressionBombError as error:
        raise ImageFileError(f"{name} is too large ({error}).") from None
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise ImageFileError(f"{name} is damaged or cut short ({error}): save or download "
                             f"it again.") from None


def _too_small(name, size):
    raise ImageFileError(f"{name} is {size[0]}x{size[1]} pixels: too small to show an item. "
                         f"Use an image at least {SIZE}x{SIZE}.")


def _working_size(size):
    """``size`` scaled down to WORKING_SIDE pixels on its long side, or to SIZE pixels on its
    short side if that is larger (a long thin picture)."""
    scale = min(1, max(WORKING_SIDE / max(size), SIZE / min(size)))
    return tuple(max(SIZE, round(side * scale)) for side in size)


def _gray(image, name):
    """The Pillow ``image`` as float gray levels in [0, 1], shrunk to the working size."""
    if min(image.size) < SIZE:
        _too_small(name, image.size)
    if image.mode in MODES_16_BIT:
        full = 65535
    elif image.mode == "F":
        full = 1
    else:
        full = 255
        if "A" in image.getbands() or "transparency" in image.info:
            page = Image.new("RGBA", image.size, "white")
            image = Image.alpha_composite(page, image.convert("RGBA"))
        image = image.convert("L")
    if max(image.size) > WORKING_SIDE:
        image = image.resize(_working_size(image.size), Image.Resampling.BOX)
    return np.clip(np.asarray(image, dtype=np.float64) / full, 0, 1)


def _array_image(array, name):
    """A Pillow image of the picture in ``array`` (as ``read_gray`` takes it)."""
    colours = array.ndim == 3 and array.shape[2] in (3, 4)
    if not (array.ndim == 2 or colours) or array.size == 0:
        raise ImageFileError(f"{name} of shape {array.shape} is not a picture: give (height, "
                             f"width) gray levels or (height, width, 3 or 4) RGB(A) colours.")
    if array.dtype == np.uint8 or array.dtype == np.uint16 and not colours:
        return Image.fromarray(np.ascontiguousarray(array))
    finite = array.dtype.kind == "f" and np.isfinite(array).all()
    if finite and 0 <= array.min() <= array.max() <= 1:
        if colours:  # Pillow keeps colours as 8-bit levels
            return Image.fromarray(np.round(array * 255).astype(np.uint8))
        return Image.fromarray(array.astype(np.float32))
    raise ImageFileError(f"{name} holds {array.dtype} values from {array.min()} to "
                         f"{array.max()}: give uint8 levels 0..255, uint16 gray levels 0..65535, "
                         f"or floats in [0, 1] (divide 8-bit levels by 255).")


def _ink(gray, name):
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
        raise ImageFileError(f"{name}: nothing stands out from the "
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
