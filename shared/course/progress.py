"""What you have done so far, ``python -m shared.course.progress [PATH ...]``.

Runs your notebooks (default: every chapter in ``my_work/`` if you made it with
``python -m shared.course.workspace``, else in ``chapters/``), each in a fresh kernel, calls every
exercise's check as its check cell does, and prints one table: chapter, exercise, status
(done / wrong / not attempted / error / too slow) and, where not done, the check's reason;
then a summary line. Your files are never modified. ``--json`` prints the same as data.
"""
import argparse
import json
import sys
from pathlib import Path

from .notebook import course_exercises
from .runner import CELL_TIMEOUT, run_many
from .contract import CHAPTER_PATTERN, COURSE_CHAPTERS
from .workspace import DEFAULT_FOLDER

STATUS = {"pass": "done", "fail": "wrong", "todo": "not attempted", "error": "error",
          "timeout": "too slow"}


def notebooks_in(paths, course=COURSE_CHAPTERS):
    """The chapter notebooks named or held by `paths`; OSError for a path that is not there.

    A folder's notebook that is not named as a chapter of `course` is skipped with a note on
    stderr: a copy, such as Jupyter's ``01_slug-Copy1.ipynb``, would count chapter 01 twice.
    Named on its own, a copy counts as the chapter of its number.
    """
    chapters = {chapter.name for chapter in course.glob(CHAPTER_PATTERN)}
    found = []
    for path in paths:
        if path.is_dir():
            for notebook in sorted(path.glob(CHAPTER_PATTERN)):
                if notebook.name in chapters:
                    found.append(notebook)
                elif not notebook.stem.endswith(".updated"):
                    print(f"note: skipped {notebook}, not named as a chapter of the course (a "
                          f"copy?): name it on its own to see its progress", file=sys.stderr)
        elif path.is_file():
            found.append(path)
        else:
            raise OSError(f"{path} does not exist: name notebooks or folders that hold them")
    if not found:
        raise OSError(f"no chapter notebooks (NN_slug.ipynb) in {', '.join(map(str, paths))}")
    return found


def course_chapter(notebook, course=COURSE_CHAPTERS):
    """The course's chapter `notebook` is a version of: the one of the same name, else the one
    of the same number (a copy, such as ``01_slug-Copy1.ipynb``), else None."""
    if (course / notebook.name).is_file():
        return course / notebook.name
    return next(iter(sorted(course.glob(f"{notebook.name[:2]}_*.ipynb"))), None)


def progress(notebooks, course=COURSE_CHAPTERS, cell_timeout=CELL_TIMEOUT):
    """Run the notebooks and return one row per exercise: chapter, exercise, status, message."""
    jobs = {}
    for notebook in notebooks:
        chapter = course_chapter(notebook, course)
        if chapter is None:
            raise OSError(f"{notebook} is not a chapter of the course (no chapter "
                          f"{notebook.name[:2]} in {course}): keep the chapter's file name")
        exercises = course_exercises(chapter)
        if not exercises:
            raise OSError(f"{chapter} lists no exercises: regenerate the course's chapters "
                          "with python tools/make_chapters.py")
        jobs[str(notebook)] = (notebook, exercises, notebook.resolve().parent, None)
    results = run_many(jobs, grading=False, cell_timeout=cell_timeout)
    return [{"chapter": notebook.name[:2], "notebook": label, "exercise": entry["id"],
             "status": STATUS[results[label][entry["id"]][0]],
             "message": results[label][entry["id"]][1]}
            for label, (notebook, exercises, _, _) in jobs.items() for entry in exercises]


def summary(rows):
    """'31 of 49 exercises done, chapter 7 is next' (or that every one is done)."""
    done = sum(row["status"] == "done" for row in rows)
    following = next((row["chapter"] for row in rows if row["status"] != "done"), None)
    if following is None:
        return f"{done} of {len(rows)} exercises done: all of them."
    return f"{done} of {len(rows)} exercises done, chapter {int(following)} is next."


def table(rows):
    """The rows as aligned text; the reason is the first line of the check's message."""
    lines = [("chapter", "exercise", "status", "reason")]
    for row in rows:
        reason = row["message"].strip().splitlines()[0].split(": ", 1)[-1]
        if row["status"] == "done" or reason.startswith("not attempted yet"):
            reason = ""  # the status says it all
        lines.append((row["chapter"], row["exercise"].partition(".")[2], row["status"], reason))
    widths = [max(len(line[column]) for line in lines) for column in range(3)]
    return "\n".join(
        "  ".join([*(cell.ljust(width) for cell, width in zip(line, widths)), line[3]]).rstrip()
        for line in lines)


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="notebooks, or folders of them "
                             "(default: my_work/ if it exists, else chapters/)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--timeout", type=int, default=CELL_TIMEOUT,
                        help=f"seconds a cell may run (default: {CELL_TIMEOUT})")
    parser.add_argument("--course", type=Path, default=COURSE_CHAPTERS,
                        help="the course's chapters/ folder, where the exercises are listed")
    args = parser.parse_args(argv)
    paths = args.paths or [DEFAULT_FOLDER if DEFAULT_FOLDER.is_dir() else COURSE_CHAPTERS]
    try:
        rows = progress(notebooks_in(paths, args.course), args.course, args.timeout)
    except OSError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps({"exercises": rows, "summary": summary(rows)}, indent=1,
                         ensure_ascii=False))
    else:
        print(table(rows))
        print(summary(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
