"""Exercise checks for chapter 21: Saving and loading."""
import io
import pickle
import tempfile
import zipfile
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from shared import (Accuracy_Categorical, Activation_ReLU, Activation_Softmax, Layer_Dense,
                    Loss_CategoricalCrossentropy, Model, ModelFileError, Optimizer_Adam)
from shared.checks import Case, close_enough, run_check

# --- exercise 1: a round trip of parameters ----------------------------------------------

TWO_LAYERS = [(np.array([[0.5, -1.0], [2.0, 0.25], [0.0, 3.5]]), np.array([[0.1, -0.2]])),
              (np.array([[1.5], [-0.75]]), np.array([[0.05]]))]
# Twelve layers, so that sorting the names ("10" before "2") would scramble the order.
TWELVE_LAYERS = [(np.full((2, 2), float(i)), np.full((1, 2), -float(i))) for i in range(12)]
FLOAT32_LAYER = [(np.arange(6, dtype=np.float32).reshape(3, 2) / 4,
                  np.ones((1, 2), dtype=np.float32))]


class UnpickledError(Exception):
    """The learner's code unpickled a file, and code hidden in it ran."""


def _round_trip(save_and_load_parameters, parameters):
    """(the list it returned, every array of the file it saved, in name order)."""
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "parameters.npz")
        loaded = save_and_load_parameters(parameters, path)
        if not Path(path).is_file():
            raise FileNotFoundError("nothing was saved at the path it was given")
        try:
            with np.load(path, allow_pickle=False) as archive:
                saved = [archive[name] for name in sorted(archive.files)]
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
        return loaded, saved


def _arrays(parameters):
    """(layer i's weights or biases, the array) for every array of the parameters."""
    return [(f"layer {i}'s {name}", array) for i, pair in enumerate(parameters)
            for name, array in zip(("weights", "biases"), pair)]


def _same_round_trip(got, expected):
    loaded, saved = got
    parameters = expected[0]
    ok, reason = close_enough(loaded, parameters)
    if not ok:
        return False, reason
    for (name, want), pair in zip(_arrays(parameters), [a for p in loaded for a in p]):
        if np.asarray(pair).dtype != want.dtype:
            return False, (f"{name} came back as {np.asarray(pair).dtype}, but was given as "
                           f"{want.dtype}: save and load the arrays as they are")
    for name, want in _arrays(parameters):
        if any(array.shape == want.shape and array.dtype == want.dtype
               and np.array_equal(array, want) for array in saved):
            continue
        converted = [array for array in saved if array.shape == want.shape
                     and np.array_equal(array, want)]
        if converted:
            return False, (f"the file holds {name} as {converted[0].dtype}, but it was given as "
                           f"{want.dtype}: save the arrays as they are, without converting them")
        return False, (f"the file does not hold {name} {want.shape}: what comes back must be read "
                       "from the file, so save every weights and every biases array")
    return True, ""


def parameters_case(parameters, label):
    return Case(args=(parameters,), label=label,
                expected=(parameters, [array for pair in parameters for array in pair]))


def check_save_and_load_parameters(save_and_load_parameters):
    """Check save_and_load_parameters(parameters, path) saves [(weights, biases), ...] to path
    and returns the list read back from the file; the file must hold every array as given."""
    run_check("save_and_load_parameters", save_and_load_parameters, [
        parameters_case(TWO_LAYERS, "2 layers: weights (3, 2) and (2, 1) with their biases"),
        parameters_case(TWELVE_LAYERS, "12 layers, layer i holding weights i and biases -i "
                                       "(the order must survive)"),
        parameters_case(FLOAT32_LAYER, "1 layer of float32 weights (3, 2) and biases (1, 2)"),
    ], call=_round_trip, compare=_same_round_trip)


# --- exercise 2: telling a course model file from anything else ---------------------------


class _Trap:
    """Pickles into a file whose loading creates the file `marker` (harmless, but visible)."""

    def __init__(self, marker):
        self.marker = Path(marker)

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def _small_model(sizes=(4, 8, 3), seed=0, trained=False):
    """A finalized n_inputs-n_hidden-n_outputs classifier, its weights drawn from `seed`;
    trained for one epoch (so that its file holds Adam's state too) when `trained`."""
    n_inputs, n_hidden, n_outputs = sizes
    np.random.seed(seed)
    model = Model()
    for layer in [Layer_Dense(n_inputs, n_hidden), Activation_ReLU(),
                  Layer_Dense(n_hidden, n_outputs), Activation_Softmax()]:
        model.add(layer)
    model.set(loss=Loss_CategoricalCrossentropy(), optimizer=Optimizer_Adam(),
              accuracy=Accuracy_Categorical())
    model.finalize()
    if trained:
        model.train(np.random.randn(12, n_inputs), np.arange(12) % n_outputs, epochs=1, verbose=0)
    return model


def _npy(array):
    """The bytes of an .npy file holding `array` (pickled, if it holds Python objects)."""
    data = io.BytesIO()
    np.save(data, array, allow_pickle=True)
    return data.getvalue()


def _write(kind, settings, path, marker):
    """Write a file of the given kind at path; `settings` pick the model, its seed and the part
    that is damaged."""
    model = dict(sizes=tuple(settings.get("sizes", (4, 8, 3))), seed=settings.get("seed", 0),
                 trained=settings.get("trained", False))
    if kind == "parameters":
        _small_model(**model).save_parameters(path)
        return
    if kind in ("model", "truncated", "damaged", "pickled", "cut", "description"):
        _small_model(**model).save(path)
    if kind == "truncated":
        data = path.read_bytes()
        path.write_bytes(data[:int(len(data) * settings.get("keep", 0.5))])
    elif kind == "damaged":  # an .npy signature, then nonsense
        _replace_member(path, settings["member"], b"\x93NUMPY" + bytes(range(200)))
    elif kind == "pickled":
        _replace_member(path, settings["member"], _npy(np.array([_Trap(marker)], dtype=object)))
    elif kind == "cut":  # the array's header intact, its numbers cut short
        with zipfile.ZipFile(path) as archive:
            data = archive.read(settings["member"])
        _replace_member(path, settings["member"], data[:len(data) - 8])
    elif kind == "description":
        text = np.frombuffer(settings["text"].encode("utf-8"), dtype=np.uint8)
        _replace_member(path, "__description__.npy", _npy(text))
    elif kind == "pickle":
        path.write_bytes(pickle.dumps(_Trap(marker)))
    elif kind == "npz with pickle":
        np.savez(path, weights=np.array([_Trap(marker)], dtype=object))
    elif kind == "plain npz":
        np.savez(path, weights=np.ones((4, 3)), biases=np.zeros((1, 3)))
    elif kind == "random bytes":
        path.write_bytes(np.random.default_rng(settings.get("seed", 0)).bytes(2000))
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


@contextmanager
def _file(kind, settings):
    """A temporary file of the kind, and the marker path that appears if a pickle in it ran.
    The notebook's random numbers stay as they were (building a model draws some)."""
    state = np.random.get_state()
    with tempfile.TemporaryDirectory() as folder:
        path, marker = Path(folder) / "model.npz", Path(folder) / "unpickled.txt"
        try:
            _write(kind, settings, path, marker)
        finally:
            np.random.set_state(state)
        yield path, marker


def reference_verdict(kind, settings):
    """The course's answer for a file of this kind: True when Model.load accepts it."""
    with _file(kind, settings) as (path, _):
        try:
            Model.load(path)
        except ModelFileError:
            return False
    return True


def _judge(is_valid_model_file, kind, settings):
    with _file(kind, settings) as (path, marker):
        answer = is_valid_model_file(str(path))
        if marker.exists():
            raise UnpickledError("it unpickled the file, and the code hidden in it ran. "
                                 "Never load with pickle (keep allow_pickle=False)")
        return answer


def file_case(kind, label, **settings):
    return Case(args=(kind, settings), expected=reference_verdict(kind, settings), label=label)


def check_is_valid_model_file(is_valid_model_file):
    """Check is_valid_model_file(path) -> True only for a complete course model file, without
    ever unpickling anything."""
    run_check("is_valid_model_file", is_valid_model_file, [
        file_case("model", "a 4-8-3 model saved by Model.save"),
        file_case("truncated", "the first half of a model file"),
        file_case("pickle", "a pickle file"),
        file_case("random bytes", "2,000 random bytes"),
        file_case("npz with pickle", "an .npz archive whose array holds a pickled object"),
        file_case("plain npz", "an .npz archive of plain arrays without a description"),
        file_case("parameters", "a parameters file saved by save_parameters (kind 'parameters')"),
        file_case("empty", "an empty file"),
        file_case("model", "a 4-5-3 model saved by Model.save", sizes=(4, 5, 3), seed=1),
        file_case("damaged", "a model file whose description is intact but whose first weights "
                             "array is damaged (read every array, not only the description)",
                  member="0.weights.npy"),
        file_case("pickled", "a model file whose description is intact but whose first weights "
                             "array is a pickled object", member="0.weights.npy"),
        file_case("damaged", "a model file whose last biases array is damaged (read every "
                             "array, not only the first)", member="1.biases.npy"),
    ], call=_judge)
