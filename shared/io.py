"""Chapter 21: saving and loading models and parameters safely.

A file is an ``.npz`` archive of plain arrays plus ``__description__``: JSON text, stored as
bytes, naming each piece of the model by its class, with the plain numbers its constructor
takes, and listing every array with its shape and dtype. Loading checks the description
before anything is built, looks every class up in the fixed table ``CLASSES``, and reads the
arrays only once the archive agrees with it (``shared._archive``). So loading a file can
never run code from it, as loading a pickle can; anything wrong is a ``ModelFileError``
naming the file. Writes go to a temporary file that replaces the target only when complete.
"""
import json
from pathlib import Path

import numpy as np

from . import _archive, _validate, accuracy, activations, layers, losses, optimizers
from ._description import check_description, dense_configs, parameters_of, state_arrays_of
from ._description import state_arrays as state_arrays  # for Model.save

FORMAT = "nnfs-course"
VERSION = 2  # every array listed in the description; the optimizer's progress saved
_DESCRIPTION = "__description__"


def _subclasses(module, base):
    return tuple(cls for cls in vars(module).values()
                 if isinstance(cls, type) and issubclass(cls, base) and cls is not base
                 and cls.__module__ == module.__name__ and not cls.__name__.startswith("_"))


# The only classes a file may name, for each part of a model: the course's own.
ROLES = {
    "layer": (layers.Layer_Dense, layers.Layer_Dropout,
              *_subclasses(activations, activations._Activation)),
    "dense": (layers.Layer_Dense,),
    "loss": _subclasses(losses, losses.Loss),
    "optimizer": _subclasses(optimizers, optimizers.Optimizer),
    "accuracy": _subclasses(accuracy, accuracy.Accuracy),
}
CLASSES = {cls.__name__: cls for table in ROLES.values() for cls in table}


class ModelFileError(ValueError):
    """Chapter 21: a file that is not a course model or parameters file, or does not fit the
    model."""


def describe(obj):
    """Chapter 21: a JSON-ready ``{"class": ..., "config": ...}`` of a layer, loss, accuracy
    or optimizer."""
    if isinstance(obj, layers.Layer_Dense):
        config = {"n_inputs": int(obj.weights.shape[0]), "n_neurons": int(obj.weights.shape[1]),
                  **{name: float(getattr(obj, name)) for name in _validate.REGULARIZERS}}
    elif isinstance(obj, optimizers.Optimizer):
        config = obj.config()
    else:
        config = {name: getattr(obj, name) for name in ("rate", "alpha", "binary", "precision")
                  if hasattr(obj, name)}
    return {"class": type(obj).__name__, "config": config}


def write(path, kind, description, arrays):
    """Chapter 21: write ``description`` and ``arrays`` (a dict of name -> array) to
    ``path`` atomically; the description gets the format, version, kind and a list of the
    arrays added."""
    header = {"format": FORMAT, "version": VERSION, "kind": kind, **description,
              "arrays": [{"name": name, "shape": list(array.shape), "dtype": array.dtype.name}
                         for name, array in arrays.items()]}
    _archive.write(Path(path), {_DESCRIPTION: np.frombuffer(json.dumps(header).encode("utf-8"),
                                                            dtype=np.uint8), **arrays})


def read_model(path):
    """Chapter 21: the checked contents of a model file: ``(layers, parts, state)``.

    ``layers`` are built, the dense ones holding the file's parameters; ``parts`` maps
    "loss", "optimizer" and "accuracy" to built objects (or None); ``state`` is what the
    optimizer's ``set_state`` takes once the model is finalized: its counters and each dense
    layer's state (None if the file holds no optimizer progress).
    """
    def contents(header, arrays):
        parameters = iter(parameters_of(header, arrays))
        built = [build(entry, next(parameters) if entry["class"] == "Layer_Dense" else None)
                 for entry in header["layers"]]
        parts = {part: None if header[part] is None else build(header[part])
                 for part in ("loss", "optimizer", "accuracy")}
        state = None
        if parts["optimizer"] is not None and "state" in header["optimizer"]:
            state = (header["optimizer"]["state"],
                     state_arrays_of(header, arrays, parts["optimizer"].STATE))
        return built, parts, state
    return _read(Path(path), "model", contents)


def read_parameters(path):
    """Chapter 21: the checked contents of a parameters file: the ``(n_inputs, n_neurons)`` of each
    dense layer it was saved from, and their ``(weights, biases)``."""
    def contents(header, arrays):
        shapes = [(config["n_inputs"], config["n_neurons"])
                  for config in dense_configs(header["layers"])]
        return shapes, parameters_of(header, arrays)
    return _read(Path(path), "parameters", contents)


def build(entry, parameters=None):
    """Chapter 21: the object an entry describes. A dense layer is made 1x1 and given
    ``parameters``, so that no random weights are drawn for a layer whose weights come from
    the file."""
    cls, config = CLASSES[entry["class"]], dict(entry.get("config", {}))
    if cls is not layers.Layer_Dense:
        return cls(**config)
    del config["n_inputs"], config["n_neurons"]
    state = np.random.get_state()  # drawing the 1x1 weight leaves no trace
    try:
        layer = cls(1, 1, **config, dtype=parameters[0].dtype)
    finally:
        np.random.set_state(state)
    layer.set_parameters(*parameters)
    return layer


def _check(header, kind):
    """Refuse a file of another format, version or kind before looking further; then check
    its whole description, and return the arrays it lists."""
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise _archive.Refused("it was written by something else.")
    version = header.get("version")
    if version != VERSION:
        when = ("an older version of the course: save or train the model again"
                if isinstance(version, int) and version < VERSION else "something newer")
        raise _archive.Refused(f"it has format version {version!r}, and this course reads "
                               f"version {VERSION}; it was written by {when}.")
    if header.get("kind") != kind:
        holds = {"model": "a whole model; open it with Model.load",
                 "parameters": "parameters only; open it with model.load_parameters"}
        raise _archive.Refused(f"it holds {holds.get(header.get('kind'), 'something else')}.")
    return check_description(header, kind, CLASSES, ROLES, build)


def _read(path, kind, contents):
    """``contents(header, arrays)`` of the file at ``path``, once all of it is checked."""
    if not path.is_file():
        raise FileNotFoundError(f"No file at {path}.")
    try:
        return contents(*_archive.read(path, _DESCRIPTION, lambda header: _check(header, kind)))
    except _archive.Refused as problem:
        raise ModelFileError(f"{path} is not a course {kind} file: {problem}") from problem
    except PermissionError as error:
        raise ModelFileError(f"{path} cannot be read ({error.strerror}): give yourself "
                             f"permission to read it (chmod a+r {path}).") from error
    except _archive.DAMAGE as error:
        detail = "" if isinstance(error, _archive.NotZip) else f" ({type(error).__name__}: {error})"
        raise ModelFileError(
            f"{path} is not a course {kind} file: it is not a complete .npz archive of plain "
            f"arrays (it may be cut short, damaged, or another kind of file). Save it again "
            f"from the model.{detail}") from error
