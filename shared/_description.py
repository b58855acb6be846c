"""Checking the description of a model or parameters file against the course's classes
(chapter 21), for ``shared.io``: every entry, every setting and every listed array, before
anything is built from it."""
import numpy as np

from ._archive import Refused

_KEYS = {"model": {"format", "version", "kind", "layers", "loss", "optimizer", "accuracy",
                   "arrays"},
         "parameters": {"format", "version", "kind", "layers", "arrays"}}
DTYPES = ("float32", "float64")  # the types a parameter may have
_PARAMETERS = {"weights": "weight", "biases": "bias"}  # state arrays are named 0.weight_cache


def check_description(header, kind, classes, roles, build):
    """Refuse a description (format, version and kind already checked) unless it describes
    a model made of ``classes``, each in its place in ``roles``, with settings ``build``
    accepts; return the arrays it lists, ``{name: (shape, dtype)}``."""
    if set(header) != _KEYS[kind]:
        raise Refused(f"its description has the entries {sorted(header)}, not "
                      f"{sorted(_KEYS[kind])}.")
    entries = header["layers"]
    if not isinstance(entries, list) or kind == "model" and not entries:
        raise Refused("its description has no list of layers.")
    for i, entry in enumerate(entries):
        role = "layer" if kind == "model" else "dense"
        _check_entry(entry, classes, roles[role], f"layer {i}", build)
    for part in ("loss", "optimizer", "accuracy") if kind == "model" else ():
        if header[part] is not None:
            _check_entry(header[part], classes, roles[part], part, build)
    widths = dense_configs(entries)
    for before, after in zip(widths, widths[1:]):
        if after["n_inputs"] != before["n_neurons"]:
            raise Refused(f"a dense layer with {after['n_inputs']} inputs follows one with "
                          f"{before['n_neurons']} neurons.")
    optimizer = header.get("optimizer")
    state = build(optimizer).STATE if optimizer and "state" in optimizer else ()
    return _check_arrays(header, state)


def dense_configs(entries):
    """The config of each dense layer among ``entries``."""
    return [entry["config"] for entry in entries if entry["class"] == "Layer_Dense"]


def parameters_of(header, arrays):
    """The ``(weights, biases)`` of each dense layer."""
    return [(arrays[f"{i}.weights"], arrays[f"{i}.biases"])
            for i in range(len(dense_configs(header["layers"])))]


def state_arrays(layer_states):
    """The optimizer's state of each dense layer as named arrays: ``0.weight_momentums``,
    ``0.bias_cache``, ... (``layer_states`` as ``Optimizer.get_state`` gives them)."""
    return {f"{i}.{_PARAMETERS[param]}_{name}": array for i, state in enumerate(layer_states)
            for param, arrays in state.items() for name, array in arrays.items()}


def state_arrays_of(header, arrays, names):
    """The optimizer's state of each dense layer, as ``Optimizer.set_state`` takes it."""
    return [{param: {name: arrays[f"{i}.{word}_{name}"] for name in names
                     if f"{i}.{word}_{name}" in arrays} for param, word in _PARAMETERS.items()}
            for i in range(len(dense_configs(header["layers"])))]


def _is_setting(value):
    return value is None or isinstance(value, (bool, str)) or (
        isinstance(value, (int, float)) and abs(value) < 1e300)


def _check_entry(entry, classes, allowed, where, build):
    keys = {"class", "config", "state"} if where == "optimizer" else {"class", "config"}
    if not (isinstance(entry, dict) and set(entry) <= keys and isinstance(entry.get("class"), str)
            and isinstance(entry.get("config", {}), dict)):
        raise Refused(f"its {where} is not a {{\"class\": ..., \"config\": {{...}}}} entry.")
    if classes.get(entry["class"]) not in allowed:
        raise Refused(f"it describes a piece this course does not know: its {where} is "
                      f"{entry['class']!r}, but the {where} can only be one of: "
                      f"{', '.join(cls.__name__ for cls in allowed)}.")
    config = entry.get("config", {})
    if not all(isinstance(key, str) and _is_setting(value) for key, value in config.items()):
        raise Refused(f"its {where} has settings that are not plain numbers: {config!r}.")
    if entry["class"] == "Layer_Dense":
        size = [config.get(key) for key in ("n_inputs", "n_neurons")]
        if not all(type(n) is int and n >= 1 for n in size):
            raise Refused(f"its {where} is a Layer_Dense without whole, positive n_inputs and "
                          f"n_neurons: {config!r}.")
    if "state" in entry:
        state, counters = entry["state"], classes[entry["class"]].COUNTERS
        if not (isinstance(state, dict) and set(state) == set(counters)
                and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                        and 0 <= v < 1e300 for v in state.values())
                and type(state["iterations"]) is int):
            raise Refused(f"its optimizer's state is not {list(counters)} as numbers of 0 or "
                          f"more: {state!r}.")
    try:  # the constructor checks every setting; a dense layer needs no parameters for that
        build(entry, (np.empty((0, 0)),) * 2)
    except (TypeError, ValueError) as error:
        raise Refused(f"its {where} {entry['class']} has settings the class does not take: "
                      f"{error}") from error


def _check_arrays(header, state):
    """The arrays the description lists, checked against those its layers need, and the
    optimizer's ``state`` arrays (all or none of them): ``{name: (shape, dtype)}``."""
    listed = header["arrays"]
    if not (isinstance(listed, list) and all(
            isinstance(a, dict) and set(a) == {"name", "shape", "dtype"}
            and isinstance(a["name"], str) and isinstance(a["dtype"], str)
            and isinstance(a["shape"], list)
            and all(type(n) is int and n >= 0 for n in a["shape"]) for a in listed)):
        raise Refused("its list of arrays is not one {\"name\", \"shape\", \"dtype\"} entry per "
                      "array.")
    for a in listed:
        if a["dtype"] not in DTYPES:
            raise Refused(f"its array {a['name']!r} is {a['dtype']}; parameters must be "
                          f"{' or '.join(DTYPES)}.")
    arrays = {a["name"]: (tuple(a["shape"]), a["dtype"]) for a in listed}
    if len(arrays) != len(listed):
        raise Refused("its list of arrays names an array twice.")
    needed = {}
    for i, config in enumerate(dense_configs(header["layers"])):
        needed[f"{i}.weights"] = (config["n_inputs"], config["n_neurons"]), None
        needed[f"{i}.biases"] = (1, config["n_neurons"]), f"{i}.weights"
    if arrays.keys() - needed.keys():
        for i in range(len(dense_configs(header["layers"]))):
            for param, word in _PARAMETERS.items():
                for name in state:
                    needed[f"{i}.{word}_{name}"] = needed[f"{i}.{param}"][0], f"{i}.{param}"
    if arrays.keys() != needed.keys():
        missing, extra = sorted(needed.keys() - arrays.keys()), sorted(arrays.keys() - needed)
        raise Refused(f"its arrays do not fit its layers: missing {missing}, not needed {extra}.")
    for name, (shape, same_dtype_as) in needed.items():
        if arrays[name][0] != shape:
            raise Refused(f"its array {name!r} has shape {arrays[name][0]}; its layers need "
                          f"{shape}.")
        if same_dtype_as and arrays[name][1] != arrays[same_dtype_as][1]:
            raise Refused(f"its array {name!r} is {arrays[name][1]}, but {same_dtype_as!r} is "
                          f"{arrays[same_dtype_as][1]}.")
    return arrays
