"""The benchmark compares like with like: same weights, same batches, same arithmetic."""
import re
import subprocess
import sys
from pathlib import Path

import pytest

from shared.data import DatasetUnavailableError, load_fashion_mnist

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "benchmark.py"


def test_benchmark_runs_and_the_numpy_loop_matches_shared():
    try:
        load_fashion_mnist(download=False)
    except DatasetUnavailableError:
        pytest.skip("Fashion-MNIST is not on this computer")
    result = subprocess.run([sys.executable, str(SCRIPT), "--subset", "1000", "--epochs", "2",
                             "--threads", "1"], capture_output=True, text=True, timeout=300)
    assert result.returncode in (0, 1), result.stderr  # 1: slower than the limit, on tiny data
    out = result.stdout
    assert re.search(r"^shared Model\.train +\d+\.\d{3} ", out, re.M)
    assert re.search(r"^NumPy loop +\d+\.\d{3} ", out, re.M)
    assert re.search(r"median of per-epoch ratios: \d+\.\d{3} \(limit 1\.2\)", out)
    # Same start, same batches, same arithmetic: the two end with identical parameters.
    assert "largest parameter difference, shared vs NumPy loop: 0.00e+00" in out
