"""Grade a class's notebooks, ``python -m shared.course.grade SUBMISSIONS --out DIR``.

SUBMISSIONS holds one folder per learner, each with their copies of any of the course's
chapter notebooks. Every notebook runs in a fresh kernel (in a temporary folder: nothing of
the learner's is written to), and every exercise of every chapter handed in by anyone is
checked by the course's own check, hidden cases included (see shared/course/runner.py for
why a notebook cannot fool it). Written to DIR:

    gradebook.csv        one row per learner, one column per exercise, and the totals
    gradebook.md         the same as a table to read
    feedback/LEARNER.md  every exercise's verdict with the check's message
"""
import argparse
import csv
import sys
from pathlib import Path

from .runner import CELL_TIMEOUT, course_exercises, run_many
from .contract import CHAPTER_PATTERN, COURSE_CHAPTERS

VERDICT = {"pass": "pass", "fail": "wrong", "todo": "not attempted", "error": "error",
           "timeout": "timeout"}


def submitted(folder, chapter):
    """The learner's notebook for a course chapter: same name, else the one file NN_*.ipynb."""
    if (folder / chapter.name).is_file():
        return folder / chapter.name
    candidates = [path for path in folder.glob(f"{chapter.name[:2]}_*.ipynb")
                  if not path.stem.endswith(".updated")]
    return candidates[0] if len(candidates) == 1 else None


def grade(submissions, course=COURSE_CHAPTERS, cell_timeout=CELL_TIMEOUT, workers=None):
    """{learner: [(chapter file name, exercise id, verdict, message), ...]}, exercises in course order.

    Only the chapters that at least one learner handed in are graded.
    """
    learners = sorted(path for path in submissions.iterdir() if path.is_dir()) if submissions.is_dir() else []
    if not learners:
        raise OSError(f"{submissions} holds no folders: put each learner's notebooks in a folder "
                      "named after the learner")
    chapters = [chapter for chapter in sorted(course.glob(CHAPTER_PATTERN))
                if any(submitted(learner, chapter) for learner in learners)]
    if not chapters:
        raise OSError(f"no learner in {submissions} handed in a chapter of the course "
                      f"(notebooks named like those in {course})")
    exercises = {chapter: course_exercises(chapter) for chapter in chapters}
    jobs = {f"{learner.name}/{chapter.name}": (submitted(learner, chapter), exercises[chapter], None)
            for learner in learners for chapter in chapters if submitted(learner, chapter)}
    results = run_many(jobs, grading=True, cell_timeout=cell_timeout, workers=workers)
    book = {}
    for learner in learners:
        book[learner.name] = []
        for chapter in chapters:
            for entry in exercises[chapter]:
                if f"{learner.name}/{chapter.name}" in results:
                    status, message = results[f"{learner.name}/{chapter.name}"][entry["id"]]
                else:
                    status, message = "todo", f"⏳ {entry['answer']}: {chapter.name} was not handed in"
                book[learner.name].append((chapter.name, entry["id"], VERDICT[status], message))
    return book


def write_csv(book, path):
    exercises = [id for _, id, _, _ in next(iter(book.values()))]
    with open(path, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(["learner", *exercises, "passed", "exercises"])
        for learner, rows in book.items():
            verdicts = [verdict for _, _, verdict, _ in rows]
            writer.writerow([learner, *verdicts, verdicts.count("pass"), len(verdicts)])


def gradebook_markdown(book):
    exercises = [id for _, id, _, _ in next(iter(book.values()))]
    lines = ["# Gradebook", "",
             f"{len(book)} learners, {len(exercises)} exercises; every check ran its hidden cases too.",
             "", "| learner | " + " | ".join(exercises) + " | passed |",
             "| --- | " + " | ".join("---" for _ in exercises) + " | --- |"]
    for learner, rows in book.items():
        verdicts = [verdict for _, _, verdict, _ in rows]
        lines.append(f"| {learner} | " + " | ".join(verdicts)
                     + f" | {verdicts.count('pass')} of {len(verdicts)} |")
    return "\n".join(lines) + "\n"


def feedback_markdown(learner, rows):
    passed = sum(verdict == "pass" for _, _, verdict, _ in rows)
    lines = [f"# Feedback for {learner}", "",
             f"{passed} of {len(rows)} exercises pass. Each check also tried inputs that the "
             "notebook does not show, so an answer must work in general, not only on the inputs "
             "you saw."]
    chapter = None
    for name, id, verdict, message in rows:
        if name != chapter:
            chapter = name
            lines += ["", f"## {name}"]
        lines += ["", f"### {id}: {verdict}", "", "```text", message.rstrip(), "```"]
    return "\n".join(lines) + "\n"


def write_reports(book, out):
    """Write gradebook.csv, gradebook.md and feedback/LEARNER.md into `out`."""
    (out / "feedback").mkdir(parents=True, exist_ok=True)
    write_csv(book, out / "gradebook.csv")
    (out / "gradebook.md").write_text(gradebook_markdown(book), encoding="utf-8")
    for learner, rows in book.items():
        (out / "feedback" / f"{learner}.md").write_text(feedback_markdown(learner, rows), encoding="utf-8")


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("submissions", type=Path, help="a folder with one folder of notebooks per learner")
    parser.add_argument("--out", type=Path, required=True, help="where to write the gradebook and feedback")
    parser.add_argument("--timeout", type=int, default=CELL_TIMEOUT,
                        help=f"seconds a cell may run (default: {CELL_TIMEOUT})")
    parser.add_argument("--jobs", type=int, default=None,
                        help="notebooks run at once (default: the number of cores)")
    parser.add_argument("--course", type=Path, default=COURSE_CHAPTERS,
                        help="the course's chapters/ folder, where the exercises are listed")
    args = parser.parse_args(argv)
    try:
        book = grade(args.submissions, args.course, args.timeout, args.jobs)
        write_reports(book, args.out)
    except OSError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"graded {len(book)} learners: {args.out / 'gradebook.md'}, {args.out / 'feedback'}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
