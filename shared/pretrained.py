"""Chapter 20: the trained Fashion-MNIST model that chapters 20, 21 and 22 study.

Rather than each chapter training its own network, they all call
``load_or_train_fashion_model()``. The first call trains the model, showing a
progress bar, and saves it to ``data/models/``; every later call loads that file in
a fraction of a second. A file that cannot be used (damaged, or a model of another
recipe) is reported in one line and replaced by a newly trained model.

Training is seeded and runs in float64. In float32 the result depends on how many
threads the matrix library uses (they add up partial sums in different orders, and
thousands of steps magnify the rounding differences); in float64 those differences
stay far below anything a chapter prints. So a loaded model and a freshly trained
one print the same figures, on any machine.
"""
import sys
from pathlib import Path

import numpy as np

from .accuracy import Accuracy_Categorical
from .activations import Activation_ReLU, Activation_Softmax
from .data import DATA_DIR, load_fashion_mnist
from .layers import Layer_Dense
from .losses import Loss_CategoricalCrossentropy
from .model import Model
from .optimizers import Optimizer_Adam

# "v2" names the recipe below. Change the recipe, change the name: then a file trained
# with an older recipe is not even looked at.
FASHION_MODEL_PATH = DATA_DIR / "models" / "fashion_mnist_mlp_v2.npz"
SEED, EPOCHS, BATCH_SIZE, DTYPE = 0, 15, 128, np.float64  # about 0.89 test accuracy
READY = "Fashion-MNIST model of chapters 20-22 ready (shared/pretrained.py)."


def build_fashion_model():
    """Chapter 20: the recipe, untrained: 784-256-128-10, ReLU, softmax + cross-entropy, Adam."""
    model = Model()
    model.add(Layer_Dense(784, 256, dtype=DTYPE))
    model.add(Activation_ReLU())
    model.add(Layer_Dense(256, 128, dtype=DTYPE))
    model.add(Activation_ReLU())
    model.add(Layer_Dense(128, 10, dtype=DTYPE))
    model.add(Activation_Softmax())
    model.set(loss=Loss_CategoricalCrossentropy(),
              optimizer=Optimizer_Adam(learning_rate=0.002, decay=1e-3),
              accuracy=Accuracy_Categorical())
    model.finalize()
    return model


def train_fashion_model(on_epoch_end=None):
    """Chapter 20: build the recipe and train it on the 60,000 training images.

    ``on_epoch_end(epoch)``, if given, is called after each epoch. Seeded, so every call
    gives the same network; NumPy's global random state is put back afterwards, so the
    caller's own random numbers are not disturbed.
    """
    X_train, y_train, _, _ = load_fashion_mnist(dtype=DTYPE)
    outer_state = np.random.get_state()
    np.random.seed(SEED)
    try:
        model = build_fashion_model()
        model.train(X_train, y_train, epochs=EPOCHS, batch_size=BATCH_SIZE, verbose=0,
                    on_epoch_end=None if on_epoch_end is None
                    else lambda epoch, history: on_epoch_end(epoch))
    finally:
        np.random.set_state(outer_state)
    return model


def recipe_mismatch(model):
    """Chapter 20: what makes a loaded ``model`` differ from the recipe, or None if nothing
    does."""
    state = np.random.get_state()  # building the recipe draws random weights
    try:
        recipe = build_fashion_model()
    finally:
        np.random.set_state(state)
    if repr(model) != repr(recipe):
        return "it holds a model of another architecture or settings"
    for layer in model.trainable_layers:
        if layer.weights.dtype != DTYPE or layer.biases.dtype != DTYPE:
            return f"its weights are {layer.weights.dtype}, the recipe's {np.dtype(DTYPE)}"
    return None


def load_or_train_fashion_model(path=FASHION_MODEL_PATH):
    """Chapter 20: the trained model, loaded from ``path`` if it holds the recipe's trained
    model, otherwise trained now and saved there for next time.

    In a notebook the cell shows one line, which tells of the training while it runs and
    ends as ``READY`` either way, so that a chapter's output does not depend on whether
    the model was already saved. Elsewhere the progress goes to stderr.
    """
    path = Path(path)
    show = _status_line(READY)
    try:
        model = Model.load(path)
        problem = recipe_mismatch(model)
    except FileNotFoundError:
        model, problem = None, None
    except Exception as error:  # noqa: BLE001 - any fault of the file: a new model replaces it
        model, problem = None, str(error).splitlines()[0]
    if problem is not None:
        print(f"The saved model {path.name} cannot be used ({problem}): training a new one.")
    if model is None or problem is not None:
        training = (f"Training the Fashion-MNIST model now: {EPOCHS} epochs over 60,000 images, "
                    f"a minute or two on a laptop. Only this once: it is saved to {path}, "
                    f"and later chapters load it.")
        show(training)
        model = train_fashion_model(
            on_epoch_end=lambda epoch: show(f"{training}\nepoch {epoch} of {EPOCHS} done"))
        try:
            model.save(path)
        except OSError as error:
            print(f"Could not save the trained model to {path} ({error}); it is used anyway, "
                  f"and the next chapter will train it again.")
        show(READY)
    return model


def _status_line(text):
    """A function that replaces the text of one line showing ``text``: a display in a
    Jupyter notebook, which later texts update in place; elsewhere lines on stderr."""
    if "IPython" in sys.modules:  # a Jupyter kernel imports it; a plain script does not
        from IPython import get_ipython
        from IPython.display import display
        shell = get_ipython()
        if shell is not None and hasattr(shell, "kernel"):
            handle = display({"text/plain": text}, raw=True, display_id=True)
            return lambda new: handle.update({"text/plain": new}, raw=True)
    return lambda new: print(new, file=sys.stderr)
