"""shared.pretrained: the cached model is used only when it is the recipe's; otherwise retrained.

Training is made tiny here (200 random images, 2 epochs of one step) so that every test runs in well
under a second; the recipe's architecture is unchanged.
"""
import numpy as np
import pytest

from shared import (Accuracy_Categorical, Activation_ReLU, Activation_Softmax, Layer_Dense,
                    Loss_CategoricalCrossentropy, Model, Optimizer_Adam)
from shared import pretrained


@pytest.fixture
def tiny(monkeypatch, tmp_path):
    """Tiny training data and 2 epochs; counts the trainings; returns the model's path."""
    rng = np.random.default_rng(0)
    X = rng.uniform(-1, 1, (200, 784))
    y = rng.integers(0, 10, 200)
    monkeypatch.setattr(pretrained, "load_fashion_mnist",
                        lambda dtype: (X.astype(dtype), y, None, None))
    monkeypatch.setattr(pretrained, "EPOCHS", 2)
    monkeypatch.setattr(pretrained, "BATCH_SIZE", 200)
    trainings = []
    train = pretrained.train_fashion_model
    monkeypatch.setattr(pretrained, "train_fashion_model",
                        lambda on_epoch_end=None: trainings.append(1) or train(on_epoch_end))
    path = tmp_path / "models" / "fashion.npz"
    return path, trainings


def _other_model():
    model = Model()
    for layer in [Layer_Dense(784, 32, dtype=np.float64), Activation_ReLU(),
                  Layer_Dense(32, 10, dtype=np.float64), Activation_Softmax()]:
        model.add(layer)
    model.set(loss=Loss_CategoricalCrossentropy(),
              optimizer=Optimizer_Adam(learning_rate=0.002, decay=1e-3),
              accuracy=Accuracy_Categorical())
    model.finalize()
    return model


def test_trains_once_then_loads_the_same_model(tiny, capsys):
    path, trainings = tiny
    first = pretrained.load_or_train_fashion_model(path)
    assert path.is_file() and len(trainings) == 1
    second = pretrained.load_or_train_fashion_model(path)
    assert len(trainings) == 1  # loaded, not trained again
    for a, b in zip(first.get_parameters(), second.get_parameters()):
        np.testing.assert_array_equal(a[0], b[0])
        assert a[0].dtype == np.float64
    assert capsys.readouterr().out == ""  # nothing to report when all is well


def test_training_is_seeded_and_leaves_the_callers_random_numbers_alone(tiny):
    np.random.seed(123)
    expected_next = np.random.random()
    np.random.seed(123)
    a = pretrained.train_fashion_model()
    assert np.random.random() == expected_next
    b = pretrained.train_fashion_model()
    np.testing.assert_array_equal(a.get_parameters()[0][0], b.get_parameters()[0][0])


def test_training_shows_what_it_does_and_its_progress(tiny, capsys):
    path, _ = tiny
    pretrained.load_or_train_fashion_model(path)
    err = capsys.readouterr().err
    assert "Training the Fashion-MNIST model now: 2 epochs over 60,000 images" in err
    assert f"it is saved to {path}, and later chapters load it." in err
    assert "epoch 1 of 2 done" in err and "epoch 2 of 2 done" in err
    assert err.rstrip().endswith(pretrained.READY)


@pytest.mark.parametrize("damage, reason", [
    (lambda data: data[:len(data) // 2], "not a complete .npz archive"),
    (lambda data: b"garbage" + data[7:], "not a complete .npz archive"),
    (lambda data: b"", "not a complete .npz archive"),
])
def test_a_damaged_file_is_reported_in_one_line_and_replaced(tiny, capsys, damage, reason):
    path, trainings = tiny
    pretrained.load_or_train_fashion_model(path)
    path.write_bytes(damage(path.read_bytes()))
    capsys.readouterr()
    model = pretrained.load_or_train_fashion_model(path)
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and out.startswith(f"The saved model {path.name} cannot be used (")
    assert reason in out and out.endswith("training a new one.\n")
    assert len(trainings) == 2 and pretrained.recipe_mismatch(model) is None
    assert pretrained.recipe_mismatch(Model.load(path)) is None  # the file was replaced


def test_a_model_of_another_architecture_is_not_used(tiny, capsys):
    path, trainings = tiny
    _other_model().save(path)
    model = pretrained.load_or_train_fashion_model(path)
    out = capsys.readouterr().out
    assert "another architecture or settings): training a new one." in out
    assert len(trainings) == 1 and repr(model) == repr(pretrained.build_fashion_model())


def test_float32_or_nan_weights_of_the_right_architecture_are_not_used(tiny, capsys):
    path, trainings = tiny
    model = pretrained.build_fashion_model()
    model.set_parameters([(w.astype(np.float32), b.astype(np.float32))
                          for w, b in model.get_parameters()])
    model.save(path)
    pretrained.load_or_train_fashion_model(path)
    assert "its weights are float32, the recipe's float64" in capsys.readouterr().out
    model = Model.load(path)
    weights, biases = model.get_parameters()[0]
    weights[0, 0] = np.nan
    model.set_parameters([(weights, biases)] + model.get_parameters()[1:])
    model.save(path)
    pretrained.load_or_train_fashion_model(path)
    assert "NaN or infinite" in capsys.readouterr().out  # refused by Model.load itself
    assert len(trainings) == 2


class _Handle:
    """Records what a notebook display would show."""

    def __init__(self, text):
        self.shown = [text]

    def update(self, data, raw):
        self.shown.append(data["text/plain"])


def test_in_a_notebook_the_cell_ends_as_it_started_trained_or_loaded(tiny, monkeypatch):
    """nbval compares a cell's first display, so the line must start and end as READY."""
    path, _ = tiny
    handles = []

    def status_line(text):  # as in a Jupyter kernel
        handles.append(_Handle(text))
        return lambda new: handles[-1].update({"text/plain": new}, raw=True)
    monkeypatch.setattr(pretrained, "_status_line", status_line)
    pretrained.load_or_train_fashion_model(path)  # trains
    pretrained.load_or_train_fashion_model(path)  # loads
    trained, loaded = (handle.shown for handle in handles)
    assert trained[0] == trained[-1] == loaded[0] == pretrained.READY
    assert any("Training the Fashion-MNIST model now" in text for text in trained)
    assert any(text.endswith("epoch 2 of 2 done") for text in trained)  # the live progress
    assert loaded == [pretrained.READY]  # nothing else shown
