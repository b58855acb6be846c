"""Chapters 19-22 print the same with one BLAS thread as with the two their outputs were made with.

Float32 matrix products round differently with another thread count (BLAS splits the sums
between threads), and training magnifies that until printed figures change. These chapters
train in float64 (chapter 19's networks, the shared model of chapters 20-22, chapter 21's
resumed training), where the differences stay far below what they print; this test proves it
by running them under nbval with one thread.
"""
import os
import subprocess
import sys
from pathlib import Path

from shared.course.contract import blas_threads
from shared.pretrained import load_or_train_fashion_model

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = [str(path.relative_to(ROOT)) for number in ("19", "20", "21", "22")
             for path in sorted((ROOT / "solutions").glob(f"{number}_*.ipynb"))]


def test_chapters_19_to_22_print_the_same_with_one_blas_thread():
    assert len(NOTEBOOKS) == 4
    # The suite trains the shared model anyway (chapter 20 needs it); training it here, with
    # the suite's two threads, keeps the one-thread run below to the chapters themselves.
    load_or_train_fashion_model()
    one_thread = {**os.environ, **blas_threads(1)}
    # --noconftest: the root conftest.py would set the thread count back to 2.
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          "--noconftest", *NOTEBOOKS],
                         cwd=ROOT, env=one_thread, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout[-4000:]
