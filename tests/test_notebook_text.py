"""Tests of the notebooks' text: no hidden characters, and no exercise that breaks the narrative.

- No cell (source or output) holds a control character other than newline and tab: such a
  character is invisible in Jupyter and usually a typing accident (a `\\a` of `\\approx`
  written in a normal Python string becomes the BEL character).
- No exercise defines a name that the rest of the notebook defines or uses. The learner's
  copy turns an exercise into a stub that raises NotImplementedError; if a narrative cell
  used the same name, running that cell again after the stub would fail.
"""
import ast
import unicodedata

import make_chapters
import pytest
from nbformat.v4 import new_code_cell, new_notebook
from nbtools import exercise_cells, is_exercise, read

ROOT = make_chapters.ROOT
SOLUTIONS = sorted(make_chapters.SOLUTIONS.glob("*.ipynb"))
NOTEBOOKS = SOLUTIONS + sorted(make_chapters.CHAPTERS.glob("*.ipynb"))
ALLOWED_CONTROL = {"\n", "\t"}


def relative(path):
    return str(path.relative_to(ROOT))


def cell_texts(cell):
    """(what, text) for a cell's source and every text of its outputs."""
    yield "source", cell.source
    for output in cell.get("outputs", []):
        if "text" in output:
            yield "output", output["text"]
        for mime, data in output.get("data", {}).items():
            if mime.startswith("text/") and isinstance(data, str):
                yield f"output {mime}", data


def control_characters(text):
    """The control characters in text, other than newline and tab, as (line number, repr)."""
    return [(text.count("\n", 0, position) + 1, repr(character))
            for position, character in enumerate(text)
            if unicodedata.category(character) == "Cc" and character not in ALLOWED_CONTROL]


def defined_names(source):
    """Names a cell binds at top level: functions, classes, assignments and imports."""
    names = set()
    for statement in ast.parse(source).body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(statement.name)
        elif isinstance(statement, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            names |= {node.id for target in targets for node in ast.walk(target)
                      if isinstance(node, ast.Name)}
        elif isinstance(statement, (ast.Import, ast.ImportFrom)):
            names |= {(alias.asname or alias.name).split(".")[0] for alias in statement.names}
    return names


def mentioned_names(source):
    """Every bare name a cell reads or binds, anywhere in its code."""
    tree = ast.parse(source)
    names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    return names | defined_names(source)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=relative)
def test_no_control_characters(path):
    found = [f"cell {index + 1} {what}, line {line}: {character}"
             for index, cell in enumerate(read(path).cells)
             for what, text in cell_texts(cell)
             for line, character in control_characters(text)]
    assert not found, (f"{relative(path)} holds control characters (in a Python string, "
                       "'\\a' is BEL: use a raw string r'...' for LaTeX): " + "; ".join(found))


def exercise_clashes(nb, name):
    """Where a name an exercise defines is also defined or used by a narrative cell."""
    pairs = exercise_cells(nb, name)
    exercise_indices = {index for pair in pairs for index in pair}
    exercise_names = {defined: index for index, _ in pairs
                      for defined in defined_names(nb.cells[index].source)}
    clashes = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or index in exercise_indices or is_exercise(cell):
            continue
        for clash in sorted(mentioned_names(cell.source) & set(exercise_names)):
            clashes.append(f"`{clash}`, the exercise of cell {exercise_names[clash] + 1}, "
                           f"is also defined or used by cell {index + 1}")
    return clashes


@pytest.mark.parametrize("path", SOLUTIONS, ids=relative)
def test_no_exercise_shadows_a_name_the_narrative_uses(path):
    clashes = exercise_clashes(read(path), relative(path))
    assert not clashes, (f"{relative(path)}: " + "; ".join(clashes) + ". In the learner's copy "
                         "the exercise is a stub that raises NotImplementedError, so that cell "
                         "would fail when run after it: give the exercise a name of its own.")


EXERCISE = ("class Loss_BinaryCrossentropy:\n    def forward(self):\n"
            "        ### BEGIN SOLUTION\n        return 1\n        ### END SOLUTION\n")


@pytest.mark.parametrize("narrative", [
    "class Loss_BinaryCrossentropy:\n    pass",             # defined before the exercise
    "loss = Loss_BinaryCrossentropy()",                    # used by a narrative cell
    "print([Loss_BinaryCrossentropy for _ in range(2)])",  # used deep inside an expression
])
def test_a_narrative_cell_that_defines_or_uses_an_exercise_name_is_a_clash(narrative):
    nb = new_notebook(cells=[new_code_cell(narrative), new_code_cell(EXERCISE),
                             new_code_cell("check_bce(Loss_BinaryCrossentropy)")])
    assert exercise_clashes(nb, "example") == [
        "`Loss_BinaryCrossentropy`, the exercise of cell 2, is also defined or used by cell 1"]


def test_check_cells_and_other_names_are_no_clash():
    nb = new_notebook(cells=[new_code_cell("import shared\n"
                                           "loss = shared.Loss_BinaryCrossentropy()"),
                             new_code_cell(EXERCISE),
                             new_code_cell("check_bce(Loss_BinaryCrossentropy)")])
    assert exercise_clashes(nb, "example") == []


def test_control_characters_are_found_with_their_line():
    assert control_characters("a\tb\nc \\approx d") == []
    assert control_characters("first line\n\\pi \approx 3") == [(2, repr("\a"))]
