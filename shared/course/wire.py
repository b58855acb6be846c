"""What comes back from a learner's kernel to the grader: values as JSON of typed nodes.

Never pickle and never eval: the grader reads only these nodes, checked one by one, and turns
anything else into an error. A node is {"t": kind, ...}:

    none, bool (v), int (v: its digits), float (v: its repr), str (v)
    tuple, list (items: nodes), dict (items: [key node, value node] pairs)
    array (dtype, shape, data: base64 of the bytes), scalar (a NumPy scalar, the same fields):
        numeric and bool dtypes only ("<f8", "|b1", ...)
    object (type, repr, attrs: {name: node}): any other object, its type name kept so that
        messages say "got a Foo"; functions, classes and modules carry no attrs

Tuples, lists and dicts are read through their base type's methods, so a subclass whose
__len__ or __iter__ lies is sent as the items it really holds.
"""
import base64
import hashlib
import json
import re

import numpy as np

MAX_DEPTH = 30  # nesting deeper than this is sent as an object node without attrs
MAX_NODES = 100_000  # nodes in one value
MAX_BYTES = 64 * 2**20  # array bytes in one value; also the most the grader reads back
MAX_TEXT = 100_000  # characters of a str value
REPR_LIMIT = 600  # characters of an object's repr
DTYPE = re.compile(r"^[<>|=]?[biufc][0-9]{1,2}$")  # numeric and bool dtypes only


class TooLarge(Exception):
    """The value is larger than the channel carries."""


def encode(value, budget=None, depth=0):
    """The node of a value (see the module's docstring). Raises TooLarge beyond the limits."""
    budget = budget if budget is not None else {"nodes": MAX_NODES, "bytes": MAX_BYTES}
    budget["nodes"] -= 1
    if budget["nodes"] < 0:
        raise TooLarge(f"more than {MAX_NODES} values")
    if value is None or isinstance(value, bool):
        return {"t": "none"} if value is None else {"t": "bool", "v": value}
    if isinstance(value, int):
        return {"t": "int", "v": int.__repr__(value)}
    if isinstance(value, float):
        return {"t": "float", "v": float.__repr__(value)}
    if isinstance(value, str) and len(value) <= MAX_TEXT:
        return {"t": "str", "v": str.__str__(value)}
    if isinstance(value, (np.ndarray, np.generic)) and depth < MAX_DEPTH:
        array = np.ndarray.view(np.asarray(value), np.ndarray) if isinstance(value, np.ndarray) \
            else np.array(value)
        if DTYPE.match(array.dtype.str):
            budget["bytes"] -= array.nbytes
            if budget["bytes"] < 0:
                raise TooLarge(f"more than {MAX_BYTES} bytes")
            data = base64.b64encode(np.ascontiguousarray(array).tobytes()).decode("ascii")
            return {"t": "scalar" if isinstance(value, np.generic) else "array",
                    "dtype": array.dtype.str, "shape": list(array.shape), "data": data}
    if depth < MAX_DEPTH:
        for kind, name in ((tuple, "tuple"), (list, "list")):
            if isinstance(value, kind):
                items = [kind.__getitem__(value, i) for i in range(kind.__len__(value))]
                return {"t": name, "items": [encode(item, budget, depth + 1) for item in items]}
        if isinstance(value, dict):
            return {"t": "dict", "items": [[encode(key, budget, depth + 1),
                                            encode(dict.__getitem__(value, key), budget, depth + 1)]
                                           for key in list(dict.keys(value))]}
    return _object(value, budget, depth)


def _object(value, budget, depth):
    node = {"t": "object", "type": str(type(value).__name__)[:100], "repr": safe_repr(value)}
    try:
        attrs = object.__getattribute__(value, "__dict__")
    except Exception:  # noqa: BLE001 - no instance attributes, or a broken __getattribute__
        attrs = None
    if type(attrs) is dict and not callable(value) and depth < MAX_DEPTH:
        node["attrs"] = {key: encode(item, budget, depth + 1)
                         for key, item in list(attrs.items()) if type(key) is str}
    return node


def safe_repr(value):
    try:
        text = repr(value)
        return text if len(text) <= REPR_LIMIT else text[:REPR_LIMIT - 3] + "..."
    except Exception:  # noqa: BLE001 - a broken __repr__
        return f"<a {type(value).__name__}>"


def digest(value):
    """A fingerprint of a value's node: equal for values the grader would read as equal."""
    try:
        text = json.dumps(encode(value), sort_keys=True)
    except Exception:  # noqa: BLE001 - too large, or not encodable: never counted as unchanged
        return None
    return hashlib.sha256(text.encode()).hexdigest()


class Opaque:
    """An object of the learner's, as the grader sees it: its type name, repr and attributes."""

    _repr = ""

    def __repr__(self):
        return self._repr


_opaque_types = {}


def opaque(type_name, text, attrs=None):
    """An instance of an Opaque subclass named `type_name`, so messages name the type."""
    name = re.sub(r"\W", "_", type_name)[:100] or "object"
    cls = _opaque_types.setdefault(name, type(name, (Opaque,), {}))
    instance = cls()
    instance.__dict__.update(attrs or {})
    object.__setattr__(instance, "_repr", text)
    return instance


class Malformed(Exception):
    """A node that is not one the grader reads."""


def decode(node, depth=0):
    """The value of a node; Malformed for anything that is not a valid node."""
    if depth > MAX_DEPTH + 2 or not isinstance(node, dict) or not isinstance(node.get("t"), str):
        raise Malformed("not a node")
    kind, v = node["t"], node.get("v")
    if kind == "none":
        return None
    if kind == "bool" and isinstance(v, bool):
        return v
    if kind == "int" and isinstance(v, str) and re.fullmatch(r"-?[0-9]{1,4300}", v):
        return int(v)
    if kind == "float" and isinstance(v, str) and re.fullmatch(r"-?(inf|nan|[0-9.e+-]{1,40})", v):
        return float(v)
    if kind == "str" and isinstance(v, str):
        return v
    if kind in ("array", "scalar"):
        return _array(node, kind)
    if kind in ("tuple", "list") and isinstance(node.get("items"), list):
        items = [decode(item, depth + 1) for item in node["items"]]
        return tuple(items) if kind == "tuple" else items
    if kind == "dict" and isinstance(node.get("items"), list):
        pairs = [(decode(key, depth + 1), decode(value, depth + 1)) for key, value in
                 (_pair(item) for item in node["items"])]
        try:
            return dict(pairs)
        except TypeError as error:  # an unhashable key
            raise Malformed("a dict key that is not hashable") from error
    if kind == "object" and isinstance(node.get("type"), str) and isinstance(node.get("repr"), str):
        attrs = node.get("attrs", {})
        if not isinstance(attrs, dict):
            raise Malformed("attrs that are not a dict")
        return opaque(node["type"], node["repr"][:REPR_LIMIT],
                      {str(key): decode(value, depth + 1) for key, value in attrs.items()})
    raise Malformed(f"a node of kind {kind!r} that is not valid")


def _pair(item):
    if not isinstance(item, list) or len(item) != 2:
        raise Malformed("a dict item that is not a pair")
    return item


def _array(node, kind):
    dtype, shape, data = node.get("dtype"), node.get("shape"), node.get("data")
    if not (isinstance(dtype, str) and DTYPE.match(dtype) and isinstance(shape, list)
            and len(shape) <= 32 and all(type(n) is int and 0 <= n for n in shape)
            and isinstance(data, str) and (kind == "array" or shape == [])):
        raise Malformed("an array node that is not valid")
    raw = base64.b64decode(data, validate=True)
    dtype = np.dtype(dtype)
    if len(raw) != int(np.prod(shape, dtype=object)) * dtype.itemsize:
        raise Malformed("an array whose bytes do not match its shape")
    array = np.frombuffer(raw, dtype=dtype).reshape(shape).copy()
    return array[()] if kind == "scalar" else array
