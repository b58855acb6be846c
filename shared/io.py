"""Saving and loading models and parameters safely (chapter 21).

A file is an ``.npz`` archive of plain arrays plus one JSON description. It is
read with ``allow_pickle=False`` and every class is looked up by name in a fixed
table, so loading a file can never run code from it (a pickle file can). Writes
go to a temporary file that replaces the target only when complete.
"""
import json
import os
import tempfile
import zipfile
from pathlib import Path

import numpy as np

from . import accuracy, activations, layers, losses, optimizers

FORMAT = "nnfs-course"
VERSION = 1
_DESCRIPTION = "__description__"

# The only classes a file may name: the course's own.
CLASSES = {cls.__name__: cls for module in (layers, activations, losses, optimizers, accuracy)
           for cls in vars(module).values()
           if isinstance(cls, type) and cls.__module__ == module.__name__
           and not cls.__name__.startswith("_")}


class ModelFileError(ValueError):
    """A file that is not a course model or parameter file, or does not fit the model."""


def describe(obj):
    """A JSON-ready ``{"class": ..., "config": ...}`` of a layer, loss, accuracy or optimizer."""
    if isinstance(obj, layers.Layer_Dense):
        config = {"n_inputs": int(obj.weights.shape[0]), "n_neurons": int(obj.weights.shape[1]),
                  **{name: float(getattr(obj, name)) for name in (
                      "weight_regularizer_l1", "weight_regularizer_l2",
                      "bias_regularizer_l1", "bias_regularizer_l2")}}
    elif isinstance(obj, optimizers._Optimizer):
        config = obj.config()
    else:
        config = {name: getattr(obj, name) for name in ("rate", "alpha", "binary", "precision")
                  if hasattr(obj, name)}
    return {"class": type(obj).__name__, "config": config}


def build(description):
    """The object that ``describe`` described, made from the course's own classes only."""
    try:
        cls = CLASSES[description["class"]]
        config = dict(description.get("config", {}))
        if cls is accuracy.Accuracy_Regression:
            return cls(config.get("precision"))
        if cls is accuracy.Accuracy_Categorical:
            return cls(binary=config.get("binary", False))
        return cls(**config)
    except (KeyError, TypeError, ValueError) as error:
        raise ModelFileError(f"The file describes a piece this course does not know: "
                             f"{description!r} ({error}).") from error


def write(path, kind, description, arrays):
    """Write ``arrays`` and a JSON ``description`` to ``path`` atomically."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    header = {"format": FORMAT, "version": VERSION, "kind": kind, **description}
    encoded = np.frombuffer(json.dumps(header).encode("utf-8"), dtype=np.uint8)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            np.savez(f, **{_DESCRIPTION: encoded}, **arrays)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes owner-only files; use the usual mode
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def read(path, kind):
    """Read a file written by ``write``: its description and its arrays.

    Raises ``ModelFileError`` for anything that is not a complete course file of ``kind``.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"No file at {path}.")
    what = f"{path} is not a course {kind} file"
    # A pickle is never opened: unpickling can run any code the file contains.
    damaged = (f"{what}: it is not a complete .npz archive of plain arrays (it may be cut "
               f"short, damaged, or another kind of file). Save it again from the model.")
    if not zipfile.is_zipfile(path):
        raise ModelFileError(damaged)
    try:
        with np.load(path, allow_pickle=False) as archive:
            arrays = {name: archive[name] for name in archive.files}
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, KeyError) as error:
        raise ModelFileError(f"{damaged} ({error})") from error
    if _DESCRIPTION not in arrays:
        raise ModelFileError(f"{what}: it has no description of a model.")
    try:
        header = json.loads(arrays.pop(_DESCRIPTION).tobytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ModelFileError(f"{what}: its description is damaged ({error}).") from error
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise ModelFileError(f"{what}: it was written by something else.")
    if header.get("version") != VERSION:
        raise ModelFileError(f"{what}: it has format version {header.get('version')}, "
                             f"and this course reads version {VERSION}.")
    if header.get("kind") != kind:
        holds = {"model": "a whole model; open it with Model.load",
                 "parameters": "parameters only; open it with model.load_parameters"}
        raise ModelFileError(f"{what}: it holds {holds.get(header.get('kind'), 'something else')}.")
    return header, arrays
