"""Saving and loading models and parameters safely (chapter 21).

A file is an ``.npz`` archive (a zip file) of plain arrays, one ``.npy`` member each, plus
``__description__``: JSON text, stored as bytes, that describes the model and lists every
array with its shape and dtype. Loading reads and checks that description first, then
checks the archive's directory against it, and only then reads the arrays, in chunks. Every
class is looked up by name in fixed tables, and every array must be listed, stored
uncompressed at its listed size, and hold finite floating-point numbers. So loading a file
can never run code from it (a pickle file can), and never needs much more memory than the
model the file describes; anything wrong is a ``ModelFileError`` naming the file.
Writes go to a temporary file that replaces the target only when complete.
"""
import collections
import json
import math
import os
import struct
import zipfile
from pathlib import Path

import numpy as np

from . import accuracy, activations, layers, losses, optimizers

FORMAT = "nnfs-course"
VERSION = 2  # 2: every array listed in the description; the optimizer's progress saved
_DESCRIPTION = "__description__"
MAX_DESCRIPTION_BYTES = 1 << 20
MAX_NPY_HEADER_BYTES = 10_000  # NumPy's own limit on an .npy file's header
DTYPES = ("float32", "float64")  # the types a parameter may have
_CHUNK_BYTES = 1 << 20


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
    "optimizer": _subclasses(optimizers, optimizers._Optimizer),
    "accuracy": _subclasses(accuracy, accuracy.Accuracy),
}
CLASSES = {cls.__name__: cls for table in ROLES.values() for cls in table}


class ModelFileError(ValueError):
    """A file that is not a course model or parameter file, or does not fit the model."""


class _Bad(Exception):
    """What is wrong with a file; ``read`` turns it into a ModelFileError naming the file."""


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


def write(path, kind, description, arrays):
    """Write ``description`` and ``arrays`` (a dict of name -> array) to ``path`` atomically.

    The description gets the format, version, kind and a list of the arrays added. The
    file is written as ``.NAME.tmp`` next to ``path`` and then renamed; a later save
    replaces that temporary file if this one is interrupted.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    header = {"format": FORMAT, "version": VERSION, "kind": kind, **description,
              "arrays": [{"name": name, "shape": list(array.shape), "dtype": array.dtype.name}
                         for name, array in arrays.items()]}
    encoded = np.frombuffer(json.dumps(header).encode("utf-8"), dtype=np.uint8)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.unlink(missing_ok=True)
    # Mode 0o666: the system takes the umask off, as for any new file.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as f:
            np.savez(f, **{_DESCRIPTION: encoded}, **arrays)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def read_model(path):
    """The checked contents of a model file: ``(layers, parts, state)``.

    ``layers`` are built, the dense ones holding the file's parameters; ``parts`` maps
    "loss", "optimizer" and "accuracy" to built objects (or None); ``state`` is what the
    optimizer's ``set_state`` takes once the model is finalized: its counters and, per
    dense layer, its arrays (None if the file holds no optimizer progress).
    """
    def contents(header, arrays):
        parameters = iter(_parameters(header, arrays))
        built = [_build(entry, next(parameters) if entry["class"] == "Layer_Dense" else None)
                 for entry in header["layers"]]
        parts = {part: None if header[part] is None else _build(header[part])
                 for part in ("loss", "optimizer", "accuracy")}
        state = None
        if parts["optimizer"] is not None and "state" in header["optimizer"]:
            names = parts["optimizer"].layer_state_names()
            state = (header["optimizer"]["state"],
                     [{name: arrays[f"{i}.{name}"] for name in names if f"{i}.{name}" in arrays}
                      for i in range(len(_dense(header["layers"])))])
        return built, parts, state
    return _read(Path(path), "model", contents)


def read_parameters(path):
    """The checked contents of a parameters file: the ``(n_inputs, n_neurons)`` of each
    dense layer it was saved from, and their ``(weights, biases)``."""
    def contents(header, arrays):
        shapes = [(config["n_inputs"], config["n_neurons"]) for config in _dense(header["layers"])]
        return shapes, _parameters(header, arrays)
    return _read(Path(path), "parameters", contents)


def _dense(entries):
    return [entry["config"] for entry in entries if entry["class"] == "Layer_Dense"]


def _parameters(header, arrays):
    return [(arrays[f"{i}.weights"], arrays[f"{i}.biases"])
            for i in range(len(_dense(header["layers"])))]


def _build(entry, parameters=None):
    """The object an entry describes. A dense layer is made 1x1 and given ``parameters``,
    so that no random weights are drawn for a layer whose weights come from the file."""
    cls, config = CLASSES[entry["class"]], dict(entry.get("config", {}))
    try:
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
    except (TypeError, ValueError, KeyError) as error:
        raise _Bad(f"its {entry['class']} has settings the class does not take: {error}") \
            from error


# Reading and checking a file.

_DAMAGE = (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError,
           EOFError, OSError, ValueError, OverflowError, struct.error, KeyError, IndexError)


def _read(path, kind, contents):
    """``contents(header, arrays)`` of the file at ``path``, once all of it is checked."""
    if not path.is_file():
        raise FileNotFoundError(f"No file at {path}.")
    try:
        return contents(*_read_archive(path, kind))
    except _Bad as problem:
        raise ModelFileError(f"{path} is not a course {kind} file: {problem}") from problem
    except PermissionError as error:
        raise ModelFileError(f"{path} cannot be read ({error.strerror}): give yourself "
                             f"permission to read it (chmod a+r {path}).") from error
    except _DAMAGE as error:
        raise ModelFileError(
            f"{path} is not a course {kind} file: it is not a complete .npz archive of plain "
            f"arrays (it may be cut short, damaged, or another kind of file). Save it again "
            f"from the model. ({type(error).__name__}: {error})") from error


def _read_archive(path, kind):
    size = path.stat().st_size
    with open(path, "rb") as file:
        if file.read(4) != b"PK\x03\x04":  # a zip archive starts so (and none hides behind data)
            raise EOFError("no zip archive at the start of the file")
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            twice = [n for n, count in collections.Counter(m.filename for m in members).items()
                     if count > 1]
            if twice:
                raise _Bad(f"its archive holds {twice[0]!r} more than once.")
            members = {member.filename: member for member in members}
            if _DESCRIPTION + ".npy" not in members:
                raise _Bad("it has no description of a model.")
            description = members[_DESCRIPTION + ".npy"]
            _check_member(description, size, largest=MAX_DESCRIPTION_BYTES)
            header = _parse(_read_npy(archive, description, None, np.uint8).tobytes())
            _check_header(header, kind)
            listed = _check_arrays(header, kind)
            unknown = sorted(set(members) - {_DESCRIPTION + ".npy"}
                             - {name + ".npy" for name in listed})
            if unknown:
                raise _Bad(f"its archive holds {unknown[0]!r}, which the description does "
                           f"not list.")
            for name, (shape, dtype) in listed.items():
                if name + ".npy" not in members:
                    raise _Bad(f"the array {name!r} it lists is missing from the archive.")
                _check_member(members[name + ".npy"], size,
                              exactly=math.prod(shape) * np.dtype(dtype).itemsize)
            return header, {name: _read_npy(archive, members[name + ".npy"], shape, dtype)
                            for name, (shape, dtype) in listed.items()}


def _check_member(member, file_size, *, exactly=None, largest=None):
    """Before reading a member: it must be stored as it is (not compressed), lie inside the
    file, and take ``exactly`` (or at most ``largest``) bytes of data after its header."""
    name, size = member.filename, member.file_size
    if member.compress_type != zipfile.ZIP_STORED:
        raise _Bad(f"its member {name!r} is compressed; course files store arrays as they are.")
    if member.header_offset + member.compress_size > file_size:
        raise _Bad(f"its member {name!r} runs past the end of the file (cut short?).")
    header_bytes = size - (exactly if exactly is not None else min(size, largest))
    if member.compress_size != size or not 0 <= header_bytes <= MAX_NPY_HEADER_BYTES + 12:
        raise _Bad(f"the archive gives its member {name!r} {size:,} bytes, which is not the "
                   f"size of the array the description lists.")


def _read_npy(archive, member, shape, dtype):
    """One .npy member as a new array, read in chunks after checking its header against
    ``shape`` and ``dtype`` (``shape`` None: one dimension of any length)."""
    with archive.open(member) as f:
        version = np.lib.format.read_magic(f)
        if version not in ((1, 0), (2, 0)):
            raise _Bad(f"its member {member.filename!r} is an .npy file of version {version}.")
        read_header = (np.lib.format.read_array_header_1_0 if version == (1, 0)
                       else np.lib.format.read_array_header_2_0)
        file_shape, fortran_order, file_dtype = read_header(f, MAX_NPY_HEADER_BYTES)
        if file_dtype != np.dtype(dtype) or (
                len(file_shape) != 1 if shape is None else file_shape != tuple(shape)):
            raise _Bad(f"its member {member.filename!r} holds {file_dtype} of shape "
                       f"{file_shape}, not the {np.dtype(dtype)} of shape {shape} it should.")
        array = np.empty(file_shape, file_dtype, order="F" if fortran_order else "C")
        buffer = memoryview(array.T if fortran_order else array).cast("B")
        if member.file_size - f.tell() != len(buffer):
            raise _Bad(f"its member {member.filename!r} is not the size its header says.")
        done = 0
        while done < len(buffer):
            chunk = f.read(min(_CHUNK_BYTES, len(buffer) - done))
            if not chunk:
                raise EOFError(f"{member.filename} ends early")
            buffer[done:done + len(chunk)] = chunk
            done += len(chunk)
    if array.dtype.kind == "f" and not np.isfinite(array).all():
        raise _Bad(f"its array {member.filename[:-4]!r} holds NaN or infinite values.")
    return array


def _parse(text):
    def refuse(constant):
        raise ValueError(f"{constant} is not a number a course file may hold")

    def finite(literal):
        if not math.isfinite(value := float(literal)):
            raise ValueError(f"{literal} is too large")
        return value
    try:
        return json.loads(text.decode("utf-8"), parse_constant=refuse, parse_float=finite)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise _Bad(f"its description is damaged ({type(error).__name__}: {error}).") from error


_KEYS = {"model": {"format", "version", "kind", "layers", "loss", "optimizer", "accuracy",
                   "arrays"},
         "parameters": {"format", "version", "kind", "layers", "arrays"}}


def _check_header(header, kind):
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise _Bad("it was written by something else.")
    version = header.get("version")
    if version != VERSION:
        when = ("an older version of the course: save or train the model again"
                if isinstance(version, int) and version < VERSION else "something newer")
        raise _Bad(f"it has format version {version!r}, and this course reads version "
                   f"{VERSION}; it was written by {when}.")
    if header.get("kind") != kind:
        holds = {"model": "a whole model; open it with Model.load",
                 "parameters": "parameters only; open it with model.load_parameters"}
        raise _Bad(f"it holds {holds.get(header.get('kind'), 'something else')}.")
    if set(header) != _KEYS[kind]:
        raise _Bad(f"its description has the entries {sorted(header)}, not {sorted(_KEYS[kind])}.")
    entries = header["layers"]
    if not isinstance(entries, list) or kind == "model" and not entries:
        raise _Bad("its description has no list of layers.")
    for i, entry in enumerate(entries):
        _check_entry(entry, "layer" if kind == "model" else "dense", f"layer {i}")
    for part in ("loss", "optimizer", "accuracy") if kind == "model" else ():
        if header[part] is not None:
            _check_entry(header[part], part, f"{part}")
    widths = _dense(entries)
    for before, after in zip(widths, widths[1:]):
        if after["n_inputs"] != before["n_neurons"]:
            raise _Bad(f"a dense layer with {after['n_inputs']} inputs follows one with "
                       f"{before['n_neurons']} neurons.")


def _is_setting(value):
    return value is None or isinstance(value, (bool, str)) or (
        isinstance(value, (int, float)) and abs(value) < 1e300)


def _check_entry(entry, role, where):
    keys = {"class", "config", "state"} if role == "optimizer" else {"class", "config"}
    if not (isinstance(entry, dict) and set(entry) <= keys and isinstance(entry.get("class"), str)
            and isinstance(entry.get("config", {}), dict)):
        raise _Bad(f"its {where} is not a {{\"class\": ..., \"config\": {{...}}}} entry.")
    if CLASSES.get(entry["class"]) not in ROLES[role]:
        kinds = ", ".join(cls.__name__ for cls in ROLES[role])
        raise _Bad(f"it describes a piece this course does not know: its {where} is "
                   f"{entry['class']!r}, but the {where} can only be one of: {kinds}.")
    config = entry.get("config", {})
    if not all(isinstance(key, str) and _is_setting(value) for key, value in config.items()):
        raise _Bad(f"its {where} has settings that are not plain numbers: {config!r}.")
    if entry["class"] == "Layer_Dense":
        size = [config.get(key) for key in ("n_inputs", "n_neurons")]
        if not all(type(n) is int and n >= 1 for n in size):
            raise _Bad(f"its {where} is a Layer_Dense without whole, positive n_inputs and "
                       f"n_neurons: {config!r}.")
    if "state" in entry:
        state, counters = entry["state"], CLASSES[entry["class"]].STATE_COUNTERS
        if not (isinstance(state, dict) and set(state) == set(counters)
                and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                        and 0 <= v < 1e300 for v in state.values())
                and type(state["iterations"]) is int):
            raise _Bad(f"its optimizer's state is not {list(counters)} as numbers of 0 or "
                       f"more: {state!r}.")
    _build(entry, (np.zeros((0, 0)),) * 2)  # checks its settings; no parameters needed


def _check_arrays(header, kind):
    """The arrays the description lists, checked against those its layers (and optimizer)
    need: ``{name: (shape, dtype)}``."""
    listed = header["arrays"]
    if not (isinstance(listed, list) and all(
            isinstance(a, dict) and set(a) == {"name", "shape", "dtype"}
            and isinstance(a["name"], str) and a["dtype"] in DTYPES
            and isinstance(a["shape"], list)
            and all(type(n) is int and n >= 0 for n in a["shape"]) for a in listed)):
        raise _Bad(f"its list of arrays is not one {{\"name\", \"shape\", \"dtype\"}} entry "
                   f"per array of floating-point numbers ({', '.join(DTYPES)}).")
    arrays = {a["name"]: (tuple(a["shape"]), a["dtype"]) for a in listed}
    if len(arrays) != len(listed):
        raise _Bad("its list of arrays names an array twice.")
    needed = {}
    for i, config in enumerate(_dense(header["layers"])):
        needed[f"{i}.weights"] = (config["n_inputs"], config["n_neurons"]), None
        needed[f"{i}.biases"] = (1, config["n_neurons"]), f"{i}.weights"
    optimizer = header.get("optimizer")
    if optimizer is not None and "state" in optimizer and arrays.keys() - needed.keys():
        for name, follows in _build(header["optimizer"]).layer_state_names().items():
            for i in range(len(_dense(header["layers"]))):
                needed[f"{i}.{name}"] = needed[f"{i}.{follows}"][0], f"{i}.{follows}"
    if arrays.keys() != needed.keys():
        missing, extra = sorted(needed.keys() - arrays.keys()), sorted(arrays.keys() - needed)
        raise _Bad(f"its arrays do not fit its layers: missing {missing}, not needed {extra}.")
    for name, (shape, same_dtype_as) in needed.items():
        if arrays[name][0] != shape:
            raise _Bad(f"its array {name!r} has shape {arrays[name][0]}; its layers need {shape}.")
        if same_dtype_as and arrays[name][1] != arrays[same_dtype_as][1]:
            raise _Bad(f"its array {name!r} is {arrays[name][1]}, but {same_dtype_as!r} is "
                       f"{arrays[same_dtype_as][1]}.")
    return arrays
