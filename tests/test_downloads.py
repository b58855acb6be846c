"""Downloads from a misbehaving server, and data files that cannot be read.

Offline: a local HTTP server on 127.0.0.1 in a thread, tiny made-up "Fashion-MNIST" files
whose sizes and hashes are put into shared.data.EXPECTED, and every run bounded in time."""
import gzip
import hashlib
import http.server
import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from shared import data

# Four small files in the IDX format, decompressed: 3 images of 28 x 28 and 3 labels, twice.
IMAGES = (2051).to_bytes(4, "big") + b"".join(n.to_bytes(4, "big") for n in (3, 28, 28))
LABELS = (2049).to_bytes(4, "big") + (3).to_bytes(4, "big")
RAW = dict(zip(data.FILES, [IMAGES + bytes(range(256)) * 9 + bytes(48), LABELS + b"\x01\x02\x03",
                            IMAGES + bytes(3 * 784), LABELS + b"\x04\x05\x06"]))
GZIPPED = {name: gzip.compress(raw) for name, raw in RAW.items()}


class Server:
    """A local HTTP server; ``behave(handler, name)`` answers each request."""

    def __init__(self, behave):
        self.sent = 0
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                try:
                    behave(self, self.path.rsplit("/", 1)[-1])
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up, as it should

            def send(self, chunk):
                self.wfile.write(chunk)
                self.wfile.flush()
                server.sent += len(chunk)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/fashion/"
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def good(handler, name):
    handler.send_response(200)
    handler.send_header("Content-Length", str(len(GZIPPED[name])))
    handler.end_headers()
    handler.send(GZIPPED[name])


@pytest.fixture
def serve(monkeypatch):
    """Start a server that answers with ``behave`` and point shared.data at it."""
    servers = []

    def start(behave):
        servers.append(Server(behave))
        monkeypatch.setattr(data, "FASHION_MNIST_URL", servers[-1].url)
        return servers[-1]
    yield start
    for server in servers:
        server.close()


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """Only tmp_path folders, the small files' sizes and hashes, an empty cache."""
    monkeypatch.delenv("NNFS_DATA_DIR", raising=False)
    monkeypatch.setattr(data, "REPO_DATA_DIR", tmp_path / "repo")
    monkeypatch.setattr(data, "SYSTEM_DATA_DIR", tmp_path / "system")
    monkeypatch.setattr(data, "EXPECTED", {name: (len(raw), hashlib.sha256(raw).hexdigest())
                                           for name, raw in RAW.items()})
    data._load_dir.cache_clear()
    yield
    data._load_dir.cache_clear()


def test_the_small_files_load(serve):
    serve(good)
    X_train, y_train, X_test, y_test = data.load_fashion_mnist(scale=False)
    assert X_train.shape == (3, 784) and list(y_test) == [4, 5, 6]
    assert sorted(os.listdir(data.REPO_DATA_DIR)) == sorted(data.FILES)


def test_a_trickling_server_meets_an_overall_deadline(serve, monkeypatch):
    """One byte every 0.05 s keeps every read alive; the file's deadline stops it."""
    def trickle(handler, name):
        handler.send_response(200)
        handler.send_header("Content-Length", str(len(GZIPPED[name])))
        handler.end_headers()
        for byte in GZIPPED[name][:120]:  # 6 s at most
            handler.send(bytes([byte]))
            time.sleep(0.05)
    serve(trickle)
    monkeypatch.setattr(data, "DOWNLOAD_DEADLINE", 1)
    monkeypatch.setattr(data, "DOWNLOAD_TIMEOUT", 1)
    start = time.monotonic()
    with pytest.raises(data.DatasetUnavailableError, match="took more than 1 s"):
        data.load_fashion_mnist()
    assert time.monotonic() - start < 3
    assert os.listdir(data.REPO_DATA_DIR) == []


def test_a_server_that_never_stops_is_cut_off_at_the_expected_size(serve):
    """No Content-Length, then zeros (up to 64 MB) for a file of 3 kB."""
    def endless(handler, name):
        handler.send_response(200)
        handler.end_headers()
        block = bytes(1 << 16)
        for _ in range(1024):
            handler.send(block)
    server = serve(endless)
    with pytest.raises(data.DatasetUnavailableError, match=r"sent more than [\d,]+ bytes"):
        data.load_fashion_mnist()
    assert server.sent < 32 << 20  # what the sockets' buffers took before the client left
    assert os.listdir(data.REPO_DATA_DIR) == []


def test_an_announced_size_beyond_the_file_is_refused_before_reading(serve):
    def boastful(handler, name):
        handler.send_response(200)
        handler.send_header("Content-Length", str(2 << 30))
        handler.end_headers()
        handler.send(bytes(1 << 16))
    serve(boastful)
    with pytest.raises(data.DatasetUnavailableError, match="announces 2,147,483,648 bytes"):
        data.load_fashion_mnist()


CHILD = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    from shared import data
    folder, url, expected = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    data.REPO_DATA_DIR, data.SYSTEM_DATA_DIR = Path(folder), Path(folder) / "none"
    data.FASHION_MNIST_URL, data.EXPECTED = url, {k: tuple(v) for k, v in expected.items()}
    data.load_fashion_mnist()
""")


def test_a_killed_download_leaves_nothing_after_the_next_one(serve, tmp_path):
    """A download killed half-way leaves a part file; the next download clears it away."""
    def half_then_wait(handler, name):
        handler.send_response(200)
        handler.send_header("Content-Length", str(len(GZIPPED[name])))
        handler.end_headers()
        handler.send(GZIPPED[name][:len(GZIPPED[name]) // 2])
        time.sleep(10)
    server = serve(half_then_wait)
    env = {**os.environ, "NNFS_DATA_DIR": ""}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(data.REPO_DATA_DIR), server.url,
                              json.dumps(data.EXPECTED)], env=env, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):  # until the part file is there (10 s at most)
            if data.REPO_DATA_DIR.exists() and os.listdir(data.REPO_DATA_DIR):
                break
            time.sleep(0.05)
        time.sleep(0.2)  # the first half arrives; the server holds back the rest
        assert os.listdir(data.REPO_DATA_DIR), "the child never started its download"
        assert not set(os.listdir(data.REPO_DATA_DIR)) & set(data.FILES)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    serve(good)
    data.load_fashion_mnist()
    assert sorted(os.listdir(data.REPO_DATA_DIR)) == sorted(data.FILES)


def test_a_file_that_cannot_be_read_is_named_with_the_fix(monkeypatch):
    data.REPO_DATA_DIR.mkdir()
    for name, gzipped in GZIPPED.items():
        (data.REPO_DATA_DIR / name).write_bytes(gzipped)
    locked = data.REPO_DATA_DIR / data.FILES[1]
    real_open = gzip.open

    def no_permission(path, *args, **kwargs):  # as chmod 000 would (tests may run as root)
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)
    monkeypatch.setattr(gzip, "open", no_permission)
    with pytest.raises(data.DatasetError) as info:
        data.load_fashion_mnist()
    message = str(info.value)
    assert f"{locked} cannot be read" in message and "Permission denied" in message
    assert f"chmod a+r {locked}" in message
