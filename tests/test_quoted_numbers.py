"""The prose quotes only numbers its outputs print.

The rule: a number written in bold in a markdown cell (`**0.873**`, `**3.3e-11**`,
`**69%**`, `**-0.50**`; a bold span of numbers alone, not `**Chapter 17**`) claims a printed
result, so it must appear, as written (thousands separators aside), in the text output of a
code cell of the same section: the cells from the markdown heading above it down to the next
heading. Numbers that are not a printed
result (a chosen setting, a formula's constant) are written without bold.
"""
import re

import make_chapters
import pytest
from nbtools import read

SOLUTIONS = sorted(make_chapters.SOLUTIONS.glob("*.ipynb"))
BOLD = re.compile(r"\*\*(.+?)\*\*")
NUMBER = re.compile(r"(?<![\w.])[-+−]?\d[\d,]*(?:\.\d+)?(?:e[-+]?\d+)?%?(?![\w])")


def quoted_numbers(markdown):
    """The numbers of the bold spans of a markdown text that hold numbers alone, as written."""
    return [number for span in BOLD.findall(markdown)
            if NUMBER.search(span) and not NUMBER.sub("", span).strip(" ,;%~≈()$")
            for number in NUMBER.findall(span)]


def output_text(cell):
    texts = []
    for output in cell.get("outputs", []):
        texts.append(output.get("text", ""))
        texts += [data for mime, data in output.get("data", {}).items()
                  if mime == "text/plain" and isinstance(data, str)]
    return "".join(texts)


def sections(nb):
    """Lists of cell indices, each starting at a markdown heading."""
    groups = [[]]
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown" and cell.source.lstrip().startswith("#"):
            groups.append([])
        groups[-1].append(index)
    return [group for group in groups if group]


def normal(number):
    return number.replace(",", "").replace("−", "-").lstrip("+")


def unprinted(nb):
    """(cell number, number) for every bold number that its section's outputs do not print."""
    missing = []
    for group in sections(nb):
        printed = normal(" ".join(output_text(nb.cells[i]) for i in group
                                  if nb.cells[i].cell_type == "code"))
        for i in group:
            if nb.cells[i].cell_type != "markdown":
                continue
            for number in quoted_numbers(nb.cells[i].source):
                if normal(number).rstrip("%") not in printed:
                    missing.append((i + 1, number))
    return missing


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda path: path.name)
def test_every_bold_number_is_printed_in_its_section(path):
    missing = unprinted(read(path))
    assert not missing, (f"{path.name}: bold numbers that no output of their section prints "
                         f"(cell, number): {missing}")


def test_the_rule_finds_a_number_the_output_no_longer_prints():
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
    code = new_code_cell("print(loss)", outputs=[new_output("stream", name="stdout",
                                                             text="loss: 1.0713\n")])
    nb = new_notebook(cells=[new_markdown_cell("## Training"), code,
                             new_markdown_cell("The loss ends at **1.071**, then **0.52** and 3 "
                                               "(**Chapter 2**).")])
    assert unprinted(nb) == [(3, "0.52")]
