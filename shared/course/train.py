"""The command-line trainer, ``python -m shared.course.train --help``: the chapters' settings as
flags.

It keeps the epoch that did best on a validation split of the training data (chapter 12),
and only then measures the test set; Ctrl-C stops training and goes on with that epoch.
It can save the model (chapter 21) and plot its history and confusion matrix (18, 20).
A run that could not finish is refused before any work (see ``flags``).
"""
import math
import os
import time

import numpy as np

from .. import (Accuracy_Categorical, Accuracy_Regression, Activation_Linear,
               Activation_Softmax, Layer_Dense, Layer_Dropout, Loss_CategoricalCrossentropy,
               Loss_MeanSquaredError, Model, TrainingDivergedError)
from ..data import (FASHION_MNIST_CLASSES, DatasetError, DatasetUnavailableError,
                   load_fashion_mnist, sine_data, spiral_data, split_validation,
                   vertical_data)
from ..metrics import classification_report, confusion_matrix
from .._archive import temporary_path
from .flags import ACTIVATIONS, FLAGS, OPTIMIZERS, parse_args


def load_data(args):
    """``(X, y, X_test, y_test, class_names)``; class_names is None for regression."""
    if args.dataset == "fashion_mnist":
        X, y, X_test, y_test = load_fashion_mnist()
        return X[:args.subset], y[:args.subset], X_test, y_test, FASHION_MNIST_CLASSES
    if args.dataset == "sine":
        X, y = sine_data(args.samples)
        X_test = X + 0.5 / args.samples  # unseen points, halfway between the training ones
        return (X.astype(np.float32), y.astype(np.float32), X_test.astype(np.float32),
                np.sin(2 * np.pi * X_test).astype(np.float32), None)
    make = {"spiral": spiral_data, "vertical": vertical_data}[args.dataset]
    np.random.seed(args.seed + 1)  # a fresh test set from another seed
    X_test, y_test = make(args.samples, args.classes)
    np.random.seed(args.seed)
    X, y = make(args.samples, args.classes)
    return (X.astype(np.float32), y.astype(np.int64), X_test.astype(np.float32),
            y_test.astype(np.int64), [f"class {i}" for i in range(args.classes)])


def add_mirrored(X, y):
    """The flattened 28x28 images ``X`` followed by each one mirrored left to right."""
    mirrored = X.reshape(-1, 28, 28)[:, :, ::-1].reshape(X.shape)
    return np.concatenate([X, mirrored]), np.concatenate([y, y])


def build_model(args, n_inputs, n_outputs, regression):
    """The network the flags describe, finalized and ready to train."""
    model = Model()
    for n_neurons in args.hidden:
        model.add(Layer_Dense(n_inputs, n_neurons, weight_regularizer_l1=args.l1,
                              weight_regularizer_l2=args.l2))
        model.add(ACTIVATIONS[args.activation]())
        if args.dropout:
            model.add(Layer_Dropout(args.dropout))
        n_inputs = n_neurons
    model.add(Layer_Dense(n_inputs, n_outputs))
    if regression:
        model.add(Activation_Linear())
        model.set(loss=Loss_MeanSquaredError(), accuracy=Accuracy_Regression())
    else:
        model.add(Activation_Softmax())
        model.set(loss=Loss_CategoricalCrossentropy(), accuracy=Accuracy_Categorical())
    model.set(optimizer=OPTIMIZERS[args.optimizer](args))
    model.finalize()
    return model


class KeepBest:
    """An ``on_epoch_end`` callback that remembers the parameters of the best epoch:
    highest validation accuracy, or lowest validation loss for regression (the last
    epoch when there is no validation data)."""

    def __init__(self, model, regression):
        self.model = model
        self.key, self.sign = ("val_loss", -1) if regression else ("val_accuracy", 1)
        self.history, self.epoch, self.best_epoch, self.parameters = None, 0, 0, None
        self.best_score = -math.inf

    def __call__(self, epoch, history):
        self.history, self.epoch = history, epoch
        value = history[self.key][-1]
        score = math.inf if value is None else self.sign * value
        if score >= self.best_score:
            self.best_epoch, self.best_score = epoch, score
            self.parameters = self.model.get_parameters()


def write_plots(directory, history, matrix, class_names):
    """Save the history plot (and the confusion matrix, if given) as PNGs in ``directory``,
    each written whole under its temporary name and then renamed."""
    import matplotlib.pyplot as plt  # slow to load, so only when --plots asks for it
    from ..plots import plot_confusion_matrix, plot_history
    directory.mkdir(parents=True, exist_ok=True)
    figures = {"history.png": plot_history(history)}
    if matrix is not None:
        figures["confusion_matrix.png"] = plot_confusion_matrix(matrix, class_names)
    for name, figure in figures.items():
        path, tmp = directory / name, temporary_path(directory / name)
        try:
            figure.savefig(tmp, dpi=100, format="png")
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
            plt.close(figure)
        print(f"wrote {path}")


def main(argv=None):
    """Run the trainer with command-line ``argv``; return the trained model."""
    args = parse_args(argv)
    try:
        X, y, X_test, y_test, class_names = load_data(args)
    except (DatasetError, DatasetUnavailableError) as error:
        raise SystemExit(f"error: {error}") from None
    regression = class_names is None
    np.random.seed(args.seed)
    (X, y), validation = split_validation(X, y, args.validation)
    if args.flip:  # after the split, so no mirror image of a validation image is trained on
        X, y = add_mirrored(X, y)
    n_validation = len(validation[0]) if validation else 0
    print(f"{args.dataset}: {len(X):,} training{' (half of them mirrored)' if args.flip else ''}, "
          f"{n_validation:,} validation and {len(X_test):,} test samples")
    model = build_model(args, X.shape[1], 1 if regression else len(class_names), regression)
    print(model)
    print(f"learning-rate schedule: {args.schedule}")
    best = KeepBest(model, regression)
    start = time.perf_counter()
    try:
        model.train(X, y, epochs=args.epochs, batch_size=args.batch_size,
                    validation_data=validation, on_epoch_end=best)
    except KeyboardInterrupt:
        print(f"Stopped by Ctrl-C during epoch {best.epoch + 1} of {args.epochs}.")
    except TrainingDivergedError as error:
        flag = FLAGS.get(error.setting)
        raise SystemExit(f"error: {error}{f' Set it with {flag}.' if flag else ''}") from None
    print(f"trained for {time.perf_counter() - start:.1f} s")
    if best.parameters is None:
        raise SystemExit("Nothing to keep: no epoch had finished.")
    model.set_parameters(best.parameters)
    if validation is not None:
        print(f"best epoch: {best.best_epoch} of {best.epoch} (validation {best.key[4:]} "
              f"{best.sign * best.best_score:.4f})")
    for name, (inputs, targets) in [("train", (X, y)), ("test", (X_test, y_test))]:
        loss, accuracy = model.evaluate(inputs, targets, batch_size=1000)
        print(f"{name + ':':<7}loss {loss:.4f}  accuracy {accuracy:.4f}")
    matrix = None
    if not regression:
        predictions = np.argmax(model.predict(X_test, batch_size=1000), axis=1)
        matrix = confusion_matrix(y_test, predictions, len(class_names))
        print(classification_report(y_test, predictions, class_names))
    try:
        if args.save:
            model.save(args.save)
            print(f"saved the model to {args.save}")
        if args.plots:
            write_plots(args.plots, best.history, matrix, class_names)
    except OSError as error:  # the destination changed, or the disk filled, during training
        raise SystemExit(f"error: {error.filename or ''} could not be written "
                         f"({error.strerror or error})") from None
    return model


if __name__ == "__main__":
    import matplotlib
    matplotlib.use("Agg")
    try:
        main()
    except KeyboardInterrupt:  # outside training: while loading, reporting or saving
        raise SystemExit("Stopped by Ctrl-C.") from None
