"""The library is the code the chapters build.

A class a solutions notebook builds under a name that ``shared`` exports (``class X`` in a
cell, and methods attached to it as ``X.name = function``) must have only public methods its
``shared`` counterpart defines; and together the chapters that build a class must build
every public method the counterpart defines, apart from the extras listed in ``EXTRAS``,
each with its reason. Classes a notebook builds under other names are not the library's.
"""
import ast
import inspect
from collections import defaultdict
from pathlib import Path

import nbformat
import pytest

import shared

ROOT = Path(__file__).resolve().parents[1]

# Public methods of a shared class that no chapter builds, and why the library has them.
EXTRAS = {
    ("Layer_Dense", "get_parameters"): "chapter 21 reads a model's parameters through it",
    ("Layer_Dense", "set_parameters"): "chapter 21 loads parameters into a layer through it",
    ("Activation_ReLU", "predictions"): "a model may end in any activation (chapter 18); "
                                        "its outputs are then the predictions",
    ("Activation_Tanh", "predictions"): "as for Activation_ReLU",
    ("Activation_Softmax", "predictions"): "chapter 18 shows it on shared's softmax",
    ("Activation_Softmax_Loss_CategoricalCrossentropy", "forward"):
        "chapter 9 rewrites only the backward pass of the combined step",
    ("Loss", "calculate_accumulated"): "chapter 18's Model averages the loss over batches",
    ("Loss", "new_pass"): "chapter 18's Model starts each epoch's totals with it",
    ("Loss", "regularization_loss"): "chapter 14 adds the L1/L2 penalties to the loss",
    ("Loss", "remember_trainable_layers"): "chapter 18's Model tells the loss its layers",
    ("Optimizer", "config"): "chapter 21 saves an optimizer's settings with the model",
    ("Optimizer", "get_state"): "chapter 21 saves the optimizer's progress with the model",
    ("Optimizer", "set_state"): "chapter 21 resumes training from a saved model",
    ("Optimizer", "start_schedule"): "chapter 10's cosine schedule needs the run's length",
    ("Optimizer", "scheduled_learning_rate"): "chapter 10's cosine schedule (and its check)",
    ("Optimizer_SGD", "config"): "chapter 21 saves each optimizer's own settings",
    ("Optimizer_Adagrad", "config"): "chapter 21 as above",
    ("Optimizer_RMSprop", "config"): "chapter 21 as above",
    ("Optimizer_Adam", "config"): "chapter 21 as above",
    ("Model", "evaluate"): "chapter 18 measures the validation data with it",
    ("Model", "get_parameters"): "chapter 21",
    ("Model", "set_parameters"): "chapter 21",
    ("Model", "save_parameters"): "chapter 21",
    ("Model", "load_parameters"): "chapter 21",
    ("Model", "save"): "chapter 21",
    ("Model", "load"): "chapter 21",
}


def public_methods(cls):
    """The public methods a shared class defines itself or inherits from a private base
    (such as ``_Activation``); those of a public base are that base's own."""
    own = [c for c in cls.__mro__ if c is cls or c.__name__.startswith("_")]
    return {name for c in own for name, value in vars(c).items() if not name.startswith("_")
            and (inspect.isfunction(value) or isinstance(value, (classmethod, staticmethod)))}


def code_of(cell):
    """A cell's source without IPython's magics and shell lines."""
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line
                     for line in cell.source.splitlines())


def built_methods(path):
    """``{class name: public methods}`` of the classes the notebook builds under names that
    shared exports, from class statements and ``Class.method = function`` lines."""
    built = defaultdict(set)
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        for node in ast.parse(code_of(cell)).body:
            if isinstance(node, ast.ClassDef) and node.name in shared.__all__:
                built[node.name] |= {item.name for item in node.body
                                     if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))
                                     and not item.name.startswith("_")}
            elif isinstance(node, ast.Assign):
                targets = [t for target in node.targets
                           for t in (target.elts if isinstance(target, ast.Tuple) else [target])]
                for target in targets:
                    if (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
                            and target.value.id in shared.__all__
                            and not target.attr.startswith("_")):
                        built[target.value.id].add(target.attr)
    return built


NOTEBOOKS = sorted((ROOT / "solutions").glob("[0-9][0-9]_*.ipynb"))
BUILT = {path.name: built_methods(path) for path in NOTEBOOKS}


@pytest.mark.parametrize("notebook", sorted(BUILT))
def test_a_notebook_builds_only_methods_the_library_has(notebook):
    for name, methods in BUILT[notebook].items():
        missing = methods - public_methods(getattr(shared, name))
        assert not missing, f"{notebook} builds {name}.{sorted(missing)}, which shared lacks"


def test_the_chapters_build_every_method_of_the_library_but_the_listed_extras():
    together = defaultdict(set)
    for built in BUILT.values():
        for name, methods in built.items():
            together[name] |= methods
    assert together, "no notebook builds a class of shared"
    for name, methods in together.items():
        extras = {method for cls, method in EXTRAS if cls == name}
        unbuilt = public_methods(getattr(shared, name)) - methods - extras
        assert not unbuilt, f"no chapter builds {name}.{sorted(unbuilt)}: build it or list it"
        built_anyway = extras & methods
        assert not built_anyway, (f"EXTRAS lists {name}.{sorted(built_anyway)}, which a "
                                  f"chapter builds")


def test_every_listed_extra_is_a_method_of_the_library():
    for name, method in EXTRAS:
        assert method in public_methods(getattr(shared, name)), f"{name}.{method}"
