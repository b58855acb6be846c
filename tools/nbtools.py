"""Notebook transformations behind tools/make_chapters.py (pure: nothing here runs a kernel).

An exercise is a cell of solutions/NN_slug.ipynb holding a region

    ### BEGIN SOLUTION
    ...the worked answer...
    ### END SOLUTION

In a code cell the region sits in the body of a function or class, and the next code cell
is the exercise's check cell, which only calls `check_*(...)` functions. The learner's
copy replaces each region with a stub and clears the outputs of exercise and check cells.

Each exercise cell of the learner's copy also carries, in its metadata, what the progress
view and the grader need to find and check it however the learner moves or edits cells:

    {"nnfs_course": {"exercises": [{"id": "09.dense_backward",
                                    "check": "shared.checks.ch09.check_dense_backward",
                                    "answer": "dense_backward"}]}}

one entry per call in its check cell: the id is the chapter number and the check's name
without `check_`, the check is where the notebook imports it from, the answer is the name
the check cell passes to it.
"""
import ast
import copy
import hashlib
import os
import re

import nbformat

from shared._archive import write_atomically
from shared.course.contract import EXERCISE_KEY, is_check_cell, stub_line

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
MARKDOWN_STUB = "*Write your answer here.*"
# A line that looks like a marker but is not exactly one would leak a solution: refuse it.
NEAR_MARKER = re.compile(r"#+\s*(BEGIN|END)\s+SOLUTION", re.IGNORECASE)
DEFINITION = re.compile(r"^(\s*)(?:async\s+def|def|class)\s+(\w+)")


KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
LANGUAGE_INFO = {"name": "python"}
# Per-cell metadata that records a run or a view, not the content.
VOLATILE_CELL_METADATA = ("execution", "ExecuteTime", "collapsed", "scrolled")


class NotebookError(Exception):
    """A notebook breaks the course's conventions; the message names the notebook and cell."""


def where(name, nb, index):
    """'solutions/03_x.ipynb, cell 4 (`def relu(x):`)': cells counted from 1, first line shown."""
    first = next((line for line in nb.cells[index].source.splitlines() if line.strip()), "")
    return f"{name}, cell {index + 1} (`{first.strip()[:50]}`)"


def solution_regions(source):
    """Line numbers (begin, end) of each solution region; ValueError if markers are wrong."""
    regions, begin = [], None
    for number, line in enumerate(source.split("\n")):
        marker = line.strip()
        if marker == BEGIN:
            if begin is not None:
                raise ValueError(f"nested {BEGIN!r} (line {number + 1}) inside the region "
                                 f"opened on line {begin + 1}")
            begin = number
        elif marker == END:
            if begin is None:
                raise ValueError(f"{END!r} on line {number + 1} has no {BEGIN!r} before it")
            regions.append((begin, number))
            begin = None
        elif NEAR_MARKER.search(line):
            raise ValueError(f"line {number + 1} looks like a marker but is not exactly "
                             f"{BEGIN!r} or {END!r}")
    if begin is not None:
        raise ValueError(f"{BEGIN!r} on line {begin + 1} has no {END!r} after it")
    return regions


def exercise_name(lines, begin):
    """Dotted name of the defs and classes around line `begin`, e.g. 'Layer_Dense.forward'."""
    names, indent = [], len(lines[begin]) - len(lines[begin].lstrip())
    for line in reversed(lines[:begin]):
        match = DEFINITION.match(line)
        if match and len(match[1]) < indent:
            names.append(match[2])
            indent = len(match[1])
    return ".".join(reversed(names)) or "exercise"


def stub_source(source, cell_type):
    """The source with every solution region replaced by a stub at the region's indentation."""
    lines = source.split("\n")
    for begin, end in reversed(solution_regions(source)):
        indent = lines[begin][: len(lines[begin]) - len(lines[begin].lstrip())]
        if cell_type == "markdown":
            stub = [indent + MARKDOWN_STUB]
        else:
            name = exercise_name(lines, begin)
            stub = [f"{indent}# YOUR CODE HERE",
                    indent + stub_line(name)]
        lines[begin : end + 1] = stub
    return "\n".join(lines)


def is_exercise(cell):
    """True if the cell (code or markdown) holds a solution region."""
    return any(line.strip() in (BEGIN, END) for line in cell.source.split("\n"))


def is_check(cell):
    """True for a code cell that only calls `check_*(...)` functions."""
    return cell.cell_type == "code" and is_check_cell(cell.source)


def exercise_cells(nb, name):
    """(exercise cell, check cell) index pairs for the code exercises, in order."""
    code = [i for i, cell in enumerate(nb.cells) if cell.cell_type == "code"]
    pairs = []
    for position, index in enumerate(code):
        if is_exercise(nb.cells[index]):
            following = code[position + 1] if position + 1 < len(code) else None
            if following is None or not is_check(nb.cells[following]):
                raise NotebookError(f"{where(name, nb, index)}: an exercise cell must be followed "
                                    "by its check cell, a code cell that only calls check_*(...)")
            pairs.append((index, following))
    return pairs


def imported_checks(nb):
    """{check name: module} for every `from module import check_...` in the notebook's code."""
    found = {}
    for cell in nb.cells:
        try:
            tree = ast.parse(cell.source) if cell.cell_type == "code" else None
        except SyntaxError:
            continue
        for node in ast.walk(tree) if tree else []:
            if isinstance(node, ast.ImportFrom) and node.module:
                found.update({alias.name: node.module for alias in node.names
                              if alias.name.startswith("check_") and not alias.asname})
    return found


def exercise_entries(nb, name, check_index):
    """The metadata entries of the exercise that the check cell at `check_index` checks."""
    chapter, modules, entries = os.path.basename(name)[:2], imported_checks(nb), []
    for statement in ast.parse(nb.cells[check_index].source).body:
        call, check = statement.value, statement.value.func.id
        if len(call.args) != 1 or call.keywords or not isinstance(call.args[0], ast.Name):
            raise NotebookError(f"{where(name, nb, check_index)}: a check call takes one "
                                f"argument, the name of the answer: {check}(answer)")
        if check not in modules:
            raise NotebookError(f"{where(name, nb, check_index)}: {check} must be imported "
                                f"with `from module import {check}`")
        entries.append({"id": f"{chapter}.{check.removeprefix('check_')}",
                        "check": f"{modules[check]}.{check}", "answer": call.args[0].id})
    return entries


def make_learner_copy(nb, name):
    """The learner's copy of a solutions notebook, and the indices of its exercise and check cells.

    Regions become stubs; exercise and check cells lose their outputs and execution counts,
    and each exercise cell gains its exercises' ids in its metadata; everything else
    (narrative outputs, ids, metadata) is kept as it is.
    """
    learner = copy.deepcopy(nb)
    for index, cell in enumerate(learner.cells):
        try:
            if is_exercise(cell) or NEAR_MARKER.search(cell.source):
                cell.source = stub_source(cell.source, cell.cell_type)
        except ValueError as error:
            raise NotebookError(f"{where(name, nb, index)}: {error}") from None
    pairs = exercise_cells(nb, name)
    for exercise, check in pairs:
        entries = exercise_entries(nb, name, check)
        learner.cells[exercise].metadata[EXERCISE_KEY] = {"exercises": entries}
    cleared = [index for pair in pairs for index in pair]
    for index in cleared:
        learner.cells[index].outputs = []
        learner.cells[index].execution_count = None
    return learner, cleared


def normalize(nb):
    """Put a notebook in the course's canonical form, in place, and return it.

    nbformat 4.5; fixed kernelspec and language_info and no other notebook metadata (no
    personal kernel names or paths); no run or view metadata on cells; no empty cells at
    the end; every cell with a unique id (missing ones derived from position and source).
    """
    nb.nbformat, nb.nbformat_minor = 4, 5
    nb.metadata = nbformat.from_dict(
        {"kernelspec": dict(KERNELSPEC), "language_info": dict(LANGUAGE_INFO)})
    while nb.cells and not nb.cells[-1].source.strip():
        nb.cells.pop()
    seen = set()
    for index, cell in enumerate(nb.cells):
        for key in VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
        if not cell.get("id") or cell.id in seen:
            cell.id = hashlib.sha1(f"{index}\n{cell.source}".encode()).hexdigest()[:8]
        seen.add(cell.id)
    return nb


def read(path):
    """Read a notebook as nbformat 4."""
    return nbformat.read(path, as_version=4)


def write(nb, path):
    """Validate and write a notebook (indent 1, trailing newline) atomically."""
    nbformat.validate(nb)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, (nbformat.writes(nb) + "\n").encode("utf-8"))
