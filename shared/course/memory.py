"""How much memory a run of the trainer needs, and how much the computer has free.

``python -m shared.course.train`` refuses, before any work, a run whose estimate is larger
than what is available.
"""
import os
from pathlib import Path

from ..data import FASHION_MNIST_CLASSES

# float32 data and weights take 4 bytes a number; labels are int64.
FLOAT_BYTES, LABEL_BYTES = 4, 8
# Arrays each optimizer keeps per parameter: momentums and/or a cache of squared gradients.
OPTIMIZER_SLOTS = {"sgd": 0, "momentum": 1, "adagrad": 1, "rmsprop": 1, "adam": 2}


def data_shape(args):
    """``(inputs per sample, outputs, training samples, test samples)`` the flags ask for."""
    if args.dataset == "fashion_mnist":
        n_train = min(args.subset or 60_000, 60_000) * (2 if args.flip else 1)
        return 28 * 28, len(FASHION_MNIST_CLASSES), n_train, 10_000
    if args.dataset == "sine":
        return 1, 1, args.samples, args.samples
    return 2, args.classes, args.samples * args.classes, args.samples * args.classes


def memory_needed(args):
    """An estimate, in bytes, of the memory each part of a run with these flags needs."""
    n_inputs, n_outputs, n_train, n_test = data_shape(args)
    widths = [n_inputs, *args.hidden, n_outputs]
    sizes = [(n_in + 1) * n_out for n_in, n_out in zip(widths, widths[1:])]  # weights, biases
    # Each parameter, its gradient, the optimizer's arrays and two kept copies of the best
    # epoch; and the update's temporary arrays, three of the largest layer at a time.
    n_numbers = sum(sizes) * (4 + OPTIMIZER_SLOTS[args.optimizer]) + 3 * max(sizes)
    # A training batch keeps about six arrays of (batch, width) per layer for the backward
    # pass; evaluation runs batches of 1000 forward only, about two arrays each.
    n_activations = sum(widths) * max(6 * args.batch_size, 2 * 1000)
    return {"parameters, gradients and optimizer state": FLOAT_BYTES * n_numbers,
            "activations": FLOAT_BYTES * n_activations,
            # The validation split copies the training data.
            "data": (FLOAT_BYTES * n_inputs + LABEL_BYTES) * (2 * n_train + n_test)}


def available_memory():
    """Bytes of memory this run may use, or None if the system does not say: what Linux
    reports as available (capped by a container's limit), else the free or total memory."""
    try:
        with open("/proc/meminfo") as meminfo:
            known = [int(line.split()[1]) * 1024 for line in meminfo
                     if line.startswith("MemAvailable:")]
    except OSError:
        known = []
    try:  # a container's limit (cgroup v2), less what the container already uses
        limit = Path("/sys/fs/cgroup/memory.max").read_text().strip()
        if limit != "max":
            known.append(int(limit) - int(Path("/sys/fs/cgroup/memory.current").read_text()))
    except (OSError, ValueError):
        pass
    if known:
        return min(known)
    for name in ("SC_AVPHYS_PAGES", "SC_PHYS_PAGES"):  # free memory, else all of it
        try:
            return os.sysconf(name) * os.sysconf("SC_PAGE_SIZE")
        except (AttributeError, ValueError, OSError):  # Windows has no sysconf
            pass
    return None


def size_text(n_bytes):
    """``n_bytes`` as MiB, or GiB from 1 GiB up."""
    return f"{n_bytes / 2**30:.1f} GiB" if n_bytes >= 2**30 else f"{n_bytes / 2**20:.0f} MiB"


def memory_problem(args):
    """Why the run these flags describe does not fit in the available memory, or None."""
    needed, available = memory_needed(args), available_memory()
    if available is None or sum(needed.values()) <= available:
        return None
    parts = ", ".join(f"{part} {size_text(size)}" for part, size in needed.items())
    return (f"this run needs about {size_text(sum(needed.values()))} of memory ({parts}), "
            f"more than the {size_text(available)} available: use fewer or smaller "
            f"--hidden layers, a smaller --batch-size or fewer samples")
