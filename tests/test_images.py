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
    Image.fromarray(_rgb(_item_on_background(56, 56, (4, 52, 16, 40), 0.0, 1.0), (1, 1, 1))).save(path)
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
    assert raised.value.__cause__ is None and raised.value.__suppress_context__  # no Pillow traceback


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
