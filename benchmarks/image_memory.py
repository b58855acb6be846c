"""How much memory does ``shared.images.image_to_input`` take for a large phone photo?

Writes a photo-like JPEG (an item on a noisy, lit background) of the size asked, and the
same scene at 300x200, then, in a fresh Python process for each run, imports
``shared.images`` and measures one call:

- the peak resident memory (``ru_maxrss``) of the process, less that of a process that
  read the small photo instead: the extra memory the large photo takes, counting Pillow's
  decoding buffers as well as NumPy's arrays, and
- the peak of the memory Python and NumPy allocate during the call (``tracemalloc``),
  which does not count Pillow's C buffers.

    python benchmarks/image_memory.py                      # 6000x4000 (24 megapixels)
    python benchmarks/image_memory.py --size 8000 6000     # 48 megapixels

Exits with status 1 if the resident peak passes the limit (100 MB by default).
"""
import argparse
import json
import multiprocessing
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image

REPO = Path(__file__).resolve().parents[1]

MEASURE = """
import json, resource, sys, tracemalloc
from shared.images import image_to_input
tracemalloc.start()
row = image_to_input(sys.argv[1])
traced = tracemalloc.get_traced_memory()[1]
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
print(json.dumps({"rss": peak * scale, "traced": traced}))
"""


def write_photo(path, width, height, seed=0):
    """A JPEG of a dark item on a light, unevenly lit and noisy background, made in strips
    so that this process never holds the whole picture as floats."""
    rng = np.random.default_rng(seed)
    picture = np.empty((height, width, 3), np.uint8)
    top, bottom, left, right = height // 4, 3 * height // 4, width // 3, 2 * width // 3
    for start in range(0, height, 500):
        rows = np.arange(start, min(start + 500, height))[:, None]
        light = 0.85 + 0.1 * rows / height + 0.02 * rng.standard_normal((len(rows), width))
        item = (rows >= top) & (rows < bottom) & (np.arange(width) >= left) & (
            np.arange(width) < right)
        gray = np.where(item, 0.25 * light, light)
        picture[start:start + len(rows)] = np.clip(gray[..., None] * (255, 245, 235), 0, 255)
    Image.fromarray(picture).save(path, quality=90)


def measure(path):
    """The figures of one call in a fresh process, as a dict."""
    run = subprocess.run([sys.executable, "-c", MEASURE, str(path)], cwd=REPO, check=True,
                         capture_output=True, text=True, env={"PYTHONPATH": str(REPO),
                                                              "PATH": "/usr/bin:/bin"})
    return json.loads(run.stdout)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, nargs=2, default=(6000, 4000),
                        metavar=("WIDTH", "HEIGHT"), help="the photo's size (default: 6000 4000)")
    parser.add_argument("--runs", type=int, default=3, help="fresh processes (default: 3)")
    parser.add_argument("--limit", type=float, default=100, help="MB allowed (default: 100)")
    args = parser.parse_args(argv)
    width, height = args.size
    with tempfile.TemporaryDirectory() as folder:
        path, small = Path(folder) / "photo.jpg", Path(folder) / "small.jpg"
        # Another process makes the photos: a process started from this one inherits its
        # peak resident memory, which must stay below that of the runs measured.
        with multiprocessing.get_context("spawn").Pool(1) as pool:
            pool.starmap(write_photo, [(path, width, height), (small, 300, 200)])
        print(f"{width}x{height} JPEG ({width * height / 1e6:.0f} megapixels, "
              f"{path.stat().st_size / 1e6:.1f} MB file) on {platform.machine()}, "
              f"Python {platform.python_version()}, Pillow {Image.__version__}, "
              f"NumPy {np.__version__}")
        large = [measure(path) for _ in range(args.runs)]
        control = [measure(small) for _ in range(args.runs)]
    extra = (max(run["rss"] for run in large) - min(run["rss"] for run in control)) / 1e6
    traced = max(run["traced"] for run in large) / 1e6
    print(f"peak resident memory: {extra:.1f} MB more than for a 300x200 photo (worst of "
          f"{args.runs} runs each); NumPy and Python allocations at their peak: {traced:.1f} MB")
    return 0 if extra <= args.limit else 1


if __name__ == "__main__":
    sys.exit(main())
