"""Grade a class's notebooks, ``python -m shared.course.grade SUBMISSIONS --out DIR``.

SUBMISSIONS holds one folder per learner, each with their copies of any of the course's
chapter notebooks. Every notebook runs in a fresh kernel inside a sandbox (bubblewrap: see
docs/grading.md), and every exercise of every chapter handed in by anyone is checked by the
course's own check, with grading-only inputs drawn afresh for this run; the expected answers
never enter a learner's kernel (see shared/course/runner.py). Written to DIR:

    gradebook.csv        one row per learner, one column per exercise, the totals and notes
    gradebook.md         the same as a table to read
    feedback/LEARNER.md  every exercise's verdict with the check's message
"""
import argparse
import fnmatch
import os
import secrets
import stat
import sys
from pathlib import Path

from . import sandbox
from .contract import CHAPTER_PATTERN, COURSE_CHAPTERS
from .gradebook import shown, write_reports
from .notebook import course_exercises
from .runner import CELL_TIMEOUT, NOTEBOOK_TIMEOUT, run_many

VERDICT = {"pass": "pass", "fail": "wrong", "todo": "not attempted", "error": "error",
           "timeout": "timeout"}


def _usable(path, folder):
    """True for a regular file in `folder`, or a link to one inside `folder`."""
    real = os.path.realpath(path)
    inside = os.path.commonpath([real, os.path.realpath(folder)]) == os.path.realpath(folder)
    try:
        return inside and stat.S_ISREG(os.stat(real).st_mode)
    except OSError:
        return False


def submitted(folder, chapter):
    """(the learner's notebook for a course chapter or None, notes on the choice).

    Candidates are the file of the same name and every NN_*.ipynb; of several usable ones the
    newest is graded. A FIFO, a device or a link out of the folder is never opened.
    """
    try:
        names = sorted(entry.name for entry in os.scandir(folder))
    except OSError:
        return None, []
    candidates = [Path(folder) / name for name in names
                  if name == chapter.name or (fnmatch.fnmatch(name, f"{chapter.name[:2]}_*.ipynb")
                                              and not name.endswith(".updated.ipynb"))]
    usable = [path for path in candidates if _usable(path, folder)]
    if not usable:  # the reader then says what is wrong with the file
        return (candidates[0] if candidates else None), []
    newest = max(usable, key=lambda path: (os.stat(path).st_mtime, path.name))
    notes = []
    if len(candidates) > 1:
        others = ", ".join(shown(path.name) for path in candidates if path != newest)
        notes.append(f"chapter {chapter.name[:2]}: several files were handed in; graded the "
                     f"newest, {shown(newest.name)} (not {others})")
    return newest, notes


def learner_folders(submissions, out=None):
    """The learners' folders in SUBMISSIONS (not links, not the output folder), sorted."""
    skip = os.path.realpath(out) if out else None
    folders = []
    for entry in sorted(os.scandir(submissions), key=lambda entry: os.fsencode(entry.name)):
        if entry.is_dir(follow_symlinks=False) and os.path.realpath(entry.path) != skip:
            folders.append(Path(entry.path))
    return folders


def grade(submissions, course=COURSE_CHAPTERS, cell_timeout=CELL_TIMEOUT, workers=None, *,
          notebook_timeout=NOTEBOOK_TIMEOUT, sandboxed=True, out=None):
    """{learner: {"rows": [(chapter file, exercise id, verdict, message), ...], "notes": [...]}},
    exercises in course order. Only the chapters that at least one learner handed in are graded.
    """
    learners = learner_folders(submissions, out) if submissions.is_dir() else []
    if not learners:
        raise OSError(f"{submissions} holds no folders: put each learner's notebooks in a folder "
                      "named after the learner")
    handed = {(learner, chapter.name): submitted(learner, chapter)
              for learner in learners for chapter in sorted(course.glob(CHAPTER_PATTERN))}
    chapters = [chapter for chapter in sorted(course.glob(CHAPTER_PATTERN))
                if any(handed[learner, chapter.name][0] for learner in learners)]
    if not chapters:
        raise OSError(f"no learner in {submissions} handed in a chapter of the course "
                      f"(notebooks named like those in {course})")
    exercises = {chapter: course_exercises(chapter) for chapter in chapters}
    jobs = {(learner, chapter.name):
            (handed[learner, chapter.name][0], exercises[chapter], None, learner)
            for learner in learners for chapter in chapters if handed[learner, chapter.name][0]}
    labels = {}
    for learner, chapter in jobs:  # names on the progress bar, made unique
        label = f"{shown(learner.name)}/{chapter}"
        while label in labels:
            label += "'"
        labels[label] = (learner, chapter)
    hide = [submissions, *([out] if out else [])]
    results = run_many({label: jobs[key] for label, key in labels.items()}, workers=workers,
                       grading=True, seed=secrets.randbits(64), cell_timeout=cell_timeout,
                       notebook_timeout=notebook_timeout, sandbox=sandboxed, hide=hide)
    results = {labels[label]: result for label, result in results.items()}
    book = {}
    for learner in learners:
        name = shown(learner.name)
        while name in book:
            name += " (another)"
        entry = book[name] = {"rows": [], "notes": []}
        for chapter in chapters:
            entry["notes"] += handed[learner, chapter.name][1]
            for exercise in exercises[chapter]:
                if (learner, chapter.name) in results:
                    status, message = results[learner, chapter.name][exercise["id"]]
                else:
                    status = "todo"
                    message = f"⏳ {exercise['answer']}: {chapter.name} was not handed in"
                entry["rows"].append((chapter.name, exercise["id"], VERDICT[status], message))
    return book


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("submissions", type=Path,
                        help="a folder with one folder of notebooks per learner")
    parser.add_argument("--out", type=Path, required=True,
                        help="where to write the gradebook and feedback")
    parser.add_argument("--timeout", type=int, default=CELL_TIMEOUT,
                        help=f"seconds a cell may run (default: {CELL_TIMEOUT})")
    parser.add_argument("--notebook-timeout", type=int, default=NOTEBOOK_TIMEOUT,
                        help=f"seconds a whole notebook may run (default: {NOTEBOOK_TIMEOUT})")
    parser.add_argument("--jobs", type=int, default=None,
                        help="notebooks run at once (default: the number of cores)")
    parser.add_argument("--course", type=Path, default=COURSE_CHAPTERS,
                        help="the course's chapters/ folder, where the exercises are listed")
    parser.add_argument("--unsafe-no-sandbox", action="store_true",
                        help="run the learners' code with your own permissions "
                             "(see docs/grading.md)")
    args = parser.parse_args(argv)
    reason = sandbox.unavailable()
    if reason and not args.unsafe_no_sandbox:
        print(f"error: the sandbox cannot start ({reason}); the grader runs learners' code "
              "without it only with --unsafe-no-sandbox", file=sys.stderr)
        return 1
    try:
        book = grade(args.submissions, args.course, args.timeout, args.jobs, out=args.out,
                     notebook_timeout=args.notebook_timeout, sandboxed=not args.unsafe_no_sandbox)
        write_reports(book, args.out)
    except OSError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"graded {len(book)} learners: {args.out / 'gradebook.md'}, {args.out / 'feedback'}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
