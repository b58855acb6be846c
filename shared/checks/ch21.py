"""Exercise checks for chapter 21: Saving and loading."""
import io
import pickle
import tempfile
import zipfile
from pathlib import Path

import numpy as np

from shared import (Accuracy_Categorical, Activation_ReLU, Activation_Softmax, Layer_Dense,
                    Loss_CategoricalCrossentropy, Model, Optimizer_Adam)
from shared.checks import Case, run_check

# --- exercise 1: a round trip of parameters ----------------------------------------------

TWO_LAYERS = [(np.array([[0.5, -1.0], [2.0, 0.25], [0.0, 3.5]]), np.array([[0.1, -0.2]])),
              (np.array([[1.5], [-0.75]]), np.array([[0.05]]))]
# Twelve layers, so that sorting the names ("10" before "2") would scramble the order.
TWELVE_LAYERS = [(np.full((2, 2), float(i)), np.full((1, 2), -float(i))) for i in range(12)]
FLOAT32_LAYER = [(np.arange(6, dtype=np.float32).reshape(3, 2) / 4, np.ones((1, 2), dtype=np.float32))]


class UnpickledError(Exception):
    """The learner's code unpickled a file, and code hidden in it ran."""


def _round_trip(save_and_load_parameters, parameters):
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "parameters.npz")
        loaded = save_and_load_parameters(parameters, path)
        if not Path(path).is_file():
            raise FileNotFoundError("nothing was saved at the path it was given")
        try:
            with np.load(path, allow_pickle=False) as archive:
                [archive[name] for name in archive.files]
        except ValueError as error:
            raise ValueError(f"the saved file can only be read with pickle ({error}); "
                             "save plain arrays, e.g. np.savez(path, **arrays)") from error
        given = {id(array) for pair in parameters for array in pair}
        try:
            returned = {id(array) for pair in loaded for array in pair}
        except TypeError:  # not a list of pairs: the comparison will say what came back
            returned = set()
        if given & returned:
            raise ValueError("it returned the arrays it was given, not the ones read from the file")
        return loaded


def check_save_and_load_parameters(save_and_load_parameters):
    """Check save_and_load_parameters(parameters, path) saves [(weights, biases), ...] to path
    and returns the list read back from the file."""
    run_check("save_and_load_parameters", save_and_load_parameters, [
        Case(args=(TWO_LAYERS,), expected=TWO_LAYERS,
             label="2 layers: weights (3, 2) and (2, 1) with their biases"),
        Case(args=(TWELVE_LAYERS,), expected=TWELVE_LAYERS,
             label="12 layers, layer i holding weights i and biases -i (the order must survive)"),
        Case(args=(FLOAT32_LAYER,), expected=FLOAT32_LAYER,
             label="1 layer of float32 weights (3, 2) and biases (1, 2)"),
        Case(args=(TWO_LAYERS[::-1],), expected=TWO_LAYERS[::-1],
             label="the 2 layers in the other order", hidden=True),
    ], call=_round_trip)


# --- exercise 2: telling a course model file from anything else ---------------------------


class _Trap:
    """Pickles into a file whose loading creates the file `marker` (harmless, but visible)."""

    def __init__(self, marker):
        self.marker = Path(marker)

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def _small_model(n_hidden):
    model = Model()
    for layer in [Layer_Dense(4, n_hidden), Activation_ReLU(), Layer_Dense(n_hidden, 3),
                  Activation_Softmax()]:
        model.add(layer)
    model.set(loss=Loss_CategoricalCrossentropy(), optimizer=Optimizer_Adam(),
              accuracy=Accuracy_Categorical())
    model.finalize()
    return model


def _write(kind, path, marker):
    """Write a file of the given kind at path."""
    if kind in ("model", "other model", "truncated", "parameters"):
        model = _small_model(5 if kind == "other model" else 8)
        if kind == "parameters":
            model.save_parameters(path)
            return
        model.save(path)
        if kind == "truncated":
            data = path.read_bytes()
            path.write_bytes(data[:len(data) // 2])
    elif kind in ("damaged weights", "pickled weights"):
        _small_model(8).save(path)
        if kind == "damaged weights":
            bad = b"\x93NUMPY" + bytes(range(200))  # an .npy signature, then nonsense
        else:
            bad = io.BytesIO()
            np.save(bad, np.array([_Trap(marker)], dtype=object), allow_pickle=True)
            bad = bad.getvalue()
        _replace_member(path, "0.weights.npy", bad)
    elif kind == "pickle":
        path.write_bytes(pickle.dumps(_Trap(marker)))
    elif kind == "npz with pickle":
        np.savez(path, weights=np.array([_Trap(marker)], dtype=object))
    elif kind == "plain npz":
        np.savez(path, weights=np.ones((4, 3)), biases=np.zeros((1, 3)))
    elif kind == "random bytes":
        path.write_bytes(np.random.default_rng(0).bytes(2000))
    elif kind == "empty":
        path.write_bytes(b"")


def _replace_member(path, name, data):
    """Rewrite the zip archive at path with member `name` holding `data` instead: the archive
    and its description stay intact, only that array is bad."""
    with zipfile.ZipFile(path) as archive:
        members = {member: archive.read(member) for member in archive.namelist()}
    members[name] = data
    with zipfile.ZipFile(path, "w") as archive:
        for member, content in members.items():
            archive.writestr(member, content)


def _judge(is_valid_model_file, kind):
    # Building a model draws random weights: keep the notebook's random numbers as they were.
    state = np.random.get_state()
    with tempfile.TemporaryDirectory() as folder:
        path, marker = Path(folder) / "model.npz", Path(folder) / "unpickled.txt"
        try:
            _write(kind, path, marker)
        finally:
            np.random.set_state(state)
        answer = is_valid_model_file(str(path))
        if marker.exists():
            raise UnpickledError("it unpickled the file, and the code hidden in it ran. "
                                 "Never load with pickle (keep allow_pickle=False)")
        return answer


def check_is_valid_model_file(is_valid_model_file):
    """Check is_valid_model_file(path) -> True only for a complete course model file, without
    ever unpickling anything."""
    run_check("is_valid_model_file", is_valid_model_file, [
        Case(args=("model",), expected=True, label="a 4-8-3 model saved by Model.save"),
        Case(args=("truncated",), expected=False, label="the first half of a model file"),
        Case(args=("pickle",), expected=False, label="a pickle file"),
        Case(args=("random bytes",), expected=False, label="2,000 random bytes"),
        Case(args=("npz with pickle",), expected=False,
             label="an .npz archive whose array holds a pickled object"),
        Case(args=("plain npz",), expected=False,
             label="an .npz archive of plain arrays without a description"),
        Case(args=("parameters",), expected=False,
             label="a parameters file saved by save_parameters (kind 'parameters')"),
        Case(args=("empty",), expected=False, label="an empty file"),
        Case(args=("other model",), expected=True, label="a 4-5-3 model saved by Model.save"),
        Case(args=("damaged weights",), expected=False,
             label="a model file whose description is intact but whose first weights array is "
                   "damaged (read every array, not only the description)"),
        Case(args=("pickled weights",), expected=False,
             label="a model file whose description is intact but whose first weights array is "
                   "a pickled object"),
        Case(args=("truncated",), expected=False, label="the first half of a model file",
             hidden=True),
        Case(args=("other model",), expected=True, label="a 4-5-3 model saved by Model.save",
             hidden=True),
    ], call=_judge)
