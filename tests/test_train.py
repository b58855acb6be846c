"""End-to-end tests of the command-line trainer, ``python -m shared.train``.

Most call ``main(argv)`` in-process on small data; one runs the real command.
Everything written goes to tmp_path.
"""
import re
import subprocess
import sys
from pathlib import Path

import matplotlib
import numpy as np
import pytest

from shared import Model
from shared.data import DatasetUnavailableError, load_fashion_mnist
from shared.train import add_mirrored, main, parse_args

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
    (["--momentum", "1", "--optimizer", "momentum"], "argument --momentum: must be in [0, 1), got 1"),
    (["--validation", "1"], "argument --validation: must be in [0, 1), got 1"),
    (["--seed", "-1"], "argument --seed: must be a whole number from 0 to 4294967294, got -1"),
    (["--optimizer", "lbfgs"], "argument --optimizer: invalid choice: 'lbfgs'"),
    (["--activation", "gelu"], "argument --activation: invalid choice: 'gelu'"),
    (["--subset", "100", "--dataset", "spiral"],
     "argument --subset: has no effect with --dataset spiral"),
    (["--samples", "100"], "argument --samples: has no effect with --dataset fashion_mnist"),
    (["--flip", "--dataset", "spiral"], "argument --flip: has no effect with --dataset spiral"),
    (["--classes", "4", "--dataset", "sine"], "argument --classes: has no effect with --dataset sine"),
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
    assert err.startswith("python -m shared.train: error: ")


def test_recipes_fill_in_and_flags_override():
    args = parse_args(["--dataset", "spiral", "--optimizer", "momentum"])
    assert (args.hidden, args.batch_size, args.learning_rate, args.momentum) == ([64, 64], 32, 0.05, 0.9)
    args = parse_args(["--dataset", "spiral", "--optimizer", "sgd", "--learning-rate", "0.3",
                       "--hidden", "8"])
    assert (args.hidden, args.learning_rate, args.decay) == ([8], 0.3, 0.0001)


def test_help_explains_every_flag(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["--help"])
    assert stopped.value.code == 0
    out = capsys.readouterr().out
    for flag in ("--dataset", "--samples", "--classes", "--subset", "--flip", "--validation", "--hidden",
                 "--activation", "--dropout", "--l1", "--l2", "--optimizer", "--learning-rate",
                 "--decay", "--momentum", "--batch-size", "--epochs", "--seed", "--save",
                 "--plots"):
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
        [sys.executable, "-m", "shared.train", "--dataset", "vertical", "--samples", "50",
         "--epochs", "1", "--save", str(path)],
        cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert figures(result.stdout).keys() == {"train", "test"}
    assert Model.load(path).predict(np.zeros((1, 2), np.float32)).shape == (1, 3)


# Learning-rate schedules (issue 17).

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
