"""How python -m shared.course.progress finds the learner's notebooks: a copy of a chapter
(Jupyter's ``NN_slug-Copy1.ipynb``) in the folder is skipped with a note, not refused; named
on its own, it counts as the chapter of its number. Uses the miniature chapter in
tests/fixtures, as test_progress_and_grade.py does."""
import os
import shutil

import pytest
from nbtools import make_learner_copy, normalize, read, write

from shared.course import progress as progress_module
from shared.course.contract import ROOT

EXAMPLE = "01_example.ipynb"
COPY = "01_example-Copy1.ipynb"


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """The course's copy of the fixture chapter, made by the tools."""
    folder = tmp_path_factory.mktemp("course")
    solution = ROOT / "tests" / "fixtures" / "solutions" / EXAMPLE
    learner, _ = make_learner_copy(normalize(read(solution)), f"solutions/{EXAMPLE}")
    write(normalize(learner), folder / EXAMPLE)
    return folder


@pytest.fixture
def work(tmp_path, course, monkeypatch):
    """A learner's folder with the chapter, a Jupyter copy of it, and its updated version."""
    # The kernel imports the fixture chapter's checks, as the pytest process does.
    fixtures = ROOT / "tests" / "fixtures"
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(ROOT), str(fixtures)]))
    folder = tmp_path / "work"
    folder.mkdir()
    for name in (EXAMPLE, COPY, "01_example.updated.ipynb"):
        shutil.copy(course / EXAMPLE, folder / name)
    return folder


def test_a_copy_in_the_folder_is_skipped_with_a_note(work, course, capsys):
    assert progress_module.notebooks_in([work], course) == [work / EXAMPLE]
    assert capsys.readouterr().err == (f"note: skipped {work / COPY}, not named as a chapter of "
                                       f"the course (a copy?): name it on its own to see its "
                                       f"progress\n")


def test_a_copy_named_on_its_own_counts_as_its_chapter(work, course):
    assert progress_module.notebooks_in([work / COPY], course) == [work / COPY]
    assert progress_module.course_chapter(work / COPY, course) == course / EXAMPLE
    assert progress_module.course_chapter(work / "02_other.ipynb", course) is None


def test_the_view_runs_with_a_copy_in_the_folder(work, course, capsys):
    assert progress_module.main([str(work), "--course", str(course)]) == 0
    out, err = capsys.readouterr()
    assert err.startswith(f"note: skipped {work / COPY}, not named as a chapter")
    assert COPY not in out
    assert out.splitlines()[1:] == ["01       relu           not attempted",
                                    "01       dense_forward  not attempted",
                                    "0 of 2 exercises done, chapter 1 is next."]
    assert progress_module.main([str(work / COPY), "--course", str(course)]) == 0
    assert capsys.readouterr().out.endswith("0 of 2 exercises done, chapter 1 is next.\n")


def test_a_check_whose_cell_fails_in_the_kernel_says_so(tmp_path, course, monkeypatch, capsys):
    """Where the kernel cannot run the grader's cell (here: the fixture's check module is not
    importable there), the view names the error instead of blaming the notebook."""
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    shutil.copy(course / EXAMPLE, tmp_path / EXAMPLE)
    assert progress_module.main([str(tmp_path / EXAMPLE), "--course", str(course)]) == 0
    row = next(line for line in capsys.readouterr().out.splitlines() if "dense_forward" in line)
    assert "the check's own cell raised ModuleNotFoundError" in row, row
