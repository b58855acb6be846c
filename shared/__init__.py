"""The course's verified building blocks, under the book's class names.

Every chapter imports what earlier chapters built from here, for example
``from shared import Layer_Dense, Activation_ReLU``. Helpers with one job live in
their own modules: ``shared.data``, ``shared.gradcheck``, ``shared.metrics``,
``shared.plots``, and the exercise checks in ``shared.checks``.
"""
from .accuracy import Accuracy, Accuracy_Categorical, Accuracy_Regression
from .activations import (Activation_LeakyReLU, Activation_Linear, Activation_ReLU,
                          Activation_Sigmoid, Activation_Softmax, Activation_Tanh)
from .io import ModelFileError
from .layers import Layer_Dense, Layer_Dropout, Layer_Input
from .losses import (Activation_Softmax_Loss_CategoricalCrossentropy, Loss,
                     Loss_BinaryCrossentropy, Loss_CategoricalCrossentropy,
                     Loss_MeanAbsoluteError, Loss_MeanSquaredError)
from .model import Model, TrainingDivergedError
from .optimizers import (Optimizer, Optimizer_Adagrad, Optimizer_Adam, Optimizer_RMSprop,
                         Optimizer_SGD)

__all__ = [name for name in dir() if name[0].isupper()]
