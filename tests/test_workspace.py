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
    printed = "".join(output.get("text", "") for cell in nb.cells
                      for output in cell.get("outputs", []))
    assert "not attempted yet" in printed and "Error" not in printed


def course_of(tmp_path, *chapters):
    course = tmp_path / "course"
    course.mkdir(exist_ok=True)
    for chapter in chapters:
        shutil.copy(chapter, course)
    return course


def test_a_second_run_adds_new_chapters_and_keeps_the_learners(tmp_path):
    course, work = course_of(tmp_path, FIRST), tmp_path / "work"
    assert sync(work, course) == {"added": [FIRST.name], "kept": [], "refreshed": [],
                                  "updated": [], "skipped": {}}
    (work / FIRST.name).write_text("my answers", encoding="utf-8")
    course_of(tmp_path, SECOND)
    report = sync(work, course)
    assert report == {"added": [SECOND.name], "kept": [FIRST.name], "refreshed": [],
                      "updated": [], "skipped": {}}
    assert (work / FIRST.name).read_text(encoding="utf-8") == "my answers"
    assert (work / SECOND.name).read_bytes() == SECOND.read_bytes()
    manifest = json.loads((work / MANIFEST).read_text(encoding="utf-8"))
    assert sorted(manifest) == [FIRST.name, SECOND.name]


def test_a_chapter_changed_in_the_course_is_written_beside_the_learners(tmp_path, capsys):
    course, work = course_of(tmp_path, FIRST, SECOND), tmp_path / "work"
    sync(work, course)
    (work / FIRST.name).write_text("my answers", encoding="utf-8")
    (course / FIRST.name).write_text("course, corrected", encoding="utf-8")
    (course / SECOND.name).write_text("course, corrected too", encoding="utf-8")
    report = sync(work, course)
    assert report == {"added": [], "kept": [], "refreshed": [SECOND.name],
                      "updated": [FIRST.name], "skipped": {}}
    assert (work / SECOND.name).read_text(encoding="utf-8") == "course, corrected too", \
        "unsaved: replaced"
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


# Hostile folders: each case ends in a one-line note or the right result, the rest synced.

def _synced_twice(tmp_path, change_course=True):
    """A working folder synced from a course of two chapters, then the course's copies of
    both changed (if ``change_course``): ``(course, work)``."""
    course, work = course_of(tmp_path, FIRST, SECOND), tmp_path / "work"
    sync(work, course)
    if change_course:
        (course / FIRST.name).write_text("course, corrected", encoding="utf-8")
        (course / SECOND.name).write_text("course, corrected too", encoding="utf-8")
    return course, work


def test_work_saved_in_the_updated_copy_is_never_replaced(tmp_path, capsys):
    course, work = _synced_twice(tmp_path)
    (work / FIRST.name).write_text("my answers", encoding="utf-8")
    assert sync(work, course)["updated"] == [FIRST.name]
    updated = work / FIRST.name.replace(".ipynb", ".updated.ipynb")
    updated.write_text("my answers, in the new version", encoding="utf-8")  # switched to it
    (course / FIRST.name).write_text("course, corrected again", encoding="utf-8")
    (course / SECOND.name).write_text("course, corrected again too", encoding="utf-8")
    report = sync(work, course)
    assert report["refreshed"] == [SECOND.name] and report["updated"] == []
    assert list(report["skipped"]) == [FIRST.name]
    assert updated.read_text(encoding="utf-8") == "my answers, in the new version"
    assert (work / FIRST.name).read_text(encoding="utf-8") == "my answers"
    lines = workspace.summary(work, report)
    note = next(line for line in lines if line.startswith("chapter 01 "))
    assert note == (f"chapter 01 left as it is: {FIRST.name} changed in the course again, and "
                    f"{updated.name} holds work of yours (it is not as this tool wrote it): "
                    f"rename it and run this again to get the new version")
    assert not any("untouched" in line for line in lines)
    updated.rename(work / "01_mine.ipynb")  # the note's advice: the next run writes it
    assert sync(work, course)["updated"] == [FIRST.name]
    assert updated.read_text(encoding="utf-8") == "course, corrected again"


def test_an_updated_copy_never_saved_is_replaced_by_the_next_one(tmp_path):
    course, work = _synced_twice(tmp_path)
    (work / FIRST.name).write_text("my answers", encoding="utf-8")
    sync(work, course)
    (course / FIRST.name).write_text("course, corrected again", encoding="utf-8")
    assert sync(work, course)["updated"] == [FIRST.name]
    updated = work / FIRST.name.replace(".ipynb", ".updated.ipynb")
    assert updated.read_text(encoding="utf-8") == "course, corrected again"


@pytest.mark.parametrize("content", ["[]", "null", '{"01_a.ipynb": 5}', '"text"'])
def test_a_manifest_that_is_not_a_record_is_one_clear_error(tmp_path, capsys, content):
    (tmp_path / MANIFEST).write_text(content, encoding="utf-8")
    assert workspace.main([str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert f"{tmp_path / MANIFEST} is damaged (it is not a list of notebook names and " \
           f"hashes): delete it and run this again (your notebooks are kept)" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == [MANIFEST]


def test_a_folder_at_a_chapters_path_skips_that_chapter_only(tmp_path, capsys):
    course, work = course_of(tmp_path, FIRST, SECOND), tmp_path / "work"
    (work / FIRST.name).mkdir(parents=True)
    (work / FIRST.name / "notes.txt").write_text("mine", encoding="utf-8")
    report = sync(work, course)
    assert report["added"] == [SECOND.name] and list(report["skipped"]) == [FIRST.name]
    assert report["skipped"][FIRST.name] == (f"{FIRST.name} is a folder, not a notebook: rename "
                                             f"it and run this again")
    assert (work / FIRST.name / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (work / SECOND.name).read_bytes() == SECOND.read_bytes()


def test_a_dangling_link_at_a_chapters_path_is_not_written_through(tmp_path):
    course, work = course_of(tmp_path, FIRST, SECOND), tmp_path / "work"
    work.mkdir()
    target = tmp_path / "elsewhere" / "gone.ipynb"
    (work / FIRST.name).symlink_to(target)
    report = sync(work, course)
    assert report["added"] == [SECOND.name]
    assert report["skipped"][FIRST.name] == (
        f"{FIRST.name} is a link to {target}, which does not exist: remove the link (or put "
        f"the notebook back) and run this again")
    assert not target.exists() and not target.parent.exists()
    assert (work / FIRST.name).is_symlink()


def test_a_read_only_copy_gets_the_new_version_beside_it_and_the_rest_go_on(tmp_path):
    course, work = _synced_twice(tmp_path)
    mine = work / FIRST.name
    mine.chmod(0o444)
    try:
        report = sync(work, course)
    finally:
        mine.chmod(0o644)
    assert report == {"added": [], "kept": [], "refreshed": [SECOND.name],
                      "updated": [FIRST.name], "skipped": {}}
    assert mine.read_bytes() == FIRST.read_bytes()  # left as the learner protected it
    assert mine.with_name(FIRST.name.replace(".ipynb", ".updated.ipynb")).read_text(
        encoding="utf-8") == "course, corrected"


def test_a_chapter_that_cannot_be_written_is_noted_and_the_rest_go_on(tmp_path, monkeypatch):
    course, work = _synced_twice(tmp_path)
    write = workspace.write_atomically

    def refuse_the_first(path, data):
        if path.name.startswith("01_"):
            raise PermissionError(13, "Permission denied", str(path))
        write(path, data)
    monkeypatch.setattr(workspace, "write_atomically", refuse_the_first)
    report = sync(work, course)
    assert report["refreshed"] == [SECOND.name]
    assert report["skipped"] == {FIRST.name: f"{FIRST.name} could not be synced "
                                             f"({work / FIRST.name}: Permission denied): fix "
                                             f"that and run this again"}
    assert (work / FIRST.name).read_bytes() == FIRST.read_bytes()
    # Nothing recorded for it: the next run tries it again.
    monkeypatch.setattr(workspace, "write_atomically", write)
    assert sync(work, course)["refreshed"] == [FIRST.name]


def test_nothing_is_left_under_a_temporary_name(tmp_path):
    course, work = _synced_twice(tmp_path)
    sync(work, course)
    assert sorted(p.name for p in work.iterdir()) == sorted([FIRST.name, SECOND.name, MANIFEST])
