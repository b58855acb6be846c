"""Generate the learner's notebooks in chapters/ from the worked ones in solutions/.

    python tools/make_chapters.py               regenerate every chapters/ notebook
    python tools/make_chapters.py 03 07         regenerate chapters 03 and 07 only
    python tools/make_chapters.py --execute 03  re-run solutions/03_*.ipynb top to bottom,
                                                save it normalized, then regenerate chapter 03
    python tools/make_chapters.py --check       exit 1 if any chapters/ notebook is not what
                                                this tool would generate (run by the tests)

A chapter is its solutions notebook with every solution region replaced by a stub, and each
exercise cell tagged in its metadata with the exercise's id, check and answer name, which
python -m shared.course.progress and python -m shared.course.grade go by (see nbtools.py).
The learner's copy is then run once, so that its exercise and check cells store what a learner sees
before starting: the check's "not attempted yet" line. Every other output is the solutions
notebook's own.
"""
import argparse
import copy
import sys
from pathlib import Path

from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from nbtools import NotebookError, make_learner_copy, normalize, read, write

from shared.course.contract import pin_blas_threads

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS, CHAPTERS = ROOT / "solutions", ROOT / "chapters"
CELL_TIMEOUT = 600  # seconds; a chapter should run in well under a minute


def relative(path):
    """A path as shown in messages: relative to the repository when inside it."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def execute(nb, folder, name):
    """Run a notebook top to bottom in a fresh python3 kernel, working folder `folder`."""
    client = NotebookClient(
        nb,
        kernel_name="python3",
        timeout=CELL_TIMEOUT,
        record_timing=False,
        coalesce_streams=True,  # store streams as nbval compares them: joined, `\r` applied
        resources={"metadata": {"path": str(folder)}},
    )
    try:
        client.execute()
    except CellExecutionError as error:
        raise NotebookError(f"{name}: a cell raised an error while running:\n{error}") from None
    return nb


def build_chapter(solution, chapters, run=True):
    """The chapter made from a solutions notebook, and its exercise and check cells' indices.

    run=True runs the learner's copy with `chapters` as its working folder; with run=False
    the exercise and check cells are left without outputs (what --check compares).
    """
    learner, cleared = make_learner_copy(normalize(read(solution)), relative(solution))
    if run and cleared:
        chapters.mkdir(exist_ok=True)
        name = f"{relative(chapters / solution.name)} (learner's copy)"
        ran = execute(copy.deepcopy(learner), chapters, name)
        for index in cleared:
            learner.cells[index].outputs = ran.cells[index].outputs
            learner.cells[index].execution_count = ran.cells[index].execution_count
    return learner, cleared


def without_exercise_outputs(nb, cleared):
    """A copy of a notebook whose exercise and check cells have no outputs or counts."""
    nb = copy.deepcopy(nb)
    for index in cleared:
        if index < len(nb.cells) and nb.cells[index].cell_type == "code":
            nb.cells[index].outputs, nb.cells[index].execution_count = [], None
    return nb


def differences(solution, chapter):
    """How a committed chapter differs from what would be generated (empty: it does not).

    Outputs of exercise and check cells are not compared here: nbval re-runs those.
    """
    if not chapter.exists():
        return [f"{relative(chapter)} is missing"]
    expected, cleared = build_chapter(solution, chapter.parent, run=False)
    expected = without_exercise_outputs(expected, cleared)
    actual = without_exercise_outputs(read(chapter), cleared)
    found = [f"different notebook {key}" for key in ("metadata", "nbformat", "nbformat_minor")
             if expected[key] != actual[key]]
    if len(expected.cells) != len(actual.cells):
        found.append(f"{len(actual.cells)} cells instead of {len(expected.cells)}")
    for index, (want, have) in enumerate(zip(expected.cells, actual.cells)):
        keys = sorted(key for key in set(want) | set(have) if want.get(key) != have.get(key))
        if keys:
            found.append(f"cell {index + 1}: different {', '.join(keys)}")
    return found


def solution_paths(numbers):
    """The solutions notebooks to work on: all of them, or those numbered as given (3, 03)."""
    if not numbers:
        return sorted(SOLUTIONS.glob("[0-9][0-9]_*.ipynb"))
    paths = []
    for number in numbers:
        pattern = f"{number.zfill(2)}_*.ipynb"
        matches = sorted(SOLUTIONS.glob(pattern)) if number.isdigit() else []
        if len(matches) != 1:
            raise NotebookError(f"no single notebook solutions/{pattern} for {number!r}")
        paths += matches
    return paths


def check(solutions, orphans=True):
    """Print each chapter that is out of date (and, if asked, without a source); return 0 or 1."""
    problems = []
    for solution in solutions:
        chapter = CHAPTERS / solution.name
        found = differences(solution, chapter)
        if found:
            fix = f"fix: python tools/make_chapters.py {solution.name[:2]}"
            heading = f"{relative(chapter)} differs from what tools/make_chapters.py generates:\n"
            problems.append(heading + "".join(f"  {line}\n" for line in found + [fix]))
    if orphans:
        names = {solution.name for solution in solutions}
        for chapter in sorted(CHAPTERS.glob("*.ipynb")):
            if chapter.name not in names:
                problems.append(f"{relative(chapter)} has no source: delete it, "
                                f"or add solutions/{chapter.name}\n")
    if problems:
        print("".join(problems), end="")
        return 1
    print(f"chapters/ is up to date with solutions/ ({len(solutions)} notebooks checked).")
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("numbers", nargs="*", metavar="NN", help="chapter numbers (default: all)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true",
                      help="only compare chapters/ with what would be generated")
    mode.add_argument("--execute", action="store_true",
                      help="first re-run and save the solutions notebooks")
    args = parser.parse_args(argv)
    pin_blas_threads()
    try:
        solutions = solution_paths(args.numbers)
        if args.check:
            return check(solutions, orphans=not args.numbers)
        for solution in solutions:
            if args.execute:
                print(f"running {relative(solution)}", flush=True)
                ran = execute(normalize(read(solution)), SOLUTIONS, relative(solution))
                write(normalize(ran), solution)
            print(f"writing {relative(CHAPTERS / solution.name)}", flush=True)
            write(normalize(build_chapter(solution, CHAPTERS)[0]), CHAPTERS / solution.name)
    except NotebookError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
