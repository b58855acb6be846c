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

# In the order the chapters build them.
__all__ = [
    "Layer_Dense",                                       # chapter 3
    "Activation_ReLU", "Activation_Softmax",             # chapter 4
    "Activation_LeakyReLU",
    "Loss", "Loss_CategoricalCrossentropy",              # chapter 5
    "Activation_Softmax_Loss_CategoricalCrossentropy",   # chapter 9
    "Activation_Tanh",
    "Optimizer", "Optimizer_SGD", "Optimizer_Adagrad",   # chapter 10
    "Optimizer_RMSprop", "Optimizer_Adam",
    "Layer_Dropout",                                     # chapter 15
    "Activation_Sigmoid", "Loss_BinaryCrossentropy",     # chapter 16
    "Activation_Linear", "Loss_MeanSquaredError",        # chapter 17
    "Loss_MeanAbsoluteError",
    "Layer_Input", "Accuracy", "Accuracy_Categorical",   # chapter 18
    "Accuracy_Regression", "Model", "TrainingDivergedError",
    "ModelFileError",                                    # chapter 21
]
