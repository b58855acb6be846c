"""The command line of ``python -m shared.course.train``: its flags, each dataset's recipe,
and every check that refuses a run before any work.

A run that could not finish is refused in one line: a flag out of range or without effect,
a --save or --plots destination that cannot be written, too few samples for a validation
split, or more memory than is free.
"""
import argparse
import math
import os
import sys
from pathlib import Path

from .. import _validate
from .. import (Activation_LeakyReLU, Activation_ReLU, Activation_Sigmoid, Activation_Tanh,
                Optimizer_Adagrad, Optimizer_Adam, Optimizer_RMSprop, Optimizer_SGD)
from ..optimizers import SCHEDULES
from .destinations import write_problem
from .memory import memory_problem

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


def plot_names(args):
    """The files --plots writes: the history, and the confusion matrix for classes."""
    return ["history.png"] + ([] if args.dataset == "sine" else ["confusion_matrix.png"])


# Checking the flags: every rule a value must meet, and every refusal, is in this section.

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


positive = _checked(float, *_validate.POSITIVE)
non_negative = _checked(float, *_validate.NON_NEGATIVE)
fraction = _checked(float, *_validate.FRACTION)
count = _checked(int, *_validate.whole_rule(1))
seed = _checked(int, "a whole number from 0 to 4294967294", lambda v: 0 <= v < 2**32 - 1)


def refuse_flags_without_effect(parser, args):
    """Stop a run given a flag that its dataset, optimizer or schedule ignores (``args`` as
    typed, before the recipes fill in)."""
    misplaced = {"subset": ("dataset", args.dataset != "fashion_mnist"),
                 "flip": ("dataset", args.dataset != "fashion_mnist"),
                 "samples": ("dataset", args.dataset == "fashion_mnist"),
                 "classes": ("dataset", args.dataset in ("fashion_mnist", "sine")),
                 "momentum": ("optimizer", args.optimizer != "momentum"),
                 "decay": ("schedule", args.schedule == "cosine")}
    for name, (by, unused) in misplaced.items():
        if unused and getattr(args, name) not in (None, False):
            parser.error(f"argument --{name}: has no effect with --{by} {getattr(args, by)}")


def refuse_what_cannot_work(parser, args):
    """Stop, before any work, a run that would fail only after training (or run out of memory)."""
    for flag, problem in [("--save", args.save and save_problem(args.save)),
                          ("--plots", args.plots and plots_problem(args.plots, args))]:
        if problem:
            parser.error(f"argument {flag}: {problem}")
    n_samples, flag = ((args.subset, "subset") if args.dataset == "fashion_mnist" else
                       (args.samples * (args.classes or 1), "samples"))
    if args.validation and n_samples is not None and n_samples < 2:
        parser.error(f"argument --{flag}: {n_samples} training sample leaves none for the "
                     f"validation split: use at least 2 samples, or --validation 0")
    problem = memory_problem(args)
    if problem:
        parser.error(problem)


def save_problem(path):
    """Why the model cannot be saved at ``path``, or None."""
    if os.path.isdir(path):  # os.path's tests: False (not an error) for too long a name
        return f"{path} is a folder: name a file in it, such as {path / 'model.npz'}"
    return write_problem(path.parent, [path.name])


def plots_problem(folder, args):
    """Why the plots cannot be written into ``folder``, or None."""
    if os.path.exists(folder) and not os.path.isdir(folder):
        return f"{folder} is a file: name a folder (it is made if missing)"
    return write_problem(folder, plot_names(args))


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
    argv = list(argv if argv is not None else sys.argv[1:])
    typed = parser.parse_args(argv)
    refuse_flags_without_effect(parser, typed)
    recipe = f"{RECIPES[typed.dataset]} {OPTIMIZER_RECIPES.get(typed.optimizer, '')}"
    # Later flags win, so the command line overrides the recipe put before it.
    args = parser.parse_args(recipe.split() + argv)
    if args.schedule == "cosine":
        args.decay = 0.0  # the recipe's decay gives way to the cosine schedule
    refuse_what_cannot_work(parser, args)
    return args
