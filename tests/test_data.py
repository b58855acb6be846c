"""Tests of shared.data. They run offline: tiny synthetic Fashion-MNIST files, a local
HTTP server on 127.0.0.1, and tmp_path for everything written."""
import gzip
import hashlib
import http.server
import socket
import struct
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from shared import data

N_TRAIN, N_TEST = 5, 3


# ---------------------------------------------------------------- fake datasets

def idx_images(images):
    n, rows, cols = images.shape
    return struct.pack(">IIII", 2051, n, rows, cols) + images.astype(np.uint8).tobytes()


def idx_labels(labels):
    return struct.pack(">II", 2049, len(labels)) + labels.astype(np.uint8).tobytes()


def make_fake(seed=0):
    """Return ({file name: decompressed bytes}, arrays) for a 5 + 3 image dataset."""
    rng = np.random.default_rng(seed)
    X_train = rng.integers(0, 256, (N_TRAIN, 28, 28), dtype=np.uint8)
    X_test = rng.integers(0, 256, (N_TEST, 28, 28), dtype=np.uint8)
    X_train[0, 0, 0], X_train[0, 0, 1] = 0, 255  # both ends of the range appear
    y_train = rng.integers(0, 10, N_TRAIN, dtype=np.uint8)
    y_test = rng.integers(0, 10, N_TEST, dtype=np.uint8)
    raw = dict(zip(data.FILES, [idx_images(X_train), idx_labels(y_train),
                                idx_images(X_test), idx_labels(y_test)]))
    return raw, (X_train, y_train, X_test, y_test)


def expect(monkeypatch, raw):
    """Make shared.data accept exactly these decompressed contents."""
    table = {name: (len(b), hashlib.sha256(b).hexdigest()) for name, b in raw.items()}
    monkeypatch.setattr(data, "EXPECTED", table)


def write(directory, raw, names=None):
    directory.mkdir(parents=True, exist_ok=True)
    for name in names or raw:
        (directory / name).write_bytes(gzip.compress(raw[name]))
    return directory


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """No env dir, repo dir and system dir under tmp_path, an unreachable URL, no cache."""
    monkeypatch.delenv("NNFS_DATA_DIR", raising=False)
    monkeypatch.setattr(data, "REPO_DATA_DIR", tmp_path / "repo" / "data" / "fashion_mnist")
    monkeypatch.setattr(data, "SYSTEM_DATA_DIR", tmp_path / "system")
    monkeypatch.setattr(data, "FASHION_MNIST_URL", f"http://127.0.0.1:{closed_port()}/")
    data._load_dir.cache_clear()
    yield
    data._load_dir.cache_clear()


@pytest.fixture
def fake(monkeypatch):
    raw, arrays = make_fake()
    expect(monkeypatch, raw)
    return raw, arrays


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listing(directory):
    return sorted(p.name for p in directory.iterdir()) if directory.exists() else []


# ---------------------------------------------------------------- small datasets

def test_nnfs_datasets_are_reexported():
    X, y = data.spiral_data(samples=10, classes=3)
    assert X.shape == (30, 2) and y.shape == (30,)
    assert data.vertical_data(samples=10, classes=2)[0].shape == (20, 2)
    assert data.sine_data(samples=50)[0].shape == (50, 1)


def test_class_names():
    assert len(data.FASHION_MNIST_CLASSES) == 10
    assert data.FASHION_MNIST_CLASSES[0] == "T-shirt/top"
    assert data.FASHION_MNIST_CLASSES[9] == "Ankle boot"


def test_error_classes_follow_package_conventions():
    assert issubclass(data.DatasetError, ValueError)
    assert issubclass(data.DatasetUnavailableError, OSError)


# ---------------------------------------------------------------- loading and options

def test_default_is_flat_scaled_float32(tmp_path, monkeypatch, fake):
    raw, (X_train, y_train, X_test, y_test) = fake
    monkeypatch.setenv("NNFS_DATA_DIR", str(write(tmp_path / "env", raw)))
    Xtr, ytr, Xte, yte = data.load_fashion_mnist()
    assert Xtr.shape == (N_TRAIN, 784) and Xte.shape == (N_TEST, 784)
    assert Xtr.dtype == np.float32 and Xte.dtype == np.float32
    assert Xtr.min() == -1.0 and Xtr.max() == 1.0
    assert Xte.min() >= -1.0 and Xte.max() <= 1.0
    np.testing.assert_allclose(Xtr, (X_train.reshape(N_TRAIN, -1) - 127.5) / 127.5, rtol=1e-6)
    assert ytr.dtype == np.int64 and yte.dtype == np.int64
    np.testing.assert_array_equal(ytr, y_train)
    np.testing.assert_array_equal(yte, y_test)


def test_raw_uint8_images(tmp_path, monkeypatch, fake):
    raw, (X_train, _, X_test, _) = fake
    monkeypatch.setenv("NNFS_DATA_DIR", str(write(tmp_path / "env", raw)))
    Xtr, ytr, Xte, _ = data.load_fashion_mnist(flatten=False, scale=False)
    assert Xtr.dtype == np.uint8 and Xtr.shape == (N_TRAIN, 28, 28)
    np.testing.assert_array_equal(Xtr, X_train)
    np.testing.assert_array_equal(Xte, X_test)
    assert ytr.dtype == np.int64


@pytest.mark.parametrize("flatten, shape", [(True, (N_TRAIN, 784)), (False, (N_TRAIN, 28, 28))])
def test_flatten_and_dtype_options(tmp_path, monkeypatch, fake, flatten, shape):
    monkeypatch.setenv("NNFS_DATA_DIR", str(write(tmp_path / "env", fake[0])))
    X = data.load_fashion_mnist(flatten=flatten, dtype=np.float64)[0]
    assert X.shape == shape and X.dtype == np.float64
    assert X.min() == -1.0 and X.max() == 1.0
    assert data.load_fashion_mnist(flatten=flatten, scale=False)[0].shape == shape


def test_integer_dtype_with_scaling_is_rejected():
    with pytest.raises(ValueError, match="floating"):
        data.load_fashion_mnist(dtype=np.int32)


def test_results_are_copies_and_files_are_read_once(tmp_path, monkeypatch, fake):
    raw = fake[0]
    env = write(tmp_path / "env", raw)
    monkeypatch.setenv("NNFS_DATA_DIR", str(env))
    first = data.load_fashion_mnist(flatten=False, scale=False)
    for a in first:
        a[...] = 7  # a learner modifying the arrays must not change the next call
    for name in raw:  # ruin the files: the second call must come from the cache
        (env / name).write_bytes(b"garbage")
    second = data.load_fashion_mnist(flatten=False, scale=False)
    np.testing.assert_array_equal(second[0], fake[1][0])
    np.testing.assert_array_equal(second[1], fake[1][1])


# ---------------------------------------------------------------- where files are found

def test_env_dir_comes_before_repo_dir(tmp_path, monkeypatch, fake):
    raw = fake[0]
    monkeypatch.setenv("NNFS_DATA_DIR", str(write(tmp_path / "env", raw)))
    repo = write(data.REPO_DATA_DIR, raw)
    (repo / data.FILES[0]).write_bytes(b"not gzip")  # would fail if it were read
    assert data.load_fashion_mnist()[0].shape == (N_TRAIN, 784)


def test_repo_dir_comes_before_system_dir(fake):
    raw = fake[0]
    write(data.REPO_DATA_DIR, raw)
    system = write(data.SYSTEM_DATA_DIR, raw)
    (system / data.FILES[0]).write_bytes(b"not gzip")
    assert data.load_fashion_mnist()[0].shape == (N_TRAIN, 784)


def test_incomplete_dirs_are_skipped(tmp_path, monkeypatch, fake):
    raw = fake[0]
    monkeypatch.setenv("NNFS_DATA_DIR", str(write(tmp_path / "env", raw, data.FILES[:3])))
    write(data.REPO_DATA_DIR, raw, data.FILES[1:])
    write(data.SYSTEM_DATA_DIR, raw)
    assert data.load_fashion_mnist(download=False)[3].shape == (N_TEST,)


def test_corrupt_local_file_is_named_not_skipped(fake):
    raw = fake[0]
    repo = write(data.REPO_DATA_DIR, raw)
    write(data.SYSTEM_DATA_DIR, raw)  # a good copy later in the order is not used instead
    bad = data.FILES[2]
    (repo / bad).write_bytes(gzip.compress(raw[bad][:-1] + b"\x01"))
    with pytest.raises(data.DatasetError) as info:
        data.load_fashion_mnist()
    msg = str(info.value)
    assert bad in msg and str(repo) in msg and "SHA-256" in msg and "Delete it" in msg


@pytest.mark.parametrize("content", [b"not gzip at all", gzip.compress(b"x" * 5000)[:40]])
def test_unreadable_local_gzip_is_named(fake, content):
    repo = write(data.REPO_DATA_DIR, fake[0])
    (repo / data.FILES[1]).write_bytes(content)
    with pytest.raises(data.DatasetError, match=data.FILES[1]):
        data.load_fashion_mnist()


def test_bad_idx_header_is_rejected(monkeypatch, fake):
    raw = dict(fake[0])
    name = data.FILES[1]
    raw[name] = struct.pack(">II", 2051, N_TRAIN) + bytes(N_TRAIN)  # image magic on labels
    expect(monkeypatch, raw)
    write(data.REPO_DATA_DIR, raw)
    with pytest.raises(data.DatasetError, match="IDX header"):
        data.load_fashion_mnist()


# ---------------------------------------------------------------- downloads

class Server:
    """A local HTTP server: routes maps a file name to (body, Content-Length or None)."""

    def __init__(self):
        self.routes, self.requests = {}, []
        routes, requests = self.routes, self.requests

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                name = self.path.rsplit("/", 1)[-1]
                requests.append(name)
                if name not in routes:
                    self.send_error(404)
                    return
                body, length = routes[name]
                self.send_response(200)
                self.send_header("Content-Length", str(len(body) if length is None else length))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/fashion/"
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    def serve(self, raw):
        for name, content in raw.items():
            self.routes[name] = (gzip.compress(content), None)


@pytest.fixture
def server(monkeypatch):
    s = Server()
    monkeypatch.setattr(data, "FASHION_MNIST_URL", s.url)
    yield s
    s.httpd.shutdown()
    s.httpd.server_close()


def test_download_into_repo_dir(fake, server):
    raw, (X_train, *_rest) = fake
    server.serve(raw)
    Xtr, ytr, Xte, yte = data.load_fashion_mnist(flatten=False, scale=False)
    np.testing.assert_array_equal(Xtr, X_train)
    assert listing(data.REPO_DATA_DIR) == sorted(data.FILES)  # no temp files left
    assert sorted(server.requests) == sorted(data.FILES)
    data._load_dir.cache_clear()
    data.load_fashion_mnist()  # the downloaded files are found locally: no second download
    assert len(server.requests) == 4


def test_download_into_env_dir_fetches_only_missing_files(tmp_path, monkeypatch, fake, server):
    raw = fake[0]
    env = write(tmp_path / "env", raw, data.FILES[:2])
    monkeypatch.setenv("NNFS_DATA_DIR", str(env))
    server.serve(raw)
    assert data.load_fashion_mnist()[2].shape == (N_TEST, 784)
    assert sorted(server.requests) == sorted(data.FILES[2:])
    assert listing(env) == sorted(data.FILES)
    assert not data.REPO_DATA_DIR.exists()


def test_download_with_wrong_content_saves_nothing(fake, server):
    raw = fake[0]
    server.serve(raw)
    bad = data.FILES[0]
    server.routes[bad] = (gzip.compress(raw[bad][::-1]), None)
    with pytest.raises(data.DatasetUnavailableError) as info:
        data.load_fashion_mnist()
    assert bad in str(info.value) and "wrong content" in str(info.value)
    assert isinstance(info.value.__cause__, data.DatasetError)
    assert listing(data.REPO_DATA_DIR) == []


def test_download_cut_short_saves_nothing(fake, server):
    raw = fake[0]
    server.serve(raw)
    name = data.FILES[1]
    body = server.routes[name][0]
    server.routes[name] = (body[:-10], len(body))  # announces more than it sends
    with pytest.raises(data.DatasetUnavailableError, match="cut short"):
        data.load_fashion_mnist()
    assert listing(data.REPO_DATA_DIR) == [data.FILES[0]]  # only the verified first file


def test_truncated_gzip_download_saves_nothing(fake, server):
    raw = fake[0]
    server.serve(raw)
    name = data.FILES[0]
    server.routes[name] = (server.routes[name][0][:-30], None)  # consistent length, cut gzip
    with pytest.raises(data.DatasetUnavailableError, match="gzip"):
        data.load_fashion_mnist()
    assert listing(data.REPO_DATA_DIR) == []


def test_http_error_is_reported(fake, server):
    with pytest.raises(data.DatasetUnavailableError, match="404"):
        data.load_fashion_mnist()
    assert listing(data.REPO_DATA_DIR) == []


def test_offline_message_names_the_three_ways():
    start = time.perf_counter()
    with pytest.raises(data.DatasetUnavailableError) as info:
        data.load_fashion_mnist()
    assert time.perf_counter() - start < 5
    msg = str(info.value)
    assert "apt-get install dataset-fashion-mnist" in msg          # 1
    assert str(data.REPO_DATA_DIR) in msg and "NNFS_DATA_DIR" in msg  # 2
    assert "internet" in msg and data.FASHION_MNIST_URL in msg       # 3
    assert all(name in msg for name in data.FILES)
    assert isinstance(info.value.__cause__, OSError)  # the original error is chained
    assert listing(data.REPO_DATA_DIR) == []


def test_download_false_never_touches_the_network(server):
    with pytest.raises(data.DatasetUnavailableError, match="download=False"):
        data.load_fashion_mnist(download=False)
    assert server.requests == []


# ---------------------------------------------------------------- the real data

REAL_DIR = Path("/usr/share/datasets/fashion-mnist")


@pytest.mark.skipif(not all((REAL_DIR / n).is_file() for n in data.FILES),
                    reason="real Fashion-MNIST not installed "
                           "(apt-get install dataset-fashion-mnist)")
def test_real_fashion_mnist(monkeypatch):
    monkeypatch.setattr(data, "SYSTEM_DATA_DIR", REAL_DIR)
    start = time.perf_counter()
    X_train, y_train, X_test, y_test = data.load_fashion_mnist(download=False)
    seconds = time.perf_counter() - start
    assert X_train.shape == (60000, 784) and X_test.shape == (10000, 784)
    assert X_train.dtype == np.float32 and X_test.dtype == np.float32
    assert X_train.min() == -1.0 and X_train.max() == 1.0
    assert y_train.dtype == np.int64 and y_test.dtype == np.int64
    np.testing.assert_array_equal(np.bincount(y_train), [6000] * 10)
    np.testing.assert_array_equal(np.bincount(y_test), [1000] * 10)
    assert seconds < 10, f"loading took {seconds:.1f} s"


# ---------------------------------------------------------------- photos (chapter 22)

def test_photos_live_in_the_working_folder_or_in_nnfs_data_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("NNFS_DATA_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    assert data.photo_folder() == tmp_path / "photos"
    assert not data.photo_folder().is_relative_to(data.DATA_DIR.parent)  # never the checkout
    monkeypatch.setenv("NNFS_DATA_DIR", str(tmp_path / "mine"))
    assert data.photo_folder() == tmp_path / "mine" / "photos"
