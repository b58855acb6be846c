"""Reading a learner's notebook without trusting it: whatever a file holds, these functions
return what can be used of it, or raise NotebookUnreadable with a one-line reason.

What is checked comes from the course, never from the learner's notebook: the course's copy
of the chapter (``chapters/NN_slug.ipynb``) lists its exercises in the metadata of its
exercise cells (written by tools/make_chapters.py), each with an id, a check and the name of
the answer. The learner's cell that holds an exercise is found by the same id in its
metadata, wherever the learner moved it.
"""
import ast
import os
import stat

import nbformat

from .contract import EXERCISE_KEY, is_check_cell

MAX_NOTEBOOK_BYTES = 50 * 2**20  # a chapter with its outputs is a few megabytes


class NotebookUnreadable(Exception):
    """The file cannot be read as a notebook; the message says why, in one line."""


def read_bytes(path, within=None):
    """The bytes of a regular file, never following a link out of the folder `within`, never
    opening a FIFO or device, at most MAX_NOTEBOOK_BYTES."""
    name = os.fsencode(os.path.basename(path)).decode("utf-8", "backslashreplace")
    real = os.path.realpath(path)
    if within is not None and os.path.commonpath([real, os.path.realpath(within)]) != \
            os.path.realpath(within):
        raise NotebookUnreadable(f"{name} is a link to a file outside the learner's folder")
    try:
        fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    except OSError as error:
        raise NotebookUnreadable(f"could not open {name}: {error.strerror}") from error
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise NotebookUnreadable(f"{name} is not a regular file")
        if info.st_size > MAX_NOTEBOOK_BYTES:
            raise NotebookUnreadable(f"{name} is larger than {MAX_NOTEBOOK_BYTES // 2**20} MB")
        return file.read(MAX_NOTEBOOK_BYTES + 1)


def read_notebook(path, within=None):
    """The notebook at `path` (see read_bytes), as nbformat reads it."""
    data = read_bytes(path, within)
    name = os.fsencode(os.path.basename(path)).decode("utf-8", "backslashreplace")
    try:
        nb = nbformat.reads(data.decode("utf-8"), as_version=4)
    except Exception as error:  # noqa: BLE001 - not UTF-8, not JSON, not a notebook, too deep
        text = str(error).strip().splitlines()
        reason = text[0] if text else type(error).__name__
        raise NotebookUnreadable(f"could not read {name}: {reason}") from None
    if not isinstance(nb, dict):
        raise NotebookUnreadable(f"could not read {name}: not a notebook")
    return nb


def cells(nb):
    """The notebook's cells that are dicts, with their index: [(index, cell), ...]."""
    found = nb.get("cells") if isinstance(nb, dict) else None
    return [(index, cell) for index, cell in enumerate(found if isinstance(found, list) else [])
            if isinstance(cell, dict)]


def source(cell):
    """A cell's source as a string, or None when it is neither a string nor a list of them."""
    text = cell.get("source")
    if isinstance(text, list) and all(isinstance(line, str) for line in text):
        text = "".join(text)
    return text if isinstance(text, str) else None


def code_cells(nb):
    """[(index, source), ...] of the code cells that the grader runs: check cells left out."""
    found = []
    for index, cell in cells(nb):
        text = source(cell)
        if cell.get("cell_type") == "code" and text is not None and not _is_check_cell(text):
            found.append((index, text))
    return found


def _is_check_cell(text):
    try:
        return is_check_cell(text)
    except Exception:  # noqa: BLE001 - a source the parser refuses: run it, it fails there
        return False


def exercises_of(nb):
    """The exercises that cells carry in their metadata: [(cell index, entry), ...]; entries
    without a string id, check and answer are left out."""
    found = []
    for index, cell in cells(nb):
        metadata = cell.get("metadata")
        course = metadata.get(EXERCISE_KEY) if isinstance(metadata, dict) else None
        entries = course.get("exercises") if isinstance(course, dict) else None
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict) and all(isinstance(entry.get(key), str)
                                               for key in ("id", "check", "answer")):
                found.append((index, entry))
    return found


def course_exercises(chapter):
    """The exercises of a course chapter, in order: [{"id", "check", "answer"}, ...]."""
    return [entry for _, entry in exercises_of(nbformat.read(chapter, as_version=4))]


def defines(text, name):
    """True if a cell's source defines `name` with a top-level def or class."""
    try:
        body = ast.parse(text).body
    except Exception:  # noqa: BLE001 - a syntax error, a null byte, too deeply nested
        return False
    return any(isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name == name
               for node in body)


def locate(nb, exercises):
    """{exercise id: index of the learner's cell that holds it}; ids not found are left out.

    A cell is found by the id in its metadata; a notebook without ids (a solutions notebook)
    by the first code cell that defines the answer.
    """
    tagged = {}
    for index, entry in exercises_of(nb):
        tagged.setdefault(entry["id"], index)
    code = code_cells(nb)
    found = {}
    for entry in exercises:
        if entry["id"] in tagged:
            found[entry["id"]] = tagged[entry["id"]]
        elif not tagged:
            index = next((i for i, text in code if defines(text, entry["answer"])), None)
            if index is not None:
                found[entry["id"]] = index
    return found
