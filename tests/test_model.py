"""Model learns, round-trips through files, and works with or without nnfs.init()."""
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from shared import (Accuracy_Categorical, Accuracy_Regression, Activation_Linear,
                    Activation_ReLU, Activation_Sigmoid, Activation_Softmax, Layer_Dense,
                    Layer_Dropout, Loss_BinaryCrossentropy, Loss_CategoricalCrossentropy,
                    Loss_MeanSquaredError, Model, Optimizer_Adam)
from shared.data import sine_data, spiral_data


def spiral_model(dropout=0.0):
    model = Model()
    model.add(Layer_Dense(2, 64, weight_regularizer_l2=5e-4, bias_regularizer_l2=5e-4))
    model.add(Activation_ReLU())
    if dropout:
        model.add(Layer_Dropout(dropout))
    model.add(Layer_Dense(64, 3))
    model.add(Activation_Softmax())
    model.set(loss=Loss_CategoricalCrossentropy(),
              optimizer=Optimizer_Adam(learning_rate=0.05, decay=5e-5),
              accuracy=Accuracy_Categorical())
    model.finalize()
    return model


@pytest.fixture(scope="module")
def trained_spiral():
    np.random.seed(0)
    X, y = spiral_data(samples=100, classes=3)
    model = spiral_model(dropout=0.1)
    history = model.train(X, y, epochs=300, verbose=0)
    return model, X, y, history


def test_spiral_is_learned():
    np.random.seed(0)
    X, y = spiral_data(samples=100, classes=3)
    X_test, y_test = spiral_data(samples=100, classes=3)
    model = spiral_model()
    history = model.train(X, y, epochs=1000, verbose=0)
    _, test_accuracy = model.evaluate(X_test, y_test)
    # Chance is 1/3; measured 0.86 on training and 0.76 on test data.
    assert history["accuracy"][-1] > 0.8
    assert test_accuracy > 0.7
    assert history["loss"][-1] < history["loss"][0] / 2


def test_history_has_one_entry_per_epoch(trained_spiral):
    *_, history = trained_spiral
    assert {len(values) for values in history.values()} == {300}
    assert history["regularization_loss"][-1] > 0
    np.testing.assert_allclose(history["loss"],
                               np.add(history["data_loss"], history["regularization_loss"]))


def test_sine_regression_is_learned():
    np.random.seed(0)
    X, y = sine_data()
    model = Model()
    for layer in [Layer_Dense(1, 64, weight_scale=0.1), Activation_ReLU(),
                  Layer_Dense(64, 64, weight_scale=0.1), Activation_ReLU(),
                  Layer_Dense(64, 1, weight_scale=0.1), Activation_Linear()]:
        model.add(layer)
    model.set(loss=Loss_MeanSquaredError(), optimizer=Optimizer_Adam(learning_rate=0.005,
                                                                       decay=1e-3),
              accuracy=Accuracy_Regression())
    model.finalize()
    model.train(X, y, epochs=500, verbose=0)
    mse = float(np.mean((model.predict(X) - y) ** 2))
    # The targets span [-1, 1] (variance 0.5); measured about 1e-5 after 500 epochs.
    assert mse < 1e-3, f"mean squared error {mse}"


def test_binary_classifier_with_1d_labels():
    np.random.seed(0)
    X, y = spiral_data(samples=100, classes=2)
    model = Model()
    for layer in [Layer_Dense(2, 64), Activation_ReLU(), Layer_Dense(64, 1), Activation_Sigmoid()]:
        model.add(layer)
    model.set(loss=Loss_BinaryCrossentropy(), optimizer=Optimizer_Adam(learning_rate=0.01),
              accuracy=Accuracy_Categorical(binary=True))
    model.finalize()
    history = model.train(X, y, epochs=500, verbose=0)
    assert history["accuracy"][-1] > 0.8


def test_minibatches_and_validation_and_progress_bar(capsys):
    np.random.seed(0)
    X, y = spiral_data(samples=100, classes=3)
    model = spiral_model()
    history = model.train(X, y, epochs=2, batch_size=64, validation_data=(X, y))
    out = capsys.readouterr().out
    assert "epoch 2/2" in out and "5/5" in out and "val_acc=" in out
    assert len(history["val_accuracy"]) == 2 and history["val_accuracy"][-1] is not None
    model.train(X, y, epochs=1, verbose=0)
    assert capsys.readouterr().out == ""


def test_checking_validation_data_up_front_leaves_training_unchanged():
    np.random.seed(0)
    X, y = spiral_data(samples=30, classes=3)
    histories = []
    for validation_data in (None, (X[:20], y[:20])):
        np.random.seed(1)
        model = spiral_model(dropout=0.2)
        histories.append(model.train(X, y, epochs=3, batch_size=16, verbose=0,
                                     validation_data=validation_data))
    # Same initial weights, shuffles and dropout masks, so the same training figures.
    assert histories[0]["loss"] == histories[1]["loss"]
    assert histories[1]["val_loss"][-1] is not None


def test_predict_in_batches_equals_predict_at_once(trained_spiral):
    model, X, *_ = trained_spiral
    np.testing.assert_allclose(model.predict(X, batch_size=7), model.predict(X), rtol=1e-6)


def test_dropout_is_off_outside_training(trained_spiral):
    model, X, *_ = trained_spiral
    assert np.array_equal(model.predict(X), model.predict(X))


def test_save_load_predicts_identically(trained_spiral, tmp_path):
    model, X, y, _ = trained_spiral
    model.save(tmp_path / "spiral.npz")
    loaded = Model.load(tmp_path / "spiral.npz")
    assert np.array_equal(loaded.predict(X), model.predict(X))
    assert loaded.evaluate(X, y) == model.evaluate(X, y)
    assert repr(loaded) == repr(model)


def test_parameters_round_trip(trained_spiral, tmp_path):
    model, X, *_ = trained_spiral
    model.save_parameters(tmp_path / "params.npz")
    fresh = spiral_model(dropout=0.1)
    fresh.load_parameters(tmp_path / "params.npz")
    assert np.array_equal(fresh.predict(X), model.predict(X))


def test_loading_does_not_disturb_the_random_state(trained_spiral, tmp_path):
    model, *_ = trained_spiral
    model.save(tmp_path / "m.npz")
    np.random.seed(3)
    Model.load(tmp_path / "m.npz")
    after_load = np.random.rand()
    np.random.seed(3)
    assert np.random.rand() == after_load


def test_save_writes_atomically_and_keeps_the_old_file_on_failure(trained_spiral, tmp_path,
                                                                  monkeypatch):
    model, X, *_ = trained_spiral
    path = tmp_path / "m.npz"
    model.save(path)
    before = path.read_bytes()

    def broken_savez(*args, **kwargs):
        raise OSError("disk full")
    monkeypatch.setattr(np, "savez", broken_savez)
    with pytest.raises(OSError, match="disk full"):
        model.save(path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["m.npz"]  # no temporary file left


def test_float32_training_stays_float32():
    np.random.seed(0)
    X, y = spiral_data(samples=50, classes=3)
    model = spiral_model()
    model.train(X.astype(np.float32), y, epochs=2, verbose=0)
    assert model.predict(X.astype(np.float32)).dtype == np.float32
    assert all(layer.weights.dtype == np.float32 for layer in model.trainable_layers)


def test_dense_layer_matches_the_book_under_nnfs_init():
    """Under nnfs.init() the first outputs equal the numbers the book prints in chapter 3."""
    script = textwrap.dedent("""
        import nnfs, numpy as np
        nnfs.init()
        from shared import Layer_Dense, Activation_ReLU, Activation_Softmax, Model
        from shared.data import spiral_data
        X, y = spiral_data(samples=100, classes=3)
        dense1 = Layer_Dense(2, 3)
        dense1.forward(X)
        print(repr(dense1.output[:5].tolist()))
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True).stdout
    book = [[0.0, 0.0, 0.0],
            [-1.0475188e-04, 1.1395361e-04, -4.7983500e-05],
            [-2.7414842e-04, 3.1729150e-04, -8.6921798e-05],
            [-4.2188365e-04, 5.2666257e-04, -5.5912682e-05],
            [-5.7707680e-04, 7.1401405e-04, -8.9430439e-05]]
    np.testing.assert_allclose(eval(out), book, rtol=1e-5, atol=1e-10)


def test_training_works_under_nnfs_init():
    script = textwrap.dedent("""
        import nnfs, numpy as np
        nnfs.init()
        from shared import *
        from shared.data import spiral_data
        X, y = spiral_data(samples=100, classes=3)
        model = Model()
        for layer in [Layer_Dense(2, 64), Activation_ReLU(), Layer_Dense(64, 3),
                      Activation_Softmax()]:
            model.add(layer)
        model.set(loss=Loss_CategoricalCrossentropy(), optimizer=Optimizer_Adam(0.05, 5e-5),
                  accuracy=Accuracy_Categorical())
        model.finalize()
        history = model.train(X, y, epochs=300, verbose=0)
        print(history["accuracy"][-1], model.predict(X).dtype)
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True).stdout.split()
    assert float(out[0]) > 0.7 and out[1] == "float32"


def test_the_input_layer_hands_the_data_to_the_first_layer():
    model = spiral_model()
    X = np.random.default_rng(0).standard_normal((4, 2))
    model.forward(X, training=False)
    assert model.input_layer.output is X and model.layers[0].inputs is X


def test_new_losses_and_accuracies_start_with_empty_totals():
    for piece in [Loss_CategoricalCrossentropy(), Accuracy_Categorical(), Accuracy_Regression()]:
        with pytest.raises(ValueError, match=r"No batches were seen since new_pass\(\)"):
            piece.calculate_accumulated()
    loss, accuracy = Loss_CategoricalCrossentropy(), Accuracy_Categorical()
    loss.calculate(np.array([[0.5, 0.5], [0.9, 0.1]]), np.array([0, 0]))
    accuracy.calculate(np.array([0, 1]), np.array([0, 0]))
    assert (loss.accumulated_count, accuracy.correct, accuracy.count) == (2, 1, 2)
    loss.new_pass()
    accuracy.new_pass()
    assert (loss.accumulated_sum, loss.accumulated_count, accuracy.correct) == (0.0, 0, 0)
