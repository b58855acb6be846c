"""Hostile and damaged model files, interrupted saves, and exact resuming (chapter 21).

Every bad file must end in one ModelFileError that names the file, before anything big is
read or built: the memory tests load in a child process under an address-space limit."""
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import zipfile
from io import BytesIO
from pathlib import Path

import numpy as np
import pytest

from shared import (Accuracy_Categorical, Activation_ReLU, Activation_Softmax, Layer_Dense,
                    Layer_Dropout, Loss_CategoricalCrossentropy, Model, ModelFileError,
                    Optimizer_Adam, Optimizer_SGD, _archive)
from shared.data import spiral_data


def small_model(optimizer=None, dtype=np.float32, hidden=8):
    np.random.seed(1)
    model = Model()
    for layer in [Layer_Dense(2, hidden, dtype=dtype), Activation_ReLU(), Layer_Dropout(0.1),
                  Layer_Dense(hidden, 3, dtype=dtype), Activation_Softmax()]:
        model.add(layer)
    model.set(loss=Loss_CategoricalCrossentropy(), optimizer=optimizer or Optimizer_Adam(0.01),
              accuracy=Accuracy_Categorical())
    model.finalize()
    return model


def spiral(dtype=np.float32):
    np.random.seed(0)
    X, y = spiral_data(samples=30, classes=3)
    return X.astype(dtype), y


@pytest.fixture
def good(tmp_path):
    """A trained model's file: (description, arrays) as written, read without shared.io."""
    model = small_model()
    model.train(*spiral(), epochs=1, batch_size=32, verbose=0)
    model.save(tmp_path / "good.npz")
    with np.load(tmp_path / "good.npz", allow_pickle=False) as archive:
        arrays = {name: archive[name] for name in archive.files}
    header = json.loads(arrays.pop("__description__").tobytes().decode("utf-8"))
    return header, arrays


def craft(path, header, arrays, text=None):
    """Write a file as io.write would, from any description (or raw ``text``) and arrays."""
    if "arrays" in header:  # list the arrays truthfully, so that only the planted fault shows
        header = {**header, "arrays": [{"name": n, "shape": list(a.shape), "dtype": a.dtype.name}
                                       for n, a in arrays.items()]}
    text = json.dumps(header) if text is None else text
    np.savez(path, __description__=np.frombuffer(text.encode("utf-8"), np.uint8), **arrays)
    return path


def refused(path, match, load=Model.load):
    with pytest.raises(ModelFileError, match=match) as info:
        load(path)
    assert str(path) in str(info.value)
    return str(info.value)


def dense(n_inputs, n_neurons):
    return {"class": "Layer_Dense", "config": {"n_inputs": n_inputs, "n_neurons": n_neurons}}


# Descriptions that must be refused: (what is changed, the message's phrase).
def _without_layers(h):
    h["layers"] = []


def _loss_as_layer(h):
    h["layers"].insert(1, {"class": "Loss_CategoricalCrossentropy", "config": {}})


def _optimizer_as_layer(h):
    h["layers"].insert(1, {"class": "Optimizer_SGD", "config": {}})


def _abstract_loss(h):
    h["loss"] = {"class": "Loss", "config": {}}


def _abstract_accuracy(h):
    h["accuracy"] = {"class": "Accuracy", "config": {}}


def _input_layer(h):
    h["layers"].insert(0, {"class": "Layer_Input", "config": {}})


def _widths_disagree(h):
    h["layers"][3]["config"]["n_inputs"] = 7


def _float_size(h):
    h["layers"][0]["config"]["n_inputs"] = 2.0


def _unknown_setting(h):
    h["layers"][2]["config"]["seed"] = 3


def _negative_iterations(h):
    h["optimizer"]["state"]["iterations"] = -1


BAD_DESCRIPTIONS = {
    "no_layers": (_without_layers, "no list of layers"),
    "loss_as_layer": (_loss_as_layer,
                      "is 'Loss_CategoricalCrossentropy', but the layer 1 can only"),
    "optimizer_as_layer": (_optimizer_as_layer, "is 'Optimizer_SGD', but the layer 1 can only"),
    "abstract_loss": (_abstract_loss, "is 'Loss', but the loss can only"),
    "abstract_accuracy": (_abstract_accuracy, "is 'Accuracy', but the accuracy can only"),
    "input_layer": (_input_layer, "is 'Layer_Input', but the layer 0 can only"),
    "widths_disagree": (_widths_disagree, "7 inputs follows one with 8 neurons"),
    "float_size": (_float_size, "whole, positive n_inputs"),
    "unknown_setting": (_unknown_setting, "settings the class does not take"),
    "negative_iterations": (_negative_iterations, "optimizer's state"),
}


@pytest.mark.parametrize("case", BAD_DESCRIPTIONS)
def test_descriptions_that_cannot_be_a_model_are_refused(good, tmp_path, case):
    header, arrays = good
    change, match = BAD_DESCRIPTIONS[case]
    change(header)
    refused(craft(tmp_path / f"{case}.npz", header, arrays), match)


def _setting(part, name, value, entry=None):
    """A change that gives ``part`` ("optimizer", "accuracy" or a layer's index) the setting
    ``name=value``, after replacing its entry by ``entry`` if given."""
    def change(h):
        where = h["layers"] if isinstance(part, int) else h
        if entry is not None:
            where[part] = entry
        where[part]["config"][name] = value
    return change


# Hand-edited settings: (change, the message's phrase, which names the setting).
BAD_SETTINGS = {
    "beta_1_one": (_setting("optimizer", "beta_1", 1.0), r"optimizer Optimizer_Adam has "
                   r"settings .*: beta_1 must be in \[0, 1\); got 1\.0"),
    "beta_1_text": (_setting("optimizer", "beta_1", "abc"),
                    r"beta_1 must be in \[0, 1\); got 'abc'"),
    "beta_2_negative": (_setting("optimizer", "beta_2", -0.5), r"beta_2 must be in \[0, 1\)"),
    "epsilon_zero": (_setting("optimizer", "epsilon", 0), "epsilon must be positive; got 0"),
    "learning_rate_text": (_setting("optimizer", "learning_rate", "fast"),
                           "learning_rate must be positive; got 'fast'"),
    "decay_negative": (_setting("optimizer", "decay", -1), "decay must be 0 or more; got -1"),
    "schedule_unknown": (_setting("optimizer", "schedule", "linear"),
                         "schedule must be one of decay, cosine; got 'linear'"),
    "warmup_fraction": (_setting("optimizer", "warmup_steps", 2.5), "warmup_steps must be a whole"),
    "momentum_one": (_setting("optimizer", "momentum", 1.0,
                              {"class": "Optimizer_SGD", "config": {}}),
                     r"momentum must be in \[0, 1\); got 1\.0"),
    "rho_text": (_setting("optimizer", "rho", "x", {"class": "Optimizer_RMSprop", "config": {}}),
                 r"rho must be in \[0, 1\); got 'x'"),
    "precision_text": (_setting("accuracy", "precision", "x",
                                {"class": "Accuracy_Regression", "config": {}}),
                       "accuracy Accuracy_Regression has settings .*: precision must be positive; "
                       "got 'x'"),
    "precision_negative": (_setting("accuracy", "precision", -0.1,
                                    {"class": "Accuracy_Regression", "config": {}}),
                           "precision must be positive; got -0.1"),
    "binary_text": (_setting("accuracy", "binary", "yes"), "binary must be True or False"),
    "dropout_rate_one": (_setting(2, "rate", 1.0), r"layer 2 Layer_Dropout has settings .*"
                                                   r"rate .* must be in \[0, 1\); got 1\.0"),
    "penalty_text": (_setting(0, "weight_regularizer_l2", "x"),
                     "weight_regularizer_l2 must be 0 or more; got 'x'"),
    "penalty_negative": (_setting(3, "bias_regularizer_l1", -1e-3),
                         "layer 3 Layer_Dense .* bias_regularizer_l1 must be 0 or more"),
    "leaky_alpha_text": (_setting(1, "alpha", "x", {"class": "Activation_LeakyReLU", "config": {}}),
                         r"Activation_LeakyReLU alpha must be in \[0, 1\); got 'x'"),
    "weight_scale_text": (_setting(0, "weight_scale", "x"), "weight_scale must be 0 or more"),
}


@pytest.mark.parametrize("case", BAD_SETTINGS)
def test_every_setting_of_a_description_is_checked_at_load(good, tmp_path, case):
    header, arrays = good
    change, match = BAD_SETTINGS[case]
    change(header)
    refused(craft(tmp_path / f"{case}.npz", header, arrays), match)


@pytest.mark.parametrize("counter, value", [("iterations", 1.5), ("iterations", "3"),
                                            ("current_learning_rate", "abc"),
                                            ("current_learning_rate", -0.1)])
def test_the_optimizers_saved_progress_is_checked_at_load(good, tmp_path, counter, value):
    header, arrays = good
    header["optimizer"]["state"][counter] = value
    refused(craft(tmp_path / "state.npz", header, arrays), "its optimizer's state is not")


@pytest.mark.parametrize("literal", ["Infinity", "-Infinity", "NaN", "1e999"])
def test_sizes_that_are_not_numbers_are_refused(good, tmp_path, literal):
    header, arrays = good
    text = json.dumps(header).replace('"n_neurons": 3,', f'"n_neurons": {literal},')
    assert literal in text
    refused(craft(tmp_path / "inf.npz", header, arrays, text), "description is damaged")


def test_deeply_nested_description_is_refused(good, tmp_path):
    header, arrays = good
    text = json.dumps(header).replace('"config": {}', '"config": ' + "[" * 100_000 + "]" * 100_000)
    refused(craft(tmp_path / "deep.npz", header, arrays, text), "description is damaged")


@pytest.mark.parametrize("value", [np.array([[1]]), np.array([[True]]), np.array([[1 + 0j]]),
                                   np.array([["1.0"]]), np.array([[1.0]], np.float16)],
                         ids=["int", "bool", "complex", "string", "float16"])
def test_weights_that_are_not_float32_or_float64_are_refused(good, tmp_path, value):
    header, arrays = good
    arrays["0.weights"] = np.broadcast_to(value, arrays["0.weights"].shape).copy()
    refused(craft(tmp_path / "typed.npz", header, arrays),
            r"'0.weights' is \w+; parameters must be float32 or float64")


@pytest.mark.parametrize("stored, match", [
    (np.zeros((2, 8), np.int32),
     r"holds int32 of shape \(2, 8\), not the float32 of shape \(2, 8\)"),
    (np.zeros((2, 8)), "holds float64 of shape"),
    (np.zeros((2, 3008), np.float32), "gives its member '0.weights.npy' 24,[0-9,]+ bytes, which is "
                                      "not the size of the array the description lists")])
def test_a_description_that_misstates_an_array_is_refused(good, tmp_path, stored, match):
    header, arrays = good  # the description lists 0.weights as float32 of shape (2, 8)
    arrays["0.weights"] = stored
    refused(craft(tmp_path / "lie.npz", header, arrays, text=json.dumps(header)), match)


@pytest.mark.parametrize("value", [np.nan, np.inf, -np.inf])
def test_weights_that_are_not_finite_are_refused(good, tmp_path, value):
    header, arrays = good
    arrays["1.weights"][0, 0] = value
    refused(craft(tmp_path / "nan.npz", header, arrays), "'1.weights' holds NaN or infinite")
    model = small_model()
    weights = model.trainable_layers[0].weights
    weights[1, 1] = value
    model.save_parameters(tmp_path / "nan_params.npz")
    refused(tmp_path / "nan_params.npz", "NaN or infinite", small_model().load_parameters)


def test_arrays_that_do_not_fit_the_layers_are_refused(good, tmp_path):
    header, arrays = good
    arrays["0.weights"] = arrays["0.weights"][:, :4]
    refused(craft(tmp_path / "shape.npz", header, arrays), r"'0.weights' has shape \(2, 4\)")
    del arrays["0.weights"]
    refused(craft(tmp_path / "missing.npz", header, arrays), r"missing \['0.weights'\]")


def test_optimizer_arrays_come_complete_or_not_at_all(good, tmp_path):
    header, arrays = good
    assert {"0.weight_momentums", "1.bias_cache"} <= arrays.keys()
    del arrays["1.bias_cache"]
    refused(craft(tmp_path / "partial.npz", header, arrays), r"missing \['1.bias_cache'\]")


def test_an_older_format_gets_a_clear_message(good, tmp_path):
    header, arrays = good
    header["version"] = 1
    del header["arrays"]
    refused(craft(tmp_path / "old.npz", header, arrays),
            "format version 1.*reads version 2.*older version of the course")


def zip_with(path, members, compression=zipfile.ZIP_STORED):
    """A zip archive of ``members`` (name -> bytes), names repeated as given."""
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return path


def members_of(path):
    with zipfile.ZipFile(path) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


@pytest.mark.filterwarnings("ignore:Duplicate name")  # the duplicate is the point
def test_duplicate_and_unknown_members_are_refused(good, tmp_path):
    path = craft(tmp_path / "base.npz", *good)
    members = members_of(path)
    refused(zip_with(tmp_path / "twice.npz", members + [members[1]]), "more than once")
    extra = members + [("notes.npy", members[1][1])]
    refused(zip_with(tmp_path / "extra.npz", extra), "'notes.npy', which the description")


def test_a_huge_zip_directory_is_refused_before_it_is_read(good, tmp_path, monkeypatch):
    members = members_of(craft(tmp_path / "base.npz", *good))
    many = members + [(f"{i}.npy", b"") for i in range(300)]
    monkeypatch.setattr(_archive, "MAX_DIRECTORY_BYTES", 10_000)  # 300 members take some 20 kB
    refused(zip_with(tmp_path / "many.npz", many), r"directory takes [\d,]+ bytes")


def test_compressed_members_are_refused(good, tmp_path):
    members = members_of(craft(tmp_path / "base.npz", *good))
    refused(zip_with(tmp_path / "deflated.npz", members, zipfile.ZIP_DEFLATED), "compressed")


def test_description_as_a_raw_member_is_refused(good, tmp_path):
    header, arrays = good
    members = [(n, d) for n, d in members_of(craft(tmp_path / "base.npz", header, arrays))
               if n != "__description__.npy"]
    raw = [("__description__", json.dumps(header).encode())] + members
    refused(zip_with(tmp_path / "raw.npz", raw), "no description")


def test_damaged_zip_directory_is_refused(good, tmp_path):
    data = bytearray(craft(tmp_path / "base.npz", *good).read_bytes())
    entry = data.index(b"PK\x01\x02")  # the first central directory entry
    data[entry + 10:entry + 12] = (99).to_bytes(2, "little")  # an unknown compression method
    (tmp_path / "method.npz").write_bytes(data)
    refused(tmp_path / "method.npz", "compressed|not a complete")


def test_npy_with_an_archive_appended_is_refused(good, tmp_path):
    path = craft(tmp_path / "base.npz", *good)
    np.save(tmp_path / "array.npy", np.ones(3))
    (tmp_path / "both.npz").write_bytes((tmp_path / "array.npy").read_bytes() + path.read_bytes())
    refused(tmp_path / "both.npz", "not a complete .npz archive")


def test_parameters_file_with_a_loss_among_its_layers_is_refused(tmp_path):
    model = small_model()
    model.save_parameters(tmp_path / "params.npz")
    with np.load(tmp_path / "params.npz") as archive:
        arrays = {name: archive[name] for name in archive.files}
    header = json.loads(arrays.pop("__description__").tobytes())
    header["layers"][0]["class"] = "Loss_MeanSquaredError"
    refused(craft(tmp_path / "p.npz", header, arrays),
            "is 'Loss_MeanSquaredError', but the layer 0 can only be one of: Layer_Dense.",
            small_model().load_parameters)


def test_a_model_file_that_cannot_be_read_is_named_with_the_fix(good, tmp_path, monkeypatch):
    path = craft(tmp_path / "locked.npz", *good)

    def no_permission(file, *args, **kwargs):  # as chmod 000 would (tests may run as root)
        raise PermissionError(13, "Permission denied", str(file))
    monkeypatch.setattr(_archive, "open", no_permission, raising=False)
    refused(path, r"cannot be read \(Permission denied\).*chmod a\+r")


# Memory: a child process with little room to spare loads each file.

CHILD = textwrap.dedent("""
    import json, resource, sys
    from shared import Model
    used = int(next(l for l in open("/proc/self/status") if l.startswith("VmSize")).split()[1])
    room = used * 1024 + int(sys.argv[1]) * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (room, room))
    results = {}
    for path in sys.argv[2:]:
        try:
            Model.load(path)
            results[path] = ["loaded", ""]
        except BaseException as error:
            results[path] = [type(error).__name__, str(error)[:300]]
    print(json.dumps(results))
""")


def load_with_little_memory(paths, megabytes):
    run = subprocess.run([sys.executable, "-c", CHILD, str(megabytes), *map(str, paths)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def zip_bomb(path, members, name, shape):
    """``members`` (stored, as np.savez does) plus ``name``: an .npy file of float32 zeros
    of ``shape``, deflated to a few hundred kB, written a megabyte at a time."""
    header = BytesIO()
    np.lib.format.write_array_header_1_0(header, {"descr": "<f4", "fortran_order": False,
                                                  "shape": shape})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for member, data in members:
            archive.writestr(zipfile.ZipInfo(member), data)
        with archive.open(name, "w", force_zip64=True) as out:
            out.write(header.getvalue())
            block = bytes(1 << 20)
            for _ in range(4 * int(np.prod(shape)) >> 20):
                out.write(block)
    return path


@pytest.fixture(scope="module")
def memory_results(tmp_path_factory):
    """Load every memory-hungry file in one child with 56 MiB to spare; its results."""
    folder = tmp_path_factory.mktemp("memory")
    model = small_model()
    model.save(folder / "small.npz")
    members = members_of(folder / "small.npz")
    header = json.loads(np.load(folder / "small.npz")["__description__"].tobytes())
    # 1. Two 12000 x 12000 layers described in a few hundred bytes, without weights.
    header_huge = {**header, "layers": [dense(12000, 12000), {"class": "Activation_ReLU"},
                                        dense(12000, 12000), {"class": "Activation_Softmax"}]}
    header_huge["optimizer"] = {k: v for k, v in header["optimizer"].items() if k != "state"}
    craft(folder / "huge.npz", header_huge, {})
    # 2. and 3. A 128 MiB member that compresses to a few hundred kB: an extra one, and
    # one standing in for the first layer's weights.
    zip_bomb(folder / "bomb_extra.npz", members, "extra.npy", (32, 2**20))
    zip_bomb(folder / "bomb_weights.npz", [m for m in members if m[0] != "0.weights.npy"],
             "0.weights.npy", (32, 2**20))
    # 4. A sound model of 34 MB of float32 parameters: loading it needs not much more
    # (building its layers with random weights first would need 50 MB more).
    small_model(hidden=1_400_000).save(folder / "big.npz")
    paths = ["huge", "bomb_extra", "bomb_weights", "big"]
    results = load_with_little_memory([folder / f"{p}.npz" for p in paths], 56)
    return {p: results[str(folder / f"{p}.npz")] for p in paths}


@pytest.mark.parametrize("case, match", [
    ("huge", "arrays do not fit its layers: missing"), ("bomb_extra", "compressed|'extra.npy'"),
    ("bomb_weights", "compressed")])
def test_hostile_files_are_refused_before_using_memory(memory_results, case, match):
    kind, message = memory_results[case]
    assert kind == "ModelFileError", (kind, message)
    assert f"{case}.npz" in message
    assert re.search(match, message), message


def test_loading_needs_little_more_memory_than_the_model(memory_results):
    assert memory_results["big"] == ["loaded", ""]


# Saving: temporary files and file modes.

def test_an_interrupted_save_leaves_nothing_once_saved_again(tmp_path):
    """A save killed half-way leaves its temporary file; the next save clears it."""
    killed = textwrap.dedent(f"""
        import os, signal, numpy as np
        from shared import Model, Layer_Dense, Activation_Softmax
        model = Model()
        model.add(Layer_Dense(2, 3))
        model.add(Activation_Softmax())
        model.finalize()
        def die_half_way(file, **arrays):
            file.write(b"PK" + bytes(1000))
            file.flush()
            os.kill(os.getpid(), signal.SIGKILL)
        np.savez = die_half_way
        model.save({str(tmp_path / "m.npz")!r})
    """)
    run = subprocess.run([sys.executable, "-c", killed], capture_output=True, timeout=60)
    assert run.returncode == -signal.SIGKILL, run.stderr
    assert os.listdir(tmp_path) != []  # the killed save's leftover
    model = small_model()
    model.save(tmp_path / "m.npz")
    assert os.listdir(tmp_path) == ["m.npz"]
    Model.load(tmp_path / "m.npz")


def test_save_gives_the_usual_file_mode_without_touching_the_umask(tmp_path, monkeypatch):
    previous = os.umask(0o027)
    try:
        def no_umask(mask):
            raise AssertionError("save changed the process-wide umask")
        monkeypatch.setattr(os, "umask", no_umask)
        small_model().save(tmp_path / "m.npz")
    finally:
        monkeypatch.undo()
        os.umask(previous)
    assert (tmp_path / "m.npz").stat().st_mode & 0o777 == 0o640


# Resuming: 2 epochs, save, load, 1 more = 3 epochs in one go, bit for bit.

OPTIMIZERS = {"adam": lambda: Optimizer_Adam(0.02, decay=0.01),
              "sgd_momentum": lambda: Optimizer_SGD(0.5, decay=0.01, momentum=0.9)}


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_resuming_from_a_file_is_exact(tmp_path, dtype, optimizer):
    X, y = spiral(dtype)
    whole = small_model(OPTIMIZERS[optimizer](), dtype)
    np.random.seed(5)  # the shuffles and dropout masks are then the same in both runs
    whole.train(X, y, epochs=3, batch_size=32, verbose=0)

    first = small_model(OPTIMIZERS[optimizer](), dtype)
    np.random.seed(5)
    first.train(X, y, epochs=2, batch_size=32, verbose=0)
    first.save(tmp_path / "two_epochs.npz")
    resumed = Model.load(tmp_path / "two_epochs.npz")
    assert resumed.optimizer.iterations == first.optimizer.iterations == 6
    assert resumed.optimizer.current_learning_rate == first.optimizer.current_learning_rate
    history = resumed.train(X, y, epochs=1, batch_size=32, verbose=0)

    for (w1, b1), (w2, b2) in zip(whole.get_parameters(), resumed.get_parameters()):
        assert w2.dtype == dtype
        assert np.array_equal(w1, w2) and np.array_equal(b1, b2)
    assert history["learning_rate"] == [whole.optimizer.current_learning_rate]


def test_an_untrained_model_loads_without_optimizer_arrays(tmp_path):
    model = small_model()
    model.save(tmp_path / "fresh.npz")
    with zipfile.ZipFile(tmp_path / "fresh.npz") as archive:
        assert sorted(archive.namelist()) == ["0.biases.npy", "0.weights.npy", "1.biases.npy",
                                              "1.weights.npy", "__description__.npy"]
    loaded = Model.load(tmp_path / "fresh.npz")
    assert loaded.optimizer.iterations == 0
    loaded.train(*spiral(), epochs=1, verbose=0)


FIXTURES = Path(__file__).parent / "fixtures" / "model_files"


@pytest.mark.parametrize("name", ["adam", "sgd_momentum", "rmsprop_cosine"])
def test_files_written_by_format_version_2_still_load_and_resume_exactly(name):
    """tests/fixtures/model_files holds models saved (version 2) after two epochs, and the
    weights one more epoch of training from there gave, both made by the library of that time."""
    model = Model.load(FIXTURES / f"v2_{name}.npz")
    with np.load(FIXTURES / "expected_after_resume.npz") as expected:
        np.random.seed(3)
        model.train(expected["X"], expected["y"], epochs=1, batch_size=4, verbose=0)
        for i, layer in enumerate(model.trainable_layers):
            np.testing.assert_array_equal(layer.weights, expected[f"{name}.{i}.weights"])
            np.testing.assert_array_equal(layer.biases, expected[f"{name}.{i}.biases"])
        assert model.optimizer.iterations == expected[f"{name}.iterations"]
        assert model.optimizer.current_learning_rate == expected[f"{name}.current_learning_rate"]


def test_a_parameters_file_of_format_version_2_still_loads():
    model = small_model(hidden=5)
    model.layers[0] = Layer_Dense(3, 5)
    model.finalize()
    model.load_parameters(FIXTURES / "v2_parameters.npz")
    with np.load(FIXTURES / "v2_parameters.npz") as stored:
        np.testing.assert_array_equal(model.trainable_layers[1].weights, stored["1.weights"])
