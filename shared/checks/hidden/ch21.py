"""Grading-only cases of chapter 21's checks (see shared/checks/hidden/__init__.py).

The files of is_valid_model_file's grading cases are damaged in other ways than the visible
ones: a description that is not JSON, of another format or not a dictionary, an array cut short,
Adam's state damaged in a trained model's file, and random models, damage and cuts.
"""
import json

import numpy as np

from shared.checks.ch21 import TWO_LAYERS, file_case, parameters_case


def _parameters_fixed():
    return [
        parameters_case(TWO_LAYERS[::-1], "the 2 layers in the other order"),
        parameters_case([(np.array([[1.0, 2.0]], dtype=np.float16), np.zeros((1, 2), np.float16)),
                         (np.eye(2), np.array([[-1.5, 2.5]]))],
                        "a float16 layer, then a float64 one"),
    ]


def _parameters_fresh(rng):
    cases = []
    for _ in range(3):
        n_layers = int(rng.integers(1, 13))
        dtype = rng.choice([np.float32, np.float64])
        sizes = rng.integers(1, 6, size=n_layers + 1)
        parameters = [(rng.normal(size=(int(a), int(b))).astype(dtype),
                       rng.normal(size=(1, int(b))).astype(dtype))
                      for a, b in zip(sizes[:-1], sizes[1:])]
        cases.append(parameters_case(parameters, f"{n_layers} random layers of {dtype.__name__}"))
    return cases


def _description(**changes):
    header = {"format": "nnfs-course", "version": 2, "kind": "model", **changes}
    return json.dumps(header)


def _files_fixed():
    return [
        file_case("description", "a model file whose description is not JSON",
                  text="format: nnfs-course, kind: model"),
        file_case("description", "a model file whose description names another format",
                  text=_description(format="keras")),
        file_case("description", "a model file whose description is a JSON list, not a dictionary",
                  text='["nnfs-course", "model"]'),
        file_case("cut", "a trained model's file whose first biases array is cut short",
                  member="0.biases.npy", trained=True),
        file_case("damaged", "a trained model's file whose Adam state for the last weights is "
                             "damaged", member="1.weight_cache.npy", trained=True),
        file_case("model", "a trained 4-8-3 model saved by Model.save (with Adam's state)",
                  trained=True),
    ]


def _files_fresh(rng):
    sizes = tuple(int(n) for n in rng.integers(2, 9, size=3))
    seed, trained = int(rng.integers(0, 2**31)), bool(rng.integers(0, 2))
    model = dict(sizes=sizes, seed=seed, trained=trained)
    name = f"a random {'trained ' if trained else ''}{'-'.join(map(str, sizes))} model's file"
    members = [f"{layer}.{part}.npy" for layer in (0, 1) for part in (
        ["weights", "biases"] + (["weight_momentums", "weight_cache", "bias_momentums",
                                  "bias_cache"] if trained else []))]
    member = str(rng.choice(members))
    damage = str(rng.choice(["damaged", "pickled", "cut"]))
    keep = round(float(rng.uniform(0.2, 0.95)), 2)
    return [
        file_case("model", f"{name}, intact", **model),
        file_case(damage, f"{name}, its member {member} {damage}", member=member, **model),
        file_case("truncated", f"{name}, cut to its first {keep:.0%}", keep=keep, **model),
    ]


HIDDEN = {"save_and_load_parameters": _parameters_fixed, "is_valid_model_file": _files_fixed}
FRESH = {"save_and_load_parameters": _parameters_fresh, "is_valid_model_file": _files_fresh}
