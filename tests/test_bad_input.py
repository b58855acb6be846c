"""Bad input gets one ValueError that says what was expected and what came."""
import pickle

import numpy as np
import pytest

from shared import (Accuracy_Categorical, Activation_ReLU, Activation_Softmax,
                    Activation_Softmax_Loss_CategoricalCrossentropy, Layer_Dense, Layer_Dropout,
                    Loss_BinaryCrossentropy, Loss_CategoricalCrossentropy, Loss_MeanSquaredError,
                    Model, ModelFileError, Optimizer_SGD, TrainingDivergedError)


def small_model(n_inputs=2, hidden=8, n_classes=3, finalize=True):
    model = Model()
    for layer in [Layer_Dense(n_inputs, hidden), Activation_ReLU(), Layer_Dense(hidden, n_classes),
                  Activation_Softmax()]:
        model.add(layer)
    model.set(loss=Loss_CategoricalCrossentropy(), optimizer=Optimizer_SGD(),
              accuracy=Accuracy_Categorical())
    if finalize:
        model.finalize()
    return model


PROBABILITIES = np.full((4, 3), 1 / 3)


def test_dense_layer_names_the_width_it_expects():
    with pytest.raises(ValueError, match=r"Layer_Dense\(2 -> 8\) expects inputs of shape "
                                         r"\(batch, 2\); got shape \(5, 3\)"):
        Layer_Dense(2, 8).forward(np.zeros((5, 3)))


@pytest.mark.parametrize("n_inputs, n_neurons", [(0, 8), (2, -1), (2.0, 8), (2, float("inf")),
                                                 ("2", 8), (True, 8)])
def test_dense_layer_sizes_must_be_whole_numbers(n_inputs, n_neurons):
    with pytest.raises(ValueError, match=rf"Layer_Dense needs whole numbers of at least 1 for "
                                         rf"n_inputs and n_neurons; got n_inputs={n_inputs!r}, "
                                         rf"n_neurons={n_neurons!r}\."):
        Layer_Dense(n_inputs, n_neurons)


def test_dense_layer_explains_a_single_sample():
    with pytest.raises(ValueError, match=r"got shape \(2,\).*reshape\(1, -1\)"):
        Layer_Dense(2, 8).forward(np.zeros(2))


@pytest.mark.parametrize("labels, message", [
    (np.array([0, 1, 3, 2]), r"Labels must be in \[0, 3\) for 3 outputs; found \[3\]"),
    (np.array([0, -1, 2, 2]), r"Labels must be in \[0, 3\).*found \[-1\]"),
    (np.array([0, 1, 2]), r"class indices of shape \(4,\) or one-hot of shape \(4, 3\).*"
                          r"got shape \(3,\)"),
    (np.zeros((4, 2)), r"got shape \(4, 2\)"),
    (np.array([0.0, 1.0, 2.0, 1.0]), r"must be integers.*got dtype float64"),
])
def test_crossentropy_rejects_bad_labels(labels, message):
    with pytest.raises(ValueError, match=message):
        Loss_CategoricalCrossentropy().calculate(PROBABILITIES, labels)
    combined = Activation_Softmax_Loss_CategoricalCrossentropy()
    with pytest.raises(ValueError, match=message):
        combined.backward(PROBABILITIES, labels)


def test_binary_crossentropy_rejects_targets_outside_0_1():
    with pytest.raises(ValueError, match=r"must be 0 or 1.*from 0 to 2"):
        Loss_BinaryCrossentropy().calculate(np.full((3, 1), 0.5), np.array([0, 1, 2]))


def test_regression_loss_rejects_mismatched_targets():
    with pytest.raises(ValueError,
                       match=r"same shape as the predictions \(3, 2\); got shape \(3,\)"):
        Loss_MeanSquaredError().calculate(np.zeros((3, 2)), np.zeros(3))


@pytest.mark.parametrize("rate", [1.0, -0.1, 1.5])
def test_dropout_rate_outside_0_1(rate):
    with pytest.raises(ValueError, match=rf"must be in \[0, 1\); got {rate}"):
        Layer_Dropout(rate)


@pytest.mark.parametrize("action", ["train", "evaluate", "predict"])
def test_model_used_before_finalize(action):
    model = small_model(finalize=False)
    X, y = np.zeros((4, 2)), np.zeros(4, dtype=int)
    with pytest.raises(ValueError, match=rf"Call model.finalize\(\) before {action}"):
        {"train": lambda: model.train(X, y, verbose=0), "evaluate": lambda: model.evaluate(X, y),
         "predict": lambda: model.predict(X)}[action]()


def test_model_without_optimizer_cannot_train():
    model = Model()
    model.add(Layer_Dense(2, 2))
    model.set(loss=Loss_CategoricalCrossentropy(), accuracy=Accuracy_Categorical())
    model.finalize()
    with pytest.raises(ValueError, match=r"no optimizer to train with: call "
                                         r"model.set\(optimizer=...\)"):
        model.train(np.zeros((2, 2)), np.zeros(2, dtype=int), verbose=0)


def test_inputs_and_labels_of_different_lengths():
    with pytest.raises(ValueError, match="got 4 inputs and 3 labels"):
        small_model().train(np.zeros((4, 2)), np.zeros(3, dtype=int), verbose=0)


def test_diverging_loss_stops_training_and_says_where():
    np.random.seed(0)
    X = np.random.randn(64, 2) * 100
    y = (np.arange(64) % 3).astype(int)
    model = small_model()
    model.set(optimizer=Optimizer_SGD(learning_rate=1e12))
    model.finalize()
    with pytest.raises(TrainingDivergedError,
                       match=r"The loss became (nan|inf) at epoch \d+, step \d+.*"
                             r"Try a lower learning rate than 1e\+12"):
        model.train(X, y, epochs=50, batch_size=16, verbose=0)
    assert issubclass(TrainingDivergedError, ValueError)


def test_divergence_names_the_learning_rate_set_not_the_decayed_one():
    np.random.seed(0)
    X = np.random.randn(64, 2) * 100
    model = small_model()
    model.set(optimizer=Optimizer_SGD(learning_rate=1e12, decay=1.0))
    model.finalize()
    with pytest.raises(TrainingDivergedError, match=r"epoch 2, step 1.*Try a lower learning "
                                                    r"rate than 1e\+12 \(for example 1e\+11\)"
                       ) as error:
        model.train(X, np.arange(64) % 3, epochs=50, batch_size=16, verbose=0)
    assert error.value.setting == "learning_rate"


def test_divergence_caused_by_a_penalty_names_the_penalty():
    np.random.seed(0)
    model = small_model()
    model.layers[0] = Layer_Dense(2, 8, weight_regularizer_l1=1e300)
    model.finalize()
    X, y = np.random.randn(32, 2), np.arange(32) % 3
    with pytest.raises(TrainingDivergedError,
                       match=r"weight_regularizer_l1=1e\+300 of Layer_Dense\(2 -> 8\) is too "
                             r"strong for the learning rate 1\. Keep it below 1 / learning "
                             r"rate = 1;") as error:
        model.train(X, y, epochs=2, batch_size=16, verbose=0)
    assert error.value.setting == "weight_regularizer_l1"
    assert "lower learning rate" not in str(error.value)


# Refused before the first training step: (keyword arguments, X, y, message).
TRAIN_X, TRAIN_Y = np.random.default_rng(0).normal(size=(6, 2)), np.arange(6) % 3
ONE_HOT = np.eye(3)[TRAIN_Y]
ONE_HOT[4] = 0
NAN_X, INF_Y = TRAIN_X.copy(), TRAIN_Y.astype(float)
NAN_X[3, 1] = np.nan
BAD_TRAINING = {
    "epochs 0": ({"epochs": 0}, TRAIN_X, TRAIN_Y,
                 r"epochs must be a whole number of at least 1; got 0\."),
    "epochs 2.5": ({"epochs": 2.5}, TRAIN_X, TRAIN_Y,
                   r"epochs must be a whole number of at least 1; got 2.5\."),
    "print_every 0": ({"print_every": 0}, TRAIN_X, TRAIN_Y,
                      r"print_every must be a whole number of at least 1; got 0\."),
    "batch_size 2.0": ({"batch_size": 2.0}, TRAIN_X, TRAIN_Y,
                       r"batch_size must be a whole number of at least 1, or None for all "
                       r"samples in one batch; got 2.0 \(write 2, not 2.0\)\."),
    "batch_size True": ({"batch_size": True}, TRAIN_X, TRAIN_Y, r"got True\."),
    "X empty": ({}, TRAIN_X[:0], TRAIN_Y[:0],
                r"X has no samples \(shape \(0, 2\)\): pass at least one row"),
    "X a list": ({}, TRAIN_X.tolist(), TRAIN_Y,
                 r"X must be a NumPy array with one row per sample; got a list\. Convert it "
                 r"with np.array\(X\)"),
    "X of strings": ({}, TRAIN_X.astype(str), TRAIN_Y,
                     r"X must hold real numbers; got dtype <U"),
    "NaN in X": ({}, NAN_X, TRAIN_Y,
                 r"X holds NaN or infinite values \(the first in row 3\): remove those rows or "
                 r"replace the values"),
    "one-hot row all zero": ({}, TRAIN_X, ONE_HOT,
                             r"One-hot labels need exactly one 1 in each row and 0 elsewhere; row "
                             r"4 is \[0.0, 0.0, 0.0\] \(all zero\)\. Put a 1 in the column of "
                             r"each sample's class, or pass class indices of shape \(6,\)"),
    "validation_data not a pair": ({"validation_data": TRAIN_X}, TRAIN_X, TRAIN_Y,
                                   r"validation_data must be a pair \(X_val, y_val\) or None; "
                                   r"got an object of type ndarray\."),
    "validation_data of 3": ({"validation_data": (TRAIN_X, TRAIN_Y, TRAIN_Y)}, TRAIN_X, TRAIN_Y,
                             r"must be a pair \(X_val, y_val\) or None; got 3 items\."),
    "validation lengths": ({"validation_data": (TRAIN_X, TRAIN_Y[:4])}, TRAIN_X, TRAIN_Y,
                           r"X_val and y_val must have one row per sample; got 6 inputs and 4 "
                           r"labels"),
    "validation width": ({"validation_data": (np.zeros((3, 5)), TRAIN_Y[:3])}, TRAIN_X, TRAIN_Y,
                         r"validation_data does not fit the model: Layer_Dense\(2 -> 8\) "
                         r"expects inputs of shape \(batch, 2\); got shape \(3, 5\)"),
    "validation labels": ({"validation_data": (TRAIN_X, TRAIN_Y + 1)}, TRAIN_X, TRAIN_Y,
                          r"validation_data does not fit the model: Labels must be in \[0, 3\) "
                          r"for 3 outputs; found \[3\]"),
    "validation one-hot": ({"validation_data": (TRAIN_X, ONE_HOT)}, TRAIN_X, TRAIN_Y,
                           r"validation_data does not fit the model: One-hot labels need exactly "
                           r"one 1 in each row and 0 elsewhere; row 4 is"),
    "validation NaN": ({"validation_data": (NAN_X, TRAIN_Y)}, TRAIN_X, TRAIN_Y,
                       r"X_val holds NaN or infinite values \(the first in row 3\)"),
}


@pytest.mark.parametrize("case", BAD_TRAINING)
def test_bad_training_input_is_refused_before_the_first_step(case):
    kwargs, X, y, message = BAD_TRAINING[case]
    model = small_model()
    before = model.get_parameters()
    with pytest.raises(ValueError, match=message):
        model.train(X, y, verbose=0, **kwargs)
    assert model.optimizer.iterations == 0
    for (weights, biases), (weights_now, biases_now) in zip(before, model.get_parameters()):
        np.testing.assert_array_equal(weights, weights_now)
        np.testing.assert_array_equal(biases, biases_now)


def test_infinite_regression_targets_are_named():
    model = Model()
    model.add(Layer_Dense(2, 1))
    model.set(loss=Loss_MeanSquaredError(), optimizer=Optimizer_SGD(),
              accuracy=Accuracy_Categorical())
    model.finalize()
    y = np.zeros(4)
    y[2] = np.inf
    with pytest.raises(ValueError, match=r"y holds NaN or infinite values \(the first in row 2\)"):
        model.train(np.zeros((4, 2)), y, verbose=0)
    assert model.optimizer.iterations == 0


def test_accuracy_refuses_a_one_hot_row_of_zeros():
    with pytest.raises(ValueError, match=r"row 1 is \[0, 0\] \(all zero\)"):
        Accuracy_Categorical().calculate(np.array([0, 1]), np.array([[1, 0], [0, 0]]))


def test_predict_and_evaluate_refuse_empty_inputs():
    model = small_model()
    with pytest.raises(ValueError, match=r"X has no samples: pass at least one row to predict"):
        model.predict(np.zeros((0, 2)))
    with pytest.raises(ValueError, match=r"X_val has no samples \(shape \(0, 2\)\): pass at "
                                         r"least one row"):
        model.evaluate(np.zeros((0, 2)), np.zeros(0, dtype=int))


# Model and parameter files.

@pytest.fixture
def saved(tmp_path):
    model = small_model()
    model.save(tmp_path / "model.npz")
    model.save_parameters(tmp_path / "params.npz")
    return tmp_path


def test_truncated_file(saved):
    data = (saved / "model.npz").read_bytes()
    (saved / "cut.npz").write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelFileError, match=r"cut.npz is not a course model file: it is not a "
                                             r"complete .npz archive"):
        Model.load(saved / "cut.npz")


def test_corrupted_bytes_inside_the_archive(saved):
    data = bytearray((saved / "model.npz").read_bytes())
    middle = len(data) // 2
    data[middle:middle + 16] = bytes(16)
    (saved / "bad.npz").write_bytes(bytes(data))
    with pytest.raises(ModelFileError, match="not a course model file"):
        Model.load(saved / "bad.npz")


def test_random_bytes(saved):
    (saved / "noise.npz").write_bytes(np.random.default_rng(0).bytes(1000))
    with pytest.raises(ModelFileError, match="not a complete .npz archive"):
        Model.load(saved / "noise.npz")


def test_pickle_is_never_unpickled(saved):
    class Trap:
        def __reduce__(self):
            return (open, (str(saved / "PWNED"), "w"))
    (saved / "model.pkl").write_bytes(pickle.dumps(Trap()))
    with pytest.raises(ModelFileError, match="not a complete .npz archive"):
        Model.load(saved / "model.pkl")
    assert not (saved / "PWNED").exists()


def test_npz_that_is_not_a_model(saved):
    np.savez(saved / "other.npz", weights=np.ones(3))
    with pytest.raises(ModelFileError, match="has no description of a model"):
        Model.load(saved / "other.npz")


def test_parameters_file_opened_as_a_model_and_back(saved):
    with pytest.raises(ModelFileError, match=r"it holds parameters only; open it with "
                                             r"model.load_parameters"):
        Model.load(saved / "params.npz")
    with pytest.raises(ModelFileError, match="it holds a whole model; open it with Model.load"):
        small_model().load_parameters(saved / "model.npz")


def test_parameters_of_another_architecture(saved):
    other = small_model(hidden=16)
    with pytest.raises(ModelFileError, match=r"holds parameters for layers \[\(2, 8\), \(8, 3\)\]"
                                             r".*this model's are \[\(2, 16\), \(16, 3\)\]"):
        other.load_parameters(saved / "params.npz")


def test_unknown_class_in_the_description(saved, monkeypatch):
    from shared import io
    monkeypatch.delitem(io.CLASSES, "Layer_Dense")  # as if the file named a stranger
    with pytest.raises(ModelFileError, match="describes a piece this course does not know"):
        Model.load(saved / "model.npz")


def test_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="No file at"):
        Model.load(tmp_path / "nothing.npz")


def test_set_parameters_with_wrong_shapes():
    model = small_model()
    weights, biases = model.get_parameters()[0]
    with pytest.raises(ValueError, match=r"Layer_Dense\(2 -> 8\) needs weights \(2, 8\)"):
        model.set_parameters([(weights.T, biases), model.get_parameters()[1]])
    with pytest.raises(ValueError, match="has 2 trainable layers; got parameters for 1"):
        model.set_parameters([(weights, biases)])
