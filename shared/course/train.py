"""The command-line trainer, ``python -m shared.course.train --help``: the chapters' settings as flags.

It keeps the epoch that did best on a validation split of the training data (chapter 12),
and only then measures the test set; Ctrl-C stops training and goes on with that epoch.
It can save the model (chapter 21) and plot its history and confusion matrix (18, 20).
A run that could not finish is refused before any work: a --save or --plots path that
cannot be written, too few samples for a validation split, or more memory than is free.
"""
import argparse
import math
import os
import sys
import time
from pathlib import Path

import numpy as np

from .. import (Accuracy_Categorical, Accuracy_Regression, Activation_LeakyReLU,
               Activation_Linear, Activation_ReLU, Activation_Sigmoid, Activation_Softmax,
               Activation_Tanh, Layer_Dense, Layer_Dropout, Loss_CategoricalCrossentropy,
               Loss_MeanSquaredError, Model, Optimizer_Adagrad, Optimizer_Adam,
               Optimizer_RMSprop, Optimizer_SGD, TrainingDivergedError)
from ..data import (FASHION_MNIST_CLASSES, DatasetError, DatasetUnavailableError,
                   load_fashion_mnist, sine_data, spiral_data, split_validation,
                   vertical_data)
from ..metrics import classification_report, confusion_matrix
from ..optimizers import SCHEDULES

ACTIVATIONS = {"relu": Activation_ReLU, "sigmoid": Activation_Sigmoid,
               "tanh": Activation_Tanh, "leaky_relu": Activation_LeakyReLU}
OPTIMIZERS = {"sgd": lambda a: Optimizer_SGD(a.learning_rate, a.decay, schedule=a.schedule),
              "momentum": lambda a: Optimizer_SGD(a.learning_rate, a.decay, momentum=a.momentum,
                                                  schedule=a.schedule),
              "adagrad": lambda a: Optimizer_Adagrad(a.learning_rate, a.decay, schedule=a.schedule),
              "rmsprop": lambda a: Optimizer_RMSprop(a.learning_rate, a.decay, schedule=a.schedule),
              "adam": lambda a: Optimizer_Adam(a.learning_rate, a.decay, schedule=a.schedule)}

# The flags each dataset trains with unless the command line says otherwise.
RECIPES = {
    "fashion_mnist": "--hidden 128 128 --epochs 10 --batch-size 128 --learning-rate 0.001 "
                     "--decay 0.001",
    "spiral": "--samples 1000 --classes 3 --hidden 64 64 --epochs 30 --batch-size 32 "
              "--learning-rate 0.01 --decay 0.0001",
    "vertical": "--samples 1000 --classes 3 --hidden 16 --epochs 10 --batch-size 32 "
                "--learning-rate 0.01 --decay 0.0001",
    # ReLU units that start with 0.01-scale weights often get stuck on the sine; leaky ones don't.
    "sine": "--samples 1000 --hidden 64 64 --activation leaky_relu --epochs 30 --batch-size 32 "
            "--learning-rate 0.005 --decay 0.001",
}
# The recipes' learning rates suit adam and rmsprop; these replace them for the others.
OPTIMIZER_RECIPES = {"sgd": "--learning-rate 0.1", "adagrad": "--learning-rate 0.05",
                     "momentum": "--learning-rate 0.05 --momentum 0.9"}
# The flag that sets each setting a TrainingDivergedError can blame.
FLAGS = {"learning_rate": "--learning-rate", "weight_regularizer_l1": "--l1",
         "weight_regularizer_l2": "--l2"}


def _checked(kind, rule, test):
    """An argparse ``type=`` that converts with ``kind`` and refuses values failing ``test``."""
    def parse(text):
        try:
            value = kind(text)
        except ValueError:
            value = None
        if value is None or not math.isfinite(value) or not test(value):
            raise argparse.ArgumentTypeError(f"must be {rule}, got {text}")
        return value
    return parse


positive = _checked(float, "positive", lambda v: v > 0)
non_negative = _checked(float, "0 or more", lambda v: v >= 0)
fraction = _checked(float, "in [0, 1)", lambda v: 0 <= v < 1)
count = _checked(int, "a whole number of at least 1", lambda v: v >= 1)
seed = _checked(int, "a whole number from 0 to 4294967294", lambda v: 0 <= v < 2**32 - 1)


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        """Refuse with one line (instead of argparse's usage block, then the error)."""
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def make_parser():
    recipes = [f"  {name:<15}{flags}" for name, flags in {**RECIPES, **OPTIMIZER_RECIPES}.items()]
    parser = _Parser(
        prog="python -m shared.course.train", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Train a network on one of the course's datasets, then report its\n"
                    "training and test loss and accuracy.",
        epilog="Each dataset, then the optimizer, sets these defaults; flags override them:\n"
               + "\n".join(recipes) + "\nCtrl-C stops training and goes on with the best "
               "epoch so far.")
    add = parser.add_argument
    add("--dataset", choices=RECIPES, default="fashion_mnist",
        help="what to learn; sine is a regression (default: %(default)s)")
    add("--samples", type=count, metavar="N",
        help="points per class (spiral, vertical) or in all (sine)")
    add("--classes", type=count, metavar="N", help="spiral/vertical: number of classes")
    add("--subset", type=count, metavar="N",
        help="fashion_mnist: train on the first N training images only (quick runs)")
    add("--flip", action="store_true",
        help="fashion_mnist: also train on every training image mirrored left to right "
             "(chapter 13's augmentation; an epoch takes twice as long)")
    add("--validation", type=fraction, default=0.1, metavar="FRACTION",
        help="part of the training data held out to pick the best epoch; 0 keeps the last "
             "epoch (default: %(default)s)")
    add("--hidden", type=count, nargs="+", metavar="NEURONS",
        help="neurons of each hidden layer, e.g. --hidden 128 128")
    add("--activation", choices=ACTIVATIONS, default="relu",
        help="activation of the hidden layers (default: %(default)s)")
    add("--dropout", type=fraction, default=0.0, metavar="RATE",
        help="dropout rate after each hidden layer (default: %(default)s)")
    add("--l1", type=non_negative, default=0.0, help="L1 penalty on hidden weights (default: 0)")
    add("--l2", type=non_negative, default=0.0, help="L2 penalty on hidden weights (default: 0)")
    add("--optimizer", choices=OPTIMIZERS, default="adam",
        help="sgd, sgd with momentum, adagrad, rmsprop or adam (default: %(default)s)")
    add("--learning-rate", type=positive, metavar="RATE", help="the starting step size")
    add("--decay", type=non_negative, help="the rate falls as learning_rate / (1 + decay * step)")
    add("--schedule", choices=SCHEDULES, default="decay",
        help="decay: the book's, as above; cosine: half a cosine from the learning rate down "
             "to 0 at the last step, in place of decay (default: %(default)s)")
    add("--momentum", type=fraction,
        help="--optimizer momentum: fraction of the last update kept (default: 0.9)")
    add("--batch-size", type=count, metavar="N", help="samples per step")
    add("--epochs", type=count, metavar="N", help="passes over the training data")
    add("--seed", type=seed, default=0,
        help="seed for data, initial weights, shuffling and dropout (default: %(default)s)")
    add("--save", type=Path, metavar="PATH", help="save the model here (load with Model.load)")
    add("--plots", type=Path, metavar="DIR",
        help="write history.png (and confusion_matrix.png for classes) into DIR")
    return parser


def parse_args(argv=None):
    """The flags, after the dataset's and the optimizer's recipes."""
    parser = make_parser()
    args = parser.parse_args(argv)
    misplaced = {"subset": ("dataset", args.dataset != "fashion_mnist"),
                 "flip": ("dataset", args.dataset != "fashion_mnist"),
                 "samples": ("dataset", args.dataset == "fashion_mnist"),
                 "classes": ("dataset", args.dataset in ("fashion_mnist", "sine")),
                 "momentum": ("optimizer", args.optimizer != "momentum"),
                 "decay": ("schedule", args.schedule == "cosine")}
    for name, (by, unused) in misplaced.items():
        if unused and getattr(args, name) not in (None, False):
            parser.error(f"argument --{name}: has no effect with --{by} {getattr(args, by)}")
    recipe = f"{RECIPES[args.dataset]} {OPTIMIZER_RECIPES.get(args.optimizer, '')}"
    # Later flags win, so the command line overrides the recipe put before it.
    args = parser.parse_args(recipe.split() + list(argv if argv is not None else sys.argv[1:]))
    if args.schedule == "cosine":
        args.decay = 0.0  # the recipe's decay gives way to the cosine schedule
    refuse_what_cannot_work(parser, args)
    return args


def refuse_what_cannot_work(parser, args):
    """Stop, before any work, a run that would fail only after training (or run out of memory)."""
    for flag, path, folder in [("--save", args.save, False), ("--plots", args.plots, True)]:
        problem = path and destination_problem(path, folder)
        if problem:
            parser.error(f"argument {flag}: {problem}")
    n_samples, flag = ((args.subset, "subset") if args.dataset == "fashion_mnist" else
                       (args.samples * (args.classes or 1), "samples"))
    if args.validation and n_samples is not None and n_samples < 2:
        parser.error(f"argument --{flag}: {n_samples} training sample leaves none for the "
                     f"validation split: use at least 2 samples, or --validation 0")
    needed, available = memory_needed(args), available_memory()
    if available is not None and sum(needed.values()) > available:
        parts = ", ".join(f"{part} {_size(size)}" for part, size in needed.items())
        parser.error(f"this run needs about {_size(sum(needed.values()))} of memory ({parts}), "
                     f"more than the {_size(available)} available: use fewer or smaller "
                     f"--hidden layers, a smaller --batch-size or fewer samples")


def destination_problem(path, folder):
    """Why ``path`` cannot be written as a file (or, if ``folder``, made a folder), or None."""
    if folder and path.exists() and not path.is_dir():
        return f"{path} is a file: name a folder (it is made if missing)"
    if not folder and path.is_dir():
        return f"{path} is a folder: name a file in it, such as {path / 'model.npz'}"
    # The nearest part of the path that exists must be a folder this user may write in.
    existing = path if folder else path.parent
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        return f"{existing} is a file, so nothing can be written under it: choose another path"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"the folder {existing} is not writable: choose a folder you can write in"
    return None


# float32 data and weights take 4 bytes a number; labels are int64.
FLOAT_BYTES, LABEL_BYTES = 4, 8
# Arrays each optimizer keeps per parameter: momentums and/or a cache of squared gradients.
OPTIMIZER_SLOTS = {"sgd": 0, "momentum": 1, "adagrad": 1, "rmsprop": 1, "adam": 2}


def data_shape(args):
    """``(inputs per sample, outputs, training samples, test samples)`` the flags ask for."""
    if args.dataset == "fashion_mnist":
        n_train = min(args.subset or 60_000, 60_000) * (2 if args.flip else 1)
        return 28 * 28, len(FASHION_MNIST_CLASSES), n_train, 10_000
    if args.dataset == "sine":
        return 1, 1, args.samples, args.samples
    return 2, args.classes, args.samples * args.classes, args.samples * args.classes


def memory_needed(args):
    """An estimate, in bytes, of the memory each part of a run with these flags needs."""
    n_inputs, n_outputs, n_train, n_test = data_shape(args)
    widths = [n_inputs, *args.hidden, n_outputs]
    sizes = [(n_in + 1) * n_out for n_in, n_out in zip(widths, widths[1:])]  # weights, biases
    # Each parameter, its gradient, the optimizer's arrays and two kept copies of the best
    # epoch; and the update's temporary arrays, three of the largest layer at a time.
    n_numbers = sum(sizes) * (4 + OPTIMIZER_SLOTS[args.optimizer]) + 3 * max(sizes)
    # A training batch keeps about six arrays of (batch, width) per layer for the backward
    # pass; evaluation runs batches of 1000 forward only, about two arrays each.
    n_activations = sum(widths) * max(6 * args.batch_size, 2 * 1000)
    return {"parameters, gradients and optimizer state": FLOAT_BYTES * n_numbers,
            "activations": FLOAT_BYTES * n_activations,
            # The validation split copies the training data.
            "data": (FLOAT_BYTES * n_inputs + LABEL_BYTES) * (2 * n_train + n_test)}


def available_memory():
    """Bytes of memory this run may use, or None if the system does not say: what Linux
    reports as available (capped by a container's limit), else the free or total memory."""
    try:
        with open("/proc/meminfo") as meminfo:
            known = [int(line.split()[1]) * 1024 for line in meminfo
                     if line.startswith("MemAvailable:")]
    except OSError:
        known = []
    try:  # a container's limit (cgroup v2), less what the container already uses
        limit = Path("/sys/fs/cgroup/memory.max").read_text().strip()
        if limit != "max":
            known.append(int(limit) - int(Path("/sys/fs/cgroup/memory.current").read_text()))
    except (OSError, ValueError):
        pass
    if known:
        return min(known)
    for name in ("SC_AVPHYS_PAGES", "SC_PHYS_PAGES"):  # free memory, else all of it
        try:
            return os.sysconf(name) * os.sysconf("SC_PAGE_SIZE")
        except (AttributeError, ValueError, OSError):  # Windows has no sysconf
            pass
    return None


def _size(n_bytes):
    return f"{n_bytes / 2**30:.1f} GiB" if n_bytes >= 2**30 else f"{n_bytes / 2**20:.0f} MiB"


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
    """Save the history plot (and the confusion matrix, if given) as PNGs in ``directory``."""
    import matplotlib.pyplot as plt  # slow to load, so only when --plots asks for it
    from ..plots import plot_confusion_matrix, plot_history
    directory.mkdir(parents=True, exist_ok=True)
    figures = {"history.png": plot_history(history)}
    if matrix is not None:
        figures["confusion_matrix.png"] = plot_confusion_matrix(matrix, class_names)
    for name, figure in figures.items():
        figure.savefig(directory / name, dpi=100)
        plt.close(figure)
        print(f"wrote {directory / name}")


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
    print(f"{args.dataset}: {len(X):,} training{' (half of them mirrored)' if args.flip else ''}, "
          f"{len(validation[0]) if validation else 0:,} validation and {len(X_test):,} test samples")
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
    if args.save:
        model.save(args.save)
        print(f"saved the model to {args.save}")
    if args.plots:
        write_plots(args.plots, best.history, matrix, class_names)
    return model


if __name__ == "__main__":
    import matplotlib
    matplotlib.use("Agg")
    try:
        main()
    except KeyboardInterrupt:  # outside training: while loading, reporting or saving
        raise SystemExit("Stopped by Ctrl-C.") from None
