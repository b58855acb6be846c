"""How a check compares an answer with the expected one, and prints values in its messages."""
import numpy as np

RTOL, ATOL = 1e-5, 1e-7  # float64 answers agree far closer than this, float32 ones too


def close_enough(got, expected, parts=None):
    """Compare an answer with the expected one; return (ok, reason), reason saying what is off.

    Floats: real numbers within RTOL and ATOL. Arrays: a NumPy array of the same shape and
    such values. Tuples: a tuple, lists: a list or tuple, and dicts: a dict, compared item by
    item (``parts`` names a tuple's items in the reason). Bools: a bool. Whole numbers: a
    number of that value. Anything else: exactly equal.
    """
    if got is None and expected is not None:
        return False, "your code returned None: did you forget `return`?"
    if isinstance(expected, (tuple, list)):
        return _close_sequence(got, expected, parts)
    if isinstance(expected, np.ndarray) and not isinstance(got, (np.ndarray, np.generic)):
        return False, f"expected a NumPy array, got a {type(got).__name__}"
    if isinstance(expected, dict):
        if not isinstance(got, dict) or set(dict.keys(got)) != set(expected):
            return False, f"expected a dict with keys {sorted(expected)}"
        for key, want in expected.items():
            ok, reason = close_enough(dict.__getitem__(got, key), want)
            if not ok:
                return False, f"[{key!r}]: {reason}"
        return True, ""
    if isinstance(expected, (bool, np.bool_)):
        if not isinstance(got, (bool, np.bool_)):
            return False, f"expected True or False, got a {type(got).__name__}"
        return bool(got) == bool(expected), ""
    if isinstance(expected, (float, np.floating, np.ndarray)):
        return _close_numbers(got, expected)
    if isinstance(expected, (int, np.integer)):
        number = (int, float, np.integer, np.floating)
        if isinstance(got, (bool, np.bool_)) or not isinstance(got, number):
            return False, f"expected a whole number, got a {type(got).__name__}"
        return got == expected, ("" if got == expected
                                 else f"expected {show(expected)}, got {show(got)}")
    if not isinstance(got, type(expected)):
        return False, f"expected a {type(expected).__name__}, got a {type(got).__name__}"
    try:
        same = bool(got == expected)
        return same, "" if same else f"expected {show(expected)}, got {show(got)}"
    except Exception:  # noqa: BLE001 - an __eq__ that raises is a wrong answer, not a crash
        return False, f"expected a {type(expected).__name__}, got a {type(got).__name__}"


def items(value):
    """The items of a tuple or list as a plain list, read without the value's own __len__ or
    __iter__ (which a subclass may make lie); None for anything else."""
    for kind in (tuple, list):
        if isinstance(value, kind):
            return [kind.__getitem__(value, index) for index in range(kind.__len__(value))]
    return None


def _close_sequence(got, expected, parts):
    kind = tuple if isinstance(expected, tuple) else list
    expected = items(expected)
    names = list(parts) if parts else [f"item {index}" for index in range(len(expected))]
    got_items = items(got) if isinstance(got, tuple if kind is tuple else (tuple, list)) else None
    if got_items is None or len(got_items) != len(expected):
        listed = f" ({', '.join(parts)})" if parts else ""
        found = f"a {type(got).__name__}" if got_items is None else f"{len(got_items)}"
        return False, f"expected a {kind.__name__} of {len(expected)} items{listed}, got {found}"
    for name, item, want in zip(names, got_items, expected):
        ok, reason = close_enough(item, want)
        if not ok:
            return False, f"{name}: {reason}"
    return True, ""


def _close_numbers(got, expected):
    try:
        got = np.asarray(got)
    except Exception:  # noqa: BLE001 - e.g. a ragged list
        return False, "expected numbers"
    if np.iscomplexobj(got):
        return False, "expected real numbers, got complex ones"
    if not (np.issubdtype(got.dtype, np.number) or got.dtype == bool):
        return False, f"expected numbers, got {got.dtype} values"
    if got.shape != np.shape(expected):
        return False, f"shape {got.shape}, expected shape {np.shape(expected)}"
    got, expected = got.astype(float), np.asarray(expected, dtype=float)  # True/False as 1/0
    if np.isnan(got).any() and not np.isnan(expected).any():
        return False, "your answer contains NaN (not a number)"
    close = np.isclose(got, expected, rtol=RTOL, atol=ATOL, equal_nan=True)
    if close.all():
        return True, ""
    difference = np.where(close, 0.0, np.abs(got - expected))
    worst = np.unravel_index(np.nanargmax(difference), difference.shape)
    reason = f"largest difference {difference[worst]:.3g}"
    if got.ndim:
        where = ", ".join(str(int(i)) for i in worst)
        reason += (f", at [{where}] (expected {expected[worst]:.6g}, got {got[worst]:.6g}; "
                   f"{np.count_nonzero(~close)} of {close.size} values differ)")
    return False, reason


def show(value):
    """A value as messages print it: numpy scalars as plain numbers, arrays at 6 digits."""
    if isinstance(value, np.generic):
        value = value.item()
    with np.printoptions(precision=6, suppress=True, threshold=24, edgeitems=2, linewidth=75):
        try:
            return cap(repr(value), 600)
        except Exception:  # noqa: BLE001 - an object with a broken __repr__
            return f"<a {type(value).__name__}>"


def describe(value, width=70):
    """A one-line summary of a value: big arrays by shape and first row, others cut to width."""
    if isinstance(value, np.ndarray) and (value.ndim > 1 or value.size > 6):
        row = value.reshape(-1, value.shape[-1])[0] if value.size else value.reshape(-1)
        floats = np.issubdtype(row.dtype, np.floating)
        items = ", ".join(f"{item:.4g}" if floats else str(item) for item in row[:4])
        more = ", ..." if len(row) > 4 else ""
        where = "first row" if value.ndim > 1 else "starts"
        return f"array(shape={value.shape}, {where} [{items}{more}])"
    return cap(show(value).replace("\n", " "), width)


def cap(text, limit):
    """``text`` cut to at most ``limit`` characters, saying that it was cut."""
    return text if len(text) <= limit else text[: limit - 3] + "..."
