"""shared.images.image_to_input on generated PNG, JPEG, gray, 16-bit, RGBA and bad files."""
import numpy as np
import pytest
from PIL import Image

from shared.images import ImageFileError, image_to_input, read_gray


def _item_on_background(height, width, box, item=0.2, background=0.9, noise=0.0, seed=0):
    """A gray picture in [0, 1]: a rectangle box = (top, bottom, left, right) on a background."""
    picture = np.full((height, width), background)
    top, bottom, left, right = box
    picture[top:bottom, left:right] = item
    picture += noise * np.random.default_rng(seed).standard_normal(picture.shape)
    return np.clip(picture, 0, 1)


def _rgb(gray, tint=(1.0, 0.9, 0.8)):
    return np.round(np.clip(gray[..., None] * np.array(tint), 0, 1) * 255).astype(np.uint8)


def _grid(row):
    return (row.reshape(28, 28) + 1) / 2  # back to [0, 1] ink


def _assert_centred_square_item(row):
    """The item is bright, the background -1, and the item fills the frame, centred."""
    assert row.shape == (1, 784) and row.dtype == np.float32
    assert row.min() == -1 and row.max() > 0.5
    ink = _grid(row)
    rows, cols = np.nonzero(ink > 0.5)
    assert rows.max() - rows.min() >= 24 or cols.max() - cols.min() >= 24  # fills the frame
    assert abs((rows.min() + rows.max()) / 2 - 13.5) <= 1.5
    assert abs((cols.min() + cols.max()) / 2 - 13.5) <= 1.5


@pytest.mark.parametrize("suffix", ["png", "jpg"])
def test_rgb_photo_of_a_dark_item_on_a_light_background(tmp_path, suffix):
    gray = _item_on_background(300, 400, (60, 260, 120, 280), noise=0.03)
    path = tmp_path / f"item.{suffix}"
    Image.fromarray(_rgb(gray)).save(path)
    row = image_to_input(path)
    _assert_centred_square_item(row)
    corners = _grid(row)[[0, 0, -1, -1], [0, -1, 0, -1]]
    assert np.all(corners == 0)  # background: exactly the dataset's black


def test_the_item_is_centred_wherever_it_was_in_the_photo(tmp_path):
    for name, box in [("left", (100, 200, 10, 70)), ("bottom_right", (190, 290, 320, 380))]:
        path = tmp_path / f"{name}.png"
        Image.fromarray(_rgb(_item_on_background(300, 400, box))).save(path)
        _assert_centred_square_item(image_to_input(path))


def test_a_wide_item_is_padded_top_and_bottom_not_stretched(tmp_path):
    path = tmp_path / "wide.png"
    Image.fromarray(_rgb(_item_on_background(200, 600, (80, 120, 50, 550)))).save(path)
    ink = _grid(image_to_input(path))
    rows, cols = np.nonzero(ink > 0.5)
    assert cols.max() - cols.min() >= 25  # the long side fills the frame
    assert rows.max() - rows.min() <= 4  # 40 of 500 pixels high: a thin band, not a square


def test_gray_16_bit_rgba_and_palette_files_give_the_same_input(tmp_path):
    gray = _item_on_background(120, 90, (20, 100, 25, 65))
    paths = {"gray": tmp_path / "gray.png", "16-bit": tmp_path / "deep.png",
             "rgba": tmp_path / "rgba.png", "palette": tmp_path / "palette.png"}
    Image.fromarray(np.round(gray * 255).astype(np.uint8)).save(paths["gray"])
    deep = Image.fromarray(np.round(gray * 65535).astype(np.uint16))
    deep.save(paths["16-bit"])
    assert Image.open(paths["16-bit"]).mode.startswith("I")
    # RGBA: the item opaque, the background fully transparent (counted as white).
    rgba = np.zeros((120, 90, 4), dtype=np.uint8)
    rgba[20:100, 25:65] = (51, 51, 51, 255)
    Image.fromarray(rgba).save(paths["rgba"])
    Image.fromarray(np.round(gray * 255).astype(np.uint8)).convert("P").save(paths["palette"])
    rows = {kind: image_to_input(path) for kind, path in paths.items()}
    for kind, row in rows.items():
        _assert_centred_square_item(row)
        np.testing.assert_allclose(row, rows["gray"], atol=0.05, err_msg=kind)


def test_a_light_item_on_a_dark_background_is_not_inverted(tmp_path):
    path = tmp_path / "light_on_dark.png"
    gray = _item_on_background(100, 100, (20, 80, 30, 70), item=0.9, background=0.1)
    Image.fromarray(np.round(gray * 255).astype(np.uint8)).save(path)
    _assert_centred_square_item(image_to_input(path))


def test_dim_lighting_is_divided_out(tmp_path):
    bright, dim = tmp_path / "bright.png", tmp_path / "dim.png"
    box = (20, 80, 30, 70)
    Image.fromarray(_rgb(_item_on_background(100, 100, box, 0.4, 1.0), (1, 1, 1))).save(bright)
    Image.fromarray(_rgb(_item_on_background(100, 100, box, 0.24, 0.6), (1, 1, 1))).save(dim)
    np.testing.assert_allclose(image_to_input(dim), image_to_input(bright), atol=0.02)


def test_the_scale_is_that_of_the_training_data(tmp_path):
    path = tmp_path / "black_square.png"
    Image.fromarray(_rgb(_item_on_background(56, 56, (0, 56, 0, 56), 0.0, 1.0))).save(path)
    with pytest.raises(ImageFileError):  # one flat colour, no background to find: refused
        image_to_input(path)
    item = _item_on_background(56, 56, (4, 52, 16, 40), 0.0, 1.0)
    Image.fromarray(_rgb(item, (1, 1, 1))).save(path)
    grid = image_to_input(path).reshape(28, 28)
    assert np.all(grid[:, 7:21] == 1.0)  # black ink, 48 high and 24 wide, is +1 ...
    assert np.all(grid[:, :7] == -1.0) and np.all(grid[:, 21:] == -1.0)  # ... white paper -1


def test_read_gray_levels(tmp_path):
    path = tmp_path / "levels.png"
    Image.fromarray(np.full((30, 40), 51, dtype=np.uint8)).save(path)
    np.testing.assert_allclose(read_gray(path), np.full((30, 40), 0.2))


@pytest.mark.parametrize("content, expected", [
    (b"Just some text, not a picture.\n" * 10, "not an image"),
    (b"", "not an image"),
])
def test_a_file_that_is_not_an_image(tmp_path, content, expected):
    path = tmp_path / "notes.png"
    path.write_bytes(content)
    with pytest.raises(ImageFileError, match=expected):
        image_to_input(path)


@pytest.mark.parametrize("suffix", ["png", "jpg"])
def test_a_truncated_file(tmp_path, suffix):
    path = tmp_path / f"cut.{suffix}"
    gray = _item_on_background(200, 200, (40, 160, 50, 150), noise=0.2)
    Image.fromarray(_rgb(gray)).save(path)
    data = path.read_bytes()
    path.write_bytes(data[:len(data) // 2])
    with pytest.raises(ImageFileError, match="damaged or cut short") as raised:
        image_to_input(path)
    # no Pillow traceback
    assert raised.value.__cause__ is None and raised.value.__suppress_context__


def test_an_image_too_small_to_show_an_item(tmp_path):
    path = tmp_path / "tiny.png"
    Image.fromarray(_rgb(_item_on_background(15, 20, (3, 12, 4, 16)))).save(path)
    with pytest.raises(ImageFileError, match="20x15 pixels: too small"):
        image_to_input(path)


def test_an_image_of_one_flat_shade(tmp_path):
    path = tmp_path / "wall.jpg"
    Image.fromarray(_rgb(_item_on_background(100, 100, (0, 0, 0, 0), noise=0.01))).save(path)
    with pytest.raises(ImageFileError, match="nothing stands out"):
        image_to_input(path)


def test_a_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="No file at"):
        image_to_input(tmp_path / "nowhere.png")


# Hostile and large inputs; the forms chapter 22 shows beside a path.

def _png_of_zeros(path, width, height):
    """A valid 8-bit gray PNG of ``width`` x ``height`` black pixels, written row by row
    (so the test never holds the picture in memory)."""
    import struct
    import zlib

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    squeeze, row = zlib.compressobj(1), b"\x00" * (width + 1)  # filter byte, then the pixels
    data = b"".join(squeeze.compress(row) for _ in range(height)) + squeeze.flush()
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height,
                                                                       8, 0, 0, 0, 0))
                     + chunk(b"IDAT", data) + chunk(b"IEND", b""))


def test_a_picture_too_large_to_decode_is_refused_with_its_size(tmp_path):
    path = tmp_path / "huge.png"
    _png_of_zeros(path, 20_000, 20_000)
    with pytest.raises(ImageFileError, match=r"^huge.png is too large \(20000x20000 pixels\): "
                                             r"use a picture of at most 50 megapixels"):
        image_to_input(path)
    assert Image.MAX_IMAGE_PIXELS == 89_478_485  # Pillow's own limit, as it was


def test_the_png_writer_above_makes_pictures_pillow_reads(tmp_path):
    path = tmp_path / "small.png"
    _png_of_zeros(path, 40, 30)
    np.testing.assert_array_equal(read_gray(path), np.zeros((30, 40)))


def _full_size_input(path):
    """image_to_input's steps on the whole picture, unshrunk: the reference for large ones."""
    from shared.images import _crop_to_square, _ink
    gray = np.asarray(Image.open(path).convert("L"), dtype=np.float64) / 255
    square = Image.fromarray(_crop_to_square(_ink(gray, "")).astype(np.float32))
    pixels = np.asarray(square.resize((28, 28), Image.Resampling.BOX), dtype=np.float32)
    return np.clip(pixels, 0, 1) * 2 - 1


@pytest.mark.parametrize("suffix", ["jpg", "png"])
def test_a_large_photo_is_shrunk_first_and_gives_what_the_whole_picture_gives(tmp_path, suffix):
    gray = _item_on_background(2000, 3000, (400, 1700, 900, 1600), noise=0.03)
    gray[900:1000, 1000:1500] = 0.9  # a light stripe across the item
    path = tmp_path / f"large.{suffix}"
    Image.fromarray(_rgb(gray)).save(path)
    assert read_gray(path).shape == (683, 1024)
    row = image_to_input(path)
    _assert_centred_square_item(row)
    difference = np.abs(row.reshape(28, 28) - _full_size_input(path))
    # The crop falls between pixels at other places on a shrunk picture: the item's edges
    # differ a little, the rest hardly at all.
    assert difference.mean() < 0.02 and difference.max() < 0.25


def test_a_folder_is_not_an_image(tmp_path):
    (tmp_path / "photos").mkdir()
    with pytest.raises(ImageFileError, match=r"^photos is a folder: name an image file in it\.$"):
        image_to_input(tmp_path / "photos")


def test_a_pillow_image_and_arrays_give_what_the_file_gives(tmp_path):
    path = tmp_path / "item.png"
    Image.fromarray(_rgb(_item_on_background(120, 160, (20, 100, 40, 110), noise=0.03))).save(path)
    expected = image_to_input(path)
    opened = Image.open(path)
    np.testing.assert_array_equal(image_to_input(opened), expected)
    assert opened.size == (160, 120) and opened.mode == "RGB"  # the caller's image, untouched
    pixels = np.asarray(opened)
    np.testing.assert_array_equal(image_to_input(pixels), expected)
    np.testing.assert_array_equal(image_to_input(pixels / 255), expected)  # floats in [0, 1]
    gray = np.asarray(opened.convert("L"))
    np.testing.assert_array_equal(image_to_input(gray), image_to_input(opened.convert("L")))
    np.testing.assert_allclose(image_to_input(gray / 255), image_to_input(gray), atol=1e-6)
    rgba = np.dstack([pixels, np.full(pixels.shape[:2], 255, np.uint8)])
    np.testing.assert_array_equal(image_to_input(rgba), expected)


@pytest.mark.parametrize("array, message", [
    (np.zeros(784), r"the array of shape \(784,\) is not a picture"),
    (np.zeros((40, 40, 2)), r"the array of shape \(40, 40, 2\) is not a picture"),
    (np.full((40, 40), 255.0), r"the array holds float64 values from 255\.0 to 255\.0: give uint8 "
                               r"levels 0\.\.255, .* \(divide 8-bit levels by 255\)\.$"),
    (np.full((40, 40), np.nan), r"the array holds float64 values"),
    (np.zeros((40, 40), np.int64), r"the array holds int64 values"),
    (np.zeros((10, 40), np.uint8), r"the array is 40x10 pixels: too small"),
])
def test_an_array_that_is_not_a_picture_is_refused_in_one_line(array, message):
    with pytest.raises(ImageFileError, match=message) as raised:
        image_to_input(array)
    assert "\n" not in str(raised.value)


def test_something_else_is_a_type_error():
    with pytest.raises(TypeError, match="takes a file path, a Pillow Image or a NumPy array; "
                                        "got a list"):
        image_to_input([[0, 1], [1, 0]])


def test_an_animated_gif_gives_its_first_frame_and_says_so(tmp_path):
    first = _item_on_background(90, 120, (20, 70, 30, 60), item=0.0, background=1.0)
    second = _item_on_background(90, 120, (10, 80, 70, 110), item=0.0, background=1.0)
    frames = [Image.fromarray(np.round(f * 255).astype(np.uint8)) for f in (first, second, first)]
    path = tmp_path / "blink.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=100, loop=0)
    with pytest.warns(UserWarning, match=r"^blink.gif is animated \(3 frames\): its first frame "
                                         r"is used\.$") as warned:
        row = image_to_input(path)
    assert warned[0].filename == __file__  # the warning names the line that called it
    np.testing.assert_array_equal(row, image_to_input(np.round(first * 255).astype(np.uint8)))
