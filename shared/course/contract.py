"""The rules that the chapter generator (tools/), the checks and the course's tools share.

Each is written here once: the exercise metadata key, the stub an unwritten exercise
raises, what a check cell is, the chapter file pattern, the message limit and the BLAS
thread counts.
"""
import ast
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the course's checkout
COURSE_CHAPTERS = ROOT / "chapters"  # the learner's copies of the chapters
CHAPTER_PATTERN = "[0-9][0-9]_*.ipynb"  # a chapter's file name: two digits, an underscore, a slug

# An exercise cell of a learner's copy carries its exercises under this metadata key:
# {"exercises": [{"id": "09.dense_backward", "check": "shared.checks.ch09.check_dense_backward",
#                 "answer": "dense_backward"}]}
EXERCISE_KEY = "nnfs_course"

MESSAGE_LIMIT = 2000  # characters: a check's message is never longer


def stub_line(name):
    """The line that replaces an unwritten exercise `name` in a learner's copy."""
    return f'raise NotImplementedError("{name}: write this exercise")'


STUB_MESSAGE = re.compile(r"^(\S+): write this exercise$")  # the message stub_line raises


def is_check_cell(source):
    """True for a code cell's source that only calls `check_*(...)` functions."""
    try:
        body = ast.parse(source).body
    except SyntaxError:
        return False
    return bool(body) and all(
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Call)
        and isinstance(statement.value.func, ast.Name)
        and statement.value.func.id.startswith("check_")
        for statement in body
    )


# BLAS thread counts. The stored outputs were made with 2 threads: float32 matrix products
# can round differently with another count, and training magnifies that, so every kernel
# that re-runs a notebook for its outputs uses 2. The progress view and the grader run one
# kernel per core, each with 1 thread; checks compare with a tolerance, not digit for digit.
BLAS_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
OUTPUT_THREADS = 2
CHECKING_THREADS = 1


def blas_threads(count):
    """Environment variables that make a new process's BLAS use `count` threads."""
    return {name: str(count) for name in BLAS_VARIABLES}


def pin_blas_threads():
    """Make kernels started from this process use the thread count the outputs were made with."""
    os.environ.update(blas_threads(OUTPUT_THREADS))
