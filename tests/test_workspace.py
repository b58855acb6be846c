"""Tests of python -m shared.course.workspace: the learner's own copies of the chapters."""
import json
import shutil

import pytest
from nbclient import NotebookClient

from shared.course import workspace
from shared.course.workspace import COURSE_CHAPTERS, MANIFEST, sync
from nbtools import read

FIRST = sorted(COURSE_CHAPTERS.glob("01_*.ipynb"))[0]
SECOND = sorted(COURSE_CHAPTERS.glob("02_*.ipynb"))[0]


def test_a_copied_chapter_runs_top_to_bottom_from_the_working_folder(tmp_path, capsys):
    assert workspace.main([str(tmp_path / "work")]) == 0
    out = capsys.readouterr().out
    assert f"copied {len(list(COURSE_CHAPTERS.glob('*.ipynb')))} chapter(s) into" in out
    assert f"next: jupyter lab {tmp_path / 'work' / FIRST.name}" in out
    nb = read(tmp_path / "work" / FIRST.name)
    NotebookClient(nb, kernel_name="python3", timeout=120,
                   resources={"metadata": {"path": str(tmp_path / "work")}}).execute()
    printed = "".join(output.get("text", "") for cell in nb.cells for output in cell.get("outputs", []))
    assert "not attempted yet" in printed and "Error" not in printed


def course_of(tmp_path, *chapters):
    course = tmp_path / "course"
    course.mkdir(exist_ok=True)
    for chapter in chapters:
        shutil.copy(chapter, course)
    return course


def test_a_second_run_adds_new_chapters_and_keeps_the_learners(tmp_path):
    course, work = course_of(tmp_path, FIRST), tmp_path / "work"
    assert sync(work, course) == {"added": [FIRST.name], "kept": [], "refreshed": [], "updated": []}
    (work / FIRST.name).write_text("my answers", encoding="utf-8")
    course_of(tmp_path, SECOND)
    report = sync(work, course)
    assert report == {"added": [SECOND.name], "kept": [FIRST.name], "refreshed": [], "updated": []}
    assert (work / FIRST.name).read_text(encoding="utf-8") == "my answers"
    assert (work / SECOND.name).read_bytes() == SECOND.read_bytes()
    assert sorted(json.loads((work / MANIFEST).read_text(encoding="utf-8"))) == [FIRST.name, SECOND.name]


def test_a_chapter_changed_in_the_course_is_written_beside_the_learners(tmp_path, capsys):
    course, work = course_of(tmp_path, FIRST, SECOND), tmp_path / "work"
    sync(work, course)
    (work / FIRST.name).write_text("my answers", encoding="utf-8")
    (course / FIRST.name).write_text("course, corrected", encoding="utf-8")
    (course / SECOND.name).write_text("course, corrected too", encoding="utf-8")
    report = sync(work, course)
    assert report == {"added": [], "kept": [], "refreshed": [SECOND.name], "updated": [FIRST.name]}
    assert (work / SECOND.name).read_text(encoding="utf-8") == "course, corrected too", "unsaved: replaced"
    assert (work / FIRST.name).read_text(encoding="utf-8") == "my answers"
    updated = work / FIRST.name.replace(".ipynb", ".updated.ipynb")
    assert updated.read_text(encoding="utf-8") == "course, corrected"
    assert f"chapter 01 changed in the course: its new version is {updated}" in "\n".join(
        workspace.summary(work, report))
    assert sync(work, course)["updated"] == [], "said once, until the course changes again"


def test_a_damaged_manifest_is_one_clear_error(tmp_path, capsys):
    (tmp_path / MANIFEST).write_text("{not json", encoding="utf-8")
    assert workspace.main([str(tmp_path)]) == 1
    assert "is damaged" in capsys.readouterr().err


def test_the_test_suite_never_collects_the_working_folder(tmp_path, monkeypatch, capsys):
    shutil.copy(workspace.ROOT / "pytest.ini", tmp_path)
    (tmp_path / "tests").mkdir()
    shutil.copy(workspace.ROOT / "tests" / "nbval_sanitize.cfg", tmp_path / "tests")
    (tmp_path / "tests" / "test_course.py").write_text("def test_course():\n    pass\n")
    (tmp_path / "my_work").mkdir()
    (tmp_path / "my_work" / "test_mine.py").write_text("def test_mine():\n    pass\n")
    shutil.copy(FIRST, tmp_path / "my_work")
    # `python -m pytest` collects only the testpaths; even `pytest .` must skip my_work/.
    monkeypatch.chdir(tmp_path)
    assert pytest.main(["--collect-only", "-q", "-p", "no:cacheprovider", "."]) == 0
    out = capsys.readouterr().out
    assert "tests/test_course.py::test_course" in out
    assert "my_work" not in out
