"""The trained Fashion-MNIST model that chapters 20, 21 and 22 study.

Rather than each chapter training its own network, they all call
``load_or_train_fashion_model()``. The first call trains the model (about half a
minute) and saves it to ``data/models/``; every later call loads that file in a
fraction of a second. Training is seeded, so a loaded model and a freshly trained
one are the same network and a chapter prints the same either way.
"""
from pathlib import Path

import numpy as np

from .accuracy import Accuracy_Categorical
from .activations import Activation_ReLU, Activation_Softmax
from .data import load_fashion_mnist
from .io import ModelFileError
from .layers import Layer_Dense
from .losses import Loss_CategoricalCrossentropy
from .model import Model
from .optimizers import Optimizer_Adam

# "v1" names the recipe below. Change the recipe, change the name: then a file trained
# with an older recipe is never loaded by mistake.
FASHION_MODEL_PATH = (Path(__file__).resolve().parent.parent / "data" / "models"
                      / "fashion_mnist_mlp_v1.npz")
SEED, EPOCHS, BATCH_SIZE = 0, 15, 128  # about 0.89 test accuracy


def build_fashion_model():
    """The recipe, untrained: 784-256-128-10, ReLU, softmax + cross-entropy, Adam."""
    model = Model()
    model.add(Layer_Dense(784, 256))
    model.add(Activation_ReLU())
    model.add(Layer_Dense(256, 128))
    model.add(Activation_ReLU())
    model.add(Layer_Dense(128, 10))
    model.add(Activation_Softmax())
    model.set(loss=Loss_CategoricalCrossentropy(),
              optimizer=Optimizer_Adam(learning_rate=0.002, decay=1e-3),
              accuracy=Accuracy_Categorical())
    model.finalize()
    return model


def train_fashion_model(verbose=1):
    """Build the recipe and train it on the 60,000 training images.

    Seeded, so every call gives the same network; NumPy's global random state is
    put back afterwards, so the caller's own random numbers are not disturbed.
    """
    X_train, y_train, _, _ = load_fashion_mnist()
    outer_state = np.random.get_state()
    np.random.seed(SEED)
    try:
        model = build_fashion_model()
        model.train(X_train, y_train, epochs=EPOCHS, batch_size=BATCH_SIZE, verbose=verbose)
    finally:
        np.random.set_state(outer_state)
    return model


def load_or_train_fashion_model(path=FASHION_MODEL_PATH):
    """The trained model: loaded from ``path`` if it holds a valid model file, otherwise
    trained silently and saved there (atomically) for next time."""
    try:
        return Model.load(path)
    except (OSError, ModelFileError):  # no file yet, or a damaged one: train a new model
        pass
    model = train_fashion_model(verbose=0)
    model.save(path)
    return model
