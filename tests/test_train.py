"""End-to-end tests of the command-line trainer, ``python -m shared.course.train``.

Most call ``main(argv)`` in-process on small data; one runs the real command.
Everything written goes to tmp_path.
"""
import errno
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import matplotlib
import numpy as np
import pytest

from shared import Model
from shared.data import DatasetUnavailableError, load_fashion_mnist
from shared.course import memory
from shared._archive import temporary_path
from shared.course.train import add_mirrored, main, parse_args

matplotlib.use("Agg")

REPO = Path(__file__).resolve().parents[1]
SPIRAL = ["--dataset", "spiral", "--samples", "100", "--epochs", "2"]
SINE = ["--dataset", "sine", "--samples", "200", "--epochs", "2"]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def figures(out):
    """``{"train": (loss, accuracy), "test": (loss, accuracy)}`` from the trainer's output."""
    found = re.findall(r"^(train|test): +loss (\d+\.\d{4})  accuracy (\d\.\d{4})$", out, re.M)
    return {name: (float(loss), float(accuracy)) for name, loss, accuracy in found}


def test_spiral_prints_figures_and_per_class_report(capsys):
    model = main(SPIRAL)
    out = capsys.readouterr().out
    assert isinstance(model, Model)
    assert "spiral: 270 training, 30 validation and 300 test samples" in out
    assert figures(out).keys() == {"train", "test"}
    assert re.search(r"^best epoch: [12] of 2 \(validation accuracy \d\.\d{4}\)$", out, re.M)
    for name in ("class 0", "class 1", "class 2", "macro average"):
        assert re.search(rf"^{name} +\d\.\d{{3}} +\d\.\d{{3}} +\d\.\d{{3}} +\d+$", out, re.M)


def test_sine_is_regression_without_class_report(capsys, tmp_path):
    model = main(SINE + ["--plots", str(tmp_path)])
    out = capsys.readouterr().out
    assert type(model.loss).__name__ == "Loss_MeanSquaredError"
    assert figures(out).keys() == {"train", "test"}
    assert "validation loss" in out and "macro average" not in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["history.png"]


def test_fashion_mnist_subset(capsys):
    try:
        load_fashion_mnist(download=False)
    except DatasetUnavailableError:
        pytest.skip("Fashion-MNIST is not on this computer")
    main(["--subset", "2000", "--epochs", "1"])
    out = capsys.readouterr().out
    assert "fashion_mnist: 1,800 training, 200 validation and 10,000 test samples" in out
    assert figures(out)["test"][1] > 0.2  # one epoch of 15 steps: well above guessing (0.1)
    assert re.search(r"^Ankle boot +\d\.\d{3} .* 1000$", out, re.M)


def test_flip_adds_mirrored_training_images_only(capsys):
    try:
        load_fashion_mnist(download=False)
    except DatasetUnavailableError:
        pytest.skip("Fashion-MNIST is not on this computer")
    main(["--subset", "1000", "--epochs", "1", "--flip"])
    out = capsys.readouterr().out
    assert "fashion_mnist: 1,800 training (half of them mirrored), 100 validation" in out


def test_mirrored_images_are_flipped_left_to_right():
    X = np.arange(2 * 784, dtype=np.float32).reshape(2, 784)
    X2, y2 = add_mirrored(X, np.array([3, 7]))
    assert X2.shape == (4, 784) and list(y2) == [3, 7, 3, 7]
    np.testing.assert_array_equal(X2[2].reshape(28, 28), X[0].reshape(28, 28)[:, ::-1])


def test_saved_model_loads_and_predicts_the_same(capsys, tmp_path):
    path = tmp_path / "models" / "spiral.npz"
    model = main(SPIRAL + ["--dropout", "0.1", "--l2", "1e-4", "--save", str(path)])
    assert f"saved the model to {path}" in capsys.readouterr().out
    X = np.random.default_rng(0).uniform(-1, 1, (50, 2)).astype(np.float32)
    np.testing.assert_array_equal(Model.load(path).predict(X), model.predict(X))


def test_plots_are_pngs(capsys, tmp_path):
    main(SPIRAL + ["--plots", str(tmp_path / "plots")])
    out = capsys.readouterr().out
    for name in ("history.png", "confusion_matrix.png"):
        path = tmp_path / "plots" / name
        assert f"wrote {path}" in out
        assert path.read_bytes()[:8] == PNG_MAGIC


@pytest.mark.parametrize("flags, message", [
    (["--learning-rate", "-1"], "argument --learning-rate: must be positive, got -1"),
    (["--learning-rate", "nan"], "argument --learning-rate: must be positive, got nan"),
    (["--hidden", "0"], "argument --hidden: must be a whole number of at least 1, got 0"),
    (["--hidden", "64", "2.5"],
     "argument --hidden: must be a whole number of at least 1, got 2.5"),
    (["--dataset", "mnist"], "argument --dataset: invalid choice: 'mnist'"),
    (["--dropout", "1"], "argument --dropout: must be in [0, 1), got 1"),
    (["--dropout", "-0.1"], "argument --dropout: must be in [0, 1), got -0.1"),
    (["--epochs", "0"], "argument --epochs: must be a whole number of at least 1, got 0"),
    (["--batch-size", "x"], "argument --batch-size: must be a whole number of at least 1, got x"),
    (["--decay", "-0.001"], "argument --decay: must be 0 or more, got -0.001"),
    (["--l1", "-1"], "argument --l1: must be 0 or more, got -1"),
    (["--l2", "inf"], "argument --l2: must be 0 or more, got inf"),
    (["--momentum", "1", "--optimizer", "momentum"],
     "argument --momentum: must be in [0, 1), got 1"),
    (["--validation", "1"], "argument --validation: must be in [0, 1), got 1"),
    (["--seed", "-1"], "argument --seed: must be a whole number from 0 to 4294967294, got -1"),
    (["--optimizer", "lbfgs"], "argument --optimizer: invalid choice: 'lbfgs'"),
    (["--activation", "gelu"], "argument --activation: invalid choice: 'gelu'"),
    (["--subset", "100", "--dataset", "spiral"],
     "argument --subset: has no effect with --dataset spiral"),
    (["--samples", "100"], "argument --samples: has no effect with --dataset fashion_mnist"),
    (["--flip", "--dataset", "spiral"], "argument --flip: has no effect with --dataset spiral"),
    (["--classes", "4", "--dataset", "sine"],
     "argument --classes: has no effect with --dataset sine"),
    (["--momentum", "0.5"], "argument --momentum: has no effect with --optimizer adam"),
    (["--epochs"], "argument --epochs: expected one argument"),
])
def test_bad_flags_are_refused_in_one_line(capsys, flags, message):
    with pytest.raises(SystemExit) as stopped:
        main(flags)
    assert stopped.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""  # refused before any work
    assert err.count("\n") == 1 and message in err
    assert err.startswith("python -m shared.course.train: error: ")


def refused_in_one_line(capsys, flags):
    """The one line of stderr with which ``main(flags)`` refuses, before any work."""
    with pytest.raises(SystemExit) as stopped:
        main(flags)
    assert stopped.value.code == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert err.startswith("python -m shared.course.train: error: ")
    return err


@pytest.mark.parametrize("flag, where, message", [
    ("--save", "folder", "argument --save: {folder} is a folder: name a file in it, such as "
                         "{folder}/model.npz"),
    ("--save", "file/model.npz", "argument --save: {folder}/file is a file, so nothing can be "
                                 "written under it: choose another path"),
    ("--save", "file/deeper/model.npz", "argument --save: {folder}/file is a file, so nothing"),
    ("--plots", "file", "argument --plots: {folder}/file is a file: name a folder"),
    ("--plots", "file/plots", "argument --plots: {folder}/file is a file, so nothing can be "
                              "written under it"),
])
def test_unwritable_destinations_are_refused_before_training(capsys, tmp_path, flag, where,
                                                               message):
    (tmp_path / "file").write_text("not a folder")
    destination = tmp_path if where == "folder" else tmp_path / where
    err = refused_in_one_line(capsys, SPIRAL + [flag, str(destination)])
    assert message.format(folder=tmp_path) in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


@pytest.mark.parametrize("flag, inside", [("--save", "model.npz"), ("--save", "new/model.npz"),
                                          ("--plots", "."), ("--plots", "plots")])
def test_read_only_folder_is_refused_before_training(capsys, tmp_path, flag, inside):
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        argv = SPIRAL + [flag, str(folder / inside)]
        if os.access(folder, os.W_OK):  # root: run the trainer without its power to write anywhere
            err = refused_without_write_override(argv)
        else:
            err = refused_in_one_line(capsys, argv)
    finally:
        folder.chmod(0o755)
    assert f"argument {flag}: the folder {folder} is not writable: choose a folder" in err
    assert list(folder.iterdir()) == []


def refused_without_write_override(argv):
    """Like refused_in_one_line, for root: the trainer runs without CAP_DAC_OVERRIDE, the
    power that lets root write into read-only folders (dropped with util-linux's setpriv)."""
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("this user may write in read-only folders, and setpriv cannot drop that here")
    drop = "-dac_override,-dac_read_search"
    run = subprocess.run([setpriv, "--bounding-set", drop, "--inh-caps", drop, sys.executable,
                          "-m", "shared.course.train", *argv],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and run.stdout == "" and run.stderr.count("\n") == 1, run.stderr
    assert run.stderr.startswith("python -m shared.course.train: error: ")
    return run.stderr


@pytest.mark.parametrize("flags, message", [
    (["--subset", "1"], "argument --subset: 1 training sample leaves none for the validation "
                        "split: use at least 2 samples, or --validation 0"),
    (["--dataset", "spiral", "--samples", "1", "--classes", "1"],
     "argument --samples: 1 training sample leaves none"),
    (["--dataset", "sine", "--samples", "1"], "argument --samples: 1 training sample leaves none"),
])
def test_flags_leaving_an_empty_validation_split_are_refused(capsys, flags, message):
    assert message in refused_in_one_line(capsys, flags)


def test_one_sample_trains_without_a_validation_split(capsys):
    main(["--dataset", "sine", "--samples", "1", "--validation", "0", "--epochs", "1"])
    assert "sine: 1 training, 0 validation and 1 test samples" in capsys.readouterr().out


def test_a_network_too_big_for_memory_is_refused_with_the_estimate(capsys, monkeypatch):
    monkeypatch.setattr(memory, "available_memory", lambda: 8 * 2**30)
    err = refused_in_one_line(capsys, ["--hidden", "100000000"])
    # 784 inputs -> 1e8 -> 10 outputs in float32, with gradients, Adam's moments, the kept best
    # epoch and the update's temporaries: about 3.4 TB, refused before anything is allocated.
    assert re.search(r"this run needs about 3\d{3}\.\d GiB of memory \(parameters, gradients and "
                     r"optimizer state 2\d{3}\.\d GiB, activations \d+\.\d GiB, data 390 MiB\), "
                     r"more than the 8\.0 GiB available: use fewer or smaller --hidden layers", err)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses Linux's memory limits")
def test_a_network_too_big_for_memory_is_refused_in_a_real_run(tmp_path):
    import resource

    def limit_memory():  # should the check fail, the run stops at 4 GiB, not at the machine's end
        resource.setrlimit(resource.RLIMIT_AS, (4 * 2**30, 4 * 2**30))
    result = subprocess.run([sys.executable, "-m", "shared.course.train", "--hidden", "100000000"],
                            cwd=REPO, capture_output=True, text=True, timeout=120,
                            preexec_fn=limit_memory)
    assert (result.returncode, result.stdout) == (2, "")
    assert re.fullmatch(r"python -m shared.course.train: error: this run needs about "
                        r"3\d{3}\.\d GiB of memory .* GiB available: .*\n", result.stderr)


def test_memory_estimate_counts_optimizer_state_batches_and_data(monkeypatch):
    def needed(*flags):
        return memory.memory_needed(parse_args(["--dataset", "spiral", *flags]))
    n_parameters = (2 + 1) * 64 + (64 + 1) * 64 + (64 + 1) * 3
    state = "parameters, gradients and optimizer state"
    assert needed()[state] - needed("--optimizer", "sgd")[state] == 2 * 4 * n_parameters
    assert needed("--batch-size", "1000")["activations"] > 2 * needed()["activations"]
    assert needed("--samples", "2000")["data"] == 2 * needed()["data"]
    # float32 pixels and int64 labels: the training set twice (the validation split copies it).
    full = memory.memory_needed(parse_args([]))
    assert full["data"] == (784 * 4 + 8) * (2 * 60_000 + 10_000)
    small = memory.memory_needed(parse_args(["--subset", "1000"]))
    monkeypatch.setattr(memory, "available_memory", lambda: sum(small.values()) + 1)
    parse_args(["--subset", "1000"])  # fits
    with pytest.raises(SystemExit):
        parse_args([])  # does not


def test_available_memory_is_read_from_the_system():
    available = memory.available_memory()
    if available is None:
        pytest.skip("this system does not say how much memory is free")
    assert 2**20 < available <= os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.parametrize("flags, flag", [(["--l1", "1e300"], "--l1"),
                                         (["--l2", "1e300", "--optimizer", "sgd"], "--l2")])
def test_overflow_from_a_penalty_names_its_flag(flags, flag):
    with pytest.raises(SystemExit) as stopped:
        main(SPIRAL + flags)
    message = str(stopped.value.code)
    assert re.match(rf"error: The loss became (nan|inf) at epoch 1, step \d+, so training stopped: "
                    rf"weight_regularizer_{flag[-2:]}=1e\+300 of Layer_Dense\(2 -> 64\) is too "
                    rf"strong for the learning rate .*Set it with {flag}\.$", message)
    assert "lower learning rate" not in message


def test_recipes_fill_in_and_flags_override():
    args = parse_args(["--dataset", "spiral", "--optimizer", "momentum"])
    assert ((args.hidden, args.batch_size, args.learning_rate, args.momentum)
            == ([64, 64], 32, 0.05, 0.9))
    args = parse_args(["--dataset", "spiral", "--optimizer", "sgd", "--learning-rate", "0.3",
                       "--hidden", "8"])
    assert (args.hidden, args.learning_rate, args.decay) == ([8], 0.3, 0.0001)


def test_help_explains_every_flag(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["--help"])
    assert stopped.value.code == 0
    out = capsys.readouterr().out
    for flag in ("--dataset", "--samples", "--classes", "--subset", "--flip", "--validation",
                 "--hidden", "--activation", "--dropout", "--l1", "--l2", "--optimizer",
                 "--learning-rate", "--decay", "--momentum", "--batch-size", "--epochs", "--seed",
                 "--save", "--plots"):
        assert re.search(rf"^  {flag}( \S.*\n? +| +)\S", out, re.M), flag  # then its help
    assert "Ctrl-C" in out


def interrupt_at_step(monkeypatch, step):
    """Make the ``step``-th backward pass raise KeyboardInterrupt, as Ctrl-C would."""
    backward, calls = Model.backward, []

    def pressed(self, output, y):
        calls.append(1)
        if len(calls) == step:
            raise KeyboardInterrupt
        backward(self, output, y)
    monkeypatch.setattr(Model, "backward", pressed)


def test_ctrl_c_stops_cleanly_and_keeps_the_best_epoch(capsys, monkeypatch, tmp_path):
    # 270 training points in batches of 30: 9 steps an epoch, so step 21 is inside epoch 3.
    interrupt_at_step(monkeypatch, 21)
    path = tmp_path / "best.npz"
    model = main(SPIRAL[:-1] + ["10", "--batch-size", "30", "--save", str(path),
                                "--plots", str(tmp_path)])
    out = capsys.readouterr().out
    assert "Stopped by Ctrl-C during epoch 3 of 10." in out
    assert re.search(r"^best epoch: [12] of 2 ", out, re.M)
    assert figures(out).keys() == {"train", "test"}
    X = np.linspace(-1, 1, 40, dtype=np.float32).reshape(20, 2)
    np.testing.assert_array_equal(Model.load(path).predict(X), model.predict(X))
    assert (tmp_path / "history.png").read_bytes()[:8] == PNG_MAGIC


def test_ctrl_c_in_the_first_epoch_has_nothing_to_keep(capsys, monkeypatch, tmp_path):
    interrupt_at_step(monkeypatch, 2)
    with pytest.raises(SystemExit, match="no epoch had finished"):
        main(SPIRAL + ["--save", str(tmp_path / "m.npz")])
    assert not (tmp_path / "m.npz").exists()


def test_divergence_is_reported_without_traceback(capsys):
    with pytest.raises(SystemExit, match=r"^error: The loss became"):
        main(SINE + ["--optimizer", "sgd", "--learning-rate", "1e30"])


def test_command_line_smoke(tmp_path):
    path = tmp_path / "vertical.npz"
    result = subprocess.run(
        [sys.executable, "-m", "shared.course.train", "--dataset", "vertical", "--samples", "50",
         "--epochs", "1", "--save", str(path)],
        cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert figures(result.stdout).keys() == {"train", "test"}
    assert Model.load(path).predict(np.zeros((1, 2), np.float32)).shape == (1, 3)


# Learning-rate schedules.

def test_schedule_defaults_to_the_books_decay_and_cosine_replaces_the_recipes_decay():
    args = parse_args(["--dataset", "spiral"])
    assert (args.schedule, args.decay) == ("decay", 0.0001)
    args = parse_args(["--dataset", "spiral", "--schedule", "cosine"])
    assert (args.schedule, args.decay) == ("cosine", 0.0)


@pytest.mark.parametrize("flags, message", [
    (["--schedule", "linear"], "argument --schedule: invalid choice: 'linear'"),
    (["--schedule", "cosine", "--decay", "0.001"],
     "argument --decay: has no effect with --schedule cosine"),
])
def test_bad_schedules_are_refused_in_one_line(capsys, flags, message):
    test_bad_flags_are_refused_in_one_line(capsys, flags, message)


@pytest.mark.parametrize("schedule", ["decay", "cosine"])
def test_schedule_is_printed_saved_and_loaded(capsys, tmp_path, schedule):
    path = tmp_path / "spiral.npz"
    model = main(SPIRAL + ["--schedule", schedule, "--save", str(path)])
    out = capsys.readouterr().out
    assert f"learning-rate schedule: {schedule}\n" in out
    assert ("schedule=cosine" in out) == (schedule == "cosine")
    assert Model.load(path).optimizer.config() == model.optimizer.config()
    assert Model.load(path).optimizer.schedule == schedule
    # 270 samples in batches of 32: 9 steps an epoch, 18 in all; the last uses step 17's rate.
    last_rate = {"decay": 0.01 / (1 + 0.0001 * 17),
                 "cosine": 0.01 * (1 + np.cos(np.pi * 17 / 18)) / 2}[schedule]
    assert model.optimizer.current_learning_rate == pytest.approx(last_rate)


# Every name a save or the plots will write, checked before training.

def test_the_temporary_name_checked_is_the_one_a_save_writes(tmp_path, monkeypatch):
    written = []
    replace = os.replace
    monkeypatch.setattr(os, "replace",
                        lambda tmp, path: written.append(Path(tmp)) or replace(tmp, path))
    main(SPIRAL[:-1] + ["1", "--save", str(tmp_path / "m.npz"), "--plots", str(tmp_path)])
    assert written == [temporary_path(tmp_path / name)
                       for name in ("m.npz", "history.png", "confusion_matrix.png")]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["confusion_matrix.png", "history.png",
                                                          "m.npz"]


@pytest.mark.skipif(not Path("/proc/version").is_file(), reason="needs Linux's /proc")
@pytest.mark.parametrize("path, message", [
    ("/proc/no/such/model.npz", "argument --save: the folder /proc/no cannot be made (No such "
                                "file or directory): choose a folder you can write in"),
    ("/proc/version", "argument --save: /proc/version cannot be written, as no new file can be "
                      "made in /proc"),
])
def test_a_save_where_the_system_allows_no_file_is_refused(capsys, path, message):
    assert message in refused_in_one_line(capsys, SPIRAL + ["--save", path])


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_a_save_over_a_device_is_refused(capsys):
    err = refused_in_one_line(capsys, SPIRAL + ["--save", "/dev/null"])
    assert "argument --save: /dev/null is not a plain file (a device or a pipe)" in err
    assert Path("/dev/null").is_char_device()


def test_a_name_too_long_for_its_temporary_file_is_refused(capsys, tmp_path):
    limit = os.pathconf(tmp_path, "PC_NAME_MAX")
    longest = tmp_path / "new" / ("m" * (limit - 5 - 4) + ".npz")  # .NAME.tmp fits exactly
    too_long = longest.with_name("m" + longest.name)
    err = refused_in_one_line(capsys, SPIRAL + ["--save", str(too_long)])
    assert f"is too long: it is written first as .NAME.tmp, which must fit in {limit} bytes, " \
           f"so use a name of at most {limit - 5} bytes" in err
    assert list(tmp_path.iterdir()) == []  # the folder made to try the name is gone
    main(SPIRAL[:-1] + ["1", "--save", str(longest)])
    assert capsys.readouterr().out.endswith(f"saved the model to {longest}\n")
    assert Model.load(longest) is not None


@pytest.mark.parametrize("where, message", [
    ("d" * 300, "argument --plots: the name ddd"),
    ("plots/" + "d" * 300 + "/deeper", "argument --plots: the name ddd"),
    ("folder_in_the_way", "argument --plots: {folder}/folder_in_the_way/history.png is a folder, "
                          "in the way of the file to write: choose another name"),
])
def test_plots_that_cannot_be_written_are_refused(capsys, tmp_path, where, message):
    (tmp_path / "folder_in_the_way" / "history.png").mkdir(parents=True)
    err = refused_in_one_line(capsys, SPIRAL + ["--plots", str(tmp_path / where)])
    assert message.format(folder=tmp_path) in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder_in_the_way"]


def test_checking_a_destination_leaves_nothing_behind(tmp_path):
    parse_args(SPIRAL + ["--save", str(tmp_path / "a" / "b" / "m.npz"),
                         "--plots", str(tmp_path / "plots")])
    assert list(tmp_path.iterdir()) == []


def test_a_save_cut_short_before_does_not_stop_the_next(capsys, tmp_path):
    path = tmp_path / "m.npz"
    temporary_path(path).write_bytes(b"half a model")
    main(SPIRAL[:-1] + ["1", "--save", str(path)])
    assert Model.load(path) is not None and not temporary_path(path).exists()


def test_a_save_failing_after_training_ends_in_one_line(capsys, tmp_path, monkeypatch):
    def disk_full(self, path):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
    monkeypatch.setattr(Model, "save", disk_full)
    with pytest.raises(SystemExit) as stopped:
        main(SPIRAL[:-1] + ["1", "--save", str(tmp_path / "m.npz")])
    assert stopped.value.code == f"error: {tmp_path / 'm.npz'} could not be written " \
                                 f"(No space left on device)"
