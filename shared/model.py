"""Chapter 18: the Model wires layers, loss, optimizer and accuracy together, with the
training loop, evaluation and prediction; chapter 21 adds saving and loading."""
import math
import sys

import numpy as np
from tqdm import tqdm

from . import _validate, io
from .activations import Activation_Softmax
from .layers import Layer_Input
from .losses import (Activation_Softmax_Loss_CategoricalCrossentropy,
                     Loss_CategoricalCrossentropy, one_hot_indices)


class TrainingDivergedError(ValueError):
    """Chapter 18: the loss became NaN or infinite during training. ``setting`` names the likely
    cause: ``"learning_rate"`` or a layer's penalty such as ``"weight_regularizer_l1"``."""

    def __init__(self, message, setting=None):
        super().__init__(message)
        self.setting = setting


def _batches(X, y, batch_size, order=None):
    """Yield ``(X, y)`` batches in ``order`` (default: as stored); ``y`` may be None."""
    n = len(X)
    size = batch_size or n
    for start in range(0, n, size):
        index = slice(start, start + size) if order is None else order[start:start + size]
        yield X[index], (None if y is None else y[index])


class Model:
    """Chapter 18: a network. ``add`` layers, ``set`` the loss, optimizer and accuracy,
    ``finalize``, then ``train``, ``evaluate`` and ``predict``."""

    def __init__(self):
        self.layers = []
        self.loss = self.optimizer = self.accuracy = None
        self.finalized = False

    def __repr__(self):
        parts = [f"    {layer!r}," for layer in self.layers]
        parts += [f"    {name}={value!r}," for name, value in [
            ("loss", self.loss), ("optimizer", self.optimizer), ("accuracy", self.accuracy)]
            if value is not None]
        return "Model(\n" + "\n".join(parts) + "\n)"

    def add(self, layer):
        self.layers.append(layer)
        self.finalized = False

    def set(self, *, loss=None, optimizer=None, accuracy=None):
        """Set any of the loss, optimizer and accuracy (the others stay as they were)."""
        self.loss = loss or self.loss
        self.optimizer = optimizer or self.optimizer
        self.accuracy = accuracy or self.accuracy
        self.finalized = False

    def finalize(self):
        """Wire the pieces together; call after ``add`` and ``set``, before anything else."""
        if not self.layers:
            raise ValueError("The model has no layers: add some with model.add(...) first.")
        self.input_layer = Layer_Input()
        self.trainable_layers = [layer for layer in self.layers if hasattr(layer, "weights")]
        for layer in self.trainable_layers:
            layer.compute_dinputs = layer is not self.layers[0]
        self.output_layer_activation = self.layers[-1]
        if self.loss is not None:
            self.loss.remember_trainable_layers(self.trainable_layers)
        # Softmax followed by cross-entropy has a much simpler joint gradient: use it.
        if (isinstance(self.layers[-1], Activation_Softmax)
                and isinstance(self.loss, Loss_CategoricalCrossentropy)):
            self.softmax_classifier_output = Activation_Softmax_Loss_CategoricalCrossentropy()
        else:
            self.softmax_classifier_output = None
        self.finalized = True

    def _require(self, action, *parts):
        if not self.finalized:
            raise ValueError(f"Call model.finalize() before {action}: it connects the layers, "
                             f"loss and optimizer.")
        missing = [part for part in parts if getattr(self, part) is None]
        if missing:
            raise ValueError(f"The model has no {' or '.join(missing)} to {action} with: "
                             f"call model.set({', '.join(p + '=...' for p in missing)}) "
                             f"and model.finalize() first.")

    def forward(self, X, training):
        self.input_layer.forward(X, training)
        output = self.input_layer.output
        for layer in self.layers:
            layer.forward(output, training)
            output = layer.output
        return output

    def backward(self, output, y):
        layers = self.layers
        if self.softmax_classifier_output is not None:
            self.softmax_classifier_output.backward(output, y)
            dvalues = self.softmax_classifier_output.dinputs
            layers = layers[:-1]  # the softmax's gradient is already folded in
        else:
            self.loss.backward(output, y)
            dvalues = self.loss.dinputs
        for layer in reversed(layers):
            layer.backward(dvalues)
            dvalues = layer.dinputs

    def train(self, X, y, *, epochs=1, batch_size=None, print_every=1, validation_data=None,
              shuffle=True, verbose=1, on_epoch_end=None):
        """Train for ``epochs`` passes over ``(X, y)`` in batches of ``batch_size``
        (None: all at once), reshuffled each epoch unless ``shuffle=False``.

        Shows a progress bar per epoch (``verbose=0`` for silence) whose loss and
        accuracy refresh every ``print_every`` steps. ``on_epoch_end(epoch, history)``
        is called after each epoch. Returns the history: a dict of per-epoch lists.
        """
        self._require("train", "loss", "optimizer", "accuracy")
        self._check_training_input(X, y, epochs, batch_size, print_every, validation_data)
        self.accuracy.init(y)
        n_steps = math.ceil(len(X) / (batch_size or len(X)))
        self.optimizer.start_schedule(epochs * n_steps)
        history = {key: [] for key in ("loss", "data_loss", "regularization_loss", "accuracy",
                                       "learning_rate", "val_loss", "val_accuracy")}
        # A diverging run overflows before its loss turns NaN; the check in _train_epoch
        # then reports it in one message instead of a stream of warnings.
        with np.errstate(over="ignore", invalid="ignore"):
            for epoch in range(1, epochs + 1):
                bar = tqdm(total=n_steps, desc=f"epoch {epoch}/{epochs}", file=sys.stdout,
                           disable=not verbose)
                try:
                    self._train_epoch(X, y, batch_size, shuffle, print_every, bar, epoch)
                    self._record(history, validation_data, batch_size)
                    if verbose:
                        bar.set_postfix({name: f"{history[key][-1]:.3f}" for name, key in [
                            ("loss", "loss"), ("acc", "accuracy"),
                            ("val_loss", "val_loss"), ("val_acc", "val_accuracy")]
                            if history[key][-1] is not None})
                finally:
                    bar.close()
                if on_epoch_end is not None:
                    on_epoch_end(epoch, history)
        return history

    def _check_training_input(self, X, y, epochs, batch_size, print_every, validation_data):
        """Refuse bad arguments before the first step, rather than fail in the middle."""
        _validate.samples(X, y)
        self._check_one_hot(y)
        _validate.whole_number("epochs", epochs)
        _validate.whole_number("batch_size", batch_size, none_means="all samples in one batch")
        _validate.whole_number("print_every", print_every)
        if validation_data is None:
            return
        _validate.pair("validation_data", validation_data, "(X_val, y_val)")
        X_val, y_val = validation_data
        _validate.samples(X_val, y_val, names=("X_val", "y_val"))
        # One forward pass now, so that validation data that does not fit the model stops
        # training here and not after the first epoch.
        try:
            self._check_one_hot(y_val)
            for batch_X, batch_y in _batches(X_val, y_val, batch_size):
                self.loss.forward(self.forward(batch_X, training=False), batch_y)
        except ValueError as error:
            raise ValueError(f"validation_data does not fit the model: {error}") from None

    def _check_one_hot(self, y):
        """Check one-hot labels whole, so that a bad row is named by its place in ``y``
        (the loss checks each batch, whose rows are shuffled)."""
        if isinstance(self.loss, Loss_CategoricalCrossentropy) and y.ndim == 2:
            one_hot_indices(y)

    def _train_epoch(self, X, y, batch_size, shuffle, print_every, bar, epoch):
        """One pass over the data, one optimizer step per batch."""
        self.loss.new_pass()
        self.accuracy.new_pass()
        order = np.random.permutation(len(X)) if shuffle else None
        for step, (batch_X, batch_y) in enumerate(_batches(X, y, batch_size, order)):
            output = self.forward(batch_X, training=True)
            data_loss = self.loss.calculate(output, batch_y)
            if not math.isfinite(data_loss):
                raise self._diverged(data_loss, epoch, step + 1)
            accuracy = self.accuracy.calculate(
                self.output_layer_activation.predictions(output), batch_y)
            self.backward(output, batch_y)
            self.optimizer.pre_update_params()
            for layer in self.trainable_layers:
                self.optimizer.update_params(layer)
            self.optimizer.post_update_params()
            if step % print_every == 0:
                bar.set_postfix(loss=f"{data_loss:.3f}", acc=f"{accuracy:.3f}", refresh=False)
            bar.update()

    def _diverged(self, loss, epoch, step):
        """The error to raise when the loss turns NaN or infinite, naming the likely cause:
        a penalty too strong for the learning rate, or else the learning rate."""
        rate = self.optimizer.learning_rate  # the setting, not where a schedule has taken it
        stopped = f"The loss became {loss} at epoch {epoch}, step {step}, so training stopped"
        culprit = _validate.too_strong_penalty(rate, self.trainable_layers)
        if culprit is not None:
            layer, name = culprit
            return TrainingDivergedError(
                f"{stopped}: {name}={getattr(layer, name):g} of {layer!r} is too strong for the "
                f"learning rate {rate:g}. Keep it below 1 / learning rate = {1 / rate:g}; "
                f"chapter 14 uses 5e-4.", setting=name)
        return TrainingDivergedError(f"{stopped}. Try a lower learning rate than {rate:g} "
                                     f"(for example {rate / 10:g}).", setting="learning_rate")

    def _record(self, history, validation_data, batch_size):
        """Append the epoch's figures (and validation figures, if any) to ``history``."""
        data_loss, regularization_loss = self.loss.calculate_accumulated(
            include_regularization=True)
        history["data_loss"].append(data_loss)
        history["regularization_loss"].append(regularization_loss)
        history["loss"].append(data_loss + regularization_loss)
        history["accuracy"].append(self.accuracy.calculate_accumulated())
        history["learning_rate"].append(self.optimizer.current_learning_rate)
        val_loss, val_accuracy = (self.evaluate(*validation_data, batch_size=batch_size)
                                  if validation_data is not None else (None, None))
        history["val_loss"].append(val_loss)
        history["val_accuracy"].append(val_accuracy)

    def evaluate(self, X_val, y_val, *, batch_size=None):
        """Mean loss and accuracy on ``(X_val, y_val)``, with dropout off."""
        self._require("evaluate", "loss", "accuracy")
        _validate.samples(X_val, y_val, names=("X_val", "y_val"))
        _validate.whole_number("batch_size", batch_size, none_means="all samples in one batch")
        self.accuracy.init(y_val)
        self.loss.new_pass()
        self.accuracy.new_pass()
        for batch_X, batch_y in _batches(X_val, y_val, batch_size):
            output = self.forward(batch_X, training=False)
            self.loss.calculate(output, batch_y)
            self.accuracy.calculate(self.output_layer_activation.predictions(output), batch_y)
        return self.loss.calculate_accumulated(), self.accuracy.calculate_accumulated()

    def predict(self, X, *, batch_size=None):
        """The network's outputs for ``X`` (e.g. class probabilities), with dropout off."""
        self._require("predict")
        if len(X) == 0:
            raise ValueError("X has no samples: pass at least one row to predict.")
        _validate.whole_number("batch_size", batch_size, none_means="all samples in one batch")
        return np.concatenate([self.forward(batch_X, training=False)
                               for batch_X, _ in _batches(X, None, batch_size)])

    # Parameters and files (chapter 21).

    def get_parameters(self):
        """A list of ``(weights, biases)`` copies, one per trainable layer."""
        self._require("get_parameters")
        return [tuple(array.copy() for array in layer.get_parameters())
                for layer in self.trainable_layers]

    def set_parameters(self, parameters):
        """Set every trainable layer's ``(weights, biases)``; shapes must match."""
        self._require("set_parameters")
        parameters = list(parameters)
        _validate.parameters_fit(self.trainable_layers, parameters)
        for layer, (weights, biases) in zip(self.trainable_layers, parameters):
            layer.set_parameters(np.array(weights), np.array(biases))

    def _parameter_arrays(self):
        return {f"{i}.{name}": array for i, layer in enumerate(self.trainable_layers)
                for name, array in (("weights", layer.weights), ("biases", layer.biases))}

    def save_parameters(self, path):
        """Save the weights and biases only (load them into a model of the same shape)."""
        self._require("save_parameters")
        io.write(path, "parameters", {"layers": [io.describe(layer)
                                                 for layer in self.trainable_layers]},
                 self._parameter_arrays())

    def load_parameters(self, path):
        """Load weights and biases saved by ``save_parameters`` into this model."""
        self._require("load_parameters")
        shapes, parameters = io.read_parameters(path)
        ours = [layer.weights.shape for layer in self.trainable_layers]
        if shapes != ours:
            raise io.ModelFileError(f"{path} holds parameters for layers {shapes} "
                                    f"(inputs, neurons), but this model's are {ours}.")
        self.set_parameters(parameters)

    def save(self, path):
        """Save the whole model: its layers, loss, accuracy and parameters, and its optimizer
        with its progress (step count, learning rate and running averages), so that a
        loaded model resumes training exactly where this one stopped."""
        self._require("save")
        description = {"layers": [io.describe(layer) for layer in self.layers]}
        for part in ("loss", "optimizer", "accuracy"):
            value = getattr(self, part)
            description[part] = None if value is None else io.describe(value)
        arrays = self._parameter_arrays()
        if self.optimizer is not None:
            counters, layer_states = self.optimizer.get_state(self.trainable_layers)
            description["optimizer"]["state"] = counters
            arrays.update(io.state_arrays(layer_states))
        io.write(path, "model", description, arrays)

    @classmethod
    def load(cls, path):
        """A model saved with ``save``: it predicts and evaluates as the saved one did, and
        training it continues exactly where the saved one stopped."""
        layers, parts, state = io.read_model(path)  # every part of the file checked first
        model = cls()
        for layer in layers:
            model.add(layer)
        model.set(**parts)
        model.finalize()
        if state is not None:
            counters, layer_states = state
            model.optimizer.set_state(counters, model.trainable_layers, layer_states)
        return model
