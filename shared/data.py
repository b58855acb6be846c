"""The datasets the course trains on.

- ``spiral_data(samples, classes)``: points on interleaved spirals (chapter 3).
- ``vertical_data(samples, classes)``: vertical blobs, an easy case (chapter 6).
- ``sine_data(samples)``: one period of a sine wave, for regression (chapter 17).
  These three come unchanged from the ``nnfs`` package.
- ``load_fashion_mnist()``: 70,000 small clothing photos (chapter 19).
- ``photo_folder()``: where the learner keeps photos of their own (chapter 22).

Fashion-MNIST is looked for in ``$NNFS_DATA_DIR``, then in the repo's
``data/fashion_mnist/``, then in ``/usr/share/datasets/fashion-mnist/``; failing
those it is downloaded (to use a mirror, set ``shared.data.FASHION_MNIST_URL``).
"""
from __future__ import annotations

import functools
import gzip
import hashlib
import http.client
import os
import time
import urllib.request
import zlib
from pathlib import Path

import numpy as np
from nnfs.datasets import sine_data, spiral_data, vertical_data
from tqdm import tqdm

__all__ = ["spiral_data", "vertical_data", "sine_data", "load_fashion_mnist",
           "FASHION_MNIST_CLASSES", "DatasetError", "DatasetUnavailableError", "photo_folder"]

FASHION_MNIST_CLASSES = ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                         "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot")

# Where the official .gz files live; set it to a mirror's URL if needed.
FASHION_MNIST_URL = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"
DOWNLOAD_TIMEOUT = 30  # seconds without data before a download gives up
DOWNLOAD_DEADLINE = 600  # seconds for one whole file, however the server dribbles it

DATA_DIR = Path(__file__).resolve().parent.parent / "data"  # git-ignored: datasets, models
REPO_DATA_DIR = DATA_DIR / "fashion_mnist"
SYSTEM_DATA_DIR = Path("/usr/share/datasets/fashion-mnist")  # apt package dataset-fashion-mnist

# Size and SHA-256 of each file *after* decompression: the .gz bytes differ between
# sources (Debian recompressed them), the content inside does not.
EXPECTED = {
    "train-images-idx3-ubyte.gz": (
        47_040_016, "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
    "train-labels-idx1-ubyte.gz": (
        60_008, "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
    "t10k-images-idx3-ubyte.gz": (
        7_840_016, "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
    "t10k-labels-idx1-ubyte.gz": (
        10_008, "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
}
FILES = tuple(EXPECTED)  # train images, train labels, test images, test labels


class DatasetError(ValueError):
    """A dataset file exists but its content is wrong (corrupt, truncated, not IDX)."""


class DatasetUnavailableError(OSError):
    """Fashion-MNIST is on no search path and could not be downloaded."""


def photo_folder() -> Path:
    """The folder for the learner's own photos (chapter 22): ``photos`` in ``$NNFS_DATA_DIR``
    when that variable is set, else ``photos`` in the current working folder. It is never
    inside the course's own checkout, and git ignores folders of that name."""
    env = os.environ.get("NNFS_DATA_DIR")
    return (Path(env) if env else Path.cwd()) / "photos"


def _search_dirs() -> list[Path]:
    env = os.environ.get("NNFS_DATA_DIR")
    return ([Path(env)] if env else []) + [REPO_DATA_DIR, SYSTEM_DATA_DIR]


def _download_dir() -> Path:
    env = os.environ.get("NNFS_DATA_DIR")
    return Path(env) if env else REPO_DATA_DIR


def _bad_file(path: Path, problem: Exception) -> DatasetError:
    """A DatasetError naming ``path``, what is wrong (``problem``) and how to fix it."""
    if path.parent.resolve() == SYSTEM_DATA_DIR.resolve():
        fix = "Reinstall it: sudo apt-get install --reinstall dataset-fashion-mnist"
    elif isinstance(problem, DatasetError):
        fix = "Delete it and call load_fashion_mnist() again to download a fresh copy"
    else:
        fix = (f"Make it readable (chmod a+r {path}), or delete it and call "
               f"load_fashion_mnist() again to download a fresh copy")
    what = "is corrupt" if isinstance(problem, DatasetError) else "cannot be read"
    return DatasetError(f"Fashion-MNIST file {path} {what}: {problem}. {fix}.")


def _read_idx(path: Path, name: str) -> np.ndarray:
    """Decompress one IDX file, check its size, SHA-256 and header; return a uint8 array.

    Raises DatasetError saying what is wrong; callers add where the file came from.
    """
    size, sha256 = EXPECTED[name]
    try:
        with gzip.open(path, "rb") as f:
            raw = f.read(size + 1)  # one byte more than expected, so too long shows
    except (gzip.BadGzipFile, EOFError, zlib.error) as e:
        raise DatasetError(f"not a complete gzip file ({e})") from e
    if len(raw) != size:
        raise DatasetError(f"{len(raw):,} bytes after decompression, expected {size:,}")
    if hashlib.sha256(raw).hexdigest() != sha256:
        raise DatasetError("its SHA-256 does not match the published data")
    # IDX header: magic number, then one big-endian uint32 per dimension.
    images = "images" in name
    ndim = 3 if images else 1
    magic, *dims = np.frombuffer(raw, ">u4", count=1 + ndim).tolist()
    if magic != (2051 if images else 2049) or (images and dims[1:] != [28, 28]) \
            or 4 * (1 + ndim) + int(np.prod(dims)) != size:
        raise DatasetError(f"unexpected IDX header (magic {magic}, shape {dims})")
    return np.frombuffer(raw, np.uint8, offset=4 * (1 + ndim)).reshape(dims)


@functools.lru_cache(maxsize=2)
def _load_dir(directory: str) -> tuple[np.ndarray, ...]:
    """Read the four files of one folder once per process. The arrays are read-only."""
    arrays = []
    for name in FILES:
        path = Path(directory) / name
        try:
            arrays.append(_read_idx(path, name))
        except (DatasetError, OSError) as e:  # OSError: no permission to read it, for one
            raise _bad_file(path, e) from e
    for a, b in ((arrays[0], arrays[1]), (arrays[2], arrays[3])):
        if len(a) != len(b):
            raise DatasetError(f"{directory}: {len(a)} images but {len(b)} labels")
    return tuple(arrays)


def _download(name: str, target: Path) -> None:
    """Fetch one file into ``target``, atomically: into ``.NAME.part``, verified, then renamed.

    A download gives up after DOWNLOAD_DEADLINE seconds in all, or as soon as the server
    sends more than a gzip of the file can take. The next attempt replaces the part file
    that a killed one left behind.
    """
    target.mkdir(parents=True, exist_ok=True)
    url = FASHION_MNIST_URL.rstrip("/") + "/" + name
    limit = EXPECTED[name][0] + (1 << 16)  # gzip adds far less than 64 KiB to any content
    deadline = time.monotonic() + DOWNLOAD_DEADLINE
    tmp = target / f".{name}.part"
    try:
        with open(tmp, "wb") as out, \
                urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT) as r:
            total = int(r.headers.get("Content-Length") or 0) or None
            if (total or 0) > limit:
                raise DatasetError(f"{url} announces {total:,} bytes, more than this file "
                                   f"can be ({limit:,})")
            with tqdm(total=total, unit="B", unit_scale=True, desc=name) as bar:
                while chunk := r.read1(1 << 16):  # whatever has arrived, at most 64 KiB
                    if bar.n + len(chunk) > limit:
                        raise DatasetError(f"{url} sent more than {limit:,} bytes, more than "
                                           f"this file can be")
                    if time.monotonic() > deadline:
                        raise OSError(f"{url} took more than {DOWNLOAD_DEADLINE} s; try "
                                      f"again later, or from a mirror")
                    out.write(chunk)
                    bar.update(len(chunk))
        if total is not None and bar.n != total:
            raise OSError(f"{url} was cut short ({bar.n:,} of {total:,} bytes)")
        try:
            _read_idx(tmp, name)
        except DatasetError as e:
            raise DatasetError(f"{url} sent wrong content, not saved: {e}") from e
        os.replace(tmp, target / name)
    finally:
        tmp.unlink(missing_ok=True)  # nothing left behind unless it was renamed


def _unavailable(reason: str) -> DatasetUnavailableError:
    names = ", ".join(FILES)
    return DatasetUnavailableError(
        f"Fashion-MNIST was not found on this computer and was not downloaded ({reason}).\n"
        "Get it in one of three ways, then call load_fashion_mnist() again:\n"
        "  1. On Debian/Ubuntu: sudo apt-get install dataset-fashion-mnist\n"
        f"  2. Put the four files ({names}) in {REPO_DATA_DIR},\n"
        "     or in a folder of your choice and set the NNFS_DATA_DIR environment variable to it.\n"
        f"  3. Connect to the internet: it is downloaded from {FASHION_MNIST_URL}\n"
        f"     into {_download_dir()}.\n"
        f"Looked in: {', '.join(map(str, _search_dirs()))}")


def _find_or_download(download: bool) -> Path:
    # The first folder holding all four files is used, and a corrupt file there raises a
    # DatasetError instead of falling through to the next folder: silently skipping it
    # would hide a broken copy and load different data than the learner expects.
    for d in _search_dirs():
        if all((d / name).is_file() for name in FILES):
            return d
    if not download:
        raise _unavailable("download=False")
    target = _download_dir()
    try:
        for name in FILES:  # files already in the target (verified when written) are kept
            if not (target / name).is_file():
                _download(name, target)
    except (OSError, http.client.HTTPException, DatasetError) as e:
        raise _unavailable(f"download failed: {e}") from e
    return target


def load_fashion_mnist(*, flatten=True, scale=True, dtype=np.float32, download=True):
    """Load Fashion-MNIST (chapter 19): 60,000 training and 10,000 test images, 10 classes.

    Returns ``(X_train, y_train, X_test, y_test)``. By default each image is a row of 784
    pixels scaled from 0..255 to [-1, 1] as ``dtype``. ``flatten=False`` keeps the 28x28
    shape; ``scale=False`` returns the stored uint8 pixels (``dtype`` is then unused).
    Labels are int64 indices into ``FASHION_MNIST_CLASSES``. Arrays are fresh copies,
    yours to modify; the files are read only once per process.
    With ``download=False`` a missing dataset raises instead of being downloaded.
    """
    if scale and np.dtype(dtype).kind != "f":
        raise ValueError(f"dtype must be a floating type when scale=True, got {np.dtype(dtype)}")
    directory = _find_or_download(download)
    X_train, y_train, X_test, y_test = _load_dir(str(directory.resolve()))

    def prepare(X):
        X = X.astype(dtype if scale else np.uint8)  # a new array: the cache stays untouched
        if scale:
            X -= 127.5
            X /= 127.5
        return X.reshape(len(X), -1) if flatten else X

    return prepare(X_train), y_train.astype(np.int64), prepare(X_test), y_test.astype(np.int64)


def split_validation(X, y, fraction):
    """Chapter 12: a random ``fraction`` of the samples held out:
    ``(X, y), (X_val, y_val) or None``."""
    if fraction == 0:
        return (X, y), None
    order = np.random.permutation(len(X))
    n_val = min(max(1, round(fraction * len(X))), len(X) - 1)
    train, val = order[n_val:], order[:n_val]
    return (X[train], y[train]), (X[val], y[val])
